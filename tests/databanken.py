"""The database a test run uses: SQLite files in tmp_path, or one PostgreSQL database per run.

`ADVIES_TEST_BACKEND=postgresql` selects PostgreSQL (server from ADVIES_TEST_PG_URL, by default
the local one with trust authentication). The run creates its own database, owned by a group
role of which the test logins els, hans, fleur and piet are members, empties it before every
test and drops it at the end. Emptying deletes the rows and restarts the sequences in one
transaction without waiting for its commit to reach the disk: TRUNCATE of every table takes the
server over half a second, each time.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest
from sqlalchemy import Connection, Engine, create_engine, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import OperationalError

BACKEND = os.environ.get("ADVIES_TEST_BACKEND", "sqlite")
PG_BEHEER_URL = os.environ.get("ADVIES_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
GROEP = "advies_test"
LOGINS = ("els", "hans", "fleur", "piet")


def _tabellen() -> list[str]:
    """Every table of the models, referring ones after the ones they refer to, so a new table is
    emptied too."""
    from sqlmodel import SQLModel

    import opslag.modellen  # noqa: F401  (registers the tables)

    return [tabel.name for tabel in SQLModel.metadata.sorted_tables]


TABELLEN = ", ".join(_tabellen())
_LEEGMAKEN = "".join(f"DELETE FROM {naam};" for naam in reversed(_tabellen()))


class PostgresDatabase:
    def __init__(self, naam: str) -> None:
        self.naam = naam
        self.beheer: URL = make_url(PG_BEHEER_URL).set(database=naam)
        self._engine: Engine | None = None

    def url(self, gebruiker: str = "els") -> str:
        return self.beheer.set(username=gebruiker, password=None).render_as_string(hide_password=False)

    def engine(self) -> Engine:
        """The test process's own connection to the database, as the server's administrator."""
        if self._engine is None:
            self._engine = create_engine(self.beheer, pool_size=1, pool_pre_ping=True)
        return self._engine

    def leegmaken(self) -> None:
        with self.engine().begin() as verbinding:
            self.maak_leeg(verbinding)

    def maak_leeg(self, verbinding: Connection) -> None:
        """Every row gone and every sequence back at 1, in the caller's transaction (which does
        not wait for its commit to be on disk: a test database need not survive a crash)."""
        verbinding.exec_driver_sql(f"SET LOCAL synchronous_commit = off;{_LEEGMAKEN}")
        verbinding.execute(
            text("SELECT setval(c.oid, 1, false) FROM pg_class c WHERE c.relkind = 'S' AND pg_table_is_visible(c.oid)")
        )

    def sluit(self) -> None:
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None


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
    database.sluit()
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
