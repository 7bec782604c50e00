"""What changed between two versions of a draft, word by word, as the chair's page shows it.

The words are those of the blocks' text (`sjablonen.blokvorm`: paragraphs, headings, list items,
table cells), compared with difflib. A change of formatting alone changes no word; the page then
says the words are the same. Each block ends in a paragraph mark, so the comparison keeps the
paragraphs of the newer version; a removed paragraph mark becomes a space."""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass, field
from typing import Any

ALINEA = "\n"  # the mark that ends a block; never a word, since words are split at white space
# Beyond this many words on either side the comparison is left out: difflib is quadratic at worst,
# and a draft of that length is read as a whole anyway.
MAX_WOORDEN = 30_000


@dataclass(frozen=True)
class Stuk:
    """Consecutive words with the same fate: `gelijk`, `toegevoegd` or `verwijderd`."""

    soort: str
    tekst: str


@dataclass
class Vergelijking:
    alineas: list[list[Stuk]] = field(default_factory=list)
    toegevoegd: int = 0  # words
    verwijderd: int = 0
    te_groot: bool = False

    @property
    def gelijk(self) -> bool:
        return not (self.toegevoegd or self.verwijderd or self.te_groot)


def woorden(blokken_json: str) -> list[str]:
    """The words of a draft in reading order, each block followed by ALINEA."""
    uit: list[str] = []
    for blok in json.loads(blokken_json):
        for delen in _delen(blok):
            uit.extend("".join(str(d.get("tekst", "")) for d in delen).split())
        uit.append(ALINEA)
    return uit


def _delen(blok: dict[str, Any]) -> list[list[dict[str, Any]]]:
    if blok.get("stijl") == "tabel":
        return [cel for rij in blok.get("rijen", []) for cel in rij]
    return [blok.get("delen", [])]


def vergelijk(oud_json: str, nieuw_json: str) -> Vergelijking:
    oud, nieuw = woorden(oud_json), woorden(nieuw_json)
    if len(oud) > MAX_WOORDEN or len(nieuw) > MAX_WOORDEN:
        return Vergelijking(te_groot=True)
    uitkomst = Vergelijking(alineas=[[]])
    for soort, i1, i2, j1, j2 in difflib.SequenceMatcher(None, oud, nieuw, autojunk=False).get_opcodes():
        if soort in ("replace", "delete"):
            _voeg_toe(uitkomst, "verwijderd", oud[i1:i2], breken=False)
        if soort in ("replace", "insert"):
            _voeg_toe(uitkomst, "toegevoegd", nieuw[j1:j2], breken=True)
        if soort == "equal":
            _voeg_toe(uitkomst, "gelijk", nieuw[j1:j2], breken=True)
    uitkomst.alineas = [a for a in uitkomst.alineas if a]
    return uitkomst


def _voeg_toe(uitkomst: Vergelijking, soort: str, reeks: list[str], *, breken: bool) -> None:
    """Words to the current paragraph; a paragraph mark starts the next one (`breken`) or, for removed
    words, is left out: the paragraphs are those of the newer version."""
    woorden_nu: list[str] = []

    def sluit() -> None:
        if woorden_nu:
            uitkomst.alineas[-1].append(Stuk(soort, " ".join(woorden_nu)))
            woorden_nu.clear()

    for woord in reeks:
        if woord == ALINEA:
            if breken:
                sluit()
                uitkomst.alineas.append([])
            continue
        woorden_nu.append(woord)
        if soort == "toegevoegd":
            uitkomst.toegevoegd += 1
        elif soort == "verwijderd":
            uitkomst.verwijderd += 1
    sluit()
