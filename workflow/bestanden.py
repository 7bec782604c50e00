"""Reading and writing the files a user names, with Dutch refusals instead of the OS's English.

Every file a command writes goes through `schrijf_veilig`: never over the register's own files,
never over an existing file or link without --overschrijf, through a temporary file in the same
folder that is fsynced and renamed, so a file is there complete or not at all, also after a power
loss. Every file a command reads goes through `open_gewoon_bestand`: a regular file outside
/proc, /sys and /dev, bounded by the bytes actually read.
"""

from __future__ import annotations

import errno
import io
import os
import re
import stat
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, NamedTuple

from adviesfouten import Conflict, NietGevonden, OngeldigeInvoer, Storing
from opslag.diagnose import bestandsoorzaak


def documentenmap() -> Path:
    """ADVIES_HOME/documenten, made when it is not there yet: where written documents go by default."""
    from opslag.configuratie import documentenmap as map_van_documenten

    map_ = map_van_documenten()
    try:
        map_.mkdir(parents=True, exist_ok=True)
    except OSError as fout:
        raise Storing(f"kan de map {map_} niet maken: {bestandsoorzaak(fout)}") from None
    return map_


# Bounds on what a user hands in: a draft text, a logo, the college's letter, an archive.
MB = 1024 * 1024
STANDAARD_MAXIMUM = 50 * MB


class Bestand(NamedTuple):
    """A file as a service takes it: its name and its bytes. A service never opens a path: the face
    that has one (the CLI) reads it with `lees_bytes`, a web page gets the bytes from the upload."""

    naam: str
    inhoud: bytes


def begrens(bestand: Bestand, maximum: int) -> bytes:
    """The bounds `lees_bytes` puts on a file read from a path, for bytes from any face."""
    from workflow import invoer

    if not bestand.inhoud:
        raise OngeldigeInvoer(f"het bestand '{invoer.zichtbaar(bestand.naam)}' is leeg")
    if len(bestand.inhoud) > maximum:
        raise OngeldigeInvoer(
            f"het bestand '{invoer.zichtbaar(bestand.naam)}' is te groot (ten hoogste {_leesbaar(maximum)})"
        )
    return bestand.inhoud


@dataclass(frozen=True)
class Zipgrenzen:
    """What a zip file (a .docx, an archive) may unpack to, checked from its directory before
    anything is decompressed. zipfile never returns more than a member's declared size, so the
    declared sizes bound the memory a read can take."""

    per_bestand: int
    totaal: int
    aantal: int = 10_000
    verhouding: int = 200  # uncompressed : compressed, for members larger than 1 MB


DOCX_GRENZEN = Zipgrenzen(per_bestand=50 * MB, totaal=100 * MB, aantal=2_000)


def lees_bytes(pad: Path, *, leeg_mag: bool = False, maximum: int = STANDAARD_MAXIMUM) -> bytes:
    """The bytes of a regular file of at most `maximum` bytes; anything else is refused at once."""
    with open_gewoon_bestand(pad, maximum) as bestand:
        inhoud = begrensd_lezen(bestand, pad, maximum)
    if not inhoud and not leeg_mag:
        raise OngeldigeInvoer(f"het bestand '{pad}' is leeg")
    return inhoud


