"""Counting the database round trips a request makes.

Counted: every statement the app executes, every ping of a pooled connection,
and the transaction control the driver sends on its own. A BEGIN is counted
when a statement finds no transaction open and leaves one open (the driver
sends it as a statement of its own); a COMMIT or ROLLBACK when a transaction
is open as the app ends it (with none open the driver sends nothing). Whether
a transaction is open is the dialect's business (tests/database.py).
"""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.database import transaction_open


class RoundTrips:
    def __init__(self) -> None:
        self.count = 0
        self.statements: list[str] = []

    def note(self, statement: str) -> None:
        self.count += 1
        self.statements.append(statement)


@contextmanager
def counting_round_trips(engine: AsyncEngine) -> Iterator[RoundTrips]:
    trips = RoundTrips()
    sync_engine = engine.sync_engine
    dialect = sync_engine.dialect

    # Before the statement is compiled, so before any cursor-level listener
    # of the engine's own (the dialect's) has sent a BEGIN.
    def before(connection: Any, *args: Any) -> None:
        connection.info["transaction_open"] = transaction_open(connection.connection)

    def after(connection: Any, cursor: Any, statement: str, *args: Any) -> None:
        was_open = connection.info.get("transaction_open", False)
        connection.info["transaction_open"] = transaction_open(connection.connection)
        began = connection.info["transaction_open"] and not was_open
        if began and not statement.lstrip().upper().startswith("BEGIN"):
            trips.note("BEGIN")
        trips.note(statement)

    def ending(name: str) -> Any:
        end = getattr(dialect, name)

        def counted(dbapi_connection: Any) -> None:
            if transaction_open(dbapi_connection):
                trips.note(name.removeprefix("do_").upper())
            end(dbapi_connection)

        return counted

    def pinged(dbapi_connection: Any) -> bool:
        trips.note("ping")
        return bool(ping(dbapi_connection))

    ping = dialect.do_ping

    event.listen(sync_engine, "before_execute", before)
    event.listen(sync_engine, "after_cursor_execute", after)
    # On the instance, so this engine alone counts, and only until the end.
    dialect.do_commit = ending("do_commit")  # type: ignore[method-assign]
    dialect.do_rollback = ending("do_rollback")  # type: ignore[method-assign]
    dialect.do_ping = pinged  # type: ignore[method-assign]
    try:
        yield trips
    finally:
        del dialect.do_commit, dialect.do_rollback, dialect.do_ping
        event.remove(sync_engine, "before_execute", before)
        event.remove(sync_engine, "after_cursor_execute", after)
