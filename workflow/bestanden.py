"""Reading and writing the files a user names, with Dutch refusals instead of the OS's English.

Writing goes through a temporary file in the same folder that is renamed into place, so a file
is there complete or not at all.
"""

from __future__ import annotations

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
from typing import BinaryIO

from opslag.diagnose import bestandsoorzaak
from workflow.fouten import AdviesFout


def documentenmap() -> Path:
    """ADVIES_HOME/documenten, made when it is not there yet: where written documents go by default."""
    from opslag.configuratie import documentenmap as map_van_documenten

    map_ = map_van_documenten()
    try:
        map_.mkdir(parents=True, exist_ok=True)
    except OSError as fout:
        raise AdviesFout(f"kan de map {map_} niet maken: {bestandsoorzaak(fout)}") from None
    return map_


# Bounds on what a user hands in: a draft text, a logo, the college's letter, an archive.
MB = 1024 * 1024
STANDAARD_MAXIMUM = 50 * MB


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
        try:
            inhoud = bestand.read(maximum + 1)
        except OSError as fout:
            raise AdviesFout(f"kan het bestand '{pad}' niet lezen: {bestandsoorzaak(fout)}") from None
    if len(inhoud) > maximum:
        raise AdviesFout(f"het bestand '{pad}' is te groot (meer dan {_leesbaar(maximum)})")
    if not inhoud and not leeg_mag:
        raise AdviesFout(f"het bestand '{pad}' is leeg")
    return inhoud


