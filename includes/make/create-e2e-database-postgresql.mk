	cd backend && .venv/bin/python scripts/create_database.py "$${E2E_DATABASE_URL:-postgresql://postgres@localhost:5432/{{ project_slug | replace("-", "_") }}_e2e}"
