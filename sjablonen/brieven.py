"""Rendering a letter from a Word template (docxtpl) into .docx bytes.

Every letter is rendered in the bounded worker process (`sjablonen.werker`), from plain data: the
parent calls `render`, the worker runs `render_in_werker`. One fresh `DocxTemplate` per letter,
checked against the allowlist (`sjablonen.toegestaan`) and rendered in Jinja's sandbox
(`sjablonen.zandbak`, the second wall), with autoescaping (so `&`,
`<`, `>` and quotes in a subject or a body stay text and the file stays valid XML) and strict
undefined variables (a name the letter does not provide is an error that names it, never an empty
gap in a sent letter). Every letter is Dutch (nl-NL) and gets its own document properties.

The body of an advice arrives as blocks (see `workflow.tekst`) and becomes real Word paragraphs in
the place of the template's `{{p tekst }}`: style "Brieftekst", bullet points "List Bullet",
numbered items "List Number" with Word numbering restarting at 1 for each list, headings
"Tussenkop", each only when the template has that style (else plain formatting).
docxtpl, python-docx and babel are imported inside the functions: `advies --help` stays fast.
"""

from __future__ import annotations

import io
import re
import secrets
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from importlib import resources
from typing import Any
from xml.sax.saxutils import escape

from adviesfouten import OngeldigeInvoer
from sjablonen import blokvorm, taal
from sjablonen.xmltekst import xml_veilig

ADVIESBRIEF = "adviesbrief.docx"
HERINNERING = "herinnering.docx"

# What each letter provides to its template. `sjabloon controleer` checks a template against these.
VARIABELEN: dict[str, dict[str, str]] = {
    ADVIESBRIEF: {
        "concept": "waar voor een conceptbrief, onwaar voor de verzonden brief",
        "versie": "het nummer van de tekstversie",
        "logo": "het logo (organisatie.logo) of niets",
        "organisatie": "organisatie.naam, organisatie.adres (lijst van regels), organisatie.plaats",
        "geadresseerde": "brief.geadresseerde als lijst van regels (het adresvak voor het venster)",
        "plaats": "de plaats vóór de datum",
        "datum": "de datum van de brief, voluit ('28 januari 2020')",
        "kenmerk": "ons kenmerk ('CRA 2020-02')",
        "uw_kenmerk": "het kenmerk van de adviesaanvraag, of leeg",
        "uw_brief_van": "de ontvangstdatum van de adviesaanvraag, voluit, of leeg",
        "onderwerp": "het onderwerp van het advies (zoals in het register)",
        "onderwerpregel": "de onderwerpregel van de brief (brief.onderwerp, of 'Onderwerp: ...' boven de tekst)",
        "soort": "gevraagd, ongevraagd of aanvulling",
        "tekst": "de adviestekst; zet '{{p tekst }}' alleen in een eigen alinea",
        "ondertekenaar": "brief.ondertekenaar",
        "functie": "brief.functie",
        "afschriften": "brief.afschrift als lijst van regels (I.a.a.)",
    },
}
VARIABELEN[HERINNERING] = {
    **{
        k: v
        for k, v in VARIABELEN[ADVIESBRIEF].items()
        if k not in ("concept", "versie", "tekst", "soort", "onderwerpregel")
    },
    "kenmerk": "het kenmerk van de herinnering ('CRB 2021-02')",
    "advies_kenmerk": "het kenmerk van het advies, met een vaste spatie",
    "verzonden_op": "de verzenddatum van het advies, voluit",
    "reactie_uiterlijk": "de uiterste datum voor de reactie, voluit",
    "nieuwe_termijn": "de datum waarop we de reactie nu uiterlijk verwachten, voluit",
    "herinnering_nummer": "1 voor de eerste herinnering bij dit advies, 2 voor de tweede, ...",
    "herinnering_titel": "'Herinnering', 'Tweede herinnering', ...",
    "vorige_herinneringen": "de eerdere herinneringen bij dit advies (elk met kenmerk en datum), of leeg",
}
VASTE_SPATIE = "\u00a0"