@contextmanager
def open_gewoon_bestand(pad: Path, maximum: int) -> Iterator[BinaryIO]:
    """Open `pad` for reading only if it is a regular file of at most `maximum` bytes.

    Opened with O_NONBLOCK and checked with fstat on the open descriptor: a FIFO or a device is
    refused without waiting for a writer, and the file checked is the file read. Files under /proc,
    /sys and /dev are refused by their resolved path: the kernel makes them up as they are read
    and says size 0, so no size check bounds them. The caller bounds the bytes it reads
    (`begrensd_lezen`), whatever st_size said.
    """
    _geen_systeembestand(pad)
    try:
        greep = os.open(pad, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except FileNotFoundError:
        raise NietGevonden(f"het bestand '{pad}' bestaat niet") from None
    except IsADirectoryError:
        raise OngeldigeInvoer(f"'{pad}' is een map, geen bestand") from None
    except OSError as fout:
        raise Storing(f"kan het bestand '{pad}' niet lezen: {bestandsoorzaak(fout)}") from None
    try:
        toestand = os.fstat(greep)
        if stat.S_ISDIR(toestand.st_mode):
            raise OngeldigeInvoer(f"'{pad}' is een map, geen bestand")
        if not stat.S_ISREG(toestand.st_mode):
            raise OngeldigeInvoer(f"'{pad}' is geen gewoon bestand (maar bijvoorbeeld een pipe of apparaat)")
        if toestand.st_size > maximum:
            raise OngeldigeInvoer(f"het bestand '{pad}' is te groot (ten hoogste {_leesbaar(maximum)})")
        bestand = os.fdopen(greep, "rb")
    except BaseException:
        os.close(greep)
        raise
    with bestand:
        yield bestand


_SYSTEEMMAPPEN = ("/proc", "/sys", "/dev")


def _geen_systeembestand(pad: Path) -> None:
    echt = os.path.realpath(pad)
    for map_ in _SYSTEEMMAPPEN:
        if echt == map_ or echt.startswith(map_ + "/"):
            raise OngeldigeInvoer(
                f"'{pad}' is een bestand van het systeem ({map_}), geen document; kies een gewoon bestand"
            )


def begrensd_lezen(bestand: BinaryIO, pad: Path, maximum: int) -> bytes:
    """At most `maximum` bytes of an open file, refused when there are more: the bytes read count,
    not what st_size said (a file can grow while it is read)."""
    try:
        inhoud = bestand.read(maximum + 1)
    except OSError as fout:
        raise Storing(f"kan het bestand '{pad}' niet lezen: {bestandsoorzaak(fout)}") from None
    if len(inhoud) > maximum:
        raise OngeldigeInvoer(f"het bestand '{pad}' is te groot (meer dan {_leesbaar(maximum)})")
    return inhoud


def controleer_zip(archief: zipfile.ZipFile, grenzen: Zipgrenzen, naam: str) -> None:
    """Refuse a zip whose members would unpack beyond `grenzen`, before any member is read."""
    leden = archief.infolist()
    if len(leden) > grenzen.aantal:
        raise OngeldigeInvoer(f"'{naam}' bevat te veel bestanden ({len(leden)}, ten hoogste {grenzen.aantal})")
    totaal = 0
    for lid in leden:
        if lid.file_size > grenzen.per_bestand:
            raise OngeldigeInvoer(
                f"'{naam}' is te groot uitgepakt: '{lid.filename}' wordt {_leesbaar(lid.file_size)}, "
                f"ten hoogste {_leesbaar(grenzen.per_bestand)}"
            )
        if lid.file_size > MB and lid.file_size > grenzen.verhouding * max(lid.compress_size, 1):
            raise OngeldigeInvoer(
                f"'{naam}' is verdacht sterk gecomprimeerd: '{lid.filename}' wordt meer dan "
                f"{grenzen.verhouding} keer zo groot uitgepakt"
            )
        totaal += lid.file_size
    if totaal > grenzen.totaal:
        raise OngeldigeInvoer(
            f"'{naam}' is te groot uitgepakt ({_leesbaar(totaal)}, ten hoogste {_leesbaar(grenzen.totaal)})"
        )


def veilige_zip(inhoud: bytes, grenzen: Zipgrenzen, naam: str) -> None:
    """Check the bytes of a zip (a .docx) against `grenzen`; a file that is no zip passes here,
    for the reader to refuse in its own words."""
    try:
        with zipfile.ZipFile(io.BytesIO(inhoud)) as archief:
            controleer_zip(archief, grenzen, naam)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError):
        return


def veilige_bestandsnaam(naam: str) -> str:
    """`naam` when it is a plain file name that stays in its folder; otherwise a Dutch refusal.

    No folder separators, no '.' or '..', no control or bidi characters, at most 255 characters:
    a stored name is later used to write a file, and must never point anywhere else.
    """
    from workflow import invoer

    if (
        not naam
        or naam in (".", "..")
        or "/" in naam
        or "\\" in naam
        or len(naam) > 255
        or naam != naam.strip()
        or invoer.zichtbaar(naam) != naam
    ):
        raise OngeldigeInvoer(
            f"ongeldige bestandsnaam '{invoer.zichtbaar(naam)}': alleen een naam zonder map is toegestaan"
        )
    return naam


def uitvoerpad(uit: Path | None, naam: str, *, overschrijf: bool = False, inhoud: bytes | None = None) -> Path:
    """Where a command writes the file it calls `naam`: `--uit` as a file, or as an existing folder
    to put `naam` in, else ADVIES_HOME/documenten. The one place that decides this for every command.

    The target is checked at once (`controleer_doel`), so a command refuses before it does any
    work; `schrijf_veilig` checks again when it writes. A missing folder is said by the write itself."""
    pad = doelpad(uit, naam)
    controleer_doel(pad, overschrijf, inhoud)
    return pad


