"""The one internal form of a draft text ("blokken"): what both readers (.docx and .md/.txt,
`sjablonen.concepttekst`) produce and what the letter (`sjablonen.brieven`), the web page
(`workflow.web.weergave`) and the hash (`workflow.tekst`) read. Plain data only (JSON).

A block is one of:
- `{"stijl": "alinea" | "kop" | "citaat", "delen": [deel, ...]}`;
- `{"stijl": "opsomming" | "nummering", "delen": [...], "niveau": n, "start": s}`: a list item;
  `niveau` (1 for a list inside a list, ...) only when not 0, `start` only where the number is not
  the one `lijstnummers` would give (a list starting at 3, a list that restarts);
- `{"stijl": "tabel", "rijen": [[[deel, ...] per cell] per row], "kopregels": k}`; `kopregels`
  (header rows) only when not 0.

A part (deel) is `{"tekst": ..., "vet": bool, "cursief": bool}` with `"onderstreept": true` and
`"link": "https://..."` only when so. Keys that are absent mean what the first versions of this
form meant, so stored blocks keep their hash and render as before.
"""

from __future__ import annotations

from typing import Any

from adviesfouten import OngeldigeInvoer

Blok = dict[str, Any]
LIJSTEN = ("opsomming", "nummering")
LINKSCHEMA = ("http://", "https://", "mailto:")


def opmaak(deel: dict[str, Any]) -> tuple[bool, bool, bool, str]:
    """What makes two parts look different: bold, italic, underline and link target."""
    return (bool(deel.get("vet")), bool(deel.get("cursief")), bool(deel.get("onderstreept")), deel.get("link") or "")


def lijstnummers(blokken: list[Blok]) -> list[int | None]:
    """The number Word shows before each block (None for anything but a numbered item).

    Per level a counter: a numbered item continues its level's counter unless it has `start`;
    an item at a level clears the deeper levels; a bullet clears its own level; anything that is
    not a list item clears them all. The readers write `start` exactly where this would be wrong."""
    tellers: dict[int, int] = {}
    return [_tel(tellers, blok, blok.get("start")) for blok in blokken]


def nieuwe_lijst(blokken: list[Blok]) -> list[bool]:
    """For each block: whether it is a numbered item that begins a new list (its level's counter
    started afresh, or restarted by `start`)."""
    tellers: dict[int, int] = {}
    uit: list[bool] = []
    for blok in blokken:
        niveau = int(blok.get("niveau", 0))
        nieuw = blok.get("stijl") == "nummering" and ("start" in blok or niveau not in _na_dieper(tellers, niveau))
        _tel(tellers, blok, blok.get("start"))
        uit.append(nieuw)
    return uit


def met_start(blokken: list[Blok], nummers: list[int | None]) -> list[Blok]:
    """The blocks with `start` exactly where the real numbers (`nummers`, from the draft) differ
    from what `lijstnummers` gives without it. One pass: a draft of thousands of items stays quick."""
    tellers: dict[int, int] = {}
    uit: list[Blok] = []
    for blok, nummer in zip(blokken, nummers, strict=True):
        nieuw = {k: v for k, v in blok.items() if k != "start"}
        verwacht = _tel(dict(tellers), nieuw, None)
        if nummer is not None and verwacht is not None and nummer != verwacht:
            nieuw["start"] = nummer
        _tel(tellers, nieuw, nieuw.get("start"))
        uit.append(nieuw)
    return uit


def _na_dieper(tellers: dict[int, int], niveau: int) -> dict[int, int]:
    """The counters without the levels deeper than `niveau` (which an item at `niveau` ends)."""
    for dieper in [n for n in tellers if n > niveau]:
        del tellers[dieper]
    return tellers


def _tel(tellers: dict[int, int], blok: Blok, start: Any) -> int | None:
    """One step of the counting of `lijstnummers`: the block's number, the counters updated."""
    stijl = blok.get("stijl")
    if stijl not in LIJSTEN:
        tellers.clear()
        return None
    niveau = int(blok.get("niveau", 0))
    _na_dieper(tellers, niveau)
    if stijl == "opsomming":
        tellers.pop(niveau, None)
        return None
    tellers[niveau] = int(start) if start is not None else tellers.get(niveau, 0) + 1
    return tellers[niveau]


def delen_van(blok: Blok) -> list[dict[str, Any]]:
    """All parts of a block in reading order: a table's cells row by row."""
    if blok.get("stijl") == "tabel":
        return [deel for rij in blok.get("rijen", []) for cel in rij for deel in cel]
    return list(blok.get("delen", []))


def platte_tekst(blok: Blok) -> str:
    """A block as plain text (a table's cells separated by tabs and its rows by new lines); link
    addresses are part of it, so the checks for hidden characters see them too."""
    if blok.get("stijl") == "tabel":
        return "\n".join("\t".join(_tekst(cel) for cel in rij) for rij in blok.get("rijen", []))
    return _tekst(blok.get("delen", []))


def _tekst(delen: list[dict[str, Any]]) -> str:
    return "".join(d["tekst"] + (f" <{d['link']}>" if d.get("link") else "") for d in delen)


def deel(tekst: str, vet: bool = False, cursief: bool = False, onderstreept: bool = False, link: str = "") -> Any:
    """A part; the optional keys only when set (see the module's docstring)."""
    uit: dict[str, Any] = {"tekst": tekst, "vet": vet, "cursief": cursief}
    if onderstreept:
        uit["onderstreept"] = True
    if link:
        uit["link"] = link
    return uit


def samengevoegd(delen: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Adjacent parts with the same formatting become one; empty parts go."""
    uit: list[dict[str, Any]] = []
    for d in delen:
        if not d["tekst"]:
            continue
        if uit and opmaak(uit[-1]) == opmaak(d):
            uit[-1] = {**uit[-1], "tekst": uit[-1]["tekst"] + d["tekst"]}
        else:
            uit.append(d)
    return uit


def blok(stijl: str, delen: list[dict[str, Any]], **extra: Any) -> Blok | None:
    """A block of merged parts, or None when it holds no visible text."""
    delen = samengevoegd(delen)
    if not "".join(d["tekst"] for d in delen).strip():
        return None
    return {"stijl": stijl, "delen": delen, **{k: v for k, v in extra.items() if v}}


def controleer_link(adres: str, naam: str, waar: str) -> str:
    """A link's address, when it is one a letter may carry (web or e-mail)."""
    adres = adres.strip()
    if not adres.lower().startswith(LINKSCHEMA) or any(c.isspace() for c in adres) or len(adres) > 2000:
        raise OngeldigeInvoer(
            f"'{naam}' bevat een link naar '{adres[:80]}' {waar}; alleen http-, https- en mailto-adressen kunnen mee"
        )
    return adres


def weiger(naam: str, wat: str, waar: str) -> OngeldigeInvoer:
    """The refusal of what a letter cannot carry, naming what and where."""
    return OngeldigeInvoer(
        f"'{naam}' bevat {wat} {waar}; dat kan niet mee in de brief: haal het weg of zet het om in tekst"
    )
