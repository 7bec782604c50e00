"""Rendering a letter from a Word template (docxtpl) into .docx bytes.

One fresh `DocxTemplate` per letter, Jinja autoescaping on (so `&`, `<`, `>` and quotes in a
subject or a body stay text and the file stays valid XML) and strict undefined variables (a name
the letter does not provide is an error that names it, never an empty gap in a sent letter).

The body of an advice arrives as blocks (see `workflow.tekst`) and becomes real Word paragraphs in
the place of the template's `{{p tekst }}`: style "Brieftekst", bullet points "List Bullet",
headings "Tussenkop", each only when the template has that style (else plain formatting).
docxtpl, python-docx and babel are imported inside the functions: `advies --help` stays fast.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping
from importlib import resources
from typing import Any
from xml.sax.saxutils import escape

from workflow.fouten import AdviesFout

ADVIESBRIEF = "adviesbrief.docx"
HERINNERING = "herinnering.docx"

# What each letter provides to its template. `sjabloon controleer` checks a template against these.
VARIABELEN: dict[str, dict[str, str]] = {
    ADVIESBRIEF: {
        "concept": "waar voor een conceptbrief, onwaar voor de verzonden brief",
        "versie": "het nummer van de tekstversie",
        "logo": "het logo (organisatie.logo) of niets",
        "organisatie": "organisatie.naam, organisatie.adres (lijst van regels), organisatie.plaats",
        "plaats": "de plaats vóór de datum",
        "datum": "de datum van de brief, voluit ('28 januari 2020')",
        "kenmerk": "ons kenmerk ('CRA 2020-02')",
        "uw_kenmerk": "het kenmerk van de adviesaanvraag, of leeg",
        "uw_brief_van": "de ontvangstdatum van de adviesaanvraag, voluit, of leeg",
        "onderwerp": "het onderwerp van het advies",
        "soort": "gevraagd, ongevraagd of aanvulling",
        "tekst": "de adviestekst; zet '{{p tekst }}' alleen in een eigen alinea",
        "ondertekenaar": "brief.ondertekenaar",
        "functie": "brief.functie",
        "afschriften": "brief.afschrift als lijst van regels (I.a.a.)",
    },
}
VARIABELEN[HERINNERING] = {
    **{k: v for k, v in VARIABELEN[ADVIESBRIEF].items() if k not in ("concept", "versie", "tekst", "soort")},
    "kenmerk": "het kenmerk van de herinnering ('CRB 2021-02')",
    "advies_kenmerk": "het kenmerk van het advies",
    "verzonden_op": "de verzenddatum van het advies, voluit",
    "reactie_uiterlijk": "de uiterste datum voor de reactie, voluit",
}

_GEEN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # characters XML 1.0 does not allow
LOGOHOOGTE_MM = 20


def standaardsjabloon(naam: str = ADVIESBRIEF) -> bytes:
    """The default template shipped with the package."""
    return resources.files("sjablonen").joinpath(naam).read_bytes()


def regels(waarde: str) -> list[str]:
    """A `;`-separated setting as its non-empty lines."""
    return [r.strip() for r in waarde.split(";") if r.strip()]


def schoon(waarde: Any) -> Any:
    """Strings without the control characters XML cannot hold, recursively through lists and dicts."""
    if isinstance(waarde, str):
        return _GEEN_XML.sub("", waarde)
    if isinstance(waarde, list):
        return [schoon(w) for w in waarde]
    if isinstance(waarde, dict):
        return {k: schoon(w) for k, w in waarde.items()}
    return waarde


def render(
    sjabloon: bytes,
    gegevens: Mapping[str, Any],
    blokken: list[dict[str, Any]] | None = None,
    logo: bytes | None = None,
) -> bytes:
    """Render one letter; `gegevens` are the template's variables except `tekst` and `logo`."""
    from docx.shared import Mm
    from docxtpl import DocxTemplate, InlineImage
    from jinja2 import Environment, StrictUndefined, TemplateError
    from markupsafe import Markup

    sjabloonfout = _sjabloonfout()
    try:
        tpl = DocxTemplate(io.BytesIO(sjabloon))
        tpl.init_docx()
    except sjabloonfout:
        raise AdviesFout("het briefsjabloon is geen geldig Word-document (.docx)") from None
    context = schoon(dict(gegevens))
    context["logo"] = InlineImage(tpl, io.BytesIO(logo), height=Mm(LOGOHOOGTE_MM)) if logo else None
    if blokken is not None:
        context["tekst"] = Markup(alineas_xml(blokken, _stijlen(tpl)))
    omgeving = Environment(undefined=StrictUndefined, autoescape=True)
    try:
        tpl.render(context, omgeving, autoescape=True)
        uit = io.BytesIO()
        tpl.save(uit)
    except TemplateError as fout:
        raise AdviesFout(f"het briefsjabloon is niet bruikbaar: {jinja_melding(fout)}") from None
    except sjabloonfout as fout:
        raise AdviesFout(f"de brief kon niet worden gemaakt: {type(fout).__name__}: {fout}") from None
    return uit.getvalue()


