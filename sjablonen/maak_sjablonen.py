"""Generate the default Word templates `adviesbrief.docx` and `herinnering.docx` with python-docx.

Run `python -m sjablonen.maak_sjablonen` after changing this file and commit the .docx files with
it; a test checks that the committed files are exactly what this script writes. The output is
byte-reproducible: the zip entries get a fixed timestamp.

The layout follows a Dutch business letter (NEN 1026) on A4: the letterhead at the top, the
addressee in the window of a window envelope (a borderless table whose rows have exact heights,
so the address stands 50-88 mm from the top whatever the letterhead holds), then place and date,
the reference lines, the subject, the body and a closing block that never breaks across pages
(keep with next, keep lines). From page 2 on the footer says "CRA 2020-02 – pagina 2 van 3" (Word
fields PAGE and NUMPAGES; the first page has its own, empty footer). A draft has CONCEPT in the
header of every page, with room under it; a final letter has no trace of it. Everything is nl-NL.

The templates use docxtpl's Jinja tags. A secretary can open them in Word and restyle them: the
body paragraphs of the advice use the paragraph style "Brieftekst", bullet points "List Bullet",
numbered items "List Number", headings inside the text "Tussenkop"; the letterhead "Briefhoofd"
and "Briefhoofd adres"; the addressee "Adresvak"; the reference lines "Briefregel"; the closing
block "Slotregel".
"""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path
from typing import Any

MAP = Path(__file__).resolve().parent
ROOD = (0xC0, 0x00, 0x00)
GRIJS = (0x55, 0x55, 0x55)
VASTE_TIJD = (2020, 1, 1, 0, 0, 0)

# Page and window-envelope geometry in millimetres (A4; window of a Dutch EA5/6 envelope, left).
BOVENMARGE = 20
KOPHOOGTE = 30  # letterhead row: the addressee row starts at BOVENMARGE + KOPHOOGTE = 50 mm
ADRESHOOGTE = 38  # addressee row: ends at 88 mm
LINKERMARGE, RECHTERMARGE = 25, 20
TEKSTBREEDTE = 210 - LINKERMARGE - RECHTERMARGE
ADRESBREEDTE = 85
# Font sizes in pt of the letterhead (name, address lines) and the addressee: sjablonen.briefmaten
# checks with these that a setting fits before it is stored.
NAAM_PT, ADRES_PT, ADRESVAK_PT = 14, 8, 10

APP_XML = (
    b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
    b'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    b"<Application>Advieswerk</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>"
    b"<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
    b"<HyperlinksChanged>false</HyperlinksChanged></Properties>"
)

# One bullet list and one numbered list, single level; each list restarts at 1 at rendering.
_NIVEAU = '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="{soort}"/><w:lvlText w:val="{tekst}"/>'
_NIVEAU += '<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="360" w:hanging="360"/></w:pPr></w:lvl>'
NUMMERING = [
    '<w:abstractNum {ns} w:abstractNumId="0"><w:multiLevelType w:val="singleLevel"/>'
    + _NIVEAU.format(soort="bullet", tekst="\u2022")
    + "</w:abstractNum>",
    '<w:abstractNum {ns} w:abstractNumId="1"><w:multiLevelType w:val="singleLevel"/>'
    + _NIVEAU.format(soort="decimal", tekst="%1.")
    + "</w:abstractNum>",
    '<w:num {ns} w:numId="1"><w:abstractNumId w:val="0"/></w:num>',
    '<w:num {ns} w:numId="2"><w:abstractNumId w:val="1"/></w:num>',
]


