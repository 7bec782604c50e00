"""`advies signalen`: binnenkort, te_laat, herinneren, escaleren and eigen_advies_te_laat, with the
default settings (termijn.signaal_dagen 7, herinnering.na_dagen 14, herinnering.escalatie_na 2)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests import beginstand
from tests.conftest import Advies, als_json
from tests.termijnen_hulp import verzend


@pytest.fixture
def register(advies: Advies, tekst: Callable[..., Path], home: Path) -> Advies:
    # CRA 2020-01: requested, the college wants it by Friday 10 April 2026; not sent.

    def bouw() -> None:
        advies("aanvraag", "Armoedebeleid", "--ontvangen", "2020-01-10", "--termijn", "2026-04-10")
        # CRA 2020-02: sent 13 March 2026, due Friday 24 April 2026.
        verzend(advies, tekst, "Stadjerspas", "2026-03-13")
        # CRA 2020-03: sent 20 February 2026, due Tuesday 7 April 2026 (after Goede Vrijdag and Easter).
        verzend(advies, tekst, "Basisbanen", "2026-02-20")
        # CRA 2020-04: sent 2 April 2026, due Monday 18 May 2026 (after Hemelvaart and the Friday after).
        verzend(advies, tekst, "Vervoer", "2026-04-02")

    beginstand.zet_neer("signalen", home, bouw)
    return advies


def signalen(advies: Advies, peildatum: str) -> list[tuple[str, str, str, int]]:
    return [
        (s["kenmerk"], s["signaal"], s["uiterlijk"], s["dagen"])
        for s in als_json(advies("signalen", "--peildatum", peildatum, "--json"))
    ]


def test_van_binnenkort_tot_escaleren(register: Advies, tmp_path: Path) -> None:
    advies = register
    assert als_json(advies("signalen", "--peildatum", "2026-04-20", "--json")) == [
        # 20 April - 7 April = 13 days late, fewer than 14: no reminder due yet.
        {
            "kenmerk": "CRA 2020-03",
            "onderwerp": "Basisbanen",
            "signaal": "te_laat",
            "uiterlijk": "2026-04-07",
            "dagen": 13,
        },
        # 20 April - 10 April = 10 days past the council's own adviestermijn.
        {
            "kenmerk": "CRA 2020-01",
            "onderwerp": "Armoedebeleid",
            "signaal": "eigen_advies_te_laat",
            "uiterlijk": "2026-04-10",
            "dagen": 10,
        },
        # 24 April - 20 April = 4 days left, within 7.
        {
            "kenmerk": "CRA 2020-02",
            "onderwerp": "Stadjerspas",
            "signaal": "binnenkort",
            "uiterlijk": "2026-04-24",
            "dagen": 4,
        },
    ]
    # 14 days late without a reminder: remind.
    assert ("CRA 2020-03", "herinneren", "2026-04-07", 14) in signalen(advies, "2026-04-21")
    advies("herinnering", "2020-03", "--datum", "2026-04-21", "--uit", str(tmp_path))
    # Reminded yesterday: only late.
    assert ("CRA 2020-03", "te_laat", "2026-04-07", 15) in signalen(advies, "2026-04-22")
    # 14 days after the first reminder, one of two sent: remind again.
    assert ("CRA 2020-03", "herinneren", "2026-04-07", 28) in signalen(advies, "2026-05-05")
    advies("herinnering", "2020-03", "--datum", "2026-05-05", "--uit", str(tmp_path))
    # 14 days after the second reminder, still late: tell the raad.
    assert signalen(advies, "2026-05-19") == [
        ("CRA 2020-03", "escaleren", "2026-04-07", 42),
        ("CRA 2020-02", "herinneren", "2026-04-24", 25),  # 19 May - 24 April, never reminded
        ("CRA 2020-04", "te_laat", "2026-05-18", 1),
        ("CRA 2020-01", "eigen_advies_te_laat", "2026-04-10", 39),
    ]


def test_binnenkort_tot_en_met_de_signaaldagen(register: Advies) -> None:
    advies = register
    advies("reactie", "2020-02", "--ontvangen", "2026-04-01")
    advies("reactie", "2020-03", "--ontvangen", "2026-04-01")
    advies("intrekken", "2020-01", "--reden", "Aanvraag ingetrokken")
    assert signalen(advies, "2026-05-10") == []  # 18 May is 8 days ahead
    assert signalen(advies, "2026-05-11") == [("CRA 2020-04", "binnenkort", "2026-05-18", 7)]
    assert signalen(advies, "2026-05-18") == [("CRA 2020-04", "binnenkort", "2026-05-18", 0)]  # the last day
    advies("instelling", "termijn.signaal_dagen", "10")
    assert signalen(advies, "2026-05-08") == [("CRA 2020-04", "binnenkort", "2026-05-18", 10)]
    assert advies("signalen", "--peildatum", "2026-05-01").stdout == "Geen signalen op 1 mei 2026.\n"
    tabel = advies("signalen", "--peildatum", "2026-05-18").stdout
    assert "Signalen op 18 mei 2026" in tabel
    assert "CRA 2020-04" in tabel and "binnenkort" in tabel and "vandaag" in tabel


def test_instellingen_van_herinneren_en_escaleren(register: Advies, tmp_path: Path) -> None:
    advies = register
    advies("instelling", "herinnering.na_dagen", "3")
    advies("instelling", "herinnering.escalatie_na", "1")
    # 7 April + 3 days: remind on 10 April.
    assert ("CRA 2020-03", "te_laat", "2026-04-07", 2) in signalen(advies, "2026-04-09")
    assert ("CRA 2020-03", "herinneren", "2026-04-07", 3) in signalen(advies, "2026-04-10")
    advies("herinnering", "2020-03", "--datum", "2026-04-10", "--uit", str(tmp_path))
    # One reminder is enough to escalate, three days after it.
    assert ("CRA 2020-03", "escaleren", "2026-04-07", 6) in signalen(advies, "2026-04-13")
    # A later extension makes the old reminder count no more: the new term is late again from 1 May.
    advies("termijn", "2020-03", "--tot", "2026-04-30", "--reden", "Afgesproken")
    assert ("CRA 2020-03", "herinneren", "2026-04-30", 3) in signalen(advies, "2026-05-03")


def test_ongeldige_peildatum(register: Advies) -> None:
    uit = register("signalen", "--peildatum", "2026-02-30", code=2)
    assert uit.stderr.startswith("Fout: ")


def test_de_eerste_signalen_van_de_webpagina_zijn_die_van_de_hele_lijst(advies: Advies) -> None:
    """Mijn werk reads only the first late own advices; what it shows and counts is the full list's."""
    from datetime import date

    from workflow import signalen as domein
    from workflow.register import Register

    advies("demo", "--aantal", "300")
    register = Register()
    try:
        with register.lezen() as (s, _wie):
            for peildatum in (date(2016, 1, 1), date(2018, 7, 1), date(2021, 3, 15), date(2026, 11, 23)):
                alle = domein.signalen(s, peildatum)
                for aantal in (0, 1, 7, 50, 1000):
                    assert domein.eerste_signalen(s, peildatum, aantal) == (alle[:aantal], len(alle))
    finally:
        register.sluit()