def vaste_spatie(kenmerk: str) -> str:
    """`CRA 2020-02` that never breaks over a line."""
    return kenmerk.replace(" ", VASTE_SPATIE)


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
        return xml_veilig(waarde)
    if isinstance(waarde, list):
        return [schoon(w) for w in waarde]
    if isinstance(waarde, dict):
        return {k: schoon(w) for k, w in waarde.items()}
    return waarde


@dataclass(frozen=True)
class Eigenschappen:
    """The document properties a rendered letter gets (Word: File > Info; PDF: title and author)."""

    titel: str
    auteur: str
    onderwerp: str = ""
    trefwoorden: str = ""


def render(
    sjabloon: bytes,
    gegevens: Mapping[str, Any],
    blokken: list[dict[str, Any]] | None = None,
    logo: bytes | None = None,
    eigenschappen: Eigenschappen | None = None,
) -> bytes:
    """Render one letter in a bounded worker process (`sjablonen.werker`); `gegevens` are the
    template's variables except `tekst` and `logo`, as plain data."""
    from sjablonen import werker

    argumenten = {
        "sjabloon": sjabloon,
        "gegevens": dict(gegevens),
        "blokken": blokken,
        "logo": logo,
        "eigenschappen": asdict(eigenschappen) if eigenschappen is not None else None,
    }
    uitkomst = werker.voer_uit("brief", argumenten)
    assert isinstance(uitkomst, bytes)
    return uitkomst


def brieftekst(docx: bytes) -> list[str]:
    """The text of a rendered letter, paragraph by paragraph as Word shows it top to bottom: the
    header's, then the body's (those in tables, letterhead and addressee, included), without the
    empty ones. Read in the worker (`tekst_in_werker`): the letter came from a template."""
    from sjablonen import werker

    uitkomst = werker.voer_uit("brieftekst", {"docx": docx})
    assert isinstance(uitkomst, list)
    return [str(regel) for regel in uitkomst]


def tekst_in_werker(docx: bytes) -> list[str]:
    import docx as python_docx
    from docx.oxml.ns import qn
    from docx.text.paragraph import Paragraph

    document = python_docx.Document(io.BytesIO(docx))
    kop = [p.text for sectie in document.sections[:1] for p in sectie.header.paragraphs]
    romp = [Paragraph(p, document).text for p in document.element.body.iter(qn("w:p"))]
    return [t for t in (*kop, *romp) if t.strip()]


def render_in_werker(
    sjabloon: bytes,
    gegevens: Mapping[str, Any],
    blokken: list[dict[str, Any]] | None = None,
    logo: bytes | None = None,
    eigenschappen: Mapping[str, str] | None = None,
) -> bytes:
    """The render itself, inside the worker (or the trial letter of a check, already there).

    The template's context is plain data only: the logo is a placeholder text that
    `_zet_logo` replaces by the picture after Jinja is done, so no library object (an
    `InlineImage` carries the whole `DocxTemplate`) is ever within a template's reach."""
    from docxtpl import DocxTemplate
    from jinja2 import TemplateError
    from markupsafe import Markup

    from sjablonen.toegestaan import SCHEMA
    from sjablonen.zandbak import Zandbak, controleer_docx

    sjabloonfout = _sjabloonfout()
    controleer_docx(sjabloon)
    try:
        tpl = DocxTemplate(io.BytesIO(sjabloon))
        tpl.init_docx()
    except sjabloonfout:
        raise OngeldigeInvoer("het briefsjabloon is geen geldig Word-document (.docx)") from None
    plek = f"ADVIESLOGO{secrets.token_hex(8).upper()}" if logo else None
    tekst = Markup(_lichaam(tpl, blokken)) if blokken is not None else None
    context = sjablooncontext(gegevens, plek, tekst)
    try:
        tpl.render(context, Zandbak(SCHEMA), autoescape=True)
    except TemplateError as fout:
        raise OngeldigeInvoer(f"het briefsjabloon is niet bruikbaar: {jinja_melding(fout)}") from None
    except RecursionError:
        raise OngeldigeInvoer("het briefsjabloon is niet bruikbaar: het roept zichzelf eindeloos aan") from None
    except sjabloonfout as fout:
        raise OngeldigeInvoer(f"de brief kon niet worden gemaakt: {type(fout).__name__}: {fout}") from None
    except (ArithmeticError, TypeError, AttributeError, IndexError):
        raise OngeldigeInvoer("het briefsjabloon is niet bruikbaar: een bewerking in een tag mislukt") from None
    try:
        if logo and plek:
            _zet_logo(tpl.docx, logo, plek)
        taal.nederlands(tpl.docx)
        _vaste_koppeltekens(tpl.docx)
        if eigenschappen is not None:
            _zet_eigenschappen(tpl.docx, Eigenschappen(**eigenschappen))
        uit = io.BytesIO()
        tpl.save(uit)
    except sjabloonfout as fout:
        raise OngeldigeInvoer(f"de brief kon niet worden gemaakt: {type(fout).__name__}: {fout}") from None
    return uit.getvalue()


