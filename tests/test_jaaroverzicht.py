"""`advies jaaroverzicht`: the 2020 year of the council (docs/domein.md, "Het jaar") rebuilt through
the CLI, then read back in every format with that format's own reader."""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from click.testing import Result

from sjablonen.jaaroverzicht.excel import AFDRUKKOLOMMEN
from sjablonen.jaaroverzicht.word import TABELKOP_PT
from tests import beginstand
from tests.brieven_hulp import stijl
from tests.conftest import Advies, als_json, voer_uit

# What these tests check does not depend on the database: they run in the SQLite half only.
OPMAAK = pytest.mark.een_backend(
    reden="de opmaak van Word en Excel; de cijfers vergelijken de JSON- en CSV-tests op beide"
)

if TYPE_CHECKING:
    from docx.shared import Length

    from sjablonen.jaaroverzicht.gegevens import Jaaroverzicht

PEILDATUM = "2021-01-15"
TEKST = "Geacht college,\n\nDe Cliëntenraad adviseert u het volgende.\n"

# Number, subject, soort; registered, meeting, sent, response (month-day in 2020); oordeel, reminders.
VOUCHERS = "Vouchers als verlichtende maatregel ivm. Corona"
SCHAKELKANS = "Reïntegratieverordening Participatiewet / Schakelkans"
JAAR_2020 = [
    ("01", "Bezuinigingen Stadjerspas", "gevraagd", "01-06", "01-28", "01-29", "03-05", "overgenomen", 0),
    ("02", "Werkprogramma 2020/2025", "gevraagd", "01-10", "01-28", "01-29", "03-20", "deels", 1),
    ("03", "Aanpassing WMO-Vervoer", "gevraagd", "02-03", "02-25", "02-26", "04-08", "overgenomen", 0),
    ("04", "Aanpassing WMO-Vervoer", "ongevraagd", "02-04", "02-25", "02-26", "05-06", "niet", 2),
    ("06", "Inzet armoedemiddelen in 2020", "ongevraagd", "03-02", "03-24", "03-25", "04-29", "overgenomen", 0),
    ("07", "Plan van aanpak Basisbanen", "gevraagd", "04-01", "04-28", "04-29", "06-03", "deels", 0),
    ("08", VOUCHERS, "ongevraagd", "05-20", "06-23", "06-24", "07-30", "overgenomen", 0),
    ("08A", f"{VOUCHERS}: aanvulling", "aanvulling", "06-25", "06-29", "06-30", "08-11", None, 0),
    ("09", SCHAKELKANS, "gevraagd", "08-17", "09-22", "09-23", "11-20", "deels", 0),
    ("10", "Indicatoren Toekomst met Perspectief", "gevraagd", "08-31", "09-29", "09-30", "11-02", "niet", 0),
    ("11", "Verordening individuele Studietoeslagen", "gevraagd", "09-28", "10-27", "10-28", None, None, 0),
]  # fmt: skip
MAANDEN = {
    "01": "januari", "02": "januari", "03": "februari", "04": "februari", "06": "maart", "07": "april",
    "08": "juni", "08A": "juni", "09": "september", "10": "september", "11": "oktober",
}  # fmt: skip
KENMERKEN = [f"CRA 2020-{n}" for n, *_ in JAAR_2020]
# Reminders, on days the response was late: 02 was due 11 March, 04 was due 8 April.
HERINNERINGEN = {"02": ["03-12"], "04": ["04-09", "04-23"]}
REDEN_5 = "Het college heeft de aanvraag teruggenomen"
# The college's own reference of a request, and its summary of a response.
UW_KENMERK = {"02": "WI/2020/0042"}
SAMENVATTING = {"02": "Het college onderzoekt de armoedeval en komt in juni terug"}


def _bouw_2020(tekstbestand: Path) -> None:
    advies = voer_uit
    for nummer, onderwerp, soort, *dagen, oordeel, _ in JAAR_2020:
        geregistreerd, vergadering, verzonden, reactie = (f"2020-{d}" if d else None for d in dagen)
        assert geregistreerd is not None and vergadering is not None and verzonden is not None
        kenmerk = f"2020-{nummer}"
        if soort == "gevraagd":
            uw = ["--uw-kenmerk", UW_KENMERK[nummer]] if nummer in UW_KENMERK else []
            uit = advies("aanvraag", onderwerp, "--ontvangen", geregistreerd, *uw)
        elif soort == "ongevraagd":
            uit = advies("nieuw", onderwerp, "--datum", geregistreerd)
        else:
            uit = advies("aanvulling", kenmerk[:-1], onderwerp, "--datum", geregistreerd)
        assert f"CRA {kenmerk}" in uit.stdout
        if nummer == "04":  # number 5: requested, then withdrawn
            advies("aanvraag", "Beleidsregels bijzondere bijstand", "--ontvangen", "2020-02-10")
            advies("intrekken", "2020-05", "--reden", REDEN_5)
        advies("concept", kenmerk, "--tekst", str(tekstbestand))
        advies("agenderen", kenmerk, "--vergadering", vergadering)
        advies("vaststellen", kenmerk, "--datum", vergadering)
        advies("verzenden", kenmerk, "--datum", verzonden)
        for dag in HERINNERINGEN.get(nummer, []):
            advies("herinnering", kenmerk, "--datum", f"2020-{dag}")
        if reactie:
            samenvatting = ["--samenvatting", SAMENVATTING[nummer]] if nummer in SAMENVATTING else []
            advies(
                "reactie", kenmerk, "--ontvangen", reactie, *(["--oordeel", oordeel] if oordeel else []), *samenvatting
            )
    # One advice of 2021, sent and answered: it must not leak into 2020.
    advies("nieuw", "Minimabeleid 2021", "--datum", "2021-01-05")
    advies("concept", "2021-01", "--tekst", str(tekstbestand))
    advies("agenderen", "2021-01", "--vergadering", "2021-01-05")
    advies("vaststellen", "2021-01", "--datum", "2021-01-05")
    advies("verzenden", "2021-01", "--datum", "2021-01-06")
    advies("reactie", "2021-01", "--ontvangen", "2021-01-08", "--oordeel", "overgenomen")


