"""Alembic environment: runs migrations on the connection handed over by ``data.migrate``."""

from alembic import context

from data.schema import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
context.run_migrations()
