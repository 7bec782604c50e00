"""The engine and its sessions.

SQLite gets WAL, foreign keys and a busy timeout, and every writing transaction starts with
BEGIN IMMEDIATE: it takes the write lock before reading, so two processes registering at once
queue behind each other instead of failing with "database is locked" on the lock upgrade.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError
from sqlmodel import Session

from opslag.fouten import OpslagFout

WACHTTIJD_SECONDEN = 30


def maak_engine(url: str) -> Engine:
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise OpslagFout(f"ongeldige database-URL: {url}") from None
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(url, parsed.database)
    return create_engine(url)


def _sqlite_engine(url: str, bestand: str | None) -> Engine:
    if bestand and bestand != ":memory:":
        Path(bestand).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": WACHTTIJD_SECONDEN})

    @event.listens_for(engine, "connect")
    def _bij_verbinden(dbapi_verbinding: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event below decide how a transaction starts.
        dbapi_verbinding.isolation_level = None
        cursor = dbapi_verbinding.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={WACHTTIJD_SECONDEN * 1000}")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _bij_begin(verbinding: Any) -> None:
        schrijven = verbinding.get_execution_options().get("schrijven", False)
        verbinding.exec_driver_sql("BEGIN IMMEDIATE" if schrijven else "BEGIN")

    return engine


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


@contextmanager
def sessie(engine: Engine, *, schrijven: bool) -> Iterator[Session]:
    """One transaction: committed when the block ends normally, rolled back otherwise."""
    with engine.connect() as verbinding:
        verbinding = verbinding.execution_options(schrijven=schrijven)
        with Session(bind=verbinding, expire_on_commit=False) as s:
            try:
                yield s
                s.commit()
            except BaseException:
                s.rollback()
                raise


def wacht_op_slot(sessie: Session, naam: str) -> None:
    """Serialise one kind of work (handing out numbers) across processes, until the transaction ends.

    SQLite's writing transactions already hold the database's write lock; PostgreSQL takes a
    transaction-level advisory lock, so twelve registrations at once queue instead of colliding.
    """
    if sessie.get_bind().dialect.name == "postgresql":
        sessie.execute(text("SELECT pg_advisory_xact_lock(hashtext(:naam))"), {"naam": naam})
