"""The year's figures: counted by the database for one year only, portable SQL, and the Dutch
sentences that tell them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, select
from sqlalchemy.dialects import postgresql, sqlite

from sjablonen.jaaroverzicht.gegevens import Jaaroverzicht, Regel
from tests.conftest import Advies, als_json
from workflow.jaaroverzicht import DagenTussen, maanden


def _cijfers(**anders: Any) -> dict[str, Any]:
    cijfers: dict[str, Any] = {
        "aantal_geregistreerd": 1,
        "aantal_verzonden": 1,
        "verzonden_gevraagd": 1,
        "verzonden_ongevraagd": 0,
        "verzonden_aanvulling": 0,
        "verzonden_na_het_jaar": 0,
        "aantal_ingetrokken": 0,
        "aantal_in_behandeling": 0,
        "reacties_op_tijd": 1,
        "reacties_te_laat": 0,
        "reacties_ontbrekend": 0,
        "reacties_termijn_loopt": 0,
        "gemiddelde_reactietijd_dagen": 30.0,
        "doorwerking": {"overgenomen": 1, "deels": 0, "niet": 0, "onbekend": 0},
        "herinneringen": 0,
    }
    cijfers.update(anders)
    return cijfers


def _overzicht(
    jaar: int = 2021,
    peildatum: date = date(2022, 1, 10),
    regels: list[Regel] | None = None,
    per_maand: dict[int, dict[str, int]] | None = None,
    **anders: Any,
) -> Jaaroverzicht:
    return Jaaroverzicht(
        jaar,
        peildatum,
        "10 januari 2022" if peildatum == date(2022, 1, 10) else peildatum.isoformat(),
        "Cliëntenraad Werk & Inkomen",
        6,
        regels or [],
        _cijfers(**anders),
        maanden(per_maand or {}),
    )


def _zinnen(**anders: Any) -> list[str]:
    from sjablonen.jaaroverzicht import zinnen

    return zinnen(_overzicht(**anders))


def test_een_advies_in_het_enkelvoud() -> None:
    # Issue 14 changed these sentences: "één" in words, "zes weken".
    assert _zinnen() == [
        "In 2021 bracht de Cliëntenraad Werk & Inkomen één advies uit, op verzoek van het college.",
        "Het college reageerde op één advies op tijd.",
        "Gemiddeld kwam een reactie 30 dagen na verzending (de reactietermijn is zes weken).",
        "Het college nam één advies over.",
        "Er waren geen herinneringen nodig.",
    ]


def test_doorwerking_zonder_overgenomen_en_met_lopende_zaken() -> None:
    zinnen = _zinnen(
        aantal_geregistreerd=9,
        aantal_verzonden=5,
        verzonden_gevraagd=0,
        verzonden_ongevraagd=5,
        aantal_ingetrokken=2,
        aantal_in_behandeling=2,
        reacties_op_tijd=0,
        reacties_te_laat=3,
        reacties_ontbrekend=2,
        gemiddelde_reactietijd_dagen=51.25,
        doorwerking={"overgenomen": 0, "deels": 2, "niet": 1, "onbekend": 2},
        herinneringen=1,
    )
    # Issue 14 changed these sentences: counts in words, whole days (51.25 is 51).
    assert zinnen == [
        "In 2021 bracht de Cliëntenraad Werk & Inkomen vijf adviezen uit, allemaal ongevraagd.",
        "Twee adviezen werden ingetrokken en tellen niet mee; twee adviezen zijn nog in behandeling.",
        "Het college reageerde op drie adviezen te laat.",
        "Op 10 januari 2022 ontbreken nog twee reacties waarvan de termijn verstreken is.",
        "Gemiddeld kwam een reactie 51 dagen na verzending (de reactietermijn is zes weken).",
        "Het college nam twee adviezen deels over en één niet; van twee is de doorwerking (nog) onbekend.",
        "Er ging één herinnering naar het college.",
    ]


def test_niets_verzonden_en_niets_geregistreerd() -> None:
    assert _zinnen(aantal_verzonden=0, verzonden_gevraagd=0, aantal_in_behandeling=1) == [
        "In 2021 bracht de Cliëntenraad Werk & Inkomen nog geen adviezen uit.",
        "Eén advies is nog in behandeling.",  # issue 14: no sentence starts with a digit
    ]
    assert _zinnen(aantal_geregistreerd=0) == ["In 2021 zijn er geen adviezen geregistreerd; dit overzicht is leeg."]


def test_dagen_tussen_is_overdraagbaar() -> None:
    from opslag.modellen import Advies

    vraag = select(DagenTussen(Advies.reactie_ontvangen_op, Advies.verzonden_op))
    # SQLAlchemy leaves the psycopg2 dialect's constructor untyped.
    op_postgresql = str(vraag.compile(dialect=postgresql.dialect()))  # type: ignore[no-untyped-call]
    op_sqlite = str(vraag.compile(dialect=sqlite.dialect()))
    assert "(advies.reactie_ontvangen_op - advies.verzonden_op)" in op_postgresql
    assert "julianday" not in op_postgresql
    assert "julianday(advies.reactie_ontvangen_op) - julianday(advies.verzonden_op)" in op_sqlite


def test_alleen_het_jaar_zelf_wordt_gelezen(advies: Advies, tekst: Callable[..., Path]) -> None:
    """A handful of statements, each one limited to the year: never every advice of every year."""
    from opslag.configuratie import database_url
    from opslag.database import maak_engine, sessie
    from workflow.jaaroverzicht import maak

    for jaar in (2019, 2020, 2021):
        advies("nieuw", f"Advies over {jaar}", "--datum", f"{jaar}-03-02")
    for nummer in ("2020-02", "2020-03"):  # moved due dates: one query for the year, not one per advice
        advies("nieuw", "Verschoven", "--datum", "2020-03-02")
        advies("concept", nummer, "--tekst", str(tekst()))
        advies("agenderen", nummer, "--vergadering", "2020-03-03")
        advies("vaststellen", nummer, "--datum", "2020-03-03")
        advies("verzenden", nummer, "--datum", "2020-03-04")
        advies("opschorten", nummer, "--van", "2020-03-10", "--tot", "2020-03-12", "--reden", "Reces")
        advies("termijn", nummer, "--tot", "2020-06-01", "--reden", "Afgesproken")
    engine = maak_engine(database_url())
    statements: list[str] = []
    event.listen(engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
    with sessie(engine, schrijven=False) as s:
        overzicht = maak(s, 2020, date(2021, 1, 1))
    engine.dispose()
    assert [r["kenmerk"] for r in overzicht.regels] == ["CRA 2020-01", "CRA 2020-02", "CRA 2020-03"]
    assert [len(r.termijnwijzigingen) for r in overzicht.regels] == [0, 2, 2]
    assert overzicht.cijfers["aantal_geregistreerd"] == 3
    over_adviezen = [s for s in statements if "FROM advies" in s or "JOIN advies" in s]
    assert len(over_adviezen) == 5
    assert all("advies.jaar = " in s for s in over_adviezen)
    assert len([s for s in statements if "FROM termijnwijziging" in s]) == 1
    assert len(statements) <= 9  # the settings and the five queries, whatever the number of advices


def test_onderwerp_met_isteken_blijft_tekst_in_excel(advies: Advies, home: Path) -> None:
    from openpyxl import load_workbook

    advies("nieuw", "=SOM(1;2) armoedeval", "--datum", "2020-03-02")
    advies("jaaroverzicht", "2020", "--formaat", "xlsx")
    blad = load_workbook(home / "documenten" / "jaaroverzicht-2020.xlsx")["Adviezen"]
    assert blad["B2"].value == "=SOM(1;2) armoedeval"
    assert blad["B2"].data_type == "s"
    data = als_json(advies("jaaroverzicht", "2020", "--formaat", "json"))
    assert [a["onderwerp"] for a in data["in_behandeling"]] == ["=SOM(1;2) armoedeval"]


def test_grafiek_voor_veel_adviezen_is_een_histogram() -> None:
    from datetime import timedelta

    from sjablonen.jaaroverzicht import grafiek_png
    from sjablonen.jaaroverzicht.grafiek import grafiek
    from workflow.domein.datums import maandnamen
    from workflow.jaaroverzicht import _regel

    namen = maandnamen()
    regels = []
    for n in range(1, 61):
        verzonden = date(2020, 1, 1) + timedelta(days=5 * n)
        advies = {
            "kenmerk": f"CRA 2020-{n:02d}",
            "onderwerp": f"Advies {n}",
            "soort": "gevraagd",
            "status": "beantwoord" if n % 5 else "verzonden",
            "oordeel": None,
            "verzonden_op": verzonden,
            "reactie_uiterlijk": verzonden + timedelta(days=42),
            "reactie_ontvangen_op": verzonden + timedelta(days=20 + n) if n % 5 else None,
        }
        regels.append(_regel(advies, 0, None, date(2021, 6, 1), namen))
    o = _overzicht(2020, date(2021, 6, 1), regels, {3: {"gevraagd": 60}})
    png = grafiek_png(o)
    assert png is not None and png.startswith(b"\x89PNG")
    assert sum(r.reactie == "ontbreekt" for r in regels) == 12
    reactietijd = next(a for a in grafiek(o).axes if a.get_title() == "Reactietijd van het college")
    # A histogram counts advices per number of days: two stacked series of 20 bins, not 60 bars.
    assert reactietijd.get_ylabel() == "aantal adviezen"
    assert len(reactietijd.patches) == 2 * 20
    assert reactietijd.get_yticklabels()[0].get_text() != "CRA 2020-01"
    legende = reactietijd.get_legend()
    assert legende is not None
    legenda = [t.get_text() for t in legende.get_texts()]
    assert legenda == ["op tijd", "te laat", "nog geen reactie: 12 (niet getoond)"]


def test_in_januari_verzonden_telt_bij_het_jaar_van_het_kenmerk(
    advies: Advies, tekst: Callable[..., Path], home: Path
) -> None:
    advies("nieuw", "Kerstpakket minima", "--datum", "2020-12-14")
    advies("concept", "2020-01", "--tekst", str(tekst()))
    advies("agenderen", "2020-01", "--vergadering", "2020-12-22")
    advies("vaststellen", "2020-01", "--datum", "2020-12-22")
    advies("verzenden", "2020-01", "--datum", "2021-01-04")
    data = als_json(advies("jaaroverzicht", "2020", "--formaat", "json", "--peildatum", "2021-01-10"))
    assert data["aantal_verzonden"] == 1
    assert [(a["kenmerk"], a["maand"], a["reactie"]) for a in data["adviezen"]] == [
        ("CRA 2020-01", "januari", "termijn_loopt")
    ]
    assert data["cijfers"]["verzonden_na_het_jaar"] == 1
    assert sum(m["totaal"] for m in data["cijfers"]["per_maand"]) == 0
    assert als_json(advies("jaaroverzicht", "2021", "--formaat", "json"))["aantal_verzonden"] == 0
    from docx import Document

    advies("jaaroverzicht", "2020", "--peildatum", "2021-01-10")
    doc = Document(str(home / "documenten" / "jaaroverzicht-2020.docx"))
    alinea = [p.text for p in doc.paragraphs]
    # Issue 14: one sentence that does not first say the advice went out in 2020.
    assert (
        "In 2020 bracht de Cliëntenraad Werk & Inkomen geen adviezen uit; in januari 2021 ging er één advies "
        "met een kenmerk van 2020 de deur uit, ongevraagd." in alinea
    )
    assert "Voor één advies loopt de reactietermijn nog." in alinea
    assert doc.tables[0].rows[1].cells[3].text == "januari 2021"


GEMIDDELD = "Gemiddeld kwam een reactie {} na verzending (de reactietermijn is zes weken)."


@pytest.mark.parametrize(
    ("anders", "verwacht"),
    [
        ({"aantal_ingetrokken": 0}, None),
        ({"aantal_ingetrokken": 1}, "Eén advies werd ingetrokken en telt niet mee."),
        ({"aantal_ingetrokken": 3}, "Drie adviezen werden ingetrokken en tellen niet mee."),
        ({"aantal_ingetrokken": 25}, "Er werden 25 adviezen ingetrokken; die tellen niet mee."),
        ({"aantal_in_behandeling": 1}, "Eén advies is nog in behandeling."),
        ({"aantal_in_behandeling": 12}, "Twaalf adviezen zijn nog in behandeling."),
        ({"aantal_in_behandeling": 21}, "Er zijn nog 21 adviezen in behandeling."),
        ({"herinneringen": 0}, "Er waren geen herinneringen nodig."),
        ({"herinneringen": 1}, "Er ging één herinnering naar het college."),
        ({"herinneringen": 14}, "Er gingen veertien herinneringen naar het college."),
        ({"reacties_ontbrekend": 0}, None),
        ({"reacties_ontbrekend": 1}, "Op 10 januari 2022 ontbreekt nog één reactie waarvan de termijn verstreken is."),
        ({"reacties_ontbrekend": 30}, "Op 10 januari 2022 ontbreken nog 30 reacties waarvan de termijn verstreken is."),
        ({"gemiddelde_reactietijd_dagen": 47.8}, GEMIDDELD.format("48 dagen")),
        ({"gemiddelde_reactietijd_dagen": 42.5}, GEMIDDELD.format("43 dagen")),
        ({"gemiddelde_reactietijd_dagen": 1.0}, GEMIDDELD.format("1 dag")),
    ],
)  # fmt: skip
def test_aantallen_nul_een_en_veel(anders: dict[str, Any], verwacht: str | None) -> None:
    zinnen = _zinnen(**anders)
    sleutel = next(iter(anders))
    woorden = {
        "aantal_ingetrokken": "ingetrokken",
        "aantal_in_behandeling": "behandeling",
        "reacties_ontbrekend": "ontbre",
        "herinneringen": "herinnering",
        "gemiddelde_reactietijd_dagen": "Gemiddeld",
    }
    over = [z for z in zinnen if woorden[sleutel] in z]
    assert over == ([verwacht] if verwacht else [])


@pytest.mark.parametrize("n", [0, 1, 2, 20, 21, 1234])
def test_geen_zin_begint_met_een_cijfer(n: int) -> None:
    zinnen = _zinnen(
        aantal_geregistreerd=n + 1,
        aantal_verzonden=max(n, 1),
        verzonden_gevraagd=n,
        verzonden_ongevraagd=n,
        verzonden_aanvulling=n,
        aantal_ingetrokken=n,
        aantal_in_behandeling=n,
        reacties_op_tijd=n,
        reacties_te_laat=n,
        reacties_ontbrekend=n,
        reacties_termijn_loopt=n,
        doorwerking={"overgenomen": n, "deels": n, "niet": n, "onbekend": n},
        herinneringen=n,
    )
    assert zinnen and not [z for z in zinnen if z[0].isdigit() or z[0].islower()]


@pytest.mark.parametrize(
    ("aantal", "zin"),
    [
        (0, "In 2021 bracht de Cliëntenraad Werk & Inkomen nog geen adviezen uit."),
        (1, "In 2021 bracht de Cliëntenraad Werk & Inkomen één advies uit, op verzoek van het college."),
        (11, "In 2021 bracht de Cliëntenraad Werk & Inkomen elf adviezen uit, allemaal op verzoek van het college."),
        (40, "In 2021 bracht de Cliëntenraad Werk & Inkomen 40 adviezen uit, allemaal op verzoek van het college."),
    ],
)
def test_uitgebracht_nul_een_en_veel(aantal: int, zin: str) -> None:
    assert _zinnen(aantal_geregistreerd=max(aantal, 1), aantal_verzonden=aantal, verzonden_gevraagd=aantal)[0] == zin


def _verzonden(nummer: str, verzonden: date, ontvangen: date | None = None, uiterlijk: date | None = None) -> Regel:
    from datetime import timedelta

    from workflow.domein.datums import maandnamen
    from workflow.jaaroverzicht import _regel

    advies = {
        "kenmerk": f"CRA 2020-{nummer}",
        "onderwerp": f"Advies {nummer}",
        "soort": "gevraagd",
        "status": "beantwoord" if ontvangen else "verzonden",
        "oordeel": None,
        "verzonden_op": verzonden,
        "reactie_uiterlijk": uiterlijk or verzonden + timedelta(weeks=6),
        "reactie_ontvangen_op": ontvangen,
    }
    return _regel(advies, 0, None, date(2021, 12, 31), maandnamen())


def test_na_het_jaar_verzonden_in_een_zin_zonder_tegenspraak() -> None:
    regels = [_verzonden(f"{n:02d}", date(2020, n, 10)) for n in range(1, 11)]
    regels.append(_verzonden("11", date(2021, 1, 4)))
    o = _overzicht(2020, regels=regels, aantal_geregistreerd=11, aantal_verzonden=11, verzonden_gevraagd=11,
                   verzonden_na_het_jaar=1)  # fmt: skip
    from sjablonen.jaaroverzicht import zinnen

    assert zinnen(o)[0] == (
        "In 2020 bracht de Cliëntenraad Werk & Inkomen tien adviezen uit en in januari 2021 nog één met een "
        "kenmerk van 2020: elf adviezen in totaal, allemaal op verzoek van het college."
    )
    # Without the rows (only the figures), the sentence names no month.
    assert _zinnen(aantal_verzonden=3, verzonden_gevraagd=3, verzonden_na_het_jaar=2)[0] == (
        "In 2021 bracht de Cliëntenraad Werk & Inkomen één advies uit en na 2021 nog twee met een kenmerk van "
        "2021: drie adviezen in totaal, allemaal op verzoek van het college."
    )


def test_grafiek_verklaart_verlengde_termijn_en_een_open_advies_drukt_niets_plat() -> None:
    from sjablonen.jaaroverzicht.grafiek import grafiek

    regels = [
        _verzonden("01", date(2020, 1, 29), ontvangen=date(2020, 3, 5)),  # 36 days, on time
        _verzonden("02", date(2020, 1, 29), ontvangen=date(2020, 3, 20)),  # 51 days, late
        # Extended to 70 days, answered after 60: on time, past the six-week line.
        _verzonden("03", date(2020, 2, 26), ontvangen=date(2020, 4, 26), uiterlijk=date(2020, 5, 6)),
        _verzonden("04", date(2020, 3, 25)),  # no response by 31 December 2021: 646 days
    ]
    o = _overzicht(2020, date(2021, 12, 31), regels, {1: {"gevraagd": 2}, 2: {"gevraagd": 1}, 3: {"gevraagd": 1}})
    rechts = grafiek(o).axes[1]
    legende = rechts.get_legend()
    assert legende is not None
    legenda = [t.get_text() for t in legende.get_texts()]
    assert legenda == [
        "op tijd",
        "op tijd, na 6 weken: termijn verlengd",
        "te laat",
        "nog geen reactie (tot de peildatum)",
        "verlengde termijn (na 6 weken)",
    ]
    assert rechts.get_xlim() == (0, 70 * 1.25)  # the longest term, not the open advice's 646 days
    assert "646 dagen ›" in [t.get_text() for t in rechts.texts]


def test_opmaak_kent_workflow_niet() -> None:
    """`workflow` imports `sjablonen`; the year overview's renderers take plain data and import nothing back."""
    import ast

    import sjablonen

    map_ = Path(sjablonen.__file__).parent
    bestanden = [*sorted((map_ / "jaaroverzicht").glob("*.py")), map_ / "xmltekst.py"]
    assert len(bestanden) >= 8
    for bestand in bestanden:
        for knoop in ast.walk(ast.parse(bestand.read_text(encoding="utf-8"))):
            if isinstance(knoop, ast.Import):
                namen = [a.name for a in knoop.names]
            elif isinstance(knoop, ast.ImportFrom):
                namen = [knoop.module or ""]
            else:
                continue
            assert not [n for n in namen if n.split(".")[0] in ("workflow", "opslag")], bestand.name


def test_xml_veilig() -> None:
    from sjablonen.xmltekst import xml_veilig

    assert xml_veilig("a\x00b\x08c\x0bd\x1fe\ufffef\uffffg\ud800h") == "abcdefgh"
    assert xml_veilig("tab\tregel\nterug\r ë € \U0001f600") == "tab\tregel\nterug\r ë € \U0001f600"
