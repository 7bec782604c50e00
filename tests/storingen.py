"""Helpers for tests under faults: real `advies` processes, a lock held by the test until those
processes wait for it, and a folder that even root cannot write."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, text

from tests import databanken

ADVIES = str(Path(sys.executable).parent / "advies")


def start(*args: str, gebruiker: str = "els", **extra: str) -> subprocess.Popen[str]:
    omgeving = {**os.environ, "ADVIES_GEBRUIKER": gebruiker, **extra}
    if databanken.HUIDIGE is not None and "ADVIES_DATABASE_URL" not in extra:
        omgeving["ADVIES_DATABASE_URL"] = databanken.HUIDIGE.url(gebruiker)
    return subprocess.Popen([ADVIES, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=omgeving)


def draai(*args: str, **extra: str) -> tuple[int, str, str]:
    proces = start(*args, **extra)
    uit, fout = proces.communicate(timeout=120)
    return proces.returncode, uit, fout


def uitkomst(proces: subprocess.Popen[str]) -> tuple[int, str, str]:
    uit, fout = proces.communicate(timeout=120)
    return proces.returncode, uit, fout


@contextmanager
def vastgehouden(home: Path, postgresql_slot: str, wachtenden: int) -> Iterator[None]:
    """Hold a lock until `wachtenden` other sessions wait for it, then let go when the block ends.

    SQLite: the database's write lock (BEGIN IMMEDIATE); the block's processes queue for it, and
    the block waits (bounded) until that many of them sleep in SQLite's busy handler.
    PostgreSQL: `postgresql_slot` is the SQL that takes the lock, in a transaction of the test's
    own; the block waits (bounded) until that many other sessions wait for a lock (0: not at all,
    when the block itself waits for its processes to end).
    """
    if databanken.HUIDIGE is None:
        db = sqlite3.connect(home / "advies.db", isolation_level=None)
        db.execute("BEGIN IMMEDIATE")
        try:
            yield
            if wachtenden:
                wacht_op_slapers(wachtenden)
        finally:
            db.execute("ROLLBACK")
            db.close()
        return
    engine = create_engine(databanken.HUIDIGE.beheer)
    with engine.connect() as verbinding:
        verbinding.execute(text(postgresql_slot))
        try:
            yield
            if wachtenden:
                wacht_op_wachtenden(wachtenden)
        finally:
            verbinding.rollback()
    engine.dispose()


def wacht_op_slapers(aantal: int, grens: float = 120) -> None:
    """Wait (at most `grens` seconds) until `aantal` of this process's children wait for SQLite's
    write lock. SQLite lists no waiters; a process that meets a held lock sleeps in SQLite's busy
    handler between attempts, and `advies` sleeps nowhere else, so a child seen in a sleep call
    (Linux: /proc/PID/wchan) is queueing."""
    einde = time.monotonic() + grens
    while time.monotonic() < einde:
        if sum(_slaapt(kind) for kind in _kinderen()) >= aantal:
            return
        time.sleep(0.02)
    raise AssertionError(f"never {aantal} processes waiting for SQLite's write lock")


def _kinderen() -> list[int]:
    kinderen = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            velden = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # ended meanwhile
        if int(velden[1]) == os.getpid():
            kinderen.append(int(stat.parent.name))
    return kinderen


def _slaapt(pid: int) -> bool:
    try:
        return "nanosleep" in Path(f"/proc/{pid}/wchan").read_text()
    except OSError:
        return False


def wacht_op_wachtenden(aantal: int) -> None:
    assert databanken.HUIDIGE is not None
    kijker = create_engine(databanken.HUIDIGE.beheer, isolation_level="AUTOCOMMIT")
    try:
        with kijker.connect() as kijk:
            for _ in range(600):
                wachtend = kijk.execute(
                    text(
                        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                        "AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()"
                    )
                ).scalar_one()
                if wachtend >= aantal:
                    return
                time.sleep(0.1)
        raise AssertionError(f"never {aantal} sessions waiting for the lock")
    finally:
        kijker.dispose()


@contextmanager
def alleen_lezen(*paden: Path) -> Iterator[None]:
    """Make files and folders unwritable, also for root (who ignores permissions): the immutable
    attribute (chattr +i) as root, the permission bits otherwise."""
    als_root = os.geteuid() == 0
    for pad in paden:
        if als_root:
            subprocess.run(["chattr", "+i", str(pad)], check=True)
        else:
            pad.chmod(0o555 if pad.is_dir() else 0o444)
    try:
        yield
    finally:
        for pad in paden:
            if als_root:
                subprocess.run(["chattr", "-i", str(pad)], check=True)
            else:
                pad.chmod(0o755 if pad.is_dir() else 0o644)


# Root may read and write any file whatever its mode: a test of file rights runs its commands as
# `nobody` when it is root, in a folder of nobody's own; otherwise as the user it is.
ALS_ROOT = os.geteuid() == 0


def beperkte_gebruiker() -> str:
    """The user the commands of `draai_beperkt` run as."""
    import pwd

    return "nobody" if ALS_ROOT else pwd.getpwuid(os.geteuid()).pw_name


@contextmanager
def map_voor_beperkt() -> Iterator[Path]:
    """A fresh folder that `draai_beperkt`'s user owns (tmp_path is root's own, closed to others)."""
    import pwd
    import shutil
    import tempfile

    map_ = Path(tempfile.mkdtemp(prefix="advies-beperkt-"))
    map_.chmod(0o755)
    if ALS_ROOT:
        nobody = pwd.getpwnam("nobody")
        os.chown(map_, nobody.pw_uid, nobody.pw_gid)
    try:
        yield map_
    finally:
        for pad in [map_, *map_.rglob("*")]:
            if not pad.is_symlink():
                pad.chmod(0o755 if pad.is_dir() else 0o644)
        shutil.rmtree(map_)


def geef_aan_beperkt(*paden: Path) -> None:
    """Hand files made by the test to `draai_beperkt`'s user."""
    import pwd

    if ALS_ROOT:
        nobody = pwd.getpwnam("nobody")
        for pad in paden:
            os.chown(pad, nobody.pw_uid, nobody.pw_gid)


def draai_beperkt(*args: str, home: Path, programma: tuple[str, ...] = (ADVIES,)) -> tuple[int, str, str]:
    """`advies ARGS` (or another program) as `beperkte_gebruiker()`, with ADVIES_HOME `home`."""
    import pwd

    omgeving = {
        sleutel: waarde
        for sleutel, waarde in os.environ.items()
        # coverage's subprocess hook would write its data file where nobody may not
        if not sleutel.startswith(("COV", "ADVIES_"))
    }
    omgeving |= {"ADVIES_HOME": str(home), "ADVIES_GEBRUIKER": "els", "HOME": str(home), "COLUMNS": "200"}
    voorvoegsel: list[str] = []
    if ALS_ROOT:
        nobody = pwd.getpwnam("nobody")
        voorvoegsel = ["setpriv", f"--reuid={nobody.pw_uid}", f"--regid={nobody.pw_gid}", "--clear-groups"]
    proces = subprocess.run(
        [*voorvoegsel, *programma, *args], capture_output=True, text=True, env=omgeving, cwd=home, timeout=120
    )
    return proces.returncode, proces.stdout, proces.stderr