@pytest.fixture
def jaar2020(advies: Advies, home: Path, tmp_path: Path) -> Advies:
    """The 2020 year, built once per test process on either backend and copied for each test."""

    def bouw() -> None:
        tekstbestand = tmp_path / "advies.md"
        tekstbestand.write_text(TEKST, encoding="utf-8")
        _bouw_2020(tekstbestand)

    beginstand.zet_neer("jaaroverzicht.2020", home, bouw)
    return advies


def _overzicht(advies: Advies, *args: str, code: int = 0) -> Result:
    return advies("jaaroverzicht", "2020", "--peildatum", PEILDATUM, *args, code=code)


def _cm(lengte: Length | None) -> float:
    """A length from the Word file in centimetres; python-docx types it as optional."""
    assert lengte is not None
    centimeters: float = lengte.cm
    return centimeters


def test_json_op_het_scherm(jaar2020: Advies) -> None:
    data = als_json(_overzicht(jaar2020, "--formaat", "json"))
    assert data["jaar"] == 2020
    assert data["aantal_verzonden"] == 11
    adviezen = data["adviezen"]
    assert [a["kenmerk"] for a in adviezen] == KENMERKEN
    assert "CRA 2020-05" not in [a["kenmerk"] for a in adviezen]
    assert {a["kenmerk"][9:]: a["maand"] for a in adviezen} == MAANDEN
    sleutels = {
        "kenmerk", "onderwerp", "soort", "status", "ontvangen_op", "adviestermijn", "vastgesteld_op",
        "verzonden_op", "reactie_uiterlijk", "reactie_ontvangen_op", "oordeel", "maand",
    }  # fmt: skip
    assert sleutels <= set(adviezen[0])
    eerste = adviezen[0]
    assert (eerste["verzonden_op"], eerste["reactie_uiterlijk"], eerste["reactie_ontvangen_op"]) == (
        "2020-01-29",
        "2020-03-11",
        "2020-03-05",
    )
    assert (eerste["reactie"], eerste["dagen_te_laat"], eerste["doorwerking"]) == ("op_tijd", 0, "overgenomen")
    per = {a["kenmerk"][9:]: a for a in adviezen}
    assert (per["02"]["reactie"], per["02"]["dagen_te_laat"], per["02"]["herinneringen"]) == ("te_laat", 9, 1)
    assert per["03"]["reactie"] == "op_tijd"  # received on the due date itself
    assert per["04"]["herinneringen"] == 2
    assert (per["02"]["uw_kenmerk"], per["02"]["reactie_samenvatting"]) == (UW_KENMERK["02"], SAMENVATTING["02"])
    assert (per["08A"]["soort"], per["08A"]["doorwerking"]) == ("aanvulling", "onbekend")
    # Sent 28 October, due 9 December, no response by 15 January: 37 days late.
    assert (per["11"]["reactie"], per["11"]["dagen_te_laat"], per["11"]["status"]) == ("ontbreekt", 37, "verzonden")
    assert [(a["kenmerk"], a["reden_intrekking"]) for a in data["ingetrokken"]] == [("CRA 2020-05", REDEN_5)]
    assert data["in_behandeling"] == []

    c = data["cijfers"]
    assert c["aantal_verzonden"] == 11
    assert (c["verzonden_gevraagd"], c["verzonden_ongevraagd"], c["verzonden_aanvulling"]) == (7, 3, 1)
    assert (c["aantal_ingetrokken"], c["aantal_in_behandeling"], c["aantal_geregistreerd"]) == (1, 0, 12)
    assert (c["reacties_op_tijd"], c["reacties_te_laat"], c["reacties_ontbrekend"]) == (7, 3, 1)
    assert c["reacties_termijn_loopt"] == 0
    assert c["doorwerking"] == {"overgenomen": 4, "deels": 3, "niet": 2, "onbekend": 2}
    assert c["herinneringen"] == 3
    dagen = [
        (date.fromisoformat(a["reactie_ontvangen_op"]) - date.fromisoformat(a["verzonden_op"])).days
        for a in adviezen
        if a["reactie_ontvangen_op"]
    ]
    assert c["gemiddelde_reactietijd_dagen"] == round(sum(dagen) / len(dagen), 1) == 43.8
    per_maand = {m["maand"]: m["totaal"] for m in c["per_maand"]}
    assert per_maand == {
        "januari": 2, "februari": 2, "maart": 1, "april": 1, "mei": 0, "juni": 2, "juli": 0,
        "augustus": 0, "september": 2, "oktober": 1, "november": 0, "december": 0,
    }  # fmt: skip


def test_json_naar_bestand(jaar2020: Advies, home: Path) -> None:
    doel = home / "uit.json"
    uit = _overzicht(jaar2020, "--formaat", "json", "--uit", str(doel))
    assert uit.stdout == f"Jaaroverzicht 2020 geschreven: {doel} (11 adviezen uitgebracht).\n"
    data = json.loads(doel.read_text(encoding="utf-8"))
    assert data["aantal_verzonden"] == 11


