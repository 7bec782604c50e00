"""Alembic environment: the engine comes from `opslag.schema.alembic_config` or the usual URL."""

from alembic import context
from sqlmodel import SQLModel

import opslag.modellen  # noqa: F401  (registers the tables on SQLModel.metadata)
from opslag.configuratie import database_url
from opslag.database import maak_engine

config = context.config
engine = config.attributes.get("engine") or maak_engine(database_url())

with engine.connect() as verbinding:
    context.configure(
        connection=verbinding,
        target_metadata=SQLModel.metadata,
        render_as_batch=True,  # SQLite can only change tables by copying them
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()
    verbinding.commit()
