"""The engine and its sessions.

SQLite gets WAL, foreign keys, a busy timeout and synchronous=FULL (a committed transaction
survives a power failure), and every writing transaction starts with BEGIN IMMEDIATE: it takes
the write lock before reading, so two processes registering at once queue behind each other
instead of failing with "database is locked" on the lock upgrade.

PostgreSQL gets the same bounded wait as a lock_timeout, and a statement_timeout so no command
hangs without end. A reading transaction is one read-only snapshot on both backends (SQLite's
WAL read transactions are snapshots; PostgreSQL's are made REPEATABLE READ), so an export or an
overview never mixes two moments.

A SQLite database this process cannot write (a read-only disk, a backup copy without write rights,
a stale read-only -shm file) is opened read-only (`mode=ro`, or `immutable=1` when nothing can
write it): the read commands work, and a writing transaction is refused with the file that blocks.
"""

from __future__ import annotations

import os
import sqlite3
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError

if TYPE_CHECKING:
    from sqlmodel import Session

from adviesfouten import OpslagFout
from opslag import diagnose, sqlitebestand
from opslag.configuratie import wachttijd_seconden
from opslag.diagnose import UITKOMST_ONBEKEND, bestandsoorzaak, verbinding_verloren

# A single statement longer than this is stopped on PostgreSQL: far above any real query, but an end.
STATEMENT_FACTOR = 20


# The SQLite drivers advies works with: Python's own sqlite3 module. Others (aiosqlite, pysqlcipher)
# are refused by name instead of half working.
SQLITE_STUURPROGRAMMAS = ("sqlite", "sqlite+pysqlite")
# Engines opened read-only, with the refusal a write gets (see opslag.sqlitebestand).
_ALLEEN_LEZEN: weakref.WeakKeyDictionary[Engine, str] = weakref.WeakKeyDictionary()


