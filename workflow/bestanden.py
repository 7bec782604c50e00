"""Reading and writing the files a user names, with Dutch refusals instead of the OS's English.

Writing goes through a temporary file in the same folder that is renamed into place, so a file
is there complete or not at all.
"""

from __future__ import annotations

import errno
import os
import re
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from workflow.fouten import AdviesFout

_OORZAKEN = {
    errno.ENOENT: "bestaat niet",
    errno.EISDIR: "is een map",
    errno.ENOTDIR: "een deel van het pad is geen map",
    errno.EACCES: "geen toegang",
    errno.EPERM: "geen toegang",
    errno.ENOSPC: "de schijf is vol",
    errno.EROFS: "de schijf is alleen-lezen",
    errno.EDQUOT: "de schijfruimte (quota) is op",
}


def oorzaak(fout: OSError) -> str:
    """What went wrong with a file, in Dutch."""
    if fout.errno in _OORZAKEN:
        return _OORZAKEN[fout.errno]
    naam = errno.errorcode.get(fout.errno or 0, "onbekend")
    return f"fout van het besturingssysteem ({naam})"


def documentenmap() -> Path:
    """ADVIES_HOME/documenten, made when it is not there yet: where written documents go by default."""
    from opslag.configuratie import documentenmap as map_van_documenten

    map_ = map_van_documenten()
    try:
        map_.mkdir(parents=True, exist_ok=True)
    except OSError as fout:
        raise AdviesFout(f"kan de map {map_} niet maken: {oorzaak(fout)}") from None
    return map_


def lees_bytes(pad: Path, *, leeg_mag: bool = False) -> bytes:
    try:
        inhoud = pad.read_bytes()
    except FileNotFoundError:
        raise AdviesFout(f"het bestand '{pad}' bestaat niet") from None
    except IsADirectoryError:
        raise AdviesFout(f"'{pad}' is een map, geen bestand") from None
    except OSError as fout:
        raise AdviesFout(f"kan het bestand '{pad}' niet lezen: {oorzaak(fout)}") from None
    if not inhoud and not leeg_mag:
        raise AdviesFout(f"het bestand '{pad}' is leeg")
    return inhoud


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
        raise AdviesFout(f"kan {pad} niet schrijven: {oorzaak(fout)}") from None
    os.close(greep)
    tijdelijk_pad = Path(tijdelijk)
    try:
        schrijf(tijdelijk_pad)
        os.chmod(tijdelijk_pad, 0o666 & ~_umask())  # mkstemp makes it private; give it the usual rights
        os.replace(tijdelijk_pad, pad)
    except OSError as fout:
        raise AdviesFout(f"kan {pad} niet schrijven: {oorzaak(fout)}") from None
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
