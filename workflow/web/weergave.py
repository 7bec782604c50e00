"""The stored draft text (workflow/tekst.py blocks) as the page shows it: headings, paragraphs and
lists, with bold and italic parts. The template writes the HTML (autoescaped); this only groups
the blocks, so list items sit in one list as they do in the letter."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

LIJSTEN = {"opsomming": "ul", "nummering": "ol"}


@dataclass
class Groep:
    """One element of the page: `h3`, `p`, or a list (`ul`/`ol`) with its items."""

    element: str
    items: list[list[dict[str, Any]]] = field(default_factory=list)


def groepen(blokken_json: str) -> list[Groep]:
    uit: list[Groep] = []
    for blok in json.loads(blokken_json):
        stijl = blok.get("stijl", "alinea")
        delen = [_deel(d) for d in blok.get("delen", [])]
        if stijl in LIJSTEN:
            element = LIJSTEN[stijl]
            if not uit or uit[-1].element != element:
                uit.append(Groep(element))
            uit[-1].items.append(delen)
        else:
            uit.append(Groep("h3" if stijl == "kop" else "p", [delen]))
    return uit


def _deel(deel: dict[str, Any]) -> dict[str, Any]:
    """A part split at hard line breaks, so the template puts <br> between the lines."""
    return {
        "regels": str(deel.get("tekst", "")).split("\n"),
        "vet": bool(deel.get("vet")),
        "cursief": bool(deel.get("cursief")),
    }
