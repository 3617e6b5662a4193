"""Alembic environment: runs on the connection the app hands over (never from an ini file)."""

from __future__ import annotations

from alembic import context

from secretariat_app.core.models import Base

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is None:
        from secretariat_app.core.db import make_engine, resolve_url

        engine = make_engine(resolve_url(config.get_main_option("database_url") or None))
        with engine.begin() as new_connection:
            _run(new_connection)
        return
    _run(connection)


def _run(connection: object) -> None:
    context.configure(
        connection=connection,  # type: ignore[arg-type]
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
    )
    context.run_migrations()


run_migrations_online()