def _lichaam(tpl: Any, blokken: list[dict[str, Any]]) -> str:
    return alineas_xml(blokken, _stijlen(tpl), _nummering(tpl, blokken), _links(tpl, blokken))


def afbeelding(inhoud: bytes) -> list[int]:
    """Width and height in pixels of a PNG or JPG that Word can show (python-docx reads its size);
    the worker's job "afbeelding" for the logo setting."""
    from docx.image.image import Image

    try:
        beeld = Image.from_blob(inhoud)
        if beeld.px_width <= 0 or beeld.px_height <= 0:
            raise ValueError("geen afmetingen")
    except Exception:  # noqa: BLE001 - any parse failure means a broken image
        raise OngeldigeInvoer("het logo is geen leesbare PNG- of JPG-afbeelding") from None
    return [beeld.px_width, beeld.px_height]


def sjablooncontext(gegevens: Mapping[str, Any], logo: str | None, tekst: str | None) -> dict[str, Any]:
    """What a template sees: the letter's plain data cleaned for XML, the logo's placeholder text
    (or None) and the body's paragraphs as markup (only for an advice letter)."""
    context: dict[str, Any] = schoon(dict(gegevens))
    context["logo"] = logo
    if tekst is not None:
        context["tekst"] = tekst
    return context


def _zet_logo(document: Any, logo: bytes, plek: str) -> None:
    """The picture in the place of each placeholder text `plek`, in the body, headers and footers:
    the run is split at the placeholder and a run with the drawing goes between the halves."""
    from docx.oxml.ns import qn

    delen = [document.part] + [
        rel.target_part for rel in document.part.rels.values() if rel.reltype.endswith(("/header", "/footer"))
    ]
    for deel in delen:
        for t in list(deel.element.iter(qn("w:t"))):
            _splits_bij_logo(deel, t, logo, plek)


def _splits_bij_logo(deel: Any, t: Any, logo: bytes, plek: str) -> None:
    import copy

    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm

    tekst = t.text or ""
    if plek not in tekst:
        return
    voor, _, na = tekst.partition(plek)
    run = t.getparent()
    t.text = voor
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    eigenschappen = run.find(qn("w:rPr"))
    tekening = OxmlElement("w:r")
    if eigenschappen is not None:
        tekening.append(copy.deepcopy(eigenschappen))
    drawing = OxmlElement("w:drawing")
    drawing.append(deel.new_pic_inline(io.BytesIO(logo), None, Mm(LOGOHOOGTE_MM)))
    tekening.append(drawing)
    rest = OxmlElement("w:r")
    if eigenschappen is not None:
        rest.append(copy.deepcopy(eigenschappen))
    nieuw = OxmlElement("w:t")
    nieuw.text = na
    nieuw.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    rest.append(nieuw)
    for volgend in list(t.itersiblings()):  # what came after the placeholder in its run stays after it
        rest.append(volgend)
    run.addnext(tekening)
    tekening.addnext(rest)
    _splits_bij_logo(deel, nieuw, logo, plek)


