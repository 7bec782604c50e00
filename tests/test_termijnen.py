"""The reactietermijn and the Algemene termijnenwet (Atw): art. 3 lid 1 (the holidays), lid 2 (Goede
Vrijdag), the decrees under lid 3 and the expected days where no decree is shipped, art. 2 (two
counting days) and art. 4 (no extension beyond twelve weeks). Every expected date is computed by
hand; the reason stands beside it. A property test compares the calendar with a plain second
implementation written here from the law's text."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workflow.domein.besluiten import BESLUITEN
from workflow.domein.termijnen import (
    WETTELIJK,
    Dag,
    besluitdagen,
    einde,
    reactie_uiterlijk,
    verwachte_dagen,
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
        # The shipped decrees (lid 3), each of their days:
        (date(2026, 4, 2), date(2026, 5, 18), "+6w = Hemelvaart do 14 mei; vr 15 mei besluit; za, zo: ma 18 mei"),
        (date(2025, 11, 21), date(2026, 1, 5), "+6w = vr 2 jan 2026, besluit 2026; za, zo: ma 5 jan"),
        (date(2028, 3, 17), date(2028, 5, 1), "+6w = vr 28 apr, besluit 2026 (na Koningsdag op do); za, zo: ma 1 mei"),
        (date(2024, 11, 15), date(2024, 12, 30), "+6w = vr 27 dec, besluit 2023; za, zo: ma 30"),
        (date(2023, 3, 17), date(2023, 5, 1), "+6w = vr 28 apr 2023, besluit 2023; za, zo: ma 1 mei"),
        # The Monday before a holiday on a Tuesday is no equated day (the decrees of 2023 and 2026):
        (date(2026, 3, 21), date(2026, 5, 4), "+6w = za 2 mei; zo 3 mei: ma 4 mei, een gewone dag"),
        (date(2026, 3, 22), date(2026, 5, 4), "+6w = zo 3 mei: ma 4 mei, een gewone dag"),
        (date(2026, 3, 23), date(2026, 5, 4), "+6w = ma 4 mei, vóór Bevrijdingsdag op di 5 mei: een gewone dag"),
        (date(2027, 3, 13), date(2027, 4, 26), "+6w = za 24 apr; zo 25: ma 26 apr, vóór Koningsdag: gewoon"),
        (date(2027, 3, 14), date(2027, 4, 26), "+6w = zo 25 apr: ma 26 apr, een gewone dag"),
        (date(2027, 3, 15), date(2027, 4, 26), "+6w = ma 26 apr, vóór Koningsdag op di 27 apr: een gewone dag"),
        (date(2029, 11, 19), date(2029, 12, 31), "+6w = ma 31 dec 2029, vóór Nieuwjaarsdag op di: gewoon"),
        (date(2029, 11, 12), date(2029, 12, 24), "+6w = ma 24 dec 2029, vóór Eerste Kerstdag op di: gewoon"),
        # Expected days, where no decree is shipped:
        (date(2022, 3, 25), date(2022, 5, 9), "+6w = vr 6 mei, verwacht na Bevrijdingsdag op do 5 mei; za, zo: ma 9"),
        (date(2029, 3, 30), date(2029, 5, 14), "+6w = vr 11 mei, verwacht na Hemelvaart do 10 mei; za, zo: ma 14"),
        # Hemelvaartsdag on 7 May 2043: only Friday 8 May is expected, not Monday 4 or Wednesday 6.
        (date(2043, 3, 23), date(2043, 5, 4), "+6w = ma 4 mei 2043, een gewone dag"),
        (date(2043, 3, 25), date(2043, 5, 6), "+6w = wo 6 mei 2043, een gewone dag"),
        (date(2043, 3, 26), date(2043, 5, 11), "+6w = Hemelvaart do 7 mei; vr 8 verwacht; za, zo: ma 11 mei"),
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
    titel_2026 = (
        "Besluit gelijkstelling van 2 januari 2026, 15 mei 2026, 7 mei 2027, 28 april 2028 en 26 mei 2028 "
        "met een algemeen erkende feestdag (Staatscourant-nummer niet geverifieerd)"
    )
    assert [(d.datum, d.naam, d.bron, d.grondslag) for d in besluitdagen(2028)] == [
        (date(2028, 4, 28), "vrijdag na Koningsdag", "besluit", titel_2026),
        (date(2028, 5, 26), "vrijdag na Hemelvaartsdag", "besluit", titel_2026),
    ]
    assert verwachte_dagen(2028) == ()  # a year a shipped decree covers has no expected days
    # No decree shipped for 2043: the expected days, marked as such; no Monday, no Wednesday 6 May.
    assert namen(verwachte_dagen(2043)) == {
        date(2043, 1, 2): "vrijdag na Nieuwjaarsdag",  # 1 January 2043 is a Thursday
        date(2043, 5, 8): "vrijdag na Hemelvaartsdag",
    }
    assert {d.bron for d in verwachte_dagen(2043)} == {"verwacht"}
    assert besluitdagen(2043) == ()


def test_elke_dag_van_de_besluiten_is_een_vrijdag_na_een_feestdag_op_donderdag() -> None:
    # The decrees since 2023 are the source of the pattern for the years they do not cover.
    for besluit in BESLUITEN:
        for dag in besluit.dagen:
            assert dag.weekday() == 4 and dag - timedelta(days=1) in {d.datum for d in wettelijke_dagen(dag.year)}
        for jaar in besluit.jaren:
            assert {d.datum for d in besluitdagen(jaar)} == {d for d in besluit.dagen if d.year == jaar}


def test_artikel_2_twee_dagen_die_meetellen() -> None:
    # Thursday 2 April 2026 + 3 days = Sunday 5 April; Monday Tweede Paasdag: Tuesday 7 April (art. 1).
    # Friday 3 (Goede Vrijdag), 4, 5, 6 do not count: only 7 April does, so art. 2 adds Wednesday 8.
    assert einde(date(2026, 4, 2), 3) == date(2026, 4, 8)
    # A term of two days is not subject to art. 2: art. 1 alone.
    assert einde(date(2026, 4, 2), 2) == date(2026, 4, 7)
    # Wednesday 24 December 2025 + 3 days = Saturday 27; Monday 29 is the first counting day, Tuesday 30 the second.
    assert einde(date(2025, 12, 24), 3) == date(2025, 12, 30)
    # Without the Atw: the plain date.
    assert einde(date(2026, 4, 2), 3, None) == date(2026, 4, 5)


def test_artikel_4_geen_verlenging_na_twaalf_weken() -> None:
    # Friday 9 January 2026 + 12 weeks = Goede Vrijdag 3 April: extended to Tuesday 7 April.
    assert reactie_uiterlijk(date(2026, 1, 9), 12) == date(2026, 4, 7)
    # Friday 2 January 2026 + 13 weeks = Goede Vrijdag 3 April too, but a term longer than 12 weeks is not extended.
    assert reactie_uiterlijk(date(2026, 1, 2), 13) == date(2026, 4, 3)
    # 84 days is exactly twelve weeks (extended), 85 days is more (not).
    assert einde(date(2026, 1, 9), 84) == date(2026, 4, 7)
    assert einde(date(2026, 1, 8), 85) == date(2026, 4, 3)


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
    assert reactie_uiterlijk(verzonden, weken, None) == kaal
    if weken > 12:  # art. 4
        assert uiterlijk == kaal
        return
    vrij = {
        d.datum
        for jaar in {kaal.year, uiterlijk.year}
        for d in (*wettelijke_dagen(jaar), *besluitdagen(jaar), *verwachte_dagen(jaar))
    }
    assert uiterlijk >= kaal
    assert uiterlijk.weekday() < 5 and uiterlijk not in vrij
    # ... and it is the first such day: every day skipped was a weekend or a day of the calendar.
    overgeslagen = [kaal + timedelta(days=i) for i in range((uiterlijk - kaal).days)]
    assert all(d.weekday() >= 5 or d in vrij for d in overgeslagen)
    assert all(WETTELIJK.is_termijnvrij(d) for d in overgeslagen)


# --- a second, plain implementation, from the law's text --------------------------------------------
# Art. 3 lid 1: Nieuwjaarsdag, de Christelijke tweede Paas- en Pinksterdag, de beide Kerstdagen, de
# Hemelvaartsdag, de dag waarop de verjaardag van de Koning wordt gevierd en 5 mei; lid 2: Goede
# Vrijdag; lid 3: the days of the decrees (their dates copied here from their titles), and for other
# years the Friday after a Thursday holiday. Easter by the Anonymous Gregorian algorithm; Koningsdag
# 27 April, or 26 April when the 27th is a Sunday (from 2014).


def _pasen(jaar: int) -> date:
    a, b, c = jaar % 19, jaar // 100, jaar % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    maand = (h + l_ - 7 * m + 114) // 31
    dag = (h + l_ - 7 * m + 114) % 31 + 1
    return date(jaar, maand, dag)


_BESLUITDAGEN = {
    2023: {date(2023, 4, 28), date(2023, 5, 19)},
    2024: {date(2024, 5, 10), date(2024, 12, 27)},
    2025: {date(2025, 5, 30)},
    2026: {date(2026, 1, 2), date(2026, 5, 15)},
    2027: {date(2027, 5, 7)},
    2028: {date(2028, 4, 28), date(2028, 5, 26)},
}


def _feestdagen(jaar: int) -> set[date]:
    pasen = _pasen(jaar)
    koningsdag = date(jaar, 4, 27) if date(jaar, 4, 27).weekday() != 6 else date(jaar, 4, 26)
    wet = {
        date(jaar, 1, 1),
        pasen - timedelta(days=2),  # Goede Vrijdag (lid 2)
        pasen + timedelta(days=1),
        pasen + timedelta(days=39),  # Hemelvaartsdag
        pasen + timedelta(days=50),  # Tweede Pinksterdag
        koningsdag,
        date(jaar, 5, 5),
        date(jaar, 12, 25),
        date(jaar, 12, 26),
    }
    if jaar in _BESLUITDAGEN:
        return wet | _BESLUITDAGEN[jaar]
    donderdagen = {d for d in wet - {pasen - timedelta(days=2)} if d.weekday() == 3}
    return wet | {d + timedelta(days=1) for d in donderdagen if (d + timedelta(days=1)).year == jaar}


def _vrij(dag: date) -> bool:
    return dag.weekday() >= 5 or dag in _feestdagen(dag.year)


def _einde_volgens_de_wet(begin: date, dagen: int) -> date:
    eind = begin + timedelta(days=dagen)
    if dagen > 84:  # art. 4
        return eind
    while _vrij(eind):  # art. 1
        eind += timedelta(days=1)
    # art. 2: at least two days that are not Saturday, Sunday or a holiday, for a term of three days or more
    while dagen >= 3 and sum(not _vrij(begin + timedelta(days=i)) for i in range(1, (eind - begin).days + 1)) < 2:
        eind += timedelta(days=1)
        while _vrij(eind):
            eind += timedelta(days=1)
    return eind


@settings(max_examples=400, deadline=None)
@given(
    begin=st.dates(min_value=date(2014, 1, 1), max_value=date(2097, 12, 31)),
    dagen=st.one_of(st.integers(min_value=1, max_value=100), st.sampled_from([7 * w for w in range(1, 53)])),
)
def test_kalender_gelijk_aan_een_tweede_uitvoering_van_de_wet(begin: date, dagen: int) -> None:
    assert einde(begin, dagen) == _einde_volgens_de_wet(begin, dagen)


@pytest.mark.parametrize("jaar", range(2014, 2099))
def test_feestdagen_gelijk_aan_een_tweede_uitvoering_van_de_wet(jaar: int) -> None:
    eigen = {d.datum for d in (*wettelijke_dagen(jaar), *besluitdagen(jaar), *verwachte_dagen(jaar))}
    assert {d for d in eigen if d.weekday() < 5} == {d for d in _feestdagen(jaar) if d.weekday() < 5}


def test_een_reeks_feestdagcorrecties_volgens_de_regels_van_de_opdracht() -> None:
    from adviesfouten import AdviesFout
    from workflow.feestdagen import controleer_reeks

    besluit = "Besluit gelijkstelling van 11 mei 2029"
    controleer_reeks(
        [
            (date(2029, 5, 11), "toegevoegd", besluit, besluit),  # an expected day, recorded as the decree
            (date(2026, 5, 15), "verwijderd", "Niet in het besluit", None),
            (date(2026, 5, 15), "toegevoegd", "Toch wel", None),
        ]
    )
    with pytest.raises(AdviesFout, match="staat al in de kalender"):
        controleer_reeks([(date(2026, 4, 8), "toegevoegd", "x", None), (date(2026, 4, 8), "toegevoegd", "x", None)])
    with pytest.raises(AdviesFout, match="feestdag volgens de wet"):
        controleer_reeks([(date(2026, 4, 6), "verwijderd", "x", None)])
    with pytest.raises(AdviesFout, match="onbekende soort"):
        controleer_reeks([(date(2026, 4, 8), "weg", "x", None)])