def doelpad(uit: Path | None, naam: str) -> Path:
    """`uitvoerpad` without the check: a stored name never leaves its folder (only its last part is used)."""
    naam = Path(naam.replace("\\", "/")).name
    if naam in ("", ".", ".."):
        naam = "document"
    if uit is None:
        return documentenmap() / naam
    if uit.is_dir():
        return uit / naam
    return uit


def controleer_doel(pad: Path, overschrijf: bool, inhoud: bytes | None = None) -> None:
    """Refuse a target that must not be written: the register's own files always; an existing file,
    a symbolic link (dangling or not) or anything else already there unless `overschrijf`. A regular
    file that already holds exactly `inhoud` (the same stored letter, written again) loses nothing
    and is allowed."""
    beschermd = beschermd_bestand(pad)
    if beschermd is not None:
        raise OngeldigeInvoer(
            f"'{pad}' is {beschermd}; daar schrijft advies nooit overheen, ook niet met --overschrijf"
        )
    try:
        toestand = os.lstat(pad)
    except FileNotFoundError:
        return
    except OSError as fout:
        raise Storing(f"kan {pad} niet schrijven: {bestandsoorzaak(fout)}") from None
    if stat.S_ISDIR(toestand.st_mode):
        raise OngeldigeInvoer(f"kan {pad} niet schrijven: dat is een map")
    if overschrijf:
        return
    if stat.S_ISLNK(toestand.st_mode):
        doel = os.readlink(pad)
        hangend = "" if os.path.exists(pad) else ", dat niet bestaat"
        raise Conflict(
            f"'{pad}' is een symbolische koppeling (naar '{doel}'{hangend}); "
            "kies een andere naam met --uit of gebruik --overschrijf"
        )
    if not (inhoud is not None and stat.S_ISREG(toestand.st_mode) and _heeft_inhoud(pad, inhoud)):
        raise Conflict(f"'{pad}' bestaat al; kies een andere naam met --uit of gebruik --overschrijf")


# The files that hold the register and its keys, beside the database file itself.
_BIJ_DATABASE = ("", "-wal", "-shm", "-journal")


def beschermde_bestanden() -> dict[Path, str]:
    """The files no command may write over, with what each is: the SQLite database (the configured
    one and the default in ADVIES_HOME) with its -wal, -shm and -journal, the web page's key and the
    configuration file."""
    from opslag import configuratie

    databases = [configuratie.home() / "advies.db"]
    try:
        geconfigureerd = configuratie.sqlite_bestand(configuratie.database_url())
    except Exception:  # noqa: BLE001 - a broken configuration is said by the command that needs it
        geconfigureerd = None
    if geconfigureerd is not None:
        databases.append(geconfigureerd)
    beschermd: dict[Path, str] = {}
    for database in databases:
        for achtervoegsel in _BIJ_DATABASE:
            wat = "het databasebestand" if not achtervoegsel else f"een bestand van de database ({achtervoegsel})"
            beschermd[Path(f"{database}{achtervoegsel}")] = wat
    beschermd[configuratie.home() / "web-geheim"] = "de sleutel van de webpagina"
    beschermd[configuratie.home() / configuratie.CONFIGURATIEBESTAND] = "het configuratiebestand"
    return beschermd


def beschermd_bestand(pad: Path) -> str | None:
    """What `pad` is when it is (a link to, or another name of) one of `beschermde_bestanden`, else None.

    Compared by resolved path (symbolic links, '..') and, for files that exist, by device and
    inode (hard links, bind mounts)."""
    echt = os.path.realpath(pad)
    eigen = _inode(pad)
    for beschermd, wat in beschermde_bestanden().items():
        if os.path.realpath(beschermd) == echt:
            return wat
        if eigen is not None and _inode(beschermd) == eigen:
            return wat
    return None


def _inode(pad: Path) -> tuple[int, int] | None:
    try:
        toestand = os.stat(pad)
    except (OSError, ValueError):
        return None
    return (toestand.st_dev, toestand.st_ino)


def _heeft_inhoud(pad: Path, inhoud: bytes) -> bool:
    try:
        return pad.is_file() and pad.stat().st_size == len(inhoud) and pad.read_bytes() == inhoud
    except OSError:
        return False


def _leesbaar(aantal: int) -> str:
    return f"{aantal / MB:.0f} MB" if aantal >= MB else f"{aantal} bytes"