_KENMERK_VAST = re.compile("(\\S+\u00a0[0-9]{4})-([0-9]+)")


def _vaste_koppeltekens(document: Any) -> None:
    """A kenmerk given with a non-breaking space (`vaste_spatie`) also gets Word's non-breaking
    hyphen (`w:noBreakHyphen`): "CRA 2020-02" never breaks at the space nor at the hyphen."""
    from docx.oxml.ns import qn
    from lxml import etree

    delen = [document.element.body] + [
        rel.target_part.element for rel in document.part.rels.values() if rel.reltype.endswith(("/header", "/footer"))
    ]
    for deel in delen:
        for t in list(deel.iter(qn("w:t"))):
            stukken = _KENMERK_VAST.split(t.text or "")
            if len(stukken) == 1:
                continue
            # split() gives text, prefix, number, text, prefix, number, ...: hyphen between prefix and number
            vorige = t
            t.text = ""
            for i, stuk in enumerate(stukken):
                if i % 3 == 2:
                    koppel = etree.Element(qn("w:noBreakHyphen"))
                    vorige.addnext(koppel)
                    vorige = koppel
                nieuw = etree.Element(qn("w:t"))
                nieuw.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
                nieuw.text = stuk
                vorige.addnext(nieuw)
                vorige = nieuw
            t.getparent().remove(t)


def _zet_eigenschappen(document: Any, eigenschappen: Eigenschappen) -> None:
    """Title, author and times of this rendering, instead of whatever the template's Word left there."""
    kern = document.core_properties
    moment = datetime.now(UTC).replace(microsecond=0)
    kern.title = eigenschappen.titel
    kern.subject = eigenschappen.onderwerp
    kern.keywords = eigenschappen.trefwoorden
    kern.author = kern.last_modified_by = eigenschappen.auteur
    kern.created = kern.modified = moment
    kern.revision = 1
    kern.language = taal.TAAL
    kern.comments = kern.category = kern.content_status = ""


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
    if m := re.fullmatch(r"access to attribute '([^']+)' of '[^']*' object is unsafe\.?", tekst):
        return f"'{m[1]}' is niet toegestaan (namen die met '_' beginnen en interne delen van Python zijn afgeschermd)"
    if re.search(r"is not safely callable|unsafe", tekst):
        return "het sjabloon probeert iets wat in een brief niet mag (afgeschermd)"
    if m := re.fullmatch(r"'([^']+)' has no attribute '([^']+)'", tekst):
        return f"'{m[2]}' bestaat niet" + ("" if m[1] == "dict object" else f" (in {m[1]})")
    return tekst


def _stijlen(tpl: Any) -> dict[str, str]:
    """Style ids by style name, for the paragraph styles the body uses."""
    gezocht = {"Brieftekst", "List Bullet", "List Number", "Tussenkop"}
    gevonden: dict[str, str] = {}
    for stijl in tpl.docx.styles:
        try:
            naam, id_ = stijl.name, stijl.style_id
        except (AttributeError, KeyError, ValueError):
            continue
        if naam in gezocht and id_:
            gevonden[naam] = id_
    return gevonden