def _stijlen(doc: Any) -> None:
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    normaal = doc.styles["Normal"]
    normaal.font.name = "Arial"
    normaal.font.size = Pt(10)
    normaal.paragraph_format.space_after = Pt(0)
    normaal.paragraph_format.line_spacing = 1.15

    def stijl(naam: str, grootte: float, vet: bool = False, na: float = 0, grijs: bool = False) -> Any:
        s = doc.styles.add_style(naam, WD_STYLE_TYPE.PARAGRAPH)
        s.base_style = normaal
        s.quick_style = True
        s.font.size = Pt(grootte)
        s.font.bold = vet
        if grijs:
            s.font.color.rgb = RGBColor(*GRIJS)
        s.paragraph_format.space_after = Pt(na)
        return s

    stijl("Briefhoofd", NAAM_PT, vet=True, na=2)
    adres = stijl("Briefhoofd adres", ADRES_PT, grijs=True)
    adres.paragraph_format.line_spacing = 1.0  # a letterhead is set tight; sjablonen.briefmaten counts on it
    stijl("Adresvak", ADRESVAK_PT)
    stijl("Briefregel", 10)
    tekst = stijl("Brieftekst", 10, na=8)
    tekst.paragraph_format.widow_control = True  # never one line of a paragraph alone on a page
    slot = stijl("Slotregel", 10)
    slot.paragraph_format.keep_with_next = True
    slot.paragraph_format.keep_together = True
    stijl("Voettekst brief", 8, grijs=True)
    kop = stijl("Tussenkop", 10, vet=True, na=4)
    kop.paragraph_format.keep_with_next = True
    for naam, num_id in (("List Bullet", "1"), ("List Number", "2")):
        lijst = doc.styles[naam]
        lijst.paragraph_format.space_after = Pt(4)
        lijst.element.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}").set(qn("w:val"), num_id)


def _nummering(doc: Any) -> None:
    """A clean numbering.xml: one bullet and one decimal list instead of Word-for-Mac's nine."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    nummering = doc.part.numbering_part.element
    for kind in list(nummering):
        nummering.remove(kind)
    for xml in NUMMERING:
        nummering.append(parse_xml(xml.replace("{ns}", nsdecls("w"))))


def schoon_pakket(doc: Any) -> None:
    """No leftovers of the Mac Word 2013 file python-docx starts from: its thumbnail, its
    stylesWithEffects (en-US), its application name; Dutch decimal and list separators."""
    from docx.oxml.ns import qn

    pakket = doc.part.package
    for rel in list(pakket.rels.values()):
        if rel.reltype.endswith("/thumbnail"):
            pakket.rels.pop(rel.rId)
    for rel in list(doc.part.rels.values()):
        if rel.reltype.endswith("/stylesWithEffects"):
            doc.part.drop_rel(rel.rId)
    for deel in pakket.iter_parts():
        if str(deel.partname) == "/docProps/app.xml":
            deel._blob = APP_XML
    instellingen = doc.settings.element
    instellingen.find(qn("w:decimalSymbol")).set(qn("w:val"), ",")
    instellingen.find(qn("w:listSeparator")).set(qn("w:val"), ";")


def _pagina(doc: Any) -> None:
    from docx.shared import Mm

    sectie = doc.sections[0]
    sectie.page_width, sectie.page_height = Mm(210), Mm(297)
    sectie.left_margin, sectie.right_margin = Mm(LINKERMARGE), Mm(RECHTERMARGE)
    sectie.top_margin, sectie.bottom_margin = Mm(BOVENMARGE), Mm(25)
    sectie.header_distance, sectie.footer_distance = Mm(6), Mm(12)
    sectie.different_first_page_header_footer = True


def _dicht(alinea: Any) -> None:
    """An empty paragraph of 1 pt: a header or footer needs one, without taking room."""
    from docx.enum.text import WD_LINE_SPACING
    from docx.shared import Pt

    formaat = alinea.paragraph_format
    formaat.space_before = formaat.space_after = Pt(0)
    formaat.line_spacing = Pt(1)
    formaat.line_spacing_rule = WD_LINE_SPACING.EXACTLY


def _conceptkop(kop: Any) -> None:
    """CONCEPT in red at the top of the page, only on a draft; a final letter keeps only the
    header's one empty 1-pt paragraph."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt, RGBColor

    rest = kop.paragraphs[0]
    _dicht(rest)
    rest.insert_paragraph_before("{%p if concept %}")
    groot = rest.insert_paragraph_before()
    groot.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = groot.add_run("CONCEPT")
    run.bold = True
    run.font.size = Pt(14)
    run.font.color.rgb = RGBColor(*ROOD)
    klein = rest.insert_paragraph_before()
    klein.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = klein.add_run("Conceptversie {{ versie }} van {{ datum }}, niet verzenden")
    run.font.size = Pt(8)
    run.font.color.rgb = RGBColor(*ROOD)
    rest.insert_paragraph_before("{%p endif %}")