def schrijf_veilig(
    pad: Path, schrijf: Callable[[Path], None], *, overschrijf: bool, inhoud: bytes | None = None
) -> Path:
    """The one way a command writes a file. `schrijf` fills a temporary file next to `pad`; that file
    is fsynced, put in place and the folder fsynced, so after a power loss the file is there
    complete or not at all once this returns. Any failure becomes an AdviesFout and leaves nothing
    behind (an existing file stays as it was).

    The target is checked as in `controleer_doel`. Without `overschrijf` the file is put in place
    with a hard link, which fails when anything (even a dangling symbolic link) appeared at that
    name meanwhile, so a check and a write never race into replacing someone's file."""
    from workflow.storing import haak

    map_ = pad.parent
    if not map_.is_dir():
        raise NietGevonden(f"kan {pad} niet schrijven: de map {map_} bestaat niet")
    controleer_doel(pad, overschrijf, inhoud)
    ruim_oude_tijdelijke_op(map_)
    try:
        greep, tijdelijk = tempfile.mkstemp(prefix=f".{pad.name}.", suffix=".tmp", dir=map_)
    except OSError as fout:
        raise Storing(f"kan {pad} niet schrijven: {bestandsoorzaak(fout)}") from None
    os.close(greep)
    tijdelijk_pad = Path(tijdelijk)
    try:
        schrijf(tijdelijk_pad)
        os.chmod(tijdelijk_pad, 0o666 & ~_umask())  # mkstemp makes it private; give it the usual rights
        _fsync_bestand(tijdelijk_pad)
        haak("bestand.tijdelijk")
        _zet_op_zijn_plaats(
            tijdelijk_pad, pad, vervang=overschrijf or (inhoud is not None and _heeft_inhoud(pad, inhoud))
        )
        haak("bestand.geplaatst")
        fsync_map(map_)
    except FileExistsError:
        raise Conflict(f"'{pad}' bestaat al; kies een andere naam met --uit of gebruik --overschrijf") from None
    except OSError as fout:
        raise Storing(f"kan {pad} niet schrijven: {bestandsoorzaak(fout)}") from None
    finally:
        tijdelijk_pad.unlink(missing_ok=True)
    return pad


_GEEN_HARDE_KOPPELINGEN = {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.ENOSYS, errno.EMLINK}


def _zet_op_zijn_plaats(tijdelijk: Path, pad: Path, *, vervang: bool) -> None:
    """Rename when replacing is allowed (checked above); otherwise link, which never replaces."""
    if vervang:
        os.replace(tijdelijk, pad)
        return
    try:
        os.link(tijdelijk, pad)
    except OSError as fout:
        if fout.errno not in _GEEN_HARDE_KOPPELINGEN:
            raise
        # A file system without hard links (FAT, some network shares): check once more and rename.
        if os.path.lexists(pad):
            raise FileExistsError(str(pad)) from None
        os.replace(tijdelijk, pad)


def _fsync_bestand(pad: Path) -> None:
    greep = os.open(pad, os.O_RDONLY)
    try:
        os.fsync(greep)
    finally:
        os.close(greep)


def fsync_map(map_: Path) -> None:
    """Make a rename in `map_` durable. A file system that cannot fsync a folder (some network
    shares, Windows) has nothing to make durable this way, so that is not an error."""
    try:
        greep = os.open(map_, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(greep)
    except OSError:
        pass
    finally:
        os.close(greep)


# What mkstemp above makes: ".NAME." + 8 random characters + ".tmp".
_TIJDELIJK = re.compile(r"\..+\.[a-z0-9_]{8}\.tmp")
OUD_NA_SECONDEN = 15 * 60  # no write takes this long, so an older one was interrupted


def ruim_oude_tijdelijke_op(map_: Path) -> None:
    """Remove what interrupted writes left in `map_`: only our own pattern, and only when old,
    so a file another process is writing right now stays."""
    grens = time.time() - OUD_NA_SECONDEN
    try:
        kandidaten = [p for p in map_.glob(".*.tmp") if _TIJDELIJK.fullmatch(p.name)]
        for kandidaat in kandidaten:
            if kandidaat.is_file() and not kandidaat.is_symlink() and kandidaat.stat().st_mtime < grens:
                kandidaat.unlink(missing_ok=True)
    except OSError:
        pass  # tidying up must never stop the write itself


def schrijf_bytes(pad: Path, inhoud: bytes, *, overschrijf: bool) -> Path:
    """`schrijf_veilig` of bytes; a file that already holds exactly `inhoud` may stay."""

    def schrijf(tijdelijk: Path) -> None:
        tijdelijk.write_bytes(inhoud)

    return schrijf_veilig(pad, schrijf, overschrijf=overschrijf, inhoud=inhoud)


def _umask() -> int:
    huidig = os.umask(0o022)
    os.umask(huidig)
    return huidig
