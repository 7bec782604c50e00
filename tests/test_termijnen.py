"""The reactietermijn and the Algemene termijnenwet (Atw): art. 3 lid 1 (the holidays), lid 2 (Goede
Vrijdag) and the usual pattern of the decrees under lid 3. Every expected date is computed by hand;
the reason stands beside it."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workflow.termijnen import (
    WETTELIJK,
    Dag,
    besluitdagen,
    reactie_uiterlijk,
    wettelijke_dagen,
)


def namen(dagen: Iterable[Dag]) -> dict[date, str]:
    return {d.datum: d.naam for d in dagen}


# Art. 3 lid 1 and lid 2 in 2021.
WET_2021 = {
    date(2021, 1, 1): "Nieuwjaarsdag",  # Friday
    date(2021, 4, 2): "Goede Vrijdag",  # lid 2
    date(2021, 4, 5): "Tweede Paasdag",
    date(2021, 4, 27): "Koningsdag",
    date(2021, 5, 5): "Bevrijdingsdag",  # not a lustrum year, still on the list
    date(2021, 5, 13): "Hemelvaartsdag",
    date(2021, 5, 24): "Tweede Pinksterdag",
    date(2021, 12, 25): "Eerste Kerstdag",  # Saturday
    date(2021, 12, 26): "Tweede Kerstdag",  # Sunday
}


def test_precies_de_lijst_van_de_wet() -> None:
    assert namen(wettelijke_dagen(2021)) == WET_2021
    bronnen = {d.naam: (d.bron, d.grondslag) for d in wettelijke_dagen(2021)}
    assert bronnen["Goede Vrijdag"] == ("wet", "Atw art. 3 lid 2")
    assert bronnen["Nieuwjaarsdag"] == ("wet", "Atw art. 3 lid 1")


def test_koningsdag_op_zaterdag_als_27_april_een_zondag_is() -> None:
    # 27 April 2025 is a Sunday: Koningsdag is held on Saturday 26 April.
    assert namen(wettelijke_dagen(2025))[date(2025, 4, 26)] == "Koningsdag"


@pytest.mark.parametrize(
    "verzonden, verwacht, reden",
    [
        # Goede Vrijdag (lid 2), two years:
        (date(2021, 2, 19), date(2021, 4, 6), "+6w = Goede Vrijdag 2 apr; za, zo (Pasen), ma Tweede Paasdag: di 6 apr"),
        (date(2026, 2, 20), date(2026, 4, 7), "+6w = Goede Vrijdag 3 apr; za, zo (Pasen), ma Tweede Paasdag: di 7 apr"),
        # The usual decree pattern (lid 3), each of its days:
        (date(2026, 4, 2), date(2026, 5, 18), "+6w = Hemelvaart do 14 mei; vr 15 mei besluit; za, zo: ma 18 mei"),
        (date(2029, 11, 19), date(2030, 1, 2), "+6w = ma 31 dec 2029, vóór Nieuwjaarsdag op di; di 1 jan: wo 2 jan"),
        (date(2027, 3, 15), date(2027, 4, 28), "+6w = ma 26 apr, vóór Koningsdag op di 27 apr: wo 28 apr"),
        (date(2026, 3, 23), date(2026, 5, 6), "+6w = ma 4 mei, vóór Bevrijdingsdag op di 5 mei: wo 6 mei"),
        (date(2029, 11, 12), date(2029, 12, 27), "+6w = ma 24 dec, vóór Eerste Kerstdag op di; 25, 26 dec: do 27 dec"),
        (date(2025, 11, 21), date(2026, 1, 5), "+6w = vr 2 jan, na Nieuwjaarsdag op do; za, zo: ma 5 jan"),
        (date(2028, 3, 17), date(2028, 5, 1), "+6w = vr 28 apr, na Koningsdag op do 27 apr; za, zo: ma 1 mei"),
        (date(2022, 3, 25), date(2022, 5, 9), "+6w = vr 6 mei, na Bevrijdingsdag op do 5 mei; za, zo: ma 9 mei"),
        (date(2024, 11, 15), date(2024, 12, 30), "+6w = vr 27 dec, na Tweede Kerstdag op do 26 dec; za, zo: ma 30"),
        # Hemelvaartsdag on 7 May 2043: ma 4 (vóór Bevrijdingsdag), di 5, wo 6, do 7, vr 8 and the weekend.
        (date(2043, 3, 23), date(2043, 5, 11), "+6w = ma 4 mei 2043; 4 t/m 10 mei geen termijndag: ma 11 mei"),
        (date(2043, 3, 25), date(2043, 5, 11), "+6w = wo 6 mei 2043, gelijkgesteld omdat Hemelvaart 7 mei is"),
        # Plain days and weekends:
        (date(2020, 1, 29), date(2020, 3, 11), "+6w = wo 11 mrt, een gewone dag"),
        (date(2020, 1, 25), date(2020, 3, 9), "+6w = za 7 mrt: ma 9 mrt"),
        (date(2021, 3, 24), date(2021, 5, 6), "+6w = wo 5 mei 2021, geen lustrumjaar: do 6 mei"),
        (date(2020, 11, 13), date(2020, 12, 28), "+6w = vr 25 dec, za 26, zo 27: ma 28 dec"),
    ],
)
def test_reactietermijn_met_de_wet(verzonden: date, verwacht: date, reden: str) -> None:
    assert reactie_uiterlijk(verzonden, 6) == verwacht, reden


def test_besluitdagen_met_hun_bron() -> None:
    assert namen(besluitdagen(2043)) == {
        date(2043, 1, 2): "vrijdag na Nieuwjaarsdag",  # 1 January 2043 is a Thursday
        date(2043, 5, 4): "maandag vóór Bevrijdingsdag",  # 5 May 2043 is a Tuesday
        date(2043, 5, 6): "woensdag tussen Bevrijdingsdag en Hemelvaartsdag",  # Hemelvaartsdag 7 May
        date(2043, 5, 8): "vrijdag na Hemelvaartsdag",
    }
    # The Monday before a Tuesday Nieuwjaarsdag lies in the year before.
    assert namen(besluitdagen(2029))[date(2029, 12, 31)] == "maandag vóór Nieuwjaarsdag"
    assert {(d.bron, d.grondslag) for d in besluitdagen(2029)} == {("besluit", "Atw art. 3 lid 3 (gebruikelijk)")}


def test_zonder_de_wet_de_kale_datum() -> None:
    # termijn.termijnenwet = nee: Goede Vrijdag 3 April 2026 stays the due date.
    assert reactie_uiterlijk(date(2026, 2, 20), 6, None) == date(2026, 4, 3)


def test_ander_aantal_weken() -> None:
    assert reactie_uiterlijk(date(2020, 1, 29), 8) == date(2020, 3, 25)  # a Wednesday


@settings(max_examples=300, deadline=None)
@given(
    verzonden=st.dates(min_value=date(1966, 1, 1), max_value=date(2098, 6, 30)),
    weken=st.integers(min_value=1, max_value=52),
)
def test_nooit_op_een_vrije_dag_en_nooit_eerder(verzonden: date, weken: int) -> None:
    kaal = verzonden + timedelta(weeks=weken)
    uiterlijk = reactie_uiterlijk(verzonden, weken)
    vrij = {d.datum for jaar in {kaal.year, uiterlijk.year} for d in (*wettelijke_dagen(jaar), *besluitdagen(jaar))}
    assert uiterlijk >= kaal
    assert uiterlijk.weekday() < 5 and uiterlijk not in vrij
    # ... and it is the first such day: every day skipped was a weekend or a day of the calendar.
    overgeslagen = [kaal + timedelta(days=i) for i in range((uiterlijk - kaal).days)]
    assert all(d.weekday() >= 5 or d in vrij for d in overgeslagen)
    assert all(WETTELIJK.is_termijnvrij(d) for d in overgeslagen)
    assert reactie_uiterlijk(verzonden, weken, None) == kaal
