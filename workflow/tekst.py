"""Reading a draft text (`.md`, `.txt` or `.docx`) into body blocks for the letter.

The draft is parsed in a bounded worker process (`sjablonen.concepttekst` through
`sjablonen.werker`), before any transaction opens: a slow or huge draft never holds the database.

The blocks are the one form of `sjablonen.blokvorm` (paragraphs, headings, quotes, list items with
level and number, tables, parts bold, italic, underlined or linked). The canonical JSON of the
blocks is what is hashed, approved and later rendered and shown, whatever format the text came in.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from adviesfouten import OngeldigeInvoer
from workflow import invoer
from workflow.bestanden import DOCX_GRENZEN, MB, lees_bytes, veilige_zip

Blok = dict[str, Any]
FORMATEN = (".md", ".txt", ".docx")
MAXIMUM = 20 * MB  # a draft text; a .docx with images stays well under this


def lees_bestand(pad: Path) -> bytes:
    """The bytes of a text file; refuses unknown formats and unreadable files."""
    if pad.suffix.lower() not in FORMATEN:
        raise OngeldigeInvoer(f"'{pad.name}' heeft een onbekend tekstformaat; gebruik .md, .txt of .docx")
    return lees_bytes(pad, maximum=MAXIMUM)


def blokken_uit(inhoud: bytes, naam: str) -> list[Blok]:
    """The body blocks of a text file's bytes; the format follows the name's extension."""
    formaat = Path(naam).suffix.lower()
    if formaat not in FORMATEN:
        raise OngeldigeInvoer(f"'{naam}' heeft een onbekend tekstformaat; gebruik .md, .txt of .docx")
    blokken = _lees_inhoud(inhoud, formaat, naam)
    invoer.controleer_tekst(als_platte_tekst(blokken), f"'{naam}'")
    return blokken


def _lees_inhoud(inhoud: bytes, formaat: str, naam: str) -> list[Blok]:
    if formaat == ".docx":
        veilige_zip(inhoud, DOCX_GRENZEN, naam)  # the zip's directory only, before anything unpacks
    from sjablonen import werker

    blokken = werker.voer_uit("concepttekst", {"inhoud": inhoud, "naam": naam})
    assert isinstance(blokken, list)
    return blokken


def canoniek(blokken: list[Blok]) -> str:
    return json.dumps(blokken, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def sha256(blokken: list[Blok]) -> str:
    return hashlib.sha256(canoniek(blokken).encode("utf-8")).hexdigest()


def als_platte_tekst(blokken: list[Blok]) -> str:
    from sjablonen.blokvorm import platte_tekst

    return "\n\n".join(platte_tekst(b) for b in blokken)
