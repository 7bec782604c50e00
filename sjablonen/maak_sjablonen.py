"""Generate the default Word templates `adviesbrief.docx` and `herinnering.docx` with python-docx.

Run `python -m sjablonen.maak_sjablonen` after changing this file and commit the .docx files with
it; a test checks that the committed files are exactly what this script writes. The output is
byte-reproducible: the zip entries get a fixed timestamp.

The templates use docxtpl's Jinja tags. A secretary can open them in Word and restyle them: the
body paragraphs of the advice use the paragraph style "Brieftekst", bullet points "List Bullet",
headings inside the text "Tussenkop"; the letterhead "Briefhoofd" and "Briefhoofd adres"; the
reference lines "Briefregel".
"""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

MAP = Path(__file__).resolve().parent
ROOD = (0xC0, 0x00, 0x00)
VASTE_TIJD = (2020, 1, 1, 0, 0, 0)


def _stijlen(doc) -> None:
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Pt, RGBColor

    normaal = doc.styles["Normal"]
    normaal.font.name = "Arial"
    normaal.font.size = Pt(10)
    normaal.paragraph_format.space_after = Pt(0)
    normaal.paragraph_format.line_spacing = 1.15

    def stijl(naam: str, grootte: float, vet: bool = False, na: float = 0, grijs: bool = False):
        s = doc.styles.add_style(naam, WD_STYLE_TYPE.PARAGRAPH)
        s.base_style = normaal
        s.quick_style = True
        s.font.size = Pt(grootte)
        s.font.bold = vet
        if grijs:
            s.font.color.rgb = RGBColor(0x55, 0x55, 0x55)
        s.paragraph_format.space_after = Pt(na)
        return s

    stijl("Briefhoofd", 14, vet=True, na=2)
    stijl("Briefhoofd adres", 9, grijs=True)
    stijl("Briefregel", 10)
    stijl("Brieftekst", 10, na=8)
    kop = stijl("Tussenkop", 10, vet=True, na=4)
    kop.paragraph_format.keep_with_next = True
    opsomming = doc.styles["List Bullet"]
    opsomming.paragraph_format.space_after = Pt(4)


def _pagina(doc) -> None:
    from docx.shared import Mm

    sectie = doc.sections[0]
    sectie.page_width, sectie.page_height = Mm(210), Mm(297)
    sectie.left_margin = sectie.right_margin = Mm(25)
    sectie.top_margin, sectie.bottom_margin = Mm(20), Mm(20)
    sectie.header_distance = Mm(10)


def _conceptkop(doc) -> None:
    """CONCEPT in large red letters at the top of every page, only on a draft."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt, RGBColor

    kop = doc.sections[0].header
    eerste = kop.paragraphs[0]
    eerste.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = eerste.add_run("{% if concept %}CONCEPT{% endif %}")
    run.bold = True
    run.font.size = Pt(28)
    run.font.color.rgb = RGBColor(*ROOD)
    tweede = kop.add_paragraph()
    tweede.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = tweede.add_run("{% if concept %}Conceptversie {{ versie }} van {{ datum }}, niet verzenden{% endif %}")
    run.font.size = Pt(9)
    run.font.color.rgb = RGBColor(*ROOD)


def _briefhoofd(doc) -> None:
    doc.add_paragraph("{%p if logo %}")
    doc.add_paragraph("{{ logo }}")
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph("{{ organisatie.naam }}", style="Briefhoofd")
    doc.add_paragraph("{%p for regel in organisatie.adres %}")
    doc.add_paragraph("{{ regel }}", style="Briefhoofd adres")
    doc.add_paragraph("{%p endfor %}")
    doc.add_paragraph("", style="Briefregel")
    doc.add_paragraph("", style="Briefregel")
    doc.add_paragraph("{{ plaats }}, {{ datum }}", style="Briefregel")
    doc.add_paragraph("", style="Briefregel")
    doc.add_paragraph("Ons kenmerk: {{ kenmerk }}", style="Briefregel")


def _ondertekening(doc) -> None:
    doc.add_paragraph("Met vriendelijke groet,", style="Briefregel")
    doc.add_paragraph("", style="Briefregel")
    doc.add_paragraph("", style="Briefregel")
    doc.add_paragraph("{{ ondertekenaar }}", style="Briefregel")
    doc.add_paragraph("{{ functie }}", style="Briefregel")
    doc.add_paragraph("{%p if afschriften %}")
    doc.add_paragraph("", style="Briefregel")
    doc.add_paragraph("I.a.a.", style="Briefregel")
    doc.add_paragraph("{%p for regel in afschriften %}")
    doc.add_paragraph("{{ regel }}", style="Briefregel")
    doc.add_paragraph("{%p endfor %}")
    doc.add_paragraph("{%p endif %}")


def _nieuw():
    import docx

    doc = docx.Document()
    _stijlen(doc)
    _pagina(doc)
    kern = doc.core_properties
    kern.author = kern.last_modified_by = "Advieswerk"
    kern.title = kern.subject = kern.keywords = kern.comments = ""
    kern.revision = 1
    return doc


def adviesbrief() -> bytes:
    """The advice letter: the layout of docs/domein.md, "De brief"."""
    doc = _nieuw()
    _conceptkop(doc)
    _briefhoofd(doc)
    doc.add_paragraph("{%p if uw_kenmerk %}")
    doc.add_paragraph("Uw kenmerk: {{ uw_kenmerk }}", style="Briefregel")
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph("{%p if uw_brief_van %}")
    doc.add_paragraph("Uw brief van: {{ uw_brief_van }}", style="Briefregel")
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph(
        "Onderwerp: {% if soort == 'aanvulling' %}Aanvullend advies{% else %}Advies{% endif %} over {{ onderwerp }}",
        style="Briefregel",
    )
    doc.add_paragraph("", style="Briefregel")
    doc.add_paragraph("", style="Briefregel")
    doc.add_paragraph("Geacht college,", style="Brieftekst")
    doc.add_paragraph("{{p tekst }}")
    doc.add_paragraph("Graag ontvangen we uw schriftelijke reactie op dit advies.", style="Brieftekst")
    _ondertekening(doc)
    return _bytes(doc)


def herinnering() -> bytes:
    """The reminder for a late response: names the advice, its sending date and its due date."""
    doc = _nieuw()
    _briefhoofd(doc)
    doc.add_paragraph("Onderwerp: Herinnering: uw reactie op ons advies {{ advies_kenmerk }}", style="Briefregel")
    doc.add_paragraph("", style="Briefregel")
    doc.add_paragraph("", style="Briefregel")
    doc.add_paragraph("Geacht college,", style="Brieftekst")
    doc.add_paragraph(
        "Op {{ verzonden_op }} stuurden wij u ons advies over {{ onderwerp }} (ons kenmerk {{ advies_kenmerk }}). "
        "Uw schriftelijke reactie hadden wij uiterlijk {{ reactie_uiterlijk }} verwacht. "
        "Wij hebben die nog niet ontvangen.",
        style="Brieftekst",
    )
    doc.add_paragraph(
        "Wij verzoeken u ons uw schriftelijke reactie op dit advies zo spoedig mogelijk toe te sturen.",
        style="Brieftekst",
    )
    _ondertekening(doc)
    return _bytes(doc)


def _bytes(doc) -> bytes:
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
