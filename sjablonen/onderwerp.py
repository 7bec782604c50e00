"""The subject line of an advice letter ("Onderwerp: Advies over het Werkprogramma 2020-2022").

The register's subject is what the college knows the matter by; the letter's subject line comes
from the setting `brief.onderwerp` (default "Advies over {onderwerp}"), in which only the literal
`{onderwerp}` is replaced (plain text replacement, never `str.format`, so braces or format codes in
a subject are just text). One advice can have its own line: a first paragraph "Onderwerp: ..." in
its text, which is then taken out of the body (see `uit_tekst`). It is part of the text version,
so the line that was approved is the line that is sent.
"""

from __future__ import annotations

import re
from typing import Any

from adviesfouten import OngeldigeInvoer

PLAATSHOUDER = "{onderwerp}"
STANDAARD = "Advies over {onderwerp}"
MAX_LENGTE = 200
_VOORVOEGSEL = re.compile(r"\s*onderwerp\s*:\s*", re.IGNORECASE)


def controleer_onderwerpregel(waarde: str) -> str:
    """The setting `brief.onderwerp`, normalised, or a Dutch refusal."""
    regel = " ".join(waarde.split())
    if not regel:
        raise OngeldigeInvoer(f"brief.onderwerp mag niet leeg zijn; bijvoorbeeld '{STANDAARD}'")
    if len(regel) > MAX_LENGTE:
        raise OngeldigeInvoer(f"brief.onderwerp mag hoogstens {MAX_LENGTE} tekens zijn, niet {len(regel)}")
    if "{" in regel.replace(PLAATSHOUDER, "") or "}" in regel.replace(PLAATSHOUDER, ""):
        raise OngeldigeInvoer(f"brief.onderwerp kent alleen de plaatshouder {PLAATSHOUDER}, niet '{regel}'")
    return regel


def onderwerpregel(instelling: str, onderwerp: str, soort: str) -> str:
    """The subject line from the setting; a supplement says "Aanvullend advies" where the line
    starts with "Advies"."""
    regel = instelling.replace(PLAATSHOUDER, onderwerp)
    if soort == "aanvulling" and regel.startswith("Advies "):
        regel = "Aanvullend advies " + regel[len("Advies ") :]
    return regel


def uit_tekst(blokken: list[dict[str, Any]]) -> tuple[str | None, list[dict[str, Any]]]:
    """An advice's own subject line: its text's first paragraph "Onderwerp: ...", and the blocks
    without it. (None, blokken) when the text has none."""
    if not blokken or blokken[0]["stijl"] != "alinea":
        return None, blokken
    tekst = "".join(d["tekst"] for d in blokken[0]["delen"])
    if not (m := _VOORVOEGSEL.match(tekst)):
        return None, blokken
    regel = " ".join(tekst[m.end() :].split())
    return (regel or None), blokken[1:]
