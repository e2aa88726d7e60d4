"""Authentication: password hashing, JWT access tokens and FastAPI dependencies."""