@OPMAAK
def test_word(jaar2020: Advies, home: Path) -> None:
    from docx import Document

    uit = _overzicht(jaar2020)
    pad = home / "documenten" / "jaaroverzicht-2020.docx"
    assert uit.stdout == f"Jaaroverzicht 2020 geschreven: {pad} (11 adviezen uitgebracht).\n"
    doc = Document(str(pad))
    alinea = [p.text for p in doc.paragraphs]
    assert alinea[0] == "Jaaroverzicht adviezen 2020"
    assert "Cliëntenraad Werk & Inkomen" in alinea[1]
    # Issue 14 changed these sentences: counts up to twenty in words, no sentence starting with a
    # digit, whole days.
    assert (
        "In 2020 bracht de Cliëntenraad Werk & Inkomen elf adviezen uit, waarvan zeven gevraagd, drie ongevraagd "
        "en één aanvulling op een eerder advies." in alinea
    )
    assert "Eén advies werd ingetrokken en telt niet mee." in alinea
    assert "Het college reageerde op zeven adviezen op tijd en op drie te laat." in alinea
    assert "Op 15 januari 2021 ontbreekt nog één reactie waarvan de termijn verstreken is." in alinea
    assert "Gemiddeld kwam een reactie 44 dagen na verzending (de reactietermijn is zes weken)." in alinea
    assert "Er gingen drie herinneringen naar het college." in alinea
    assert not any(zin[:1].isdigit() for zin in alinea)
    tabel, ingetrokken = doc.tables
    koppen = [c.text for c in tabel.rows[0].cells]
    assert koppen[:4] == ["Kenmerk", "Onderwerp", "Soort", "Maand"]
    rijen = [[c.text for c in r.cells] for r in tabel.rows[1:]]
    assert [r[0] for r in rijen] == KENMERKEN
    assert {r[0][9:]: r[3] for r in rijen} == MAANDEN
    per = {r[0]: dict(zip(koppen, r, strict=True)) for r in rijen}
    assert per["CRA 2020-02"]["Reactie"] == "9 dagen te laat"
    assert per["CRA 2020-02"]["Verzonden"] == "29-01-2020"
    assert per["CRA 2020-11"]["Reactie"] == "ontbreekt (37 dagen over termijn)"
    assert per["CRA 2020-04"]["Doorwerking"] == "niet overgenomen"
    assert per["CRA 2020-09"]["Onderwerp"] == "Reïntegratieverordening Participatiewet / Schakelkans"
    assert per["CRA 2020-02"]["Uw kenmerk"] == UW_KENMERK["02"]
    assert per["CRA 2020-02"]["Samenvatting reactie"] == SAMENVATTING["02"]
    assert (per["CRA 2020-01"]["Uw kenmerk"], per["CRA 2020-01"]["Samenvatting reactie"]) == ("", "")
    assert [[c.text for c in r.cells] for r in ingetrokken.rows[1:]] == [
        ["CRA 2020-05", "Beleidsregels bijzondere bijstand", "gevraagd", REDEN_5]
    ]
    assert len(doc.inline_shapes) == 1  # the chart


@OPMAAK
def test_excel(jaar2020: Advies, home: Path) -> None:
    from openpyxl import load_workbook

    doel = home / "jaarverslag.xlsx"
    _overzicht(jaar2020, "--uit", str(doel))  # the format follows the extension
    boek = load_workbook(doel)
    assert boek.sheetnames == ["Adviezen", "Cijfers", "Afdrukken"]
    blad = boek["Adviezen"]
    assert blad.freeze_panes == "A2"
    assert blad.auto_filter.ref == "A1:Q13"  # Uw kenmerk, Samenvatting reactie, Termijn verschoven at the end
    assert blad.column_dimensions["B"].width > 30
    rijen = list(blad.iter_rows(values_only=True))
    koppen = rijen[0]
    assert koppen[:3] == ("Kenmerk", "Onderwerp", "Soort")
    per = {r[0]: dict(zip(koppen, r, strict=True)) for r in rijen[1:]}
    assert list(per) == sorted(KENMERKEN + ["CRA 2020-05"])
    uitgebracht = [k for k, r in per.items() if r["Stand"] == "uitgebracht"]
    assert uitgebracht == KENMERKEN
    assert {k[9:]: per[k]["Maand"] for k in uitgebracht} == MAANDEN
    assert per["CRA 2020-01"]["Verzonden"] == datetime(2020, 1, 29)  # a real date cell
    assert blad["G2"].is_date and blad["G2"].number_format == "DD-MM-YYYY"
    assert (per["CRA 2020-02"]["Dagen te laat"], per["CRA 2020-02"]["Herinneringen"]) == (9, 1)
    assert per["CRA 2020-05"]["Stand"] == "ingetrokken"
    assert per["CRA 2020-05"]["Reden intrekking"] == REDEN_5
    assert per["CRA 2020-05"]["Verzonden"] is None
    assert (per["CRA 2020-02"]["Uw kenmerk"], per["CRA 2020-02"]["Samenvatting reactie"]) == (
        UW_KENMERK["02"],
        SAMENVATTING["02"],
    )
    cijfers = {r[0]: r[1] for r in boek["Cijfers"].iter_rows(values_only=True) if r and r[0]}
    assert cijfers["Adviezen uitgebracht"] == 11
    assert cijfers["  waarvan gevraagd"] == 7
    assert cijfers["Reactie te laat"] == 3
    assert cijfers["Gemiddelde reactietijd (dagen)"] == 43.8
    assert cijfers["Herinneringen verstuurd"] == 3
    assert cijfers["september"] == 2  # advices sent per month: gevraagd column


