"""A requested advice from aanvraag to beantwoord, through the CLI."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.conftest import Advies, als_json


def test_aanvraag_tot_beantwoord(advies: Advies, tekst: Callable[..., Path]) -> None:
    uit = advies(
        "aanvraag",
        "Werkprogramma 2020-2022",
        "--ontvangen",
        "2020-01-10",
        "--uw-kenmerk",
        "WI/42",
        "--termijn",
        "2020-02-07",
    )
    assert uit.stdout == "Aanvraag geregistreerd: CRA 2020-01 Werkprogramma 2020-2022 (aangevraagd)\n"
    uit = advies("concept", "cra2020-1", "--tekst", str(tekst()))
    assert uit.stdout == "CRA 2020-01: conceptversie 1 opgeslagen (concept).\n"
    uit = advies("agenderen", "2020-01", "--vergadering", "2020-01-28")
    assert uit.stdout == "CRA 2020-01 staat op de agenda van 28 januari 2020 (ter_vaststelling).\n"
    uit = advies("vaststellen", "2020-1", "--datum", "2020-01-28")
    assert uit.stdout == "CRA 2020-01 is vastgesteld op 28 januari 2020 (versie 1).\n"
    uit = advies("verzenden", "CRA 2020-01", "--datum", "2020-01-29")
    # 29 January + 6 weeks = 11 March 2020, a Wednesday.
    assert uit.stdout == "CRA 2020-01 is verzonden op 29 januari 2020; reactie uiterlijk 11 maart 2020.\n"
    data = als_json(advies("reactie", "2020-01", "--ontvangen", "2020-03-05", "--oordeel", "deels", "--json"))
    assert data == {
        "kenmerk": "CRA 2020-01",
        "onderwerp": "Werkprogramma 2020-2022",
        "soort": "gevraagd",
        "status": "beantwoord",
        "ontvangen_op": "2020-01-10",
        "adviestermijn": "2020-02-07",
        "vastgesteld_op": "2020-01-28",
        "verzonden_op": "2020-01-29",
        "reactie_uiterlijk": "2020-03-11",
        "reactie_ontvangen_op": "2020-03-05",
        "oordeel": "deels",
        "uw_kenmerk": "WI/42",
        "geregistreerd_op": "2020-01-10",
        "vergadering_op": "2020-01-28",
        "reactie_samenvatting": None,
    }
    getoond = als_json(advies("toon", "2020-01", "--json"))
    stappen = [(g["van"], g["naar"], g["door"]) for g in getoond["geschiedenis"]]
    assert stappen == [
        (None, "aangevraagd", "els"),
        ("aangevraagd", "concept", "els"),
        ("concept", "ter_vaststelling", "els"),
        ("ter_vaststelling", "vastgesteld", "els"),
        ("vastgesteld", "verzonden", "els"),
        ("verzonden", "beantwoord", "els"),
    ]
