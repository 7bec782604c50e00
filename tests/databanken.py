"""The database a test run uses: SQLite files in tmp_path, or one PostgreSQL database per run.

`ADVIES_TEST_BACKEND=postgresql` selects PostgreSQL (server from ADVIES_TEST_PG_URL, by default
the local one with trust authentication). The run creates its own database, owned by a group
role of which the test logins els, hans, fleur and piet are members, empties it before every
test and drops it at the end.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest
from sqlalchemy import Connection, create_engine, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import OperationalError

BACKEND = os.environ.get("ADVIES_TEST_BACKEND", "sqlite")
PG_BEHEER_URL = os.environ.get("ADVIES_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
GROEP = "advies_test"
LOGINS = ("els", "hans", "fleur", "piet")


def _tabellen() -> str:
    """Every table of the models, so a new table is emptied too."""
    from sqlmodel import SQLModel

    import opslag.modellen  # noqa: F401  (registers the tables)

    return ", ".join(tabel.name for tabel in SQLModel.metadata.sorted_tables)


TABELLEN = _tabellen()


class PostgresDatabase:
    def __init__(self, naam: str) -> None:
        self.naam = naam
        self.beheer: URL = make_url(PG_BEHEER_URL).set(database=naam)

    def url(self, gebruiker: str = "els") -> str:
        return self.beheer.set(username=gebruiker, password=None).render_as_string(hide_password=False)

    def leegmaken(self) -> None:
        engine = create_engine(self.beheer, isolation_level="AUTOCOMMIT")
        with engine.connect() as verbinding:
            verbinding.execute(text(f"TRUNCATE {TABELLEN} RESTART IDENTITY CASCADE"))
        engine.dispose()


HUIDIGE: PostgresDatabase | None = None


def maak_postgres() -> PostgresDatabase:
    global HUIDIGE
    try:
        beheer = create_engine(PG_BEHEER_URL, isolation_level="AUTOCOMMIT")
        with beheer.connect() as verbinding:
            # Roles belong to the whole server; xdist workers may create them at the same time.
            verbinding.execute(text("SELECT pg_advisory_lock(hashtext('advies_test.rollen'))"))
            _maak_rol(verbinding, GROEP, "NOLOGIN")
            for login in LOGINS:
                _maak_rol(verbinding, login, f"LOGIN IN ROLE {GROEP}")
                verbinding.execute(text(f"GRANT {GROEP} TO {login}"))
            verbinding.execute(text("SELECT pg_advisory_unlock(hashtext('advies_test.rollen'))"))
            naam = f"advies_test_{uuid.uuid4().hex[:12]}"
            verbinding.execute(text(f"CREATE DATABASE {naam} OWNER {GROEP}"))
        beheer.dispose()
    except OperationalError as fout:
        reden = f"PostgreSQL niet bereikbaar op {make_url(PG_BEHEER_URL).render_as_string()}: {fout.orig}"
        if os.environ.get("CI"):
            pytest.fail(reden)
        pytest.skip(reden)
    HUIDIGE = PostgresDatabase(naam)
    from opslag import schema
    from opslag.database import maak_engine

    engine = maak_engine(HUIDIGE.url())
    schema.upgrade(engine)
    engine.dispose()
    return HUIDIGE


def verwijder_postgres(database: PostgresDatabase) -> None:
    beheer = create_engine(PG_BEHEER_URL, isolation_level="AUTOCOMMIT")
    with beheer.connect() as verbinding:
        verbinding.execute(text(f"DROP DATABASE IF EXISTS {database.naam} WITH (FORCE)"))
    beheer.dispose()


def _maak_rol(verbinding: Connection, naam: str, opties: str) -> None:
    bestaat = verbinding.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": naam}).first()
    if not bestaat:
        verbinding.execute(text(f"CREATE ROLE {naam} {opties}"))


def frisse_omgeving(map_: Path, gebruiker: str = "els") -> dict[str, str]:
    """Environment for a fresh register: an empty database that `advies init` brings to the schema."""
    omgeving = {"ADVIES_HOME": str(map_), "ADVIES_GEBRUIKER": gebruiker}
    if BACKEND == "postgresql":
        assert HUIDIGE is not None, "the session's PostgreSQL database is made by the `database` fixture"
        HUIDIGE.leegmaken()
        omgeving["ADVIES_DATABASE_URL"] = HUIDIGE.url(gebruiker)
    return omgeving


def als_gebruiker(monkeypatch: pytest.MonkeyPatch, naam: str) -> None:
    """Act as `naam`: ADVIES_GEBRUIKER on SQLite, that database login on PostgreSQL."""
    monkeypatch.setenv("ADVIES_GEBRUIKER", naam)
    if BACKEND == "postgresql":
        assert HUIDIGE is not None
        monkeypatch.setenv("ADVIES_DATABASE_URL", HUIDIGE.url(naam))
