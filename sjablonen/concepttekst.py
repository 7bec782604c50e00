"""Reading a draft text (`.md`, `.txt` or `.docx`) into body blocks, inside the worker.

A draft comes from outside: it is parsed only in a bounded worker process (`sjablonen.werker`,
job "concepttekst"), never in the process that holds the database, and before any transaction
opens. A .docx is refused when it has more paragraphs, runs or styles than a letter ever needs.
A block is one Word paragraph: `{"stijl": "alinea" | "opsomming" | "nummering" | "kop",
"delen": [{"tekst": ..., "vet": bool, "cursief": bool}]}`.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from workflow.fouten import AdviesFout

Blok = dict[str, Any]
FORMATEN = (".md", ".txt", ".docx")
MAX_ALINEAS = 5_000  # paragraphs of a draft; a long advice has a few hundred
MAX_RUNS = 50_000  # runs (pieces of text with one formatting) in its body
MAX_STIJLEN = 2_000  # styles in its style sheet; Word's own documents have a few hundred at most
MAX_BLOKKEN = MAX_ALINEAS  # blocks of a .md or .txt draft


def blokken_uit(inhoud: bytes, naam: str) -> list[Blok]:
    """The body blocks of a draft's bytes; the format follows the name's extension."""
    formaat = Path(naam).suffix.lower()
    if formaat not in FORMATEN:
        raise AdviesFout(f"'{naam}' heeft een onbekend tekstformaat; gebruik .md, .txt of .docx")
    blokken = _lees(inhoud, formaat, naam)
    if not blokken:
        raise AdviesFout(f"'{naam}' bevat geen tekst")
    _grens(naam, "alinea's", len(blokken), MAX_BLOKKEN)
    return blokken


def _grens(naam: str, wat: str, aantal: int, grens: int) -> None:
    if aantal > grens:
        raise AdviesFout(
            f"'{naam}' heeft meer dan {grens:,} {wat} ({aantal:,}); dat is geen brieftekst".replace(",", ".")
        )


def _lees(inhoud: bytes, formaat: str, naam: str) -> list[Blok]:
    if formaat == ".docx":
        return _uit_word(inhoud, naam)
    try:
        tekst = inhoud.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise AdviesFout(f"'{naam}' is geen UTF-8-tekst; sla het bestand op als UTF-8") from None
    if "\x00" in tekst:
        raise AdviesFout(f"'{naam}' is geen tekstbestand")
    return _uit_markdown(tekst) if formaat == ".md" else _uit_platte_tekst(tekst)


def _deel(tekst: str, vet: bool = False, cursief: bool = False) -> dict[str, Any]:
    return {"tekst": tekst, "vet": vet, "cursief": cursief}


def _samengevoegd(delen: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Adjacent parts with the same formatting become one; empty parts go."""
    uit: list[dict[str, Any]] = []
    for deel in delen:
        if not deel["tekst"]:
            continue
        if uit and (uit[-1]["vet"], uit[-1]["cursief"]) == (deel["vet"], deel["cursief"]):
            uit[-1] = {**uit[-1], "tekst": uit[-1]["tekst"] + deel["tekst"]}
        else:
            uit.append(deel)
    return uit


def _blok(stijl: str, delen: list[dict[str, Any]]) -> Blok | None:
    delen = _samengevoegd(delen)
    if not "".join(d["tekst"] for d in delen).strip():
        return None
    return {"stijl": stijl, "delen": delen}


def _uit_platte_tekst(tekst: str) -> list[Blok]:
    alineas = [" ".join(regel.strip() for regel in a.splitlines()) for a in tekst.replace("\r\n", "\n").split("\n\n")]
    return [b for a in alineas if (b := _blok("alinea", [_deel(a.strip())]))]


def _uit_markdown(tekst: str) -> list[Blok]:
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").parse(tekst)
    blokken: list[Blok] = []
    lijsten: list[str] = []
    stijl_van_kop = False
    for token in tokens:
        if token.type == "bullet_list_open":
            lijsten.append("opsomming")
        elif token.type == "ordered_list_open":
            lijsten.append("nummering")
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            lijsten.pop()
        elif token.type == "heading_open":
            stijl_van_kop = True
        elif token.type == "heading_close":
            stijl_van_kop = False
        elif token.type == "inline":
            stijl = "kop" if stijl_van_kop else (lijsten[-1] if lijsten else "alinea")
            if blok := _blok(stijl, _inline_delen(token.children or [])):
                blokken.append(blok)
        elif token.type in ("fence", "code_block"):
            if blok := _blok("alinea", [_deel(token.content.rstrip("\n"))]):
                blokken.append(blok)
    return blokken


def _inline_delen(kinderen: list[Any]) -> list[dict[str, Any]]:
    delen: list[dict[str, Any]] = []
    vet = cursief = False
    for kind in kinderen:
        if kind.type == "strong_open":
            vet = True
        elif kind.type == "strong_close":
            vet = False
        elif kind.type == "em_open":
            cursief = True
        elif kind.type == "em_close":
            cursief = False
        elif kind.type in ("text", "code_inline", "html_inline"):
            delen.append(_deel(kind.content, vet, cursief))
        elif kind.type == "softbreak":
            delen.append(_deel(" ", vet, cursief))
        elif kind.type == "hardbreak":
            delen.append(_deel("\n", vet, cursief))
    return delen


def _uit_word(inhoud: bytes, naam: str) -> list[Blok]:
    import docx
    from docx.oxml.ns import qn

    try:
        document = docx.Document(io.BytesIO(inhoud))
        stijlen = len(document.styles.element.findall(qn("w:style")))
    except Exception:  # noqa: BLE001 - zip, package and XML errors alike mean a broken .docx
        raise AdviesFout(f"'{naam}' is geen geldig Word-document (.docx)") from None
    # Counted in the XML before python-docx builds an object for each: a draft of 20,000
    # paragraphs is refused in a moment instead of read for minutes.
    lichaam = document.element.body
    _grens(naam, "alinea's", sum(1 for _ in lichaam.iter(qn("w:p"))), MAX_ALINEAS)
    _grens(naam, "tekstdelen (runs)", sum(1 for _ in lichaam.iter(qn("w:r"))), MAX_RUNS)
    _grens(naam, "stijlen", stijlen, MAX_STIJLEN)
    blokken: list[Blok] = []
    for alinea in document.paragraphs:
        stijlnaam = (alinea.style.name if alinea.style is not None else "") or ""
        stijl = "opsomming" if stijlnaam.startswith("List") else "kop" if stijlnaam.startswith("Heading") else "alinea"
        delen = [_deel(run.text, bool(run.bold), bool(run.italic)) for run in alinea.runs]
        if blok := _blok(stijl, delen):
            blokken.append(blok)
    return blokken
