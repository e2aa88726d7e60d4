"""Types of the user's extra fields that say more than the Python type: what
the column can hold, and how a value is read."""

import datetime
from typing import Annotated

from pydantic import AfterValidator, Field, WithJsonSchema

# What an INTEGER column holds on every database.
Int32 = Annotated[int, Field(ge=-(2**31), le=2**31 - 1)]


def _naive(moment: datetime.datetime) -> datetime.datetime:
    # Extra datetime fields are wall-clock values (what <input type=datetime-local>
    # sends); a value with a zone is stored as the same moment in UTC.
    if moment.tzinfo is None:
        return moment
    try:
        return moment.astimezone(datetime.UTC).replace(tzinfo=None)
    except OverflowError:
        raise ValueError("is out of range once converted to UTC") from None


# Documented as what it is: a date and time without a zone.
NaiveDateTime = Annotated[
    datetime.datetime,
    AfterValidator(_naive),
    WithJsonSchema({"type": "string", "format": "local-date-time"}),
]
