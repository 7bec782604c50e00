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
class Lijst:
    """A list as HTML nests it: `ul` or `ol` (with `start` when not 1), its items."""

    element: str
    start: int | None = None
    items: list[Item] = field(default_factory=list)
    volgende: int | None = None  # the number the next item of this `ol` would have


@dataclass
class Item:
    delen: list[dict[str, Any]]
    lijsten: list[Lijst]


@dataclass
class Groep:
    """One element of the page: `h3`, `p`, `blockquote` (`items` its one paragraph's parts),
    `table` (`items` its rows, `kopregels` the header rows) or `lijst` (`items` the lists)."""

    element: str
    items: list[Any] = field(default_factory=list)
    kopregels: int = 0


def groepen(blokken_json: str) -> list[Groep]:
    blokken = json.loads(blokken_json)
    nummers = blokvorm.lijstnummers(blokken)
    uit: list[Groep] = []
    reeks: list[tuple[str, int, int | None, list[dict[str, Any]]]] = []
    for blok, nummer in zip(blokken, nummers, strict=True):
        stijl = blok.get("stijl", "alinea")
        if stijl in LIJSTEN:
            delen = [_deel(d) for d in blok.get("delen", [])]
            reeks.append((stijl, int(blok.get("niveau", 0)), nummer, delen))
            continue
        if reeks:
            uit.append(Groep("lijst", _boom(reeks)))
            reeks = []
        if stijl == "tabel":
            rijen = [[[_deel(d) for d in cel] for cel in rij] for rij in blok.get("rijen", [])]
            uit.append(Groep("table", rijen, kopregels=int(blok.get("kopregels", 0))))
        else:
            uit.append(Groep(ELEMENTEN.get(stijl, "p"), [[_deel(d) for d in blok.get("delen", [])]]))
    if reeks:
        uit.append(Groep("lijst", _boom(reeks)))
    return uit


def _boom(reeks: list[tuple[str, int, int | None, list[dict[str, Any]]]]) -> list[Lijst]:
    """List items (kind, level, number, parts) as nested lists: the deeper items after an item
    go inside it; a new `ol` where the numbers do not simply go on (with its `start`)."""
    lijsten: list[Lijst] = []
    i = 0
    while i < len(reeks):
        stijl, niveau, nummer, delen = reeks[i]
        j = i + 1
        while j < len(reeks) and reeks[j][1] > niveau:
            j += 1
        element = LIJSTEN[stijl]
        if not lijsten or lijsten[-1].element != element or nummer != lijsten[-1].volgende:
            lijsten.append(Lijst(element, nummer if nummer not in (None, 1) else None))
        lijsten[-1].items.append(Item(delen, _boom(reeks[i + 1 : j])))
        lijsten[-1].volgende = nummer + 1 if nummer is not None else None
        i = j
    return lijsten


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