def _sjabloonfout() -> tuple[type[BaseException], ...]:
    import zipfile

    from docx.image.exceptions import UnrecognizedImageError
    from docx.opc.exceptions import PackageNotFoundError
    from lxml.etree import XMLSyntaxError

    return (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, XMLSyntaxError, UnrecognizedImageError)


def jinja_melding(fout: Exception) -> str:
    """A Jinja error in Dutch where we can, naming the variable."""
    tekst = str(fout)
    if m := re.fullmatch(r"'([^']+)' is undefined", tekst):
        return f"de variabele '{m[1]}' bestaat niet in deze brief"
    if m := re.fullmatch(r"'([^']+)' has no attribute '([^']+)'", tekst):
        return f"'{m[2]}' bestaat niet" + ("" if m[1] == "dict object" else f" (in {m[1]})")
    return tekst


def _stijlen(tpl: Any) -> dict[str, str]:
    """Style ids by style name, for the paragraph styles the body uses."""
    gezocht = {"Brieftekst", "List Bullet", "Tussenkop"}
    gevonden: dict[str, str] = {}
    for stijl in tpl.docx.styles:
        try:
            naam, id_ = stijl.name, stijl.style_id
        except (AttributeError, KeyError, ValueError):
            continue
        if naam in gezocht and id_:
            gevonden[naam] = id_
    return gevonden


def alineas_xml(blokken: list[dict[str, Any]], stijlen: Mapping[str, str]) -> str:
    """The body blocks as WordprocessingML paragraphs (`<w:p>`), text escaped."""
    uit: list[str] = []
    nummer = 0
    for i, blok in enumerate(blokken):
        stijl = blok["stijl"]
        nummer = nummer + 1 if stijl == "nummering" else 0
        # The last item of a list gets a paragraph's space after it (8 pt), the others 4 pt.
        laatste = i + 1 == len(blokken) or blokken[i + 1]["stijl"] != stijl
        ruimte = f'<w:spacing w:after="{160 if laatste else 80}"/>'
        voor = ""
        if stijl == "opsomming" and "List Bullet" in stijlen:
            ppr = _ppr(stijlen["List Bullet"], ruimte)
        elif stijl in ("opsomming", "nummering"):
            ppr = _ppr(stijlen.get("Brieftekst"), f'{ruimte}<w:ind w:left="360" w:hanging="360"/>')
            voor = "\u2022" if stijl == "opsomming" else f"{nummer}."
        elif stijl == "kop":
            ppr = _ppr(stijlen.get("Tussenkop") or stijlen.get("Brieftekst"), "<w:keepNext/>")
        else:
            ppr = _ppr(stijlen.get("Brieftekst"))
        runs = [_run(voor, False, False) + "<w:r><w:tab/></w:r>"] if voor else []
        vet_kop = stijl == "kop" and "Tussenkop" not in stijlen
        runs += [_run(d["tekst"], bool(d["vet"]) or vet_kop, bool(d["cursief"])) for d in blok["delen"]]
        uit.append(f"<w:p>{ppr}{''.join(runs)}</w:p>")
    return "".join(uit)


def _ppr(stijl_id: str | None, extra: str = "") -> str:
    """Paragraph properties; `extra` are the elements after pStyle, in the order the schema wants."""
    stijl = f'<w:pStyle w:val="{escape(stijl_id, {chr(34): "&quot;"})}"/>' if stijl_id else ""
    return f"<w:pPr>{stijl}{extra}</w:pPr>" if (stijl or extra) else ""


def _run(tekst: str, vet: bool, cursief: bool) -> str:
    rpr = ("<w:b/>" if vet else "") + ("<w:i/>" if cursief else "")
    rpr = f"<w:rPr>{rpr}</w:rPr>" if rpr else ""
    tekst = _GEEN_XML.sub("", tekst)
    delen = []
    for i, regel in enumerate(tekst.split("\n")):
        if i:
            delen.append("<w:br/>")
        for j, stuk in enumerate(regel.split("\t")):
            if j:
                delen.append("<w:tab/>")
            if stuk:
                delen.append(f'<w:t xml:space="preserve">{escape(stuk)}</w:t>')
    return f"<w:r>{rpr}{''.join(delen)}</w:r>"
