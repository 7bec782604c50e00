"""Text a user types (or an archive brings in): one set of rules for every field.

Refused: C0/C1 control characters (escape sequences that would retitle a terminal), bidi
controls (text that reads differently from how it is stored), Unicode noncharacters (which Word
and XML refuse later), characters made to look like nothing (Hangul fillers, the braille blank,
the tag characters that hide text in plain sight), more than MAX_TEKENS_OP_TEKEN combining marks
in a row (text that spills over the lines around it), text without a single visible character,
and text longer than its column allows. A one-line field collapses internal whitespace: a newline pasted into a
subject becomes a space, because the user meant one line and nothing is lost.
"""

from __future__ import annotations

import re
import unicodedata

from adviesfouten import AdviesFout, OngeldigeInvoer

# Limits: the column's own length where it has one (opslag/modellen.py), otherwise a bound that
# keeps a field readable in a table and a letter.
ONDERWERP = 300
NAAM = 100  # gebruiker.naam, geschiedenis.door, ...
UW_KENMERK = 200  # advies.uw_kenmerk
REDEN = 1000
SAMENVATTING = 2000
INSTELLING = 500

_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Characters that show as blank space but are not space: they make a field look empty or hide text.
_LEEG_ALS_TEKEN = frozenset("\u115f\u1160\u3164\uffa0\u2800")
_TAGS = range(0xE0000, 0xE0080)
# Combining marks on one letter: three is more than any language needs (Vietnamese stacks two).
MAX_TEKENS_OP_TEKEN = 3
# Tab, newline and CR, and whitespace that is not a control character (\x1c-\x1f and NEL are refused).
_WITRUIMTE = re.compile(r"(?:[\t\n\r]|[^\S\x00-\x1f\x7f-\x9f])+")


def regel(waarde: str | None, wat: str, maximum: int, *, leeg_mag: bool = False) -> str:
    """A one-line field: whitespace (newlines and tabs too) collapsed to single spaces, trimmed.

    With `leeg_mag`, an empty field gives "" (callers store None); otherwise it is refused.
    """
    tekst = _WITRUIMTE.sub(" ", waarde or "").strip(" ")
    _controleer_tekens(tekst, wat)
    if not _zichtbare_inhoud(tekst):
        if leeg_mag and not tekst:
            return ""
        raise OngeldigeInvoer(f"{wat} mag niet leeg zijn" if not tekst else f"{wat} bevat geen zichtbare tekst")
    if len(tekst) > maximum:
        raise OngeldigeInvoer(f"{wat} is te lang: {len(tekst)} tekens, ten hoogste {maximum}")
    return tekst


def naam(waarde: str | None, wat: str = "de naam van een gebruiker") -> str:
    """A person's name: one line, at most NAAM characters."""
    return regel(waarde, wat, NAAM)


def probleem(waarde: str, wat: str, maximum: int, *, leeg_mag: bool = False) -> str | None:
    """Why `waarde` is not acceptable as stored (already normalised), or None when it is."""
    try:
        genormaliseerd = regel(waarde, wat, maximum, leeg_mag=leeg_mag)
    except AdviesFout as fout:
        return str(fout)
    if genormaliseerd != waarde:
        return f"{wat} bevat witruimte aan het begin of eind, of een regelovergang"
    return None


def zichtbaar(tekst: str) -> str:
    """`tekst` safe to print for people: control and bidi characters shown as escapes, never sent
    to the terminal as they are (for rows stored before these rules, or read from elsewhere)."""
    return "".join(_als_escape(teken) if _verboden(teken) else teken for teken in tekst)


def _controleer_tekens(tekst: str, wat: str) -> None:
    for teken in tekst:
        if _verboden(teken):
            raise OngeldigeInvoer(f"{wat} bevat een niet-toegestaan teken ({_als_escape(teken)}); typ de tekst opnieuw")
    _controleer_verborgen(tekst, wat)


def _controleer_verborgen(tekst: str, wat: str) -> None:
    """Blank-looking characters and stacked combining marks, refused in every text."""
    op_rij = 0
    for teken in tekst:
        if teken in _LEEG_ALS_TEKEN or ord(teken) in _TAGS:
            raise OngeldigeInvoer(f"{wat} bevat een onzichtbaar teken ({_als_escape(teken)}); typ de tekst opnieuw")
        op_rij = op_rij + 1 if unicodedata.category(teken).startswith("M") else 0
        if op_rij > MAX_TEKENS_OP_TEKEN:
            raise OngeldigeInvoer(
                f"{wat} heeft meer dan {MAX_TEKENS_OP_TEKEN} accenttekens op één letter; typ de tekst opnieuw"
            )


def controleer_tekst(tekst: str, wat: str) -> None:
    """For a draft's text (which keeps its line breaks and tabs): no blank-looking characters, no
    stacked combining marks, and at least one visible character."""
    _controleer_verborgen(tekst, wat)
    if not _zichtbare_inhoud(tekst):
        raise OngeldigeInvoer(f"{wat} bevat geen zichtbare tekst")


def _verboden(teken: str) -> bool:
    soort = unicodedata.category(teken)
    return soort == "Cc" or teken in _BIDI or _is_noncharacter(teken) or soort == "Cs"


def _is_noncharacter(teken: str) -> bool:
    punt = ord(teken)
    return 0xFDD0 <= punt <= 0xFDEF or (punt & 0xFFFE) == 0xFFFE


def _zichtbare_inhoud(tekst: str) -> bool:
    """At least one letter, digit, punctuation mark or symbol: spaces, format characters (a
    zero-width space, a soft hyphen) and combining marks alone show nothing."""
    return any(unicodedata.category(teken)[0] in "LNPS" and teken not in _LEEG_ALS_TEKEN for teken in tekst)


def _als_escape(teken: str) -> str:
    punt = ord(teken)
    return f"\\x{punt:02x}" if punt <= 0xFF else f"\\u{punt:04x}" if punt <= 0xFFFF else f"\\U{punt:08x}"
