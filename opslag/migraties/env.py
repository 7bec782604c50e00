"""Alembic environment: the connection (or engine) comes from `opslag.schema`, else the usual URL."""

from alembic import context
from sqlalchemy import Connection
from sqlmodel import SQLModel

import opslag.modellen  # noqa: F401  (registers the tables on SQLModel.metadata)
from opslag.configuratie import database_url
from opslag.database import maak_engine

config = context.config


def migreer(verbinding: Connection) -> None:
    context.configure(
        connection=verbinding,
        target_metadata=SQLModel.metadata,
        render_as_batch=True,  # SQLite can only change tables by copying them
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


gegeven = config.attributes.get("connection")
if gegeven is not None:
    migreer(gegeven)
else:
    engine = config.attributes.get("engine") or maak_engine(database_url())
    with engine.connect() as verbinding:
        migreer(verbinding)
        verbinding.commit()