def _veld(alinea: Any, code: str, voorbeeld: str) -> None:
    """A Word field (PAGE, NUMPAGES) as its runs: begin, instruction, separator, shown value, end."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    w = nsdecls("w")
    for stuk in (
        '<w:fldChar w:fldCharType="begin"/>',
        f'<w:instrText xml:space="preserve"> {code} </w:instrText>',
        '<w:fldChar w:fldCharType="separate"/>',
        f"<w:t>{voorbeeld}</w:t>",
        '<w:fldChar w:fldCharType="end"/>',
    ):
        alinea._p.append(parse_xml(f"<w:r {w}>{stuk}</w:r>"))


def _voettekst(doc: Any) -> None:
    """From page 2 on: "CRA 2020-02 – pagina 2 van 3". The first page's footer stays empty."""
    sectie = doc.sections[0]
    _dicht(sectie.first_page_footer.paragraphs[0])
    alinea = sectie.footer.paragraphs[0]
    alinea.style = doc.styles["Voettekst brief"]
    alinea.add_run("{{ kenmerk }} \u2013 pagina ")
    _veld(alinea, "PAGE", "2")
    alinea.add_run(" van ")
    _veld(alinea, "NUMPAGES", "2")


def _tabel_zonder_randen(tabel: Any) -> None:
    """Fixed layout, no borders, no cell padding: the text lines up with the page margin."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls, qn

    eigenschappen = tabel._tbl.tblPr
    for naam in ("w:tblBorders", "w:tblLayout", "w:tblCellMar", "w:tblInd"):
        oud = eigenschappen.find(qn(naam))
        if oud is not None:
            eigenschappen.remove(oud)
    w = nsdecls("w")
    randen = "".join(f'<w:{k} w:val="nil"/>' for k in ("top", "left", "bottom", "right", "insideH", "insideV"))
    for xml in (
        f'<w:tblInd {w} w:w="0" w:type="dxa"/>',
        f"<w:tblBorders {w}>{randen}</w:tblBorders>",
        f'<w:tblLayout {w} w:type="fixed"/>',
        f'<w:tblCellMar {w}><w:left w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/></w:tblCellMar>',
    ):
        eigenschappen.append(parse_xml(xml))
    eigenschappen[:] = sorted(eigenschappen, key=lambda e: _TBLPR_VOLGORDE.index(e.tag.split("}")[1]))


_TBLPR_VOLGORDE = [
    "tblStyle",
    "tblpPr",
    "tblOverlap",
    "bidiVisual",
    "tblStyleRowBandSize",
    "tblStyleColBandSize",
    "tblW",
    "jc",
    "tblCellSpacing",
    "tblInd",
    "tblBorders",
    "shd",
    "tblLayout",
    "tblCellMar",
    "tblLook",
    "tblCaption",
    "tblDescription",
]


def _briefhoofd_en_adres(doc: Any) -> None:
    """The letterhead (name and address left, logo right) in a row of exactly KOPHOOGTE mm, then
    the addressee in a row of exactly ADRESHOOGTE mm: 50-90 mm from the top, the envelope's window."""
    from docx.enum.table import WD_ROW_HEIGHT_RULE
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm

    tabel = doc.add_table(rows=2, cols=2)
    _tabel_zonder_randen(tabel)
    breedtes = (Mm(ADRESBREEDTE), Mm(TEKSTBREEDTE - ADRESBREEDTE))
    for kolom, breedte in zip(tabel.columns, breedtes, strict=True):
        kolom.width = breedte
        for cel in kolom.cells:
            cel.width = breedte
    for rij, hoogte in zip(tabel.rows, (KOPHOOGTE, ADRESHOOGTE), strict=True):
        rij.height = Mm(hoogte)
        rij.height_rule = WD_ROW_HEIGHT_RULE.EXACTLY
    hoofd, logo = tabel.rows[0].cells
    naam = hoofd.paragraphs[0]
    naam.text = "{{ organisatie.naam }}"
    naam.style = doc.styles["Briefhoofd"]
    hoofd.add_paragraph("{%p for regel in organisatie.adres %}")
    hoofd.add_paragraph("{{ regel }}", style="Briefhoofd adres")
    hoofd.add_paragraph("{%p endfor %}")
    logo.paragraphs[0].text = "{% if logo %}{{ logo }}{% endif %}"
    logo.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    adres = tabel.rows[1].cells[0]
    adres.paragraphs[0].text = "{%p for regel in geadresseerde %}"
    adres.add_paragraph("{{ regel }}", style="Adresvak")
    adres.add_paragraph("{%p endfor %}")
    _dicht(adres.add_paragraph())


