"""The year overview as a Word report the council can put in its annual report: title, the figures
in sentences, the table of advices sent, the chart, and the withdrawn and pending advices apart.

A4 landscape in the letters' font (Arial), Dutch as the document language, the title and
"Pagina X van Y" in the footer. python-docx is imported inside the functions: `advies --help`
stays fast.
"""

from __future__ import annotations

import copy
import io
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sjablonen.jaaroverzicht.gegevens import Jaaroverzicht, Regel
from sjablonen.jaaroverzicht.grafiek import grafiek_png
from sjablonen.jaaroverzicht.kerncijfers import zinnen
from sjablonen.jaaroverzicht.kolommen import DOORWERKING, maand_met_jaar, reactietekst, status_tekst, termijntekst
from sjablonen.xmltekst import xml_veilig

if TYPE_CHECKING:
    from docx.document import Document as WordDocument
    from docx.text.paragraph import Paragraph

LETTERTYPE = "Arial"
TAAL = "nl-NL"
TABELLETTER_PT = 8
TABELKOP_PT = 7  # the shaded header row: a point smaller, so thirteen columns fit the page
MARGE_CM = 1.0  # left and right: 27.7 cm for the table of advices
PAGINABREEDTE_CM = 29.7
# The table of advices: heading and width in cm. Each width holds its heading's longest word in
# bold (so "Herinneringen" never breaks), also where a reader lacks Arial and gets a wider font,
# and a date on one line. "Termijn verschoven" stands next to the due date it explains.
UITGEBRACHT_KOLOMMEN: tuple[tuple[str, float], ...] = (
    ("Kenmerk", 2.15),
    ("Onderwerp", 3.6),
    ("Soort", 1.75),
    ("Maand", 1.6),
    ("Uw kenmerk", 1.7),
    ("Verzonden", 1.85),
    ("Reactie uiterlijk", 1.85),
    ("Termijn verschoven", 3.35),
    ("Reactie ontvangen", 1.85),
    ("Reactie", 1.6),
    ("Doorwerking", 2.0),
    ("Samenvatting reactie", 2.15),
    ("Herinneringen", 2.25),
)
INGETROKKEN_KOLOMMEN = (("Kenmerk", 2.15), ("Onderwerp", 9.0), ("Soort", 1.75), ("Reden", 14.8))
IN_BEHANDELING_KOLOMMEN = (("Kenmerk", 2.15), ("Onderwerp", 17.8), ("Soort", 1.75), ("Status", 6.0))
CELMARGE_TWIPS = 57  # 0.1 cm left and right in each cell


def schrijf_docx(o: Jaaroverzicht, pad: Path) -> None:
    pad.write_bytes(docx_in_werker(o))


def docx_in_werker(o: Jaaroverzicht) -> bytes:
    """`docx_bytes` in the bounded worker process (`sjablonen.werker`), from plain data."""
    from sjablonen import werker
    from sjablonen.jaaroverzicht.gegevens import als_gewoon

    uitkomst = werker.voer_uit("jaaroverzicht_docx", {"overzicht": als_gewoon(o)}, werker.RUIM)
    assert isinstance(uitkomst, bytes)
    return uitkomst


def docx_bytes(o: Jaaroverzicht) -> bytes:
    from docx import Document
    from docx.shared import Cm

    doc = Document()
    _pagina(doc)
    _huisstijl(doc)
    _eigenschappen(doc, o)
    _voettekst(doc, o)

    doc.add_heading(o.titel, level=0)
    kop = doc.add_paragraph()
    kop.add_run(xml_veilig(o.organisatie)).bold = True
    kop.add_run(f"\nStand op {o.peildatum_voluit}")

    doc.add_heading("Kerncijfers", level=1)
    for zin in zinnen(o):
        doc.add_paragraph(xml_veilig(zin))

    if o.uitgebracht:
        doc.add_heading(f"Uitgebrachte adviezen ({len(o.uitgebracht)})", level=1)
        _tabel(doc, UITGEBRACHT_KOLOMMEN, [_uitgebracht_rij(r, o.jaar) for r in o.uitgebracht])
        png = grafiek_png(o)
        if png is not None:
            doc.add_heading("Adviezen per maand en reactietijd van het college", level=1)
            doc.add_picture(io.BytesIO(png), width=Cm(25))
    if o.ingetrokken:
        doc.add_heading(f"Ingetrokken adviezen ({len(o.ingetrokken)}, tellen niet mee)", level=1)
        rijen = [[r["kenmerk"], r["onderwerp"], r["soort"], r.reden_intrekking or ""] for r in o.ingetrokken]
        _tabel(doc, INGETROKKEN_KOLOMMEN, rijen)
    if o.in_behandeling:
        doc.add_heading(f"Nog in behandeling ({len(o.in_behandeling)})", level=1)
        rijen = [[r["kenmerk"], r["onderwerp"], r["soort"], status_tekst(r["status"])] for r in o.in_behandeling]
        _tabel(doc, IN_BEHANDELING_KOLOMMEN, rijen)
    uit = io.BytesIO()
    doc.save(uit)
    return uit.getvalue()