def controleer_url(url: str) -> URL:
    """The parsed URL, or a Dutch refusal for one advies cannot use."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise OpslagFout(f"ongeldige database-URL: {url}") from None
    if parsed.get_backend_name() == "sqlite" and parsed.drivername not in SQLITE_STUURPROGRAMMAS:
        raise OpslagFout(
            f"advies werkt met SQLite alleen via Pythons eigen sqlite3, niet via het stuurprogramma "
            f"'{parsed.get_driver_name()}' ({parsed.drivername}); gebruik sqlite:///PAD"
        )
    return parsed


def maak_engine(url: str) -> Engine:
    parsed = controleer_url(url)
    backend = parsed.get_backend_name()
    try:
        if backend == "sqlite":
            return _sqlite_engine(url, parsed.database)
        if backend == "postgresql":
            return _postgresql_engine(parsed)
        return create_engine(url)
    except (ModuleNotFoundError, NoSuchModuleError):
        raise OpslagFout(
            f"advies kan niet met een database van het soort '{parsed.drivername}' werken; "
            "gebruik sqlite:///PAD of postgresql+psycopg://LOGIN@SERVER/DATABASE"
        ) from None


def _postgresql_engine(url: URL) -> Engine:
    if url.drivername == "postgresql":
        url = url.set(drivername="postgresql+psycopg")  # the driver advies installs
    if url.drivername != "postgresql+psycopg":
        raise ModuleNotFoundError(url.drivername)
    wachten_ms = int(wachttijd_seconden() * 1000)
    opties = f"-c lock_timeout={wachten_ms} -c statement_timeout={wachten_ms * STATEMENT_FACTOR}"
    return create_engine(url, connect_args={"options": opties, "connect_timeout": 10})


def _sqlite_engine(url: str, bestand: str | None) -> Engine:
    leesmodus = None
    if bestand and bestand != ":memory:":
        pad = Path(bestand)
        try:
            pad.parent.mkdir(parents=True, exist_ok=True)
        except OSError as fout:
            raise OpslagFout(f"kan de map {pad.parent} voor de database niet maken: {bestandsoorzaak(fout)}") from None
        if pad.is_dir() or (pad.exists() and not os.access(pad, os.R_OK)):
            raise OpslagFout(f"kan de database niet openen: {sqlitebestand.niet_te_openen(pad)}")
        leesmodus = sqlitebestand.leesmodus(pad) if pad.exists() else None
    wachttijd = wachttijd_seconden()
    if leesmodus is None:
        engine = create_engine(url, connect_args={"timeout": wachttijd})
    else:
        engine = _alleen_lezen_engine(Path(str(bestand)), leesmodus, wachttijd)
        _ALLEEN_LEZEN[engine] = diagnose.kan_niet_wijzigen(Path(str(bestand)), leesmodus.reden)

    @event.listens_for(engine, "connect")
    def _bij_verbinden(dbapi_verbinding: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event below decide how a transaction starts.
        dbapi_verbinding.isolation_level = None
        cursor = dbapi_verbinding.cursor()
        if leesmodus is None:  # a read-only connection keeps the journal mode the file has
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={int(wachttijd * 1000)}")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _bij_begin(verbinding: Any) -> None:
        schrijven = verbinding.get_execution_options().get("schrijven", False)
        if schrijven and leesmodus is not None:
            raise OpslagFout(diagnose.kan_niet_wijzigen(Path(str(bestand)), leesmodus.reden))  # before any change
        verbinding.exec_driver_sql("BEGIN IMMEDIATE" if schrijven else "BEGIN")

    return engine


def _alleen_lezen_engine(pad: Path, leesmodus: sqlitebestand.Leesmodus, wachttijd: float) -> Engine:
    """SQLite opened through a URI (https://www.sqlite.org/uri.html), so any path is quoted right."""
    from urllib.parse import quote

    from sqlalchemy.pool import QueuePool

    optie = "immutable=1" if leesmodus.onveranderlijk else "mode=ro"
    uri = f"file:{quote(str(pad.absolute()))}?{optie}"

    def verbind() -> sqlite3.Connection:
        return sqlite3.connect(uri, uri=True, timeout=wachttijd, check_same_thread=False)

    return create_engine("sqlite://", creator=verbind, poolclass=QueuePool)


def alleen_lezen(engine: Engine) -> str | None:
    """The refusal for a write when this engine's database was opened read-only, or None."""
    return _ALLEEN_LEZEN.get(engine)


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


@contextmanager
def sessie(engine: Engine, *, schrijven: bool) -> Iterator[Session]:
    """One transaction: committed when the block ends normally, rolled back otherwise.

    A reading transaction is one read-only snapshot; a connection lost during COMMIT is reported
    as such, since then nobody knows whether the change was stored.
    """
    from sqlmodel import Session  # here, not at the top: the read commands never load the ORM

    with (
        _lezend(schrijven),
        _verbonden(engine, schrijven=schrijven) as verbinding,
        Session(bind=verbinding, expire_on_commit=False) as s,
    ):
        try:
            yield s
        except BaseException:
            s.rollback()
            raise
        try:
            s.commit()
        except DBAPIError as fout:
            if schrijven and verbinding_verloren(fout):
                raise OpslagFout(UITKOMST_ONBEKEND) from None
            raise


@contextmanager
def leesverbinding(engine: Engine) -> Iterator[Connection]:
    """A reading transaction on a plain Core connection: the same read-only snapshot as
    `sessie(engine, schrijven=False)`, without loading sqlmodel or the ORM (see opslag.leestabellen)."""
    with _lezend(schrijven=False), _verbonden(engine, schrijven=False) as verbinding, verbinding.begin():
        yield verbinding


@contextmanager
def _lezend(schrijven: bool) -> Iterator[None]:
    """A database error out of a reading transaction, told as one: "er is niets opgeslagen" means
    nothing to someone who only read. An error without a Dutch diagnosis goes on unchanged, for
    the CLI to log."""
    try:
        yield
    except DBAPIError as fout:
        melding = None if schrijven else diagnose.bericht(fout, schrijven=False)
        if melding is None:
            raise
        raise OpslagFout(melding) from fout


def verbinding_van(bron: Session | Connection) -> Connection:
    """The Core connection of a session, or the connection itself: a read service takes either."""
    return bron if isinstance(bron, Connection) else bron.connection()


@contextmanager
def _verbonden(engine: Engine, *, schrijven: bool) -> Iterator[Connection]:
    with engine.connect() as verbinding:
        verbinding = verbinding.execution_options(schrijven=schrijven)
        if not schrijven and engine.dialect.name == "postgresql":
            verbinding = verbinding.execution_options(isolation_level="REPEATABLE READ", postgresql_readonly=True)
        yield verbinding


def wacht_op_slot(sessie: Session, naam: str) -> None:
    """Serialise one kind of work (handing out numbers) across processes, until the transaction ends.

    SQLite's writing transactions already hold the database's write lock; PostgreSQL takes a
    transaction-level advisory lock, so twelve registrations at once queue instead of colliding.
    """
    if sessie.get_bind().dialect.name == "postgresql":
        sessie.execute(text("SELECT pg_advisory_xact_lock(hashtext(:naam))"), {"naam": naam})


def zet_reeksen_bij(sessie: Session) -> None:
    """After rows were inserted with their own ids, PostgreSQL's id sequences must continue after them."""
    if sessie.get_bind().dialect.name != "postgresql":
        return
    from sqlmodel import SQLModel

    import opslag.modellen  # noqa: F401  (registers the tables)

    for tabel in SQLModel.metadata.sorted_tables:
        if "id" in tabel.c and tabel.c.id.primary_key:
            sessie.execute(
                text(
                    f"SELECT setval(pg_get_serial_sequence('{tabel.name}', 'id'), "
                    f"COALESCE((SELECT MAX(id) FROM {tabel.name}), 1), "
                    f"(SELECT MAX(id) FROM {tabel.name}) IS NOT NULL)"
                )
            )
