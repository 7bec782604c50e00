"""The stored draft text (the blocks of `sjablonen.blokvorm`) as the page shows it: headings,
paragraphs, quotes, lists with their numbers and levels, tables with their header rows, parts
bold, italic, underlined or linked. The template writes the HTML (autoescaped); this only groups
the blocks, so list items sit in one list as they do in the letter, and gives each numbered item
the number the letter shows."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from sjablonen import blokvorm

LIJSTEN = {"opsomming": "ul", "nummering": "ol"}
ELEMENTEN = {"kop": "h3", "citaat": "blockquote", "alinea": "p"}


@dataclass
class Groep:
    """One element of the page: `h3`, `p`, `blockquote`, `table` (`items` its rows, `kopregels`
    the header rows) or a list (`ul`/`ol`) with its items and each item's level and number."""

    element: str
    items: list[Any] = field(default_factory=list)
    nummers: list[int | None] = field(default_factory=list)
    niveaus: list[int] = field(default_factory=list)
    kopregels: int = 0


def groepen(blokken_json: str) -> list[Groep]:
    blokken = json.loads(blokken_json)
    nummers = blokvorm.lijstnummers(blokken)
    uit: list[Groep] = []
    for blok, nummer in zip(blokken, nummers, strict=True):
        stijl = blok.get("stijl", "alinea")
        if stijl == "tabel":
            rijen = [[[_deel(d) for d in cel] for cel in rij] for rij in blok.get("rijen", [])]
            uit.append(Groep("table", rijen, kopregels=int(blok.get("kopregels", 0))))
            continue
        delen = [_deel(d) for d in blok.get("delen", [])]
        if stijl in LIJSTEN:
            element = LIJSTEN[stijl]
            if not uit or uit[-1].element not in LIJSTEN.values():
                uit.append(Groep(element))
            uit[-1].items.append(delen)
            uit[-1].nummers.append(nummer)
            uit[-1].niveaus.append(int(blok.get("niveau", 0)))
        else:
            uit.append(Groep(ELEMENTEN.get(stijl, "p"), [delen]))
    return uit


def _deel(deel: dict[str, Any]) -> dict[str, Any]:
    """A part split at hard line breaks, so the template puts <br> between the lines."""
    return {
        "regels": str(deel.get("tekst", "")).split("\n"),
        "vet": bool(deel.get("vet")),
        "cursief": bool(deel.get("cursief")),
        "onderstreept": bool(deel.get("onderstreept")),
        # Only web and e-mail addresses become links (the readers refuse others; an archive is checked again).
        "link": link if (link := str(deel.get("link") or "")).lower().startswith(blokvorm.LINKSCHEMA) else "",
    }