@OPMAAK
def test_word_opmaak(jaar2020: Advies, home: Path) -> None:
    """Arial as in the letters, dark headings, Dutch, "Pagina X van Y" in the footer, and columns
    wide enough for their headings."""
    from docx import Document
    from docx.oxml.ns import qn
    from docx.shared import RGBColor

    _overzicht(jaar2020)
    doc = Document(str(home / "documenten" / "jaaroverzicht-2020.docx"))
    stijlen = doc.styles.element
    standaard = stijlen.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    assert standaard.find(qn("w:lang")).get(qn("w:val")) == "nl-NL"
    for letters in stijlen.iter(qn("w:rFonts")):
        assert letters.get(qn("w:ascii")) == "Arial"
        assert letters.get(qn("w:asciiTheme")) is None  # no Calibri or Cambria through the theme
    for naam in ("Normal", "Title", "Heading 1"):
        assert doc.styles[naam].font.color.rgb in (None, RGBColor(0x1A, 0x1A, 0x1A))
    assert stijl(doc.paragraphs[0]).name == "Title"

    voet = doc.sections[0].footer.paragraphs[0]
    velden = [t.text.strip() for t in voet._p.iter(qn("w:instrText"))]
    assert velden == ["PAGE", "NUMPAGES"]
    assert voet.text.startswith("Jaaroverzicht adviezen 2020 – Cliëntenraad Werk & Inkomen\tPagina ")

    tabel = doc.tables[0]
    koppen = [c.text for c in tabel.rows[0].cells]
    assert koppen == [
        "Kenmerk", "Onderwerp", "Soort", "Maand", "Uw kenmerk", "Verzonden", "Reactie uiterlijk",
        "Termijn verschoven", "Reactie ontvangen", "Reactie", "Doorwerking", "Samenvatting reactie", "Herinneringen",
    ]  # fmt: skip
    kopregel = tabel.rows[0]._tr.trPr
    assert kopregel is not None
    assert kopregel.find(qn("w:tblHeader")) is not None  # repeated on every page
    breedtes = [_cm(kolom.w) for kolom in tabel._tbl.tblGrid.gridCol_lst]
    assert sum(breedtes) <= 29.7 - 2 * _cm(doc.sections[0].left_margin) + 0.01
    koprij = tabel.rows[0].cells
    assert {r.font.size.pt for c in koprij for r in c.paragraphs[0].runs if r.font.size is not None} == {TABELKOP_PT}
    for kop, breedte in zip(koppen, breedtes, strict=True):
        langste = max(kop.split(), key=len)
        # Measured in matplotlib's own DejaVu Sans Bold, wider than Arial: it fits in either.
        assert _breedte_cm(langste, vet=True, punten=TABELKOP_PT) + 0.2 <= breedte, kop
    # A date on one line, also in DejaVu Sans.
    for kop in ("Verzonden", "Reactie uiterlijk", "Reactie ontvangen"):
        assert _breedte_cm("28-12-2020", vet=False) + 0.2 <= breedtes[koppen.index(kop)], kop


def _breedte_cm(tekst: str, vet: bool, punten: float = 8) -> float:
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import TextToPath

    letter = FontProperties(family="DejaVu Sans", weight="bold" if vet else "normal", size=punten)
    breedte, _hoogte, _daling = TextToPath().get_text_width_height_descent(tekst, letter, ismath=False)
    return breedte / 72 * 2.54


@OPMAAK
def test_excel_drukt_af_op_a4_liggend(jaar2020: Advies, home: Path) -> None:
    from openpyxl import load_workbook

    _overzicht(jaar2020, "--formaat", "xlsx")
    boek = load_workbook(home / "documenten" / "jaaroverzicht-2020.xlsx")
    for blad in boek.worksheets:
        opzet = blad.page_setup
        assert (opzet.orientation, opzet.paperSize) == ("landscape", 9)  # 9 is A4
        assert blad.sheet_properties.pageSetUpPr.fitToPage
        # One page wide (left out of the file, 1 is the default), "Adviezen" two; as many pages long as needed.
        assert (opzet.fitToWidth or 1, opzet.fitToHeight) == (2 if blad.title == "Adviezen" else 1, 0)
        assert blad.oddHeader.left.text == f"Jaaroverzicht adviezen 2020 — {blad.title.lower()}"
        assert blad.oddHeader.right.text == "Cliëntenraad Werk && Inkomen"  # && is a literal & in a header
        assert blad.oddFooter.right.text == "Pagina &P van &N"
    assert boek["Adviezen"].print_title_rows == "$1:$1"
    assert boek["Afdrukken"].print_title_rows == "$1:$1"
    assert boek["Adviezen"].print_title_cols == "$A:$A"  # the kenmerk on both halves of a row
    assert boek["Adviezen"].page_setup.pageOrder == "overThenDown"
    assert boek["Adviezen"].row_dimensions[1].height >= 2 * 12.75  # "Reactie uiterlijk" on two lines
    koppen = [c.value for c in boek["Adviezen"][1]]
    for letter, kop in zip("ABCDEFGHIJKLMNOPQ", koppen, strict=True):
        assert boek["Adviezen"].column_dimensions[letter].width >= max(len(w) for w in kop.split()) + 1, kop
    cijfers = boek["Cijfers"]
    gemiddeld = next(r for r in cijfers.iter_rows() if r[0].value == "Gemiddelde reactietijd (dagen)")[1]
    assert (gemiddeld.value, gemiddeld.number_format) == (43.8, "0")  # shown as 44 days


@OPMAAK
def test_excel_afdrukblad_op_ware_grootte(jaar2020: Advies, home: Path) -> None:
    """All seventeen columns one page wide would print at about 5 pt: "Adviezen" prints two pages
    wide, "Afdrukken" one; both at 8 pt or more."""
    from openpyxl import load_workbook

    _overzicht(jaar2020, "--formaat", "xlsx")
    boek = load_workbook(home / "documenten" / "jaaroverzicht-2020.xlsx")
    assert boek.sheetnames == ["Adviezen", "Cijfers", "Afdrukken"]

    def letterpunten(blad: Any, paginas: int = 1) -> float:
        # Excel's column width in characters of Arial 10 is 7 px each plus 5 px padding, at 96 px an inch.
        kolommen = [blad.column_dimensions[c.column_letter].width for c in blad[1]]
        breedte_inch = sum(b * 7 + 5 for b in kolommen) / 96
        marges = blad.page_margins.left + blad.page_margins.right
        bedrukbaar = paginas * (297 / 25.4 - marges) - (kolommen[0] * 7 + 5) / 96 * (paginas - 1)
        return 10 * min(1.0, float(bedrukbaar) / float(breedte_inch))

    assert letterpunten(boek["Afdrukken"]) >= 10  # at full size
    assert letterpunten(boek["Adviezen"]) < 8  # one page wide: why it prints on two
    assert letterpunten(boek["Adviezen"], paginas=2) >= 8
    adviezen, afdruk = boek["Adviezen"], boek["Afdrukken"]
    koppen = [c.value for c in adviezen[1]]
    assert [c.value for c in afdruk[1]] == list(AFDRUKKOLOMMEN)
    assert afdruk.max_row == adviezen.max_row
    for rij_alle, rij_afdruk in zip(adviezen.iter_rows(min_row=2), afdruk.iter_rows(min_row=2), strict=True):
        alle = dict(zip(koppen, (c.value for c in rij_alle), strict=True))
        assert [c.value for c in rij_afdruk] == [alle[k] for k in AFDRUKKOLOMMEN]


