	cd backend && .venv/bin/python scripts/create_database.py
