"""Whether this process may read and write a SQLite database's files, and if not: which file, and why.

A SQLite database in WAL mode is four things: the file, its folder (where the journal files are
made), `NAAM-wal` and `NAAM-shm`. Any one of them unwritable makes every write fail with the same
"readonly database"; a `-shm` left 0444 by a read of a read-only copy keeps doing so after the
database itself is writable again. SQLite does not say which; this module looks, so the message
can name the file, its rights and the command that repairs it.

`os.access` asks the kernel itself, so it agrees with what SQLite will meet: root may write a
0444 file, nobody may write on a read-only mount or an immutable (chattr +i) file.
"""

from __future__ import annotations

import os
import pwd
import stat
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Leesmodus:
    """How to open a database that this process cannot write: `reden` says why (in Dutch), and
    `onveranderlijk` is True when nothing at all can write it (see `niemand_schrijft`) and no
    change waits in its -wal file, so SQLite may skip its locks and journal
    (`immutable=1`, which needs no -shm) instead of `mode=ro` (which needs one, or a folder to make it in)."""

    reden: str
    onveranderlijk: bool


def bijbestanden(pad: Path) -> tuple[Path, Path]:
    return pad.with_name(pad.name + "-wal"), pad.with_name(pad.name + "-shm")


def leesmodus(pad: Path) -> Leesmodus | None:
    """None when this process may write the database; otherwise why not, and how to read it."""
    reden = niet_schrijfbaar(pad)
    if reden is None:
        return None
    wal, _shm = bijbestanden(pad)
    # Changes still in a -wal file are only seen through SQLite's own locking (mode=ro);
    # immutable=1 would skip them.
    ongeschreven = wal.exists() and wal.stat().st_size > 0
    return Leesmodus(reden, onveranderlijk=niemand_schrijft(pad) and not ongeschreven)


def niemand_schrijft(pad: Path) -> bool:
    """True when no process can change the database file: it is on a read-only disk, nobody has a
    write bit on it, or even root is refused (chattr +i). A writer must write the file itself
    sooner or later (a checkpoint), so then its contents cannot change under a reader. The same
    holds for a folder nobody may write without a -wal in it: a writer must first make its
    -wal (or -journal) there."""
    if _alleen_lezen_schijf(pad.parent) or not _schrijfbits(pad):
        return True
    if not _schrijfbits(pad.parent) and not bijbestanden(pad)[0].exists():
        return True
    return os.geteuid() == 0 and not os.access(pad, os.W_OK)


def niet_schrijfbaar(pad: Path) -> str | None:
    """Why this process cannot write the database at `pad` (the first of its files that blocks), or None."""
    map_ = pad.parent
    if _alleen_lezen_schijf(map_):
        return (
            f"de schijf met {map_} is alleen-lezen gekoppeld (mount -o ro); lezen kan, wijzigen alleen in een "
            "kopie op een schrijfbare schijf"
        )
    geblokkeerd = [b for b in (pad, *bijbestanden(pad)) if b.exists() and not b.is_dir() and not os.access(b, os.W_OK)]
    if (
        len(geblokkeerd) > 1
        and len({(_modus(b), _eigenaar_id(b)) for b in geblokkeerd}) == 1
        and not any(_schrijfbits(b) for b in geblokkeerd)
    ):
        # Read-only -wal and -shm together, as one read of a 0444 database leaves them: one repair.
        namen = " en ".join(str(b) for b in geblokkeerd)
        alle = " ".join(str(b) for b in geblokkeerd)
        eerste = geblokkeerd[0]
        return f"de bestanden {namen} zijn alleen-lezen: {_rechten(eerste)}; {_herstel(eerste, 'u+w', alle)}"
    if geblokkeerd:
        return f"het bestand {geblokkeerd[0]} {_waarom(geblokkeerd[0])}"
    if map_.is_dir() and not os.access(map_, os.W_OK | os.X_OK):
        return f"de map {map_} {_waarom(map_)} (advies maakt daar {pad.name}-wal en {pad.name}-shm)"
    return None


def niet_te_openen(pad: Path) -> str | None:
    """Why the database at `pad` cannot be opened at all (not even read), or None: the file is
    blamed when it is the file, the folder only when it is the folder."""
    map_ = pad.parent
    if pad.is_dir():
        return (
            f"{pad} is een map, geen databasebestand; geef het pad van het bestand zelf op "
            f"(bijvoorbeeld {pad / 'advies.db'})"
        )
    if pad.exists() and not os.access(pad, os.R_OK):
        return f"het databasebestand {pad} is niet leesbaar: {_rechten(pad)}; {_herstel(pad, 'u+rw')}"
    if not map_.exists():
        return f"de map {map_} van de database bestaat niet"
    if not map_.is_dir():
        return f"{map_} is geen map; de database moet in een map staan"
    if not os.access(map_, os.X_OK):
        return f"de map {map_} van de database is niet toegankelijk: {_rechten(map_)}; {_herstel(map_, 'u+rwx')}"
    return None


def _waarom(pad: Path) -> str:
    if _alleen_lezen_schijf(pad):
        return "staat op een alleen-lezen schijf"
    if not _schrijfbits(pad):
        return f"is alleen-lezen: {_rechten(pad)}; {_herstel(pad, 'u+w')}"
    if os.geteuid() in (0, _eigenaar_id(pad)):
        # The bits allow it, and the owner (or root) is refused anyway: an attribute, not the mode.
        return (
            f"mag niet worden gewijzigd, hoewel de rechten ({_modus(pad)}) het toestaan: het is beveiligd met "
            f"'chattr +i' of een ACL; 'lsattr {pad}' toont het, 'chattr -i {pad}' heft het op"
        )
    return f"mag niet door {_naam(os.geteuid())} worden gewijzigd: {_rechten(pad)}; {_herstel(pad, 'u+w')}"


def _herstel(pad: Path, rechten: str, paden: str | None = None) -> str:
    opdracht = f"'chmod {rechten} {paden or pad}'"
    if os.geteuid() in (0, _eigenaar_id(pad)):
        return f"herstel met {opdracht}"
    eigenaar = _naam(_eigenaar_id(pad))
    return f"de eigenaar ({eigenaar}) herstelt het met {opdracht}, of laat advies draaien als {eigenaar}"


def _rechten(pad: Path) -> str:
    return f"rechten {_modus(pad)}, eigenaar {_naam(_eigenaar_id(pad))}"


def _modus(pad: Path) -> str:
    return f"{stat.S_IMODE(pad.stat().st_mode):04o}"


def _schrijfbits(pad: Path) -> bool:
    try:
        return bool(pad.stat().st_mode & 0o222)
    except OSError:
        return False


def _eigenaar_id(pad: Path) -> int:
    return pad.stat().st_uid


def _naam(uid: int) -> str:
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return str(uid)


def _alleen_lezen_schijf(pad: Path) -> bool:
    try:
        return bool(os.statvfs(pad).f_flag & os.ST_RDONLY)
    except OSError:
        return False