def test_csv(jaar2020: Advies, home: Path) -> None:
    _overzicht(jaar2020, "--formaat", "csv")
    pad = home / "documenten" / "jaaroverzicht-2020.csv"
    ruw = pad.read_bytes()
    assert ruw.startswith(b"\xef\xbb\xbf")  # the byte-order mark Dutch Excel needs for UTF-8
    with pad.open(encoding="utf-8-sig", newline="") as bestand:
        rijen = list(csv.DictReader(bestand, delimiter=";"))
    assert [r["Kenmerk"] for r in rijen] == sorted(KENMERKEN + ["CRA 2020-05"])
    uitgebracht = {r["Kenmerk"]: r for r in rijen if r["Stand"] == "uitgebracht"}
    assert list(uitgebracht) == KENMERKEN
    assert {k[9:]: r["Maand"] for k, r in uitgebracht.items()} == MAANDEN
    assert uitgebracht["CRA 2020-09"]["Onderwerp"] == "Reïntegratieverordening Participatiewet / Schakelkans"
    assert uitgebracht["CRA 2020-01"]["Verzonden"] == "2020-01-29"
    assert uitgebracht["CRA 2020-11"]["Reactie"] == "ontbreekt"
    assert uitgebracht["CRA 2020-11"]["Dagen te laat"] == "37"
    ingetrokken = [r for r in rijen if r["Stand"] == "ingetrokken"]
    assert [(r["Kenmerk"], r["Reden intrekking"]) for r in ingetrokken] == [("CRA 2020-05", REDEN_5)]
    assert list(rijen[0])[:14] == KOLOMMEN_VOOR_ISSUE_14  # scripts reading by position keep working
    assert list(rijen[0])[14:] == ["Uw kenmerk", "Samenvatting reactie", "Termijn verschoven"]
    assert (uitgebracht["CRA 2020-02"]["Uw kenmerk"], uitgebracht["CRA 2020-02"]["Samenvatting reactie"]) == (
        UW_KENMERK["02"],
        SAMENVATTING["02"],
    )


KOLOMMEN_VOOR_ISSUE_14 = [
    "Kenmerk", "Onderwerp", "Soort", "Stand", "Status", "Maand", "Verzonden", "Reactie uiterlijk",
    "Reactie ontvangen", "Reactie", "Dagen te laat", "Doorwerking", "Herinneringen", "Reden intrekking",
]  # fmt: skip


def test_lopend_advies_staat_apart(jaar2020: Advies) -> None:
    jaar2020("nieuw", "Schuldhulpverlening", "--datum", "2020-11-16")
    data = als_json(_overzicht(jaar2020, "--formaat", "json"))
    assert data["aantal_verzonden"] == 11
    assert [(a["kenmerk"], a["status"]) for a in data["in_behandeling"]] == [("CRA 2020-12", "concept")]
    assert data["cijfers"]["aantal_in_behandeling"] == 1


def test_leeg_jaar_in_elk_formaat(advies: Advies, home: Path) -> None:
    from docx import Document
    from openpyxl import load_workbook

    data = als_json(advies("jaaroverzicht", "2019", "--formaat", "json"))
    assert (data["jaar"], data["aantal_verzonden"], data["adviezen"]) == (2019, 0, [])
    uit = advies("jaaroverzicht", "2019")
    assert "geen adviezen in 2019; het overzicht is leeg" in uit.stdout
    doc = Document(str(home / "documenten" / "jaaroverzicht-2019.docx"))
    assert "In 2019 zijn er geen adviezen geregistreerd; dit overzicht is leeg." in [p.text for p in doc.paragraphs]
    assert doc.tables == []
    advies("jaaroverzicht", "2019", "--formaat", "xlsx")
    boek = load_workbook(home / "documenten" / "jaaroverzicht-2019.xlsx")
    assert list(boek["Adviezen"].iter_rows(values_only=True))[0][0] == "Kenmerk"
    assert boek["Adviezen"].max_row == 1
    teksten = [r[0] for r in boek["Cijfers"].iter_rows(values_only=True) if r]
    assert "In 2019 zijn er geen adviezen geregistreerd; dit overzicht is leeg." in teksten
    advies("jaaroverzicht", "2019", "--formaat", "csv")
    with (home / "documenten" / "jaaroverzicht-2019.csv").open(encoding="utf-8-sig", newline="") as bestand:
        assert list(csv.reader(bestand, delimiter=";"))[1:] == []


@OPMAAK
def test_tekens_die_xml_niet_kent_breken_niets(advies: Advies, home: Path) -> None:
    """A subject with U+FFFF and control characters still gives a valid Word and Excel file. The
    commands refuse such text now; a register kept by an older version of advies may hold it."""
    from docx import Document
    from openpyxl import load_workbook
    from sqlalchemy import create_engine, text

    from opslag.configuratie import database_url

    advies("nieuw", "Armoede en schulden", "--datum", "2020-03-02")
    engine = create_engine(database_url())
    with engine.begin() as verbinding:  # as an older advies stored it, without today's checks
        verbinding.execute(text("UPDATE advies SET onderwerp = :o"), {"o": "Armoede\uffff\ufffe\x01 en\x1f schulden"})
    engine.dispose()
    advies("jaaroverzicht", "2020")
    doc = Document(str(home / "documenten" / "jaaroverzicht-2020.docx"))
    assert doc.tables[0].rows[1].cells[1].text == "Armoede en schulden"
    advies("jaaroverzicht", "2020", "--formaat", "xlsx")
    blad = load_workbook(home / "documenten" / "jaaroverzicht-2020.xlsx")["Adviezen"]
    assert blad["B2"].value == "Armoede en schulden"


