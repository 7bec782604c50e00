"""Dutch (nl-NL) as the language of a Word document, so Word checks its spelling as Dutch.

Word takes a run's language from the run, then its style, then the document defaults
(`w:docDefaults/w:rPrDefault`). A template made on an English Word says en-US in all of those;
every `w:lang` is set to nl-NL here, and the defaults get one when they have none.
"""

from __future__ import annotations

from typing import Any

TAAL = "nl-NL"
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _w(naam: str) -> str:
    return f"{{{_W}}}{naam}"


def nederlands(document: Any) -> None:
    """Every `w:lang` of the document's parts nl-NL (East Asian and bidi settings stay), and nl-NL
    in the document defaults and Word's theme font language."""
    from lxml import etree

    for deel in document.part.package.iter_parts():
        element = getattr(deel, "_element", None)
        if element is None:
            continue
        for taal in element.iter(_w("lang"), _w("themeFontLang")):
            taal.set(_w("val"), TAAL)
    stijlen = document.styles.element
    standaard = stijlen.find(_w("docDefaults"))
    if standaard is None:
        standaard = etree.SubElement(stijlen, _w("docDefaults"))
        stijlen.insert(0, standaard)
    rpr_standaard = standaard.find(_w("rPrDefault"))
    if rpr_standaard is None:
        rpr_standaard = etree.Element(_w("rPrDefault"))
        standaard.insert(0, rpr_standaard)
    rpr = rpr_standaard.find(_w("rPr"))
    if rpr is None:
        rpr = etree.SubElement(rpr_standaard, _w("rPr"))
    if rpr.find(_w("lang")) is None:
        _voeg_lang_toe(rpr)


# Children of w:rPr that come after w:lang in the schema's order.
_NA_LANG = ("eastAsianLayout", "specVanish", "oMath")


def _voeg_lang_toe(rpr: Any) -> None:
    from lxml import etree

    taal = etree.Element(_w("lang"))
    taal.set(_w("val"), TAAL)
    for i, kind in enumerate(rpr):
        if etree.QName(kind).localname in _NA_LANG:
            rpr.insert(i, taal)
            return
    rpr.append(taal)
