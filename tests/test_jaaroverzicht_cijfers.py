"""The year's figures: counted by the database for one year only, portable SQL, and the Dutch
sentences that tell them."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import event, select
from sqlalchemy.dialects import postgresql, sqlite

from tests.conftest import als_json
from workflow.jaaroverzicht import DagenTussen, Jaaroverzicht


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


def _zinnen(**anders: Any) -> list[str]:
    from sjablonen.jaaroverzicht import zinnen

    o = Jaaroverzicht(2021, date(2022, 1, 10), "Cliëntenraad Werk & Inkomen", 6, [], _cijfers(**anders))
    return zinnen(o)


def test_een_advies_in_het_enkelvoud():
    assert _zinnen() == [
        "In 2021 bracht de Cliëntenraad Werk & Inkomen 1 advies uit, op verzoek van het college.",
        "Het college reageerde op 1 advies op tijd.",
        "Gemiddeld kwam een reactie 30 dagen na verzending (de reactietermijn is 6 weken).",
        "Het college nam 1 advies over.",
        "Er waren geen herinneringen nodig.",
    ]


def test_doorwerking_zonder_overgenomen_en_met_lopende_zaken():
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
    assert zinnen == [
        "In 2021 bracht de Cliëntenraad Werk & Inkomen 5 adviezen uit, allemaal ongevraagd.",
        "2 adviezen werden ingetrokken en tellen niet mee; 2 adviezen zijn nog in behandeling.",
        "Het college reageerde op 3 adviezen te laat.",
        "Op 10 januari 2022 ontbreken nog 2 reacties waarvan de termijn verstreken is.",
        "Gemiddeld kwam een reactie 51,2 dagen na verzending (de reactietermijn is 6 weken).",
        "Het college nam 2 adviezen deels over en 1 niet; van 2 is de doorwerking (nog) onbekend.",
        "Er ging 1 herinnering naar het college.",
    ]


def test_niets_verzonden_en_niets_geregistreerd():
    assert _zinnen(aantal_verzonden=0, verzonden_gevraagd=0, aantal_in_behandeling=1) == [
        "In 2021 bracht de Cliëntenraad Werk & Inkomen nog geen adviezen uit.",
        "1 advies is nog in behandeling.",
    ]
    assert _zinnen(aantal_geregistreerd=0) == ["In 2021 zijn er geen adviezen geregistreerd; dit overzicht is leeg."]


def test_dagen_tussen_is_overdraagbaar():
    from opslag.modellen import Advies

    vraag = select(DagenTussen(Advies.reactie_ontvangen_op, Advies.verzonden_op))
    op_postgresql = str(vraag.compile(dialect=postgresql.dialect()))
    op_sqlite = str(vraag.compile(dialect=sqlite.dialect()))
    assert "(advies.reactie_ontvangen_op - advies.verzonden_op)" in op_postgresql
    assert "julianday" not in op_postgresql
    assert "julianday(advies.reactie_ontvangen_op) - julianday(advies.verzonden_op)" in op_sqlite


def test_alleen_het_jaar_zelf_wordt_gelezen(advies, tekst):
    """A handful of statements, each one limited to the year: never every advice of every year."""
    from opslag.configuratie import database_url
    from opslag.database import maak_engine, sessie
    from workflow.jaaroverzicht import maak

    for jaar in (2019, 2020, 2021):
        advies("nieuw", f"Advies over {jaar}", "--datum", f"{jaar}-03-02")
    engine = maak_engine(database_url())
    statements: list[str] = []
    event.listen(engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
    with sessie(engine, schrijven=False) as s:
        overzicht = maak(s, 2020, date(2021, 1, 1))
    engine.dispose()
    assert [r["kenmerk"] for r in overzicht.regels] == ["CRA 2020-01"]
    assert overzicht.cijfers["aantal_geregistreerd"] == 1
    over_adviezen = [s for s in statements if "FROM advies" in s or "JOIN advies" in s]
    assert len(over_adviezen) == 4
    assert all("advies.jaar = " in s for s in over_adviezen)
    assert len(statements) <= 8  # the settings and the four queries, whatever the number of advices


def test_onderwerp_met_isteken_blijft_tekst_in_excel(advies, home: Path):
    from openpyxl import load_workbook

    advies("nieuw", "=SOM(1;2) armoedeval", "--datum", "2020-03-02")
    advies("jaaroverzicht", "2020", "--formaat", "xlsx")
    blad = load_workbook(home / "documenten" / "jaaroverzicht-2020.xlsx")["Adviezen"]
    assert blad["B2"].value == "=SOM(1;2) armoedeval"
    assert blad["B2"].data_type == "s"
    data = als_json(advies("jaaroverzicht", "2020", "--formaat", "json"))
    assert [a["onderwerp"] for a in data["in_behandeling"]] == ["=SOM(1;2) armoedeval"]


def test_grafiek_voor_veel_adviezen_is_een_histogram():
    from datetime import timedelta

    from sjablonen.jaaroverzicht import grafiek_png
    from workflow.datums import maandnamen
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
    o = Jaaroverzicht(2020, date(2021, 6, 1), "Cliëntenraad", 6, regels, _cijfers(), {3: {"gevraagd": 60}})
    png = grafiek_png(o)
    assert png is not None and png.startswith(b"\x89PNG")
    assert sum(r.reactie == "ontbreekt" for r in regels) == 12


def test_in_januari_verzonden_telt_bij_het_jaar_van_het_kenmerk(advies, tekst, home: Path):
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
    assert "Daarvan ging 1 pas na 2020 de deur uit; het telt mee bij 2020 omdat het kenmerk van dat jaar is." in alinea
    assert "Voor 1 advies loopt de reactietermijn nog." in alinea
    assert doc.tables[0].rows[1].cells[3].text == "januari 2021"