def _uitgebracht_rij(r: Regel, jaar: int) -> list[str]:
    return [
        r["kenmerk"],
        r["onderwerp"],
        r["soort"],
        maand_met_jaar(r, jaar),
        r.advies.get("uw_kenmerk") or "",
        _kort(r["verzonden_op"]),
        _kort(r["reactie_uiterlijk"]),
        termijntekst(r, afbreken=False),
        _kort(r["reactie_ontvangen_op"]),
        reactietekst(r),
        DOORWERKING.get(r.doorwerking or "", ""),
        r.advies.get("reactie_samenvatting") or "",
        str(r.herinneringen),
    ]


def _kort(dag: Any) -> str:
    return dag.strftime("%d-%m-%Y") if dag is not None else ""


def _pagina(doc: WordDocument) -> None:
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm

    sectie = doc.sections[0]
    sectie.orientation = WD_ORIENT.LANDSCAPE
    sectie.page_width, sectie.page_height = Cm(PAGINABREEDTE_CM), Cm(21.0)
    sectie.left_margin = sectie.right_margin = Cm(MARGE_CM)
    sectie.top_margin, sectie.bottom_margin = Cm(1.8), Cm(1.8)
    sectie.footer_distance = Cm(0.8)


def _huisstijl(doc: WordDocument) -> None:
    """Arial everywhere (the template's theme fonts, Calibri and Cambria, are cut loose), dark
    headings instead of Word's stock blue, and Dutch as the language of every style."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    standaard = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for rpr in [standaard, *doc.styles.element.iter(qn("w:rPr"))]:
        letters = rpr.find(qn("w:rFonts"))
        if letters is None:
            continue
        for attribuut in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            letters.attrib.pop(qn(attribuut), None)
        for attribuut in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            letters.set(qn(attribuut), LETTERTYPE)
    taal = standaard.find(qn("w:lang"))
    if taal is None:
        taal = OxmlElement("w:lang")
        standaard.append(taal)
    for attribuut in ("w:val", "w:eastAsia", "w:bidi"):
        taal.set(qn(attribuut), TAAL)

    normaal = doc.styles["Normal"]
    normaal.font.name = LETTERTYPE
    normaal.font.size = Pt(10)
    for naam, grootte, voor, na in (("Title", 20, 0, 6), ("Heading 1", 13, 14, 4)):
        stijl: Any = doc.styles[naam]
        stijl.font.size = Pt(grootte)
        stijl.font.bold = True
        stijl.font.color.rgb = RGBColor(0x1A, 0x1A, 0x1A)
        stijl.paragraph_format.space_before = Pt(voor)
        stijl.paragraph_format.space_after = Pt(na)
        rand = stijl.element.pPr.find(qn("w:pBdr"))  # the Title's blue rule
        if rand is not None:
            stijl.element.pPr.remove(rand)


def _eigenschappen(doc: WordDocument, o: Jaaroverzicht) -> None:
    """Title and the council as author; none of python-docx's own leftovers ("generated by
    python-docx", "Microsoft Macintosh Word", an en-US stylesWithEffects and theme language)."""
    from sjablonen import taal
    from sjablonen.maak_sjablonen import schoon_pakket

    schoon_pakket(doc)
    taal.nederlands(doc)
    eigenschappen = doc.core_properties
    eigenschappen.comments = eigenschappen.keywords = eigenschappen.subject = eigenschappen.category = ""
    eigenschappen.title = xml_veilig(o.titel)
    eigenschappen.author = eigenschappen.last_modified_by = xml_veilig(o.organisatie)
    eigenschappen.language = TAAL
    eigenschappen.created = eigenschappen.modified = datetime.now(UTC).replace(microsecond=0)
    eigenschappen.revision = 1


