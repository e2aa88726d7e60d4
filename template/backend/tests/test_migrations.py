"""The migrations create exactly what the models declare."""

import sqlalchemy as sa
from alembic import command

from tests.helpers import alembic_config


def test_models_and_migrations_agree() -> None:
    # Fails after a model change until `make migration` has written its migration.
    command.check(alembic_config())


def test_migrations_go_down_and_up_again(sync_engine: sa.Engine) -> None:
    config = alembic_config()

    command.downgrade(config, "base")
    assert set(sa.inspect(sync_engine).get_table_names()) <= {"alembic_version"}

    command.upgrade(config, "head")
    assert "users" in sa.inspect(sync_engine).get_table_names()
