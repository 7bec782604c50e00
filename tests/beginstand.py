"""Starting states built once per test process and put back for every test that asks for them.

Building a register through the CLI costs seconds (Alembic's `init`, users, a rendered letter);
copying the result costs milliseconds. `zet_neer(naam, home, opbouw)` runs `opbouw` (CLI
commands against `home`, whose environment the test has set) the first time, keeps what it
made, and puts exactly that back every next time:

- SQLite: the files of the home folder, the database included (copied with SQLite's backup);
- PostgreSQL: the files of the home folder, and every row of every table, restored after emptying
  the tables, with the sequences where they were.

A state is kept per name and per environment (the ADVIES_* variables other than the home folder),
so a test that acts as another user or on another database gets a state of its own.
"""

from __future__ import annotations

import atexit
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Table, func, select, text

from tests import databanken

DATABASEBESTAND = "advies.db"


@dataclass
class Stand:
    bestanden: Path  # a copy of the home folder (on SQLite with the database)
    rijen: list[tuple[Table, list[dict[str, Any]]]] = field(default_factory=list)  # PostgreSQL only
    reeksen: list[tuple[str, int]] = field(default_factory=list)  # (sequence, next value)


_STANDEN: dict[tuple[str, tuple[tuple[str, str], ...]], Stand] = {}
_MAP: Path | None = None


def zet_neer(naam: str, home: Path, opbouw: Callable[[], None]) -> None:
    """Give `home` the state `opbouw` builds: built (in `home`) the first time, copied after that."""
    sleutel = (naam, _omgeving(home))
    stand = _STANDEN.get(sleutel)
    if stand is None:
        opbouw()
        _STANDEN[sleutel] = _bewaar(home)
    else:
        _zet_terug(stand, home)


def _omgeving(home: Path) -> tuple[tuple[str, str], ...]:
    return tuple(
        sorted(
            (k, v.replace(str(home), "<home>"))
            for k, v in os.environ.items()
            if k.startswith("ADVIES_") and k != "ADVIES_HOME"
        )
    )


def _bewaar(home: Path) -> Stand:
    global _MAP
    if _MAP is None:
        _MAP = Path(tempfile.mkdtemp(prefix="advies-beginstand-"))
        atexit.register(shutil.rmtree, _MAP, ignore_errors=True)
    doel = _MAP / str(len(_STANDEN))
    shutil.copytree(home, doel, ignore=shutil.ignore_patterns(f"{DATABASEBESTAND}*"))
    if databanken.HUIDIGE is None:
        if (home / DATABASEBESTAND).exists():
            _kopieer_sqlite(home / DATABASEBESTAND, doel / DATABASEBESTAND)
        return Stand(doel)
    return _bewaar_rijen(Stand(doel))


def _zet_terug(stand: Stand, home: Path) -> None:
    for rest in home.glob(f"{DATABASEBESTAND}*"):
        rest.unlink()
    shutil.copytree(stand.bestanden, home, dirs_exist_ok=True)
    if databanken.HUIDIGE is not None:
        _zet_rijen_terug(stand)


def _kopieer_sqlite(bron: Path, doel: Path) -> None:
    """A consistent copy whatever the source's WAL holds; the copy stays in WAL mode."""
    van, naar = sqlite3.connect(bron), sqlite3.connect(doel)
    try:
        van.backup(naar)
        naar.execute("PRAGMA journal_mode=WAL")
    finally:
        van.close()
        naar.close()
    shutil.copymode(bron, doel)  # `advies init` makes the database 0600; `advies web` checks that


def _tabellen() -> list[Table]:
    from sqlmodel import SQLModel

    import opslag.modellen  # noqa: F401  (registers the tables)

    return list(SQLModel.metadata.sorted_tables)


def _bewaar_rijen(stand: Stand) -> Stand:
    assert databanken.HUIDIGE is not None
    with databanken.HUIDIGE.engine().connect() as verbinding:
        for tabel in _tabellen():
            # In key order: a row referring to another of its table (a supplement to its advice) comes after it.
            rijen = verbinding.execute(select(tabel).order_by(*tabel.primary_key.columns)).mappings()
            stand.rijen.append((tabel, [dict(r) for r in rijen]))
            for kolom in tabel.primary_key.columns:
                reeks = verbinding.execute(
                    text("SELECT pg_get_serial_sequence(:t, :k)"), {"t": tabel.name, "k": kolom.name}
                ).scalar()
                if reeks is not None:
                    hoogste = verbinding.execute(select(func.max(kolom))).scalar()
                    stand.reeksen.append((reeks, (hoogste or 0) + 1))
    return stand


def _zet_rijen_terug(stand: Stand) -> None:
    assert databanken.HUIDIGE is not None
    with databanken.HUIDIGE.engine().begin() as verbinding:
        databanken.HUIDIGE.maak_leeg(verbinding)
        for tabel, rijen in stand.rijen:
            if rijen:
                verbinding.execute(tabel.insert(), rijen)
        for reeks, volgende in stand.reeksen:
            verbinding.execute(text("SELECT setval(:r, :v, false)"), {"r": reeks, "v": volgende})
