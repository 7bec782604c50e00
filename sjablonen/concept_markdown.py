"""A Markdown draft (CommonMark plus tables) as blocks of `sjablonen.blokvorm`, inside the worker.

Headings, paragraphs, bold, italic, lists with their start number and level, tables with their
header row, links with their address and block quotes are carried. Raw HTML (`<b>`, `<u>`, a
comment), images, horizontal rules and what cannot nest in a letter (a list in a quote, a table in
a list) are refused, naming the line: printed literally or dropped, they would change the letter.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sjablonen import blokvorm
from sjablonen.blokvorm import Blok

# Markdown has no underline: `<u>...</u>` is the one piece of HTML a draft may hold.
ONDERSTREEPT = ("<u>", "</u>")


@dataclass
class _Lijst:
    nummer: int | None  # the next number of an ordered list, None for a bullet list
    item_open: bool = False


@dataclass
class _Stand:
    """Where the reader is: the open lists, quote, heading and table, and what it has read."""

    naam: str
    blokken: list[Blok] = field(default_factory=list)
    nummers: list[int | None] = field(default_factory=list)
    lijsten: list[_Lijst] = field(default_factory=list)
    citaat: int = 0
    kop: bool = False
    tabel: list[list[list[dict[str, Any]]]] | None = None
    kopregels: int = 0
    in_kop_van_tabel: bool = False
    regel: int = 1

    def voeg_toe(self, blok: Blok | None, nummer: int | None = None) -> None:
        if blok is not None:
            self.blokken.append(blok)
            self.nummers.append(nummer)


def uit_markdown(tekst: str, naam: str) -> list[Blok]:
    from markdown_it import MarkdownIt

    stand = _Stand(naam)
    for token in MarkdownIt("commonmark").enable("table").parse(tekst):
        if token.map:
            stand.regel = token.map[0] + 1
        _verwerk(stand, token)
    return blokvorm.met_start(stand.blokken, stand.nummers)


def _waar(stand: _Stand) -> str:
    return f"op regel {stand.regel}"


def _verwerk(stand: _Stand, token: Any) -> None:
    soort = token.type
    if soort in ("bullet_list_open", "ordered_list_open"):
        if stand.citaat or stand.tabel is not None:
            raise blokvorm.weiger(stand.naam, "een lijst in een citaat", _waar(stand))
        start = int(token.attrGet("start") or 1) if soort == "ordered_list_open" else None
        stand.lijsten.append(_Lijst(start))
    elif soort in ("bullet_list_close", "ordered_list_close"):
        stand.lijsten.pop()
    elif soort == "list_item_open":
        stand.lijsten[-1].item_open = True
    elif soort == "heading_open":
        stand.kop = True
    elif soort == "heading_close":
        stand.kop = False
    elif soort == "blockquote_open":
        if stand.lijsten:
            raise blokvorm.weiger(stand.naam, "een citaat in een lijst", _waar(stand))
        stand.citaat += 1
    elif soort == "blockquote_close":
        stand.citaat -= 1
    elif soort.startswith(("table_", "thead_", "tbody_", "tr_", "th_", "td_")):
        _tabel(stand, token)
    elif soort == "inline":
        _inline(stand, token)
    elif soort in ("fence", "code_block"):
        stand.voeg_toe(blokvorm.blok("alinea", [blokvorm.deel(token.content.rstrip("\n"))]))
    elif soort == "html_block":
        raise blokvorm.weiger(stand.naam, f"HTML ('{token.content.strip()[:40]}')", _waar(stand))
    elif soort == "hr":
        raise blokvorm.weiger(stand.naam, "een horizontale lijn", _waar(stand))


def _tabel(stand: _Stand, token: Any) -> None:
    soort = token.type
    if soort == "table_open":
        if stand.lijsten or stand.citaat:
            raise blokvorm.weiger(stand.naam, "een tabel in een lijst of citaat", _waar(stand))
        stand.tabel, stand.kopregels = [], 0
    elif soort == "thead_open":
        stand.in_kop_van_tabel = True
    elif soort == "thead_close":
        stand.in_kop_van_tabel = False
    elif soort == "tr_open" and stand.tabel is not None:
        stand.tabel.append([])
        stand.kopregels += stand.in_kop_van_tabel
    elif soort == "table_close" and stand.tabel is not None:
        blok: Blok = {"stijl": "tabel", "rijen": stand.tabel}
        if stand.kopregels:
            blok["kopregels"] = stand.kopregels
        stand.voeg_toe(blok)
        stand.tabel = None


def _inline(stand: _Stand, token: Any) -> None:
    delen = _delen(stand, token.children or [])
    if stand.tabel is not None:
        stand.tabel[-1].append(blokvorm.samengevoegd(delen))
        return
    if stand.kop:
        stand.voeg_toe(blokvorm.blok("kop", delen))
    elif stand.citaat:
        stand.voeg_toe(blokvorm.blok("citaat", delen))
    elif stand.lijsten:
        _lijstitem(stand, delen)
    else:
        stand.voeg_toe(blokvorm.blok("alinea", delen))


def _lijstitem(stand: _Stand, delen: list[dict[str, Any]]) -> None:
    lijst = stand.lijsten[-1]
    if not lijst.item_open and stand.blokken:
        # A second paragraph of the same item (a "loose" list): it stays in that item, on a new line.
        vorige = stand.blokken[-1]
        vorige["delen"] = blokvorm.samengevoegd([*vorige["delen"], blokvorm.deel("\n"), *delen])
        return
    lijst.item_open = False
    stijl = "opsomming" if lijst.nummer is None else "nummering"
    # An empty item keeps its place (and its number) with a non-breaking space.
    niveau = len(stand.lijsten) - 1
    blok = blokvorm.blok(stijl, delen, niveau=niveau) or blokvorm.blok(stijl, [blokvorm.deel("\u00a0")], niveau=niveau)
    stand.voeg_toe(blok, lijst.nummer)
    if lijst.nummer is not None:
        lijst.nummer += 1


def _delen(stand: _Stand, kinderen: list[Any]) -> list[dict[str, Any]]:
    delen: list[dict[str, Any]] = []
    vet = cursief = onder = 0
    link = ""
    for kind in kinderen:
        soort = kind.type
        if soort in ("strong_open", "strong_close"):
            vet += 1 if soort == "strong_open" else -1
        elif soort in ("em_open", "em_close"):
            cursief += 1 if soort == "em_open" else -1
        elif soort == "link_open":
            link = blokvorm.controleer_link(str(kind.attrGet("href") or ""), stand.naam, _waar(stand))
        elif soort == "link_close":
            link = ""
        elif soort in ("text", "code_inline"):
            delen.append(blokvorm.deel(kind.content, vet > 0, cursief > 0, onder > 0, link))
        elif soort == "softbreak":
            delen.append(blokvorm.deel(" ", vet > 0, cursief > 0, onder > 0, link))
        elif soort == "hardbreak":
            delen.append(blokvorm.deel("\n", vet > 0, cursief > 0, onder > 0, link))
        elif soort == "html_inline" and kind.content.lower() in ONDERSTREEPT:
            onder += 1 if kind.content.lower() == ONDERSTREEPT[0] else -1
        elif soort == "html_inline":
            raise blokvorm.weiger(stand.naam, f"HTML ('{kind.content[:40]}')", _waar(stand))
        elif soort == "image":
            raise blokvorm.weiger(stand.naam, "een afbeelding", _waar(stand))
    return delen