def _nummering(tpl: Any, blokken: list[dict[str, Any]]) -> dict[int, int]:
    """Word numbering for the lists of the body, by block index: a new `w:num` for the first item
    of each numbered list (restarting at its number) and of each deeper bullet list. Level 0 uses
    the abstract numbering of the style "List Number" (bullets the style "List Bullet" itself);
    deeper levels get an abstract numbering of their own with nine levels.
    Empty when the template has no "List Number" with numbering: the body then gets typed numbers."""
    from docx.oxml.ns import qn

    stijl = next((s for s in tpl.docx.styles if _naam(s) == "List Number"), None)
    num_pr = stijl.element.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}") if stijl is not None else None
    if num_pr is None:
        return {}
    try:
        nummering = tpl.docx.part.numbering_part.element
        abstract = nummering.num_having_numId(int(num_pr.get(qn("w:val")))).abstractNumId.val
    except (KeyError, ValueError, AttributeError, NotImplementedError):
        return {}
    diep: dict[str, int] = {}
    nummers: dict[int, int] = {}
    getallen = blokvorm.lijstnummers(blokken)
    nieuw = blokvorm.nieuwe_lijst(blokken)
    for i, blok in enumerate(blokken):
        niveau = int(blok.get("niveau", 0))
        vorige = blokken[i - 1] if i else {}
        if blok["stijl"] == "nummering" and nieuw[i]:
            basis = (
                abstract
                if niveau == 0
                else diep.get("decimal") or diep.setdefault("decimal", _abstract(nummering, "decimal"))
            )
            num = nummering.add_num(basis)
            num.add_lvlOverride(ilvl=niveau).add_startOverride(getallen[i] or 1)
            nummers[i] = num.numId
        elif (
            blok["stijl"] == "opsomming"
            and niveau
            and (vorige.get("stijl"), vorige.get("niveau", 0)) != ("opsomming", niveau)
        ):
            basis = diep.get("bullet") or diep.setdefault("bullet", _abstract(nummering, "bullet"))
            nummers[i] = nummering.add_num(basis).numId
    return nummers