def _voettekst(doc: WordDocument, o: Jaaroverzicht) -> None:
    """ "Jaaroverzicht adviezen 2020 – Cliëntenraad …" on the left, "Pagina 2 van 3" on the right."""
    from docx.enum.text import WD_TAB_ALIGNMENT
    from docx.shared import Cm, Pt

    tabs = doc.styles["Footer"].paragraph_format.tab_stops
    tabs.clear_all()  # the template's stops are for a portrait Letter page
    tabs.add_tab_stop(Cm(PAGINABREEDTE_CM - 2 * MARGE_CM), WD_TAB_ALIGNMENT.RIGHT)
    alinea = doc.sections[0].footer.paragraphs[0]
    alinea.add_run(xml_veilig(f"{o.titel} – {o.organisatie}\tPagina "))
    _veld(alinea, "PAGE", "1")
    alinea.add_run(" van ")
    _veld(alinea, "NUMPAGES", "1")
    for run in alinea.runs:
        run.font.size = Pt(8)


def _veld(alinea: Paragraph, code: str, voorlopig: str) -> None:
    """A Word field (PAGE, NUMPAGES) that Word and LibreOffice fill in when they lay out the pages."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def teken(soort: str) -> None:
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), soort)
        alinea.add_run()._r.append(element)

    teken("begin")
    instructie = OxmlElement("w:instrText")
    instructie.set(qn("xml:space"), "preserve")
    instructie.text = f" {code} "
    alinea.add_run()._r.append(instructie)
    teken("separate")
    alinea.add_run(voorlopig)
    teken("end")


def _tabel(doc: WordDocument, kolommen: Sequence[tuple[str, float]], rijen: list[list[str]]) -> None:
    """A table with a bold, shaded header row that repeats on every page. Rows are built by
    copying one prepared row's XML, which keeps a table of thousands of advices fast."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    from sjablonen.jaaroverzicht.kolombreedte import breedtes

    koppen = [kop for kop, _ in kolommen]
    maten = breedtes(koppen, rijen, PAGINABREEDTE_CM - 2 * MARGE_CM, TABELLETTER_PT, TABELKOP_PT)
    kolommen = [(kop, maat) for (kop, _), maat in zip(kolommen, maten, strict=True)]
    tabel = doc.add_table(rows=2, cols=len(kolommen))
    tabel.style = "Table Grid"
    tabel.autofit = False
    marges = OxmlElement("w:tblCellMar")  # narrow cell margins: more room for the text
    for kant in ("left", "right"):
        marge = OxmlElement(f"w:{kant}")
        marge.set(qn("w:w"), str(CELMARGE_TWIPS))
        marge.set(qn("w:type"), "dxa")
        marges.append(marge)
    tabel._tbl.tblPr.append(marges)
    # Word reads the cell widths, LibreOffice the table grid: set both.
    for raster, (_, breedte) in zip(tabel._tbl.tblGrid.gridCol_lst, kolommen, strict=True):
        raster.w = Cm(breedte)
    for i, (_, breedte) in enumerate(kolommen):
        for cel in tabel.columns[i].cells:
            cel.width = Cm(breedte)
    koprij, voorbeeld = tabel.rows
    for rij_, eigenschap in ((koprij, "w:tblHeader"), (koprij, "w:cantSplit"), (voorbeeld, "w:cantSplit")):
        element = OxmlElement(eigenschap)
        element.set(qn("w:val"), "true")
        rij_._tr.get_or_add_trPr().append(element)
    for cel, (kop, _) in zip(koprij.cells, kolommen, strict=True):
        run = cel.paragraphs[0].add_run(kop)
        run.bold = True
        run.font.size = Pt(TABELKOP_PT)
        arcering = OxmlElement("w:shd")
        arcering.set(qn("w:val"), "clear")
        arcering.set(qn("w:color"), "auto")
        arcering.set(qn("w:fill"), "E7E6E6")
        cel._tc.get_or_add_tcPr().append(arcering)
    for cel in voorbeeld.cells:
        cel.paragraphs[0].add_run("-").font.size = Pt(TABELLETTER_PT)  # a w:t for each copied row to fill
    sjabloon = voorbeeld._tr
    tbl = tabel._tbl
    tbl.remove(sjabloon)
    for waarden in rijen:
        tr = copy.deepcopy(sjabloon)
        for t, tekst in zip(list(tr.iter(qn("w:t"))), waarden, strict=True):
            _vul(t, xml_veilig(tekst))
        tbl.append(tr)


def _vul(t: Any, tekst: str) -> None:
    """Put `tekst` in the cell's text element; each further line in a paragraph of its own, a little
    apart, so two changes of a due date read as two."""
    from docx.oxml.ns import qn
    from docx.shared import Pt

    eerste, *verder = tekst.split("\n")
    t.text = eerste
    alinea = t.getparent().getparent()
    for regel in verder:
        volgende = copy.deepcopy(alinea)
        next(volgende.iter(qn("w:t"))).text = regel
        volgende.get_or_add_pPr().spacing_before = Pt(3)
        alinea.addnext(volgende)
        alinea = volgende
