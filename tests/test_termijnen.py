"""The reactietermijn and the Algemene termijnenwet (art. 3): exactly its list."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from workflow.termijnen import feestdagen, is_termijnvrije_dag, reactie_uiterlijk

# Each holiday of the list in 2021, where none falls in a weekend except the ones noted.
FEESTDAGEN_2021 = {
    date(2021, 1, 1): "Nieuwjaarsdag",  # Friday
    date(2021, 4, 5): "Tweede paasdag",
    date(2021, 4, 27): "Koningsdag",
    date(2021, 5, 5): "Bevrijdingsdag",  # not a lustrum year, still on the list
    date(2021, 5, 13): "Hemelvaartsdag",
    date(2021, 5, 24): "Tweede pinksterdag",
    date(2021, 12, 25): "Eerste kerstdag",
    date(2021, 12, 26): "Tweede kerstdag",
}


def test_precies_de_lijst_van_de_wet():
    assert feestdagen(2021) == FEESTDAGEN_2021


@pytest.mark.parametrize("dag", [d for d in FEESTDAGEN_2021 if d.weekday() < 5])
def test_termijn_op_een_feestdag_schuift_door(dag):
    # Sent exactly six weeks before the holiday: the term runs on to the next working day.
    verzonden = dag - timedelta(weeks=6)
    uiterlijk = reactie_uiterlijk(verzonden, 6)
    assert uiterlijk > dag
    assert not is_termijnvrije_dag(uiterlijk)
    assert all(is_termijnvrije_dag(dag + timedelta(days=i)) for i in range((uiterlijk - dag).days))


def test_vijf_mei_ook_buiten_een_lustrumjaar():
    # 5 May 2021 is a Wednesday and not a lustrum year; 2021-03-24 + 6 weeks = 2021-05-05.
    assert reactie_uiterlijk(date(2021, 3, 24), 6) == date(2021, 5, 6)
    # 5 May 2023 is a Friday: on to Monday 8 May.
    assert reactie_uiterlijk(date(2023, 3, 24), 6) == date(2023, 5, 8)


def test_goede_vrijdag_telt_niet():
    # Goede Vrijdag 2021 is 2 April; a term ending then stays there.
    assert reactie_uiterlijk(date(2021, 2, 19), 6) == date(2021, 4, 2)


def test_weekend_schuift_naar_maandag():
    assert reactie_uiterlijk(date(2020, 1, 25), 6) == date(2020, 3, 9)  # Saturday to Monday
    assert reactie_uiterlijk(date(2020, 1, 26), 6) == date(2020, 3, 9)  # Sunday to Monday


def test_pasen_en_koningsdag_achter_elkaar():
    # Tweede paasdag 2025 is 21 April; Koningsdag 2025 is Saturday 26 April (27 is a Sunday).
    assert feestdagen(2025)[date(2025, 4, 26)] == "Koningsdag"
    assert reactie_uiterlijk(date(2025, 3, 10), 6) == date(2025, 4, 22)


def test_kerst_en_nieuwjaar():
    # Friday 25 December 2020 + Saturday + Sunday: on to Monday 28 December.
    assert reactie_uiterlijk(date(2020, 11, 13), 6) == date(2020, 12, 28)
    # Friday 1 January 2021: on to Monday 4 January.
    assert reactie_uiterlijk(date(2020, 11, 20), 6) == date(2021, 1, 4)


def test_ander_aantal_weken():
    assert reactie_uiterlijk(date(2020, 1, 29), 8) == date(2020, 3, 25)