def _verwijzingen(doc: Any, *regels: str) -> None:
    doc.add_paragraph("{{ plaats }}, {{ datum }}", style="Briefregel").paragraph_format.keep_together = True
    doc.add_paragraph("", style="Briefregel")
    doc.add_paragraph("Ons kenmerk: {{ kenmerk }}", style="Briefregel")
    doc.add_paragraph("{%p if uw_kenmerk %}")
    doc.add_paragraph("Uw kenmerk: {{ uw_kenmerk }}", style="Briefregel")
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph("{%p if uw_brief_van %}")
    doc.add_paragraph("Uw brief van: {{ uw_brief_van }}", style="Briefregel")
    doc.add_paragraph("{%p endif %}")
    for regel in regels:
        doc.add_paragraph(regel, style="Briefregel")
    doc.add_paragraph("", style="Briefregel")
    doc.add_paragraph("", style="Briefregel")
    doc.add_paragraph("Geacht college,", style="Brieftekst")


def _ondertekening(doc: Any, slotzin: str | None = None) -> None:
    """The closing block in one borderless table row that cannot split (Word and LibreOffice both
    honour that), its paragraphs in style Slotregel (keep with next, keep lines); the closing
    request before it keeps with it. So the block moves to the next page as a whole."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    from docx.shared import Mm

    if slotzin:
        slot = doc.add_paragraph(slotzin, style="Brieftekst")
        slot.paragraph_format.keep_with_next = True
    tabel = doc.add_table(rows=1, cols=1)
    _tabel_zonder_randen(tabel)
    tabel.columns[0].width = tabel.rows[0].cells[0].width = Mm(TEKSTBREEDTE)
    tabel.rows[0]._tr.get_or_add_trPr().append(parse_xml(f"<w:cantSplit {nsdecls('w')}/>"))
    cel = tabel.rows[0].cells[0]
    cel.paragraphs[0].text = "Met vriendelijke groet,"
    cel.paragraphs[0].style = doc.styles["Slotregel"]
    for regel in ("", "", "{{ ondertekenaar }}", "{{ functie }}"):
        cel.add_paragraph(regel, style="Slotregel")
    cel.add_paragraph("{%p if afschriften %}")
    cel.add_paragraph("", style="Slotregel")
    cel.add_paragraph("I.a.a.", style="Slotregel")
    cel.add_paragraph("{%p for regel in afschriften %}")
    cel.add_paragraph("{{ regel }}", style="Slotregel")
    cel.add_paragraph("{%p endfor %}")
    cel.add_paragraph("{%p endif %}")
    _dicht(doc.add_paragraph())  # a document ends with a paragraph, not a table


def _nieuw(concept: bool) -> Any:
    import docx

    from sjablonen import taal

    doc = docx.Document()
    schoon_pakket(doc)
    _stijlen(doc)
    _nummering(doc)
    _pagina(doc)
    sectie = doc.sections[0]
    if concept:
        _conceptkop(sectie.first_page_header)
        _conceptkop(sectie.header)
    else:
        _dicht(sectie.first_page_header.paragraphs[0])
        _dicht(sectie.header.paragraphs[0])
    _voettekst(doc)
    kern = doc.core_properties
    kern.author = kern.last_modified_by = "Advieswerk"
    kern.title = kern.subject = kern.keywords = kern.comments = ""
    kern.revision = 1
    kern.language = taal.TAAL
    from datetime import datetime

    kern.created = kern.modified = datetime(*VASTE_TIJD)
    _briefhoofd_en_adres(doc)
    taal.nederlands(doc)
    return doc


def adviesbrief() -> bytes:
    """The advice letter: the layout of a Dutch business letter, the advice's text in the middle."""
    doc = _nieuw(concept=True)
    _verwijzingen(doc, "Onderwerp: {{ onderwerpregel }}")
    doc.add_paragraph("{{p tekst }}")
    _ondertekening(doc, "Graag ontvangen we uw schriftelijke reactie op dit advies.")
    return _bytes(doc)


