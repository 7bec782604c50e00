"""The key that signs the web page's cookies (the form token and the device cookies).

ADVIES_WEB_GEHEIM, or a random key kept in `web-geheim` in ADVIES_HOME, readable by its owner
only, so several server processes on one machine, and a restart, share it. Several processes
starting at once on a fresh home must all get the same key, and never a half-written one: each
writes its own temporary file (O_EXCL, write, fsync) and links it in under the final name. A link,
unlike a rename, never replaces a key another process put there first (that process may already
be signing with it); whoever loses reads the winner's key. A key shorter than 32 bytes is refused.
"""

from __future__ import annotations

import os
import secrets
import stat
from pathlib import Path

from adviesfouten import OpslagFout

BESTAND = "web-geheim"
MIN_BYTES = 32
_MAAK = "python3 -c 'import secrets; print(secrets.token_urlsafe(48))'"


def sessiesleutel(map_: Path) -> str:
    """The key, made on first use; refused (one Dutch line) when it is shorter than 32 bytes."""
    uit_omgeving = os.environ.get("ADVIES_WEB_GEHEIM")
    if uit_omgeving is not None:
        controleer(uit_omgeving, f"ADVIES_WEB_GEHEIM is te kort; maak een sleutel met {_MAAK}")
        return uit_omgeving
    pad = map_ / BESTAND
    if not pad.exists():
        _maak(pad)
    try:
        sleutel = pad.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError) as fout:
        raise OpslagFout(f"kan de sleutel {pad} niet lezen ({fout}); verwijder het bestand voor een nieuwe") from None
    controleer(sleutel, f"de sleutel in {pad} is te kort; verwijder het bestand, dan maakt advies web een nieuwe")
    return sleutel


def controleer(sleutel: str, melding: str) -> None:
    if len(sleutel.strip().encode("utf-8")) < MIN_BYTES:
        raise OpslagFout(f"{melding} (minstens {MIN_BYTES} tekens)")


def _maak(pad: Path) -> None:
    pad.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    tijdelijk = pad.with_name(f".{BESTAND}.{os.getpid()}.{secrets.token_hex(8)}")
    greep = os.open(tijdelijk, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        try:
            os.write(greep, (secrets.token_urlsafe(48) + "\n").encode("ascii"))  # 48 random bytes
            os.fsync(greep)
        finally:
            os.close(greep)
        try:
            os.link(tijdelijk, pad)
        except FileExistsError:
            pass  # another process was first; its key holds
    finally:
        tijdelijk.unlink(missing_ok=True)
    _synchroniseer_map(pad.parent)


def _synchroniseer_map(map_: Path) -> None:
    """The new name survives a power failure too."""
    greep = os.open(map_, os.O_RDONLY)
    try:
        os.fsync(greep)
    finally:
        os.close(greep)


def alleen_eigenaar(pad: Path, wat: str) -> None:
    """Refuse to serve when `pad` (the database, the key) is readable by others than its owner."""
    try:
        modus = pad.stat().st_mode
    except FileNotFoundError:
        return
    if modus & (stat.S_IRWXG | stat.S_IRWXO):
        raise OpslagFout(f"{wat} {pad} is leesbaar voor anderen; maak het alleen voor u leesbaar met: chmod 600 {pad}")