@contextmanager
def open_gewoon_bestand(pad: Path, maximum: int) -> Iterator[BinaryIO]:
    """Open `pad` for reading only if it is a regular file of at most `maximum` bytes.

    Opened with O_NONBLOCK and checked with fstat on the open descriptor: a FIFO or a device is
    refused without waiting for a writer, and the file checked is the file read.
    """
    try:
        greep = os.open(pad, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except FileNotFoundError:
        raise AdviesFout(f"het bestand '{pad}' bestaat niet") from None
    except IsADirectoryError:
        raise AdviesFout(f"'{pad}' is een map, geen bestand") from None
    except OSError as fout:
        raise AdviesFout(f"kan het bestand '{pad}' niet lezen: {bestandsoorzaak(fout)}") from None
    try:
        toestand = os.fstat(greep)
        if stat.S_ISDIR(toestand.st_mode):
            raise AdviesFout(f"'{pad}' is een map, geen bestand")
        if not stat.S_ISREG(toestand.st_mode):
            raise AdviesFout(f"'{pad}' is geen gewoon bestand (maar bijvoorbeeld een pipe of apparaat)")
        if toestand.st_size > maximum:
            raise AdviesFout(f"het bestand '{pad}' is te groot (ten hoogste {_leesbaar(maximum)})")
        bestand = os.fdopen(greep, "rb")
    except BaseException:
        os.close(greep)
        raise
    with bestand:
        yield bestand


def controleer_zip(archief: zipfile.ZipFile, grenzen: Zipgrenzen, naam: str) -> None:
    """Refuse a zip whose members would unpack beyond `grenzen`, before any member is read."""
    leden = archief.infolist()
    if len(leden) > grenzen.aantal:
        raise AdviesFout(f"'{naam}' bevat te veel bestanden ({len(leden)}, ten hoogste {grenzen.aantal})")
    totaal = 0
    for lid in leden:
        if lid.file_size > grenzen.per_bestand:
            raise AdviesFout(
                f"'{naam}' is te groot uitgepakt: '{lid.filename}' wordt {_leesbaar(lid.file_size)}, "
                f"ten hoogste {_leesbaar(grenzen.per_bestand)}"
            )
        if lid.file_size > MB and lid.file_size > grenzen.verhouding * max(lid.compress_size, 1):
            raise AdviesFout(
                f"'{naam}' is verdacht sterk gecomprimeerd: '{lid.filename}' wordt meer dan "
                f"{grenzen.verhouding} keer zo groot uitgepakt"
            )
        totaal += lid.file_size
    if totaal > grenzen.totaal:
        raise AdviesFout(
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
        raise AdviesFout(f"ongeldige bestandsnaam '{invoer.zichtbaar(naam)}': alleen een naam zonder map is toegestaan")
    return naam


def uitvoerpad(uit: Path | None, naam: str, *, overschrijf: bool = False, inhoud: bytes | None = None) -> Path:
    """Where a command writes the file it calls `naam`: `--uit` as a file, or as an existing folder
    to put `naam` in, else ADVIES_HOME/documenten. The one place that decides this for every command.

    A stored name never leaves its folder (only its last part is used); an existing file stays
    unless `overschrijf` (or it already holds exactly `inhoud`). A missing folder is said by the
    write itself."""
    naam = Path(naam.replace("\\", "/")).name
    if naam in ("", ".", ".."):
        naam = "document"
    if uit is None:
        pad = documentenmap() / naam
    elif uit.is_dir():
        pad = uit / naam
    else:
        pad = uit
    vrij_doel(pad, overschrijf, inhoud)
    return pad


def vrij_doel(pad: Path, overschrijf: bool, inhoud: bytes | None = None) -> None:
    """Refuse to replace an existing file unless the user said --overschrijf. A file that already
    holds exactly `inhoud` (the same stored letter, written again) loses nothing and is allowed."""
    if pad.is_dir():
        return  # not a file of the user's: the write itself refuses it with its own message
    if pad.exists() and not overschrijf and not (inhoud is not None and _heeft_inhoud(pad, inhoud)):
        raise AdviesFout(f"'{pad}' bestaat al; kies een andere naam met --uit of gebruik --overschrijf")


def _heeft_inhoud(pad: Path, inhoud: bytes) -> bool:
    try:
        return pad.is_file() and pad.stat().st_size == len(inhoud) and pad.read_bytes() == inhoud
    except OSError:
        return False


def _leesbaar(aantal: int) -> str:
    return f"{aantal / MB:.0f} MB" if aantal >= MB else f"{aantal} bytes"


def schrijf_veilig(pad: Path, schrijf: Callable[[Path], None]) -> Path:
    """Let `schrijf` write a temporary file next to `pad`, then rename it into place. Any failure
    becomes an AdviesFout and leaves nothing behind (an existing file stays as it was)."""
    map_ = pad.parent
    if not map_.is_dir():
        raise AdviesFout(f"kan {pad} niet schrijven: de map {map_} bestaat niet")
    if pad.is_dir():
        raise AdviesFout(f"kan {pad} niet schrijven: dat is een map")
    ruim_oude_tijdelijke_op(map_)
    try:
        greep, tijdelijk = tempfile.mkstemp(prefix=f".{pad.name}.", suffix=".tmp", dir=map_)
    except OSError as fout:
        raise AdviesFout(f"kan {pad} niet schrijven: {bestandsoorzaak(fout)}") from None
    os.close(greep)
    tijdelijk_pad = Path(tijdelijk)
    try:
        schrijf(tijdelijk_pad)
        os.chmod(tijdelijk_pad, 0o666 & ~_umask())  # mkstemp makes it private; give it the usual rights
        os.replace(tijdelijk_pad, pad)
    except OSError as fout:
        raise AdviesFout(f"kan {pad} niet schrijven: {bestandsoorzaak(fout)}") from None
    finally:
        tijdelijk_pad.unlink(missing_ok=True)
    return pad


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


def schrijf_bytes(pad: Path, inhoud: bytes) -> Path:
    def schrijf(tijdelijk: Path) -> None:
        tijdelijk.write_bytes(inhoud)

    return schrijf_veilig(pad, schrijf)


def _umask() -> int:
    huidig = os.umask(0o022)
    os.umask(huidig)
    return huidig