def _abstract(nummering: Any, soort: str) -> int:
    """A new abstract numbering of nine levels (`soort` "decimal" or "bullet"), each indented
    a quarter inch deeper; placed before the first `w:num`, as the schema wants. Its id."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls, qn

    ids = [int(a.get(qn("w:abstractNumId"))) for a in nummering.findall(qn("w:abstractNum"))]
    nieuw_id = max(ids, default=0) + 1
    teken = "\u2022"
    niveaus = "".join(
        f'<w:lvl w:ilvl="{n}"><w:start w:val="1"/><w:numFmt w:val="{soort}"/>'
        f'<w:lvlText w:val="{teken if soort == "bullet" else f"%{n + 1}."}"/><w:lvlJc w:val="left"/>'
        f'<w:pPr><w:ind w:left="{360 * (n + 1)}" w:hanging="360"/></w:pPr></w:lvl>'
        for n in range(9)
    )
    xml = f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{nieuw_id}">'
    xml += f'<w:multiLevelType w:val="multilevel"/>{niveaus}</w:abstractNum>'
    eerste_num = nummering.find(qn("w:num"))
    element = parse_xml(xml)
    if eerste_num is not None:
        eerste_num.addprevious(element)
    else:
        nummering.append(element)
    return nieuw_id


def _naam(stijl: Any) -> str | None:
    try:
        return str(stijl.name)
    except (AttributeError, KeyError, ValueError):
        return None


def alineas_xml(
    blokken: list[dict[str, Any]],
    stijlen: Mapping[str, str],
    nummers: Mapping[int, int] | None = None,
    links: Mapping[str, str] | None = None,
) -> str:
    """The body blocks as WordprocessingML (`<w:p>`, `<w:tbl>`), text escaped, language Dutch.
    `nummers` maps the first block of each list to its Word numbering (see `_nummering`), `links`
    each link address to its relationship id (see `_links`)."""
    uit: list[str] = []
    getallen = blokvorm.lijstnummers(blokken)
    num_ids: dict[int, int] = {}
    bij_slot = _bij_het_slot(blokken)
    for i, blok in enumerate(blokken):
        stijl = blok["stijl"]
        if stijl == "tabel":
            uit.append(_tabel_xml(blok, stijlen, links or {}))
            continue
        niveau = int(blok.get("niveau", 0))
        if nummers and i in nummers:
            num_ids[niveau] = nummers[i]
        # The last item of a list gets a paragraph's space after it (8 pt), the others 4 pt.
        volgend = blokken[i + 1] if i + 1 < len(blokken) else {}
        laatste = volgend.get("stijl") not in blokvorm.LIJSTEN or (
            volgend["stijl"] != stijl and int(volgend.get("niveau", 0)) == niveau
        )
        ruimte = f'<w:spacing w:after="{160 if laatste else 80}"/>'
        voor = ""
        if stijl == "opsomming" and "List Bullet" in stijlen and (niveau == 0 or niveau in num_ids):
            lijst = (
                f'<w:numPr><w:ilvl w:val="{niveau}"/><w:numId w:val="{num_ids[niveau]}"/></w:numPr>' if niveau else ""
            )
            ppr = _ppr(stijlen["List Bullet"], lijst + ruimte)
        elif stijl == "nummering" and niveau in num_ids and "List Number" in stijlen:
            lijst = f'<w:numPr><w:ilvl w:val="{niveau}"/><w:numId w:val="{num_ids[niveau]}"/></w:numPr>'
            ppr = _ppr(stijlen["List Number"], lijst + ruimte)
        elif stijl in blokvorm.LIJSTEN:
            inspringing = f'<w:ind w:left="{360 * (niveau + 1)}" w:hanging="360"/>'
            ppr = _ppr(stijlen.get("Brieftekst"), ruimte + inspringing)
            voor = "\u2022" if stijl == "opsomming" else f"{getallen[i]}."
        elif stijl == "kop":
            ppr = _ppr(stijlen.get("Tussenkop") or stijlen.get("Brieftekst"), "<w:keepNext/>")
        elif stijl == "citaat":
            # A quote: indented on both sides with a grey line to its left, as Word's "Quote" looks.
            rand = '<w:pBdr><w:left w:val="single" w:sz="12" w:space="8" w:color="A6A6A6"/></w:pBdr>'
            ppr = _ppr(stijlen.get("Brieftekst"), rand + '<w:ind w:left="567" w:right="567"/>')
        else:
            ppr = _ppr(stijlen.get("Brieftekst"))
        if i in bij_slot and stijl != "kop":
            ppr = _ppr_met(ppr, "<w:keepNext/>")
        runs = [_run(voor, False, False) + "<w:r><w:tab/></w:r>"] if voor else []
        vet_kop = stijl == "kop" and "Tussenkop" not in stijlen
        runs += _runs(blok["delen"], links or {}, vet_kop)
        uit.append(f"<w:p>{ppr}{''.join(runs)}</w:p>")
    return "".join(uit)


def _runs(delen: list[dict[str, Any]], links: Mapping[str, str], vet: bool = False) -> list[str]:
    """The parts of a paragraph as runs; a linked part inside a `w:hyperlink` to its address."""
    uit = []
    for d in delen:
        link = d.get("link")
        run = _run(d["tekst"], bool(d["vet"]) or vet, bool(d["cursief"]), bool(d.get("onderstreept")), bool(link))
        if link and link in links:
            run = f'<w:hyperlink r:id="{links[link]}" w:history="1">{run}</w:hyperlink>'
        uit.append(run)
    return uit


def _tabel_xml(blok: dict[str, Any], stijlen: Mapping[str, str], links: Mapping[str, str]) -> str:
    """A table of the body: thin borders over the text's full width, equal columns, its header
    rows bold and repeated on each page; a row never splits over two pages."""
    from sjablonen.maak_sjablonen import TEKSTBREEDTE

    rijen = blok["rijen"]
    kolommen = max((len(r) for r in rijen), default=1) or 1
    breedte = round(TEKSTBREEDTE / 25.4 * 1440) // kolommen  # the default template's text width, in twips
    randen = "".join(
        f'<w:{kant} w:val="single" w:sz="4" w:space="0" w:color="808080"/>'
        for kant in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    kop = (
        f'<w:tblPr><w:tblW w:w="{breedte * kolommen}" w:type="dxa"/><w:tblBorders>{randen}</w:tblBorders>'
        '<w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="85" w:type="dxa"/><w:right w:w="85" w:type="dxa"/>'
        '</w:tblCellMar><w:tblLook w:val="0020" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0"'
        ' w:noHBand="1" w:noVBand="1"/></w:tblPr>'
    )
    raster = "<w:tblGrid>" + f'<w:gridCol w:w="{breedte}"/>' * kolommen + "</w:tblGrid>"
    uit = [f"<w:tbl>{kop}{raster}"]
    for r, rij in enumerate(rijen):
        is_kop = r < int(blok.get("kopregels", 0))
        trpr = "<w:trPr><w:cantSplit/>" + ("<w:tblHeader/>" if is_kop else "") + "</w:trPr>"
        cellen = []
        for cel in rij:
            ppr = _ppr(
                stijlen.get("Brieftekst"),
                '<w:keepNext/><w:spacing w:before="40" w:after="40"/>'
                if is_kop
                else '<w:spacing w:before="40" w:after="40"/>',
            )
            runs = "".join(_runs(cel, links, is_kop))
            cellen.append(f'<w:tc><w:tcPr><w:tcW w:w="{breedte}" w:type="dxa"/></w:tcPr><w:p>{ppr}{runs}</w:p></w:tc>')
        uit.append(f"<w:tr>{trpr}{''.join(cellen)}</w:tr>")
    # Word wants a paragraph between a table and what follows; an empty one of no height.
    uit.append('</w:tbl><w:p><w:pPr><w:spacing w:after="0" w:line="120" w:lineRule="exact"/></w:pPr></w:p>')
    return "".join(uit)


def _links(tpl: Any, blokken: list[dict[str, Any]]) -> dict[str, str]:
    """A relationship (external hyperlink) for each link address in the body, by address."""
    adressen = {d["link"] for blok in blokken for d in blokvorm.delen_van(blok) if d.get("link")}
    return {adres: tpl.build_url_id(adres) for adres in sorted(adressen)}


SLOTREGELS = 2  # lines of body text the last page holds with the closing, at least


def _bij_het_slot(blokken: list[dict[str, Any]]) -> set[int]:
    """The last blocks that together take SLOTREGELS lines: they keep with the closing (and with
    widow control in "Brieftekst" a paragraph split over pages leaves two lines), so the closing
    never stands on a page without body text. Lines are estimated with Arial's widths."""
    from sjablonen import lettermaat
    from sjablonen.maak_sjablonen import TEKSTBREEDTE

    gekozen: set[int] = set()
    regels = 0
    for i in range(len(blokken) - 1, -1, -1):
        if regels >= SLOTREGELS:
            break
        tekst = "".join(d["tekst"] for d in blokvorm.delen_van(blokken[i]))
        regels += lettermaat.regels_nodig(tekst, 10, TEKSTBREEDTE - 10)
        gekozen.add(i)
    return gekozen


