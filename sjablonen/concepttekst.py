"""Reading a draft text (`.md`, `.txt` or `.docx`) into body blocks, inside the worker.

A draft comes from outside: it is parsed only in a bounded worker process (`sjablonen.werker`,
job "concepttekst"), never in the process that holds the database, and before any transaction
opens. A .docx is refused when it has more paragraphs, runs or styles than a letter ever needs.
Both readers produce the one form of `sjablonen.blokvorm`: paragraphs, headings, quotes, list
items with their level and number, tables with header rows; parts bold, italic, underlined or
linked. What that form cannot hold (an image, a comment, a tracked change, a text box, a footnote,
a field, an embedded object; in Markdown raw HTML or an image) is refused with a line that names
what and where: nothing of a draft is ever dropped without a word.
"""

from __future__ import annotations

import io
from pathlib import Path

from adviesfouten import OngeldigeInvoer
from sjablonen import blokvorm

Blok = blokvorm.Blok
FORMATEN = (".md", ".txt", ".docx")
MAX_ALINEAS = 5_000  # paragraphs of a draft; a long advice has a few hundred
MAX_RUNS = 50_000  # runs (pieces of text with one formatting) in its body
MAX_STIJLEN = 2_000  # styles in its style sheet; Word's own documents have a few hundred at most
MAX_BLOKKEN = MAX_ALINEAS  # blocks of a .md or .txt draft


def blokken_uit(inhoud: bytes, naam: str) -> list[Blok]:
    """The body blocks of a draft's bytes; the format follows the name's extension."""
    formaat = Path(naam).suffix.lower()
    if formaat not in FORMATEN:
        raise OngeldigeInvoer(f"'{naam}' heeft een onbekend tekstformaat; gebruik .md, .txt of .docx")
    blokken = _lees(inhoud, formaat, naam)
    if not blokken:
        raise OngeldigeInvoer(f"'{naam}' bevat geen tekst")
    _grens(naam, "alinea's", len(blokken), MAX_BLOKKEN)
    return blokken


def _grens(naam: str, wat: str, aantal: int, grens: int) -> None:
    if aantal > grens:
        raise OngeldigeInvoer(
            f"'{naam}' heeft meer dan {grens:,} {wat} ({aantal:,}); dat is geen brieftekst".replace(",", ".")
        )


def _lees(inhoud: bytes, formaat: str, naam: str) -> list[Blok]:
    if formaat == ".docx":
        return _uit_word(inhoud, naam)
    try:
        tekst = inhoud.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise OngeldigeInvoer(f"'{naam}' is geen UTF-8-tekst; sla het bestand op als UTF-8") from None
    if "\x00" in tekst:
        raise OngeldigeInvoer(f"'{naam}' is geen tekstbestand")
    if formaat == ".md":
        from sjablonen.concept_markdown import uit_markdown

        return uit_markdown(tekst, naam)
    return _uit_platte_tekst(tekst)


def _uit_platte_tekst(tekst: str) -> list[Blok]:
    alineas = [" ".join(regel.strip() for regel in a.splitlines()) for a in tekst.replace("\r\n", "\n").split("\n\n")]
    return [b for a in alineas if (b := blokvorm.blok("alinea", [blokvorm.deel(a.strip())]))]


def _uit_word(inhoud: bytes, naam: str) -> list[Blok]:
    import docx
    from docx.oxml.ns import qn

    from sjablonen.concept_word import uit_word

    try:
        document = docx.Document(io.BytesIO(inhoud))
        stijlen = len(document.styles.element.findall(qn("w:style")))
    except Exception:  # noqa: BLE001 - zip, package and XML errors alike mean a broken .docx
        raise OngeldigeInvoer(f"'{naam}' is geen geldig Word-document (.docx)") from None
    # Counted in the XML before anything else is read: a draft of 20,000 paragraphs is refused
    # in a moment instead of read for minutes.
    lichaam = document.element.body
    _grens(naam, "alinea's", sum(1 for _ in lichaam.iter(qn("w:p"))), MAX_ALINEAS)
    _grens(naam, "tekstdelen (runs)", sum(1 for _ in lichaam.iter(qn("w:r"))), MAX_RUNS)
    _grens(naam, "stijlen", stijlen, MAX_STIJLEN)
    return uit_word(document, naam)
