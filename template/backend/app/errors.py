"""Errors the API answers with, shaped as the app reads them."""

from fastapi import HTTPException


def field_error(
    status_code: int, field: str, message: str, error_type: str
) -> HTTPException:
    """An error on one field of the body, shaped like FastAPI's 422 items so
    the app shows it next to that field."""
    return HTTPException(
        status_code=status_code,
        detail=[{"loc": ["body", field], "msg": message, "type": error_type}],
    )