def test_onbekend_formaat(advies: Advies, home: Path) -> None:
    uit = advies("jaaroverzicht", "2020", "--formaat", "pdf", code=2)
    assert "Fout:" in uit.output
    assert not (home / "documenten").exists()


@pytest.mark.parametrize("doel", ["bestaat-niet/overzicht.docx", "een-bestand/overzicht.docx"])
def test_onschrijfbaar_pad(advies: Advies, home: Path, tmp_path: Path, doel: str) -> None:
    (tmp_path / "een-bestand").write_text("geen map")
    voor = sorted(tmp_path.rglob("*"))
    uit = advies("jaaroverzicht", "2020", "--uit", str(tmp_path / doel), code=1)
    assert uit.output.startswith("Fout: kan ")
    assert "Traceback" not in uit.output
    assert sorted(tmp_path.rglob("*")) == voor


def test_extensie_en_formaat_botsen(advies: Advies, tmp_path: Path) -> None:
    uit = advies("jaaroverzicht", "2020", "--formaat", "csv", "--uit", str(tmp_path / "x.xlsx"), code=1)
    assert uit.output.startswith("Fout: --uit eindigt op .xlsx maar het formaat is csv")


def test_halverwege_mislukt_laat_niets_achter(jaar2020: Advies, home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from sjablonen import jaaroverzicht as opmaak

    def vol(_o: Jaaroverzicht, pad: Path) -> None:
        pad.write_text("Kenmerk;Onderwerp\nCRA 2020-01;Bez", encoding="utf-8")
        raise OSError(28, "No space left on device")

    doel = home / "overzicht.csv"
    doel.write_text("het vorige overzicht", encoding="utf-8")
    monkeypatch.setattr(opmaak, "schrijf_csv", vol)
    uit = _overzicht(jaar2020, "--uit", str(doel), "--overschrijf", code=1)
    assert uit.output == f"Fout: kan {doel} niet schrijven: de schijf is vol\n"
    assert doel.read_text(encoding="utf-8") == "het vorige overzicht"  # the old file is untouched
    assert [p.name for p in home.iterdir() if p.name.startswith(".overzicht")] == []


def test_uit_naar_een_map(jaar2020: Advies, tmp_path: Path) -> None:
    uit = _overzicht(jaar2020, "--formaat", "csv", "--uit", str(tmp_path))
    assert (tmp_path / "jaaroverzicht-2020.csv").is_file()
    assert str(tmp_path / "jaaroverzicht-2020.csv") in uit.stdout


def test_hulp_heeft_voorbeeld(advies: Advies) -> None:
    uit = advies("jaaroverzicht", "--help")
    assert "Voorbeeld:" in uit.stdout
    assert "advies jaaroverzicht 2020 --formaat xlsx" in uit.stdout


@OPMAAK
def test_libreoffice_opent_het_word_rapport(jaar2020: Advies, home: Path, tmp_path: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice (soffice) ontbreekt in CI; installeer libreoffice-writer-nogui")
        pytest.skip("LibreOffice (soffice) is niet geïnstalleerd; de PDF-conversie is niet getest")
    _overzicht(jaar2020)
    bron = home / "documenten" / "jaaroverzicht-2020.docx"
    profiel = (tmp_path / "lo-profiel").as_uri()
    opdracht = [soffice, f"-env:UserInstallation={profiel}", "--headless", "--convert-to", "pdf"]
    subprocess.run([*opdracht, "--outdir", str(tmp_path), str(bron)], check=True, capture_output=True, timeout=180)
    pdf = tmp_path / "jaaroverzicht-2020.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    assert pdf.stat().st_size > 10_000


# CRA 2020-11 (sent 28 October, due 9 December) is suspended for five days, then extended.
OPGESCHORT = "opgeschort 16–20 november 2020 (Herfstreces van de gemeenteraad): 9 → 14 december"
VERLENGD = "verlengd tot 29 januari 2021 (Afgesproken met de wethouder)"


def _verschuif_2020_11(advies: Advies) -> None:
    reden = "Herfstreces van de gemeenteraad"
    advies("opschorten", "2020-11", "--van", "2020-11-16", "--tot", "2020-11-20", "--reden", reden)
    advies("termijn", "2020-11", "--tot", "2021-01-29", "--reden", "Afgesproken met de wethouder")


def test_verschoven_termijn_in_json(jaar2020: Advies) -> None:
    _verschuif_2020_11(jaar2020)
    data = als_json(_overzicht(jaar2020, "--formaat", "json"))
    per = {a["kenmerk"]: a for a in data["adviezen"]}
    assert per["CRA 2020-11"]["termijnwijzigingen"] == [
        {
            "soort": "opschorting",
            "van": "2020-11-16",
            "tot": "2020-11-20",
            "reden": "Herfstreces van de gemeenteraad",
            "uiterlijk_was": "2020-12-09",
            "uiterlijk_werd": "2020-12-14",
        },
        {
            "soort": "verlenging",
            "van": None,
            "tot": None,
            "reden": "Afgesproken met de wethouder",
            "uiterlijk_was": "2020-12-14",
            "uiterlijk_werd": "2021-01-29",
        },
    ]
    assert (per["CRA 2020-11"]["reactie_uiterlijk"], per["CRA 2020-11"]["reactie"]) == ("2021-01-29", "termijn_loopt")
    assert [k for k, a in per.items() if a["termijnwijzigingen"]] == ["CRA 2020-11"]
    assert [a["termijnwijzigingen"] for a in data["ingetrokken"]] == [[]]


@OPMAAK
def test_verschoven_termijn_in_word(jaar2020: Advies, home: Path) -> None:
    from docx import Document

    _verschuif_2020_11(jaar2020)
    _overzicht(jaar2020)
    tabel = Document(str(home / "documenten" / "jaaroverzicht-2020.docx")).tables[0]
    koppen = [c.text for c in tabel.rows[0].cells]
    per = {r.cells[0].text: dict(zip(koppen, r.cells, strict=True)) for r in tabel.rows[1:]}
    cel = per["CRA 2020-11"]["Termijn verschoven"]
    # One paragraph per change; a date, a short range and a short move do not break across lines.
    assert [p.text for p in cel.paragraphs] == [
        "opgeschort 16–\u206020\u00a0november\u00a02020 (Herfstreces van de gemeenteraad): "
        "9\u00a0→\u00a014\u00a0december",
        "verlengd tot 29\u00a0januari\u00a02021 (Afgesproken met de wethouder)",
    ]
    assert _leesbaar(cel.text) == f"{OPGESCHORT}\n{VERLENGD}"
    assert per["CRA 2020-11"]["Reactie uiterlijk"].text == "29-01-2021"
    assert per["CRA 2020-11"]["Reactie"].text == "termijn loopt"
    assert {k: c["Termijn verschoven"].text for k, c in per.items() if k != "CRA 2020-11"} == {
        k: "" for k in KENMERKEN[:-1]
    }


def _leesbaar(tekst: str) -> str:
    return tekst.replace("\u00a0", " ").replace("\u2060", "")


def test_verschoven_termijn_in_excel_en_csv(jaar2020: Advies, home: Path) -> None:
    from openpyxl import load_workbook

    _verschuif_2020_11(jaar2020)
    _overzicht(jaar2020, "--formaat", "xlsx")
    _overzicht(jaar2020, "--formaat", "csv")
    blad = load_workbook(home / "documenten" / "jaaroverzicht-2020.xlsx")["Adviezen"]
    rijen = list(blad.iter_rows(values_only=True))
    assert rijen[0][-1] == "Termijn verschoven"
    per = {r[0]: r[-1] for r in rijen[1:]}
    assert per.pop("CRA 2020-11") == f"{OPGESCHORT}\n{VERLENGD}"
    assert set(per.values()) == {None}  # an empty cell
    regel = next(r for r in blad.iter_rows(min_row=2) if r[0].value == "CRA 2020-11")
    assert regel[-1].alignment.wrap_text
    assert blad.row_dimensions[regel[0].row].height >= 3 * 12.75  # the two changes wrap to three lines or more

    with (home / "documenten" / "jaaroverzicht-2020.csv").open(encoding="utf-8-sig", newline="") as bestand:
        csv_rijen = list(csv.reader(bestand, delimiter=";"))
    assert csv_rijen[0][-1] == "Termijn verschoven"
    assert csv_rijen[0][:-1] == [*KOLOMMEN_VOOR_ISSUE_14, "Uw kenmerk", "Samenvatting reactie"]
    per_csv = {r[0]: r[-1] for r in csv_rijen[1:]}
    assert per_csv.pop("CRA 2020-11") == f"{OPGESCHORT}\n{VERLENGD}"
    assert set(per_csv.values()) == {""}


@OPMAAK
def test_word_breekt_geen_woord_en_heeft_schone_eigenschappen(jaar2020: Advies, home: Path, tmp_path: Path) -> None:
    """Rendered by LibreOffice: every word of every table cell stands whole in the PDF's text (a
    column too narrow gives "septemb" and "er"); the package has no python-docx leftovers."""
    import zipfile

    from docx import Document

    from tests.brieven_hulp import pdf_paginas
    from tests.test_brieven import _vereis_libreoffice

    _overzicht(jaar2020)
    pad = home / "documenten" / "jaaroverzicht-2020.docx"
    with zipfile.ZipFile(pad) as pakket:
        namen = pakket.namelist()
        delen = b"".join(pakket.read(n) for n in namen if n.endswith(".xml"))
    assert "word/stylesWithEffects.xml" not in namen
    for rest in (b"python-docx", b"Macintosh", b'w:val="en-US"'):
        assert rest not in delen, rest
    kern = Document(str(pad)).core_properties
    assert (kern.title, kern.author, kern.language) == (
        "Jaaroverzicht adviezen 2020",
        "Cliëntenraad Werk & Inkomen",
        "nl-NL",
    )

    _vereis_libreoffice()
    programma = shutil.which("soffice") or shutil.which("libreoffice")
    assert programma is not None
    subprocess.run(
        [programma, "--headless", f"-env:UserInstallation={(tmp_path / 'p').as_uri()}", "--convert-to", "pdf"]
        + ["--outdir", str(tmp_path), str(pad)],
        check=True,
        capture_output=True,
        timeout=300,
        env={**os.environ, "HOME": str(tmp_path)},
    )
    woorden_pdf = set(" ".join(pdf_paginas((tmp_path / "jaaroverzicht-2020.pdf").read_bytes())).split())
    celwoorden = {
        w for tabel in Document(str(pad)).tables for rij in tabel.rows for c in rij.cells for w in c.text.split()
    }
    assert celwoorden - woorden_pdf == set()
    assert {"september", "overgenomen", "WI/2020/0042"} <= celwoorden


# Texts that XlsxWriter escapes in its own ways: XML's three, a literal "_x0041_" (Excel's own
# escape), a carriage return, spaces that need xml:space, formulas, a text longer than Excel holds.
RAKE_TEKSTEN = [
    'Werk & Inkomen <Stad> "x"',
    "_x0041_ staat er letterlijk",
    "regel\r\nnog een",
    "  spaties ervoor en erna  ",
    "=SOM(A1:A3)",
    "-1 als tekst",
    "\tmet een tab",
    "x" * 40_000,
]


@OPMAAK
def test_snelblad_schrijft_wat_xlsxwriter_schrijft(jaar2020: Advies, home: Path, tmp_path: Path) -> None:
    """The advice rows that Snelblad writes in one go are byte for byte what XlsxWriter writes cell
    by cell (in constant_memory mode, inline strings); every other part of the file is XlsxWriter's own."""
    import dataclasses
    import zipfile

    from sjablonen.jaaroverzicht.excel import schrijf_xlsx
    from workflow import jaaroverzicht as domein
    from workflow.register import Register

    _verschuif_2020_11(jaar2020)
    with Register().lezen() as (sessie, _wie):
        overzicht = domein.maak(sessie, 2020, date.fromisoformat(PEILDATUM))
    regels = [
        dataclasses.replace(r, advies={**r.advies, "onderwerp": tekst, "reactie_samenvatting": tekst[::-1]})
        for r, tekst in zip(overzicht.regels, RAKE_TEKSTEN, strict=False)
    ]
    overzicht = dataclasses.replace(overzicht, regels=regels + overzicht.regels[len(regels) :])
    schrijf_xlsx(overzicht, tmp_path / "snel.xlsx")
    schrijf_xlsx(overzicht, tmp_path / "xlsxwriter.xlsx", snel=False)

    with zipfile.ZipFile(tmp_path / "snel.xlsx") as snel, zipfile.ZipFile(tmp_path / "xlsxwriter.xlsx") as traag:
        assert snel.read("xl/styles.xml") == traag.read("xl/styles.xml")
        for blad in ("sheet1", "sheet3"):  # Adviezen, Afdrukken
            eigen, referentie = (z.read(f"xl/worksheets/{blad}.xml").decode() for z in (snel, traag))
            eerste = '<row r="2"'
            assert eigen.index(eerste) > 0
            assert eigen[: eigen.index("<sheetData")] == referentie[: referentie.index("<sheetData")]
            assert eigen[eigen.index(eerste) :] == referentie[referentie.index(eerste) :], blad
    from openpyxl import load_workbook

    blad = load_workbook(tmp_path / "snel.xlsx")["Adviezen"]
    onderwerpen = [c.value for c in blad["B"][1 : len(RAKE_TEKSTEN) + 1]]
    # openpyxl does not undo Excel's _xHHHH_ escapes (Excel and LibreOffice do); the other texts read back whole.
    assert [onderwerpen[i] for i in (0, 3, 4, 5, 6)] == [RAKE_TEKSTEN[i] for i in (0, 3, 4, 5, 6)]
    assert onderwerpen[7] == "x" * 32_767  # Excel's limit, as XlsxWriter cuts it
    assert blad["B6"].quotePrefix and not blad["B2"].quotePrefix  # "=SOM(...)" stays text


def _vereis_calc() -> str:
    """LibreOffice with Calc (libreoffice-calc-nogui), to print the workbook to PDF."""
    from sjablonen.pdf import soffice

    programma = soffice()
    if programma is not None and (Path(os.path.realpath(programma)).parent / "libsclo.so").exists():
        return programma
    if os.environ.get("CI"):
        pytest.fail("LibreOffice Calc ontbreekt in CI; .ci/run hoort libreoffice-calc-nogui te installeren")
    pytest.skip("LibreOffice Calc is niet geïnstalleerd (libreoffice-calc-nogui); het afdrukken is niet getest")


@OPMAAK
def test_excel_afgedrukt_door_libreoffice(jaar2020: Advies, home: Path, tmp_path: Path) -> None:
    """Printed by LibreOffice: every page landscape, every text at 8 pt or more on paper (font size
    times the sheet's scale), and every word of every cell whole in the PDF's text."""
    import collections

    import pypdf
    from openpyxl import load_workbook

    programma = _vereis_calc()
    _verschuif_2020_11(jaar2020)
    _overzicht(jaar2020, "--formaat", "xlsx")
    pad = home / "documenten" / "jaaroverzicht-2020.xlsx"
    subprocess.run(
        [programma, "--headless", f"-env:UserInstallation={(tmp_path / 'p').as_uri()}", "--convert-to", "pdf"]
        + ["--outdir", str(tmp_path), str(pad)],
        check=True,
        capture_output=True,
        timeout=300,
        env={**os.environ, "HOME": str(tmp_path)},
    )
    pdf = pypdf.PdfReader(tmp_path / "jaaroverzicht-2020.pdf")
    bladen: collections.Counter[str] = collections.Counter()
    woorden_pdf: set[str] = set()
    for pagina in pdf.pages:
        assert pagina.mediabox.width > pagina.mediabox.height  # landscape
        maten: list[float] = []

        def meet(tekst: str, cm: list[float], tm: list[float], _letter: Any, grootte: float) -> None:
            if tekst.strip():
                maten.append(grootte * abs(tm[3]) * abs(cm[3]))  # noqa: B023  # read before the next page

        tekst = pagina.extract_text(visitor_text=meet)
        bladen[tekst.split("—", 1)[1].split()[0]] += 1
        woorden_pdf |= set(tekst.split())
        assert min(maten) >= 8, (tekst.splitlines()[0], min(maten))
    assert set(bladen) == {"adviezen", "cijfers", "afdrukken"}
    assert bladen["adviezen"] == 2  # two pages wide, one long
    boek = load_workbook(pad)
    celwoorden = {
        woord
        for naam in ("Adviezen", "Afdrukken")
        for rij in boek[naam].iter_rows(values_only=True)
        for waarde in rij
        if isinstance(waarde, str)
        for woord in waarde.split()
    }
    assert celwoorden - woorden_pdf == set()
    assert {"Vouchers", "Reïntegratieverordening", "WI/2020/0042", "(Herfstreces"} <= celwoorden