def herinnering() -> bytes:
    """The reminder for a late response: names the advice, the request it answered, the earlier
    reminders, and a concrete date by which we now expect the response."""
    doc = _nieuw(concept=False)
    _verwijzingen(doc, "Onderwerp: {{ herinnering_titel }} \u2013 uw reactie op ons advies {{ advies_kenmerk }}")
    doc.add_paragraph(
        "Op {{ verzonden_op }} stuurden we u ons advies \u2018{{ onderwerp }}\u2019 (ons kenmerk {{ advies_kenmerk }})"
        "{% if uw_brief_van %}, in antwoord op uw adviesaanvraag van {{ uw_brief_van }}"
        "{% if uw_kenmerk %} (uw kenmerk {{ uw_kenmerk }}){% endif %}{% endif %}. "
        "Uw schriftelijke reactie hadden we uiterlijk {{ reactie_uiterlijk }} verwacht. "
        "We hebben die nog niet ontvangen.",
        style="Brieftekst",
    )
    doc.add_paragraph("{%p if vorige_herinneringen %}")
    doc.add_paragraph(
        "Op {% for h in vorige_herinneringen %}{% if not loop.first %}{% if loop.last %} en {% else %}, "
        "{% endif %}{% endif %}{{ h.datum }} (ons kenmerk {{ h.kenmerk }}){% endfor %} "
        "herinnerden we u hier al aan.",
        style="Brieftekst",
    )
    doc.add_paragraph("{%p endif %}")
    slotzin = (
        "We verzoeken u {% if vorige_herinneringen %}dringend {% endif %}ons uw schriftelijke reactie "
        "uiterlijk {{ nieuwe_termijn }} toe te sturen."
    )
    _ondertekening(doc, slotzin)
    return _bytes(doc)


def _bytes(doc: Any) -> bytes:
    """The document as .docx bytes with fixed zip timestamps, so regenerating gives the same file."""
    ruw = io.BytesIO()
    doc.save(ruw)
    uit = io.BytesIO()
    with zipfile.ZipFile(ruw) as bron, zipfile.ZipFile(uit, "w", zipfile.ZIP_DEFLATED) as doel:
        for info in bron.infolist():
            vast = zipfile.ZipInfo(info.filename, date_time=VASTE_TIJD)
            vast.compress_type = zipfile.ZIP_DEFLATED
            doel.writestr(vast, bron.read(info.filename))
    return uit.getvalue()


SJABLONEN = {"adviesbrief.docx": adviesbrief, "herinnering.docx": herinnering}


def main(map_: Path = MAP) -> None:
    for naam, maak in SJABLONEN.items():
        (map_ / naam).write_bytes(maak())
        print(f"geschreven: {map_ / naam}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else MAP)
