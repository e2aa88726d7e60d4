"""Alembic environment: migrations run with a synchronous driver."""

from logging.config import fileConfig

from alembic import context
from sqlalchemy import create_engine, pool

from app.config import get_settings
from app.dialect import ALEMBIC_BATCH_MODE, sync_database_url
from app.tables import metadata

config = context.config
# The tests run migrations without letting Alembic reconfigure logging.
if config.config_file_name and config.attributes.get("configure_logging", True):
    fileConfig(config.config_file_name)

target_metadata = metadata


def database_url() -> str:
    url = config.attributes.get("database_url") or get_settings().database_url
    return sync_database_url(url).render_as_string(hide_password=False)


def run_migrations_offline() -> None:
    context.configure(
        url=database_url(),
        target_metadata=target_metadata,
        literal_binds=True,
        render_as_batch=ALEMBIC_BATCH_MODE,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    engine = create_engine(database_url(), poolclass=pool.NullPool)
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=ALEMBIC_BATCH_MODE,
        )
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