def _ppr_met(ppr: str, element: str) -> str:
    """`ppr` with `element` right after the style (keepNext comes before numPr and spacing)."""
    if not ppr:
        return f"<w:pPr>{element}</w:pPr>"
    if "<w:pStyle " in ppr:
        einde = ppr.index("/>", ppr.index("<w:pStyle ")) + 2
        return ppr[:einde] + element + ppr[einde:]
    return ppr.replace("<w:pPr>", "<w:pPr>" + element, 1)


def _ppr(stijl_id: str | None, extra: str = "") -> str:
    """Paragraph properties; `extra` are the elements after pStyle, in the order the schema wants."""
    stijl = f'<w:pStyle w:val="{escape(stijl_id, {chr(34): "&quot;"})}"/>' if stijl_id else ""
    return f"<w:pPr>{stijl}{extra}</w:pPr>" if (stijl or extra) else ""


def _run(tekst: str, vet: bool, cursief: bool, onderstreept: bool = False, link: bool = False) -> str:
    """One run; a link's run is blue and underlined, as Word shows a hyperlink."""
    rpr = ("<w:b/>" if vet else "") + ("<w:i/>" if cursief else "")
    rpr += '<w:color w:val="0563C1"/>' if link else ""
    rpr += '<w:u w:val="single"/>' if (onderstreept or link) else ""
    rpr = f'<w:rPr>{rpr}<w:lang w:val="{taal.TAAL}"/></w:rPr>'
    tekst = xml_veilig(tekst)
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
