"""The calendar of the Algemene termijnenwet (Atw) and the college's response due date.

A term that ends on a Saturday, a Sunday or a day of this calendar runs on to the next day that is
none of these (Atw art. 1). The calendar of one year is, each day with its source:
- `wet`: art. 3 lid 1 (the general holidays) and lid 2 (Goede Vrijdag);
- `besluit`: the days the royal decrees under lid 3 equate, by their usual pattern (`besluitdagen`);
- `raad`: the council's own corrections (a decree that differs), stored in the database.

The law's list and the decree pattern are this project's own; the `holidays` package only gives
the dates of the moving feasts (Easter and what hangs on it, and the day Koningsdag is held).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from workflow.fouten import AdviesFout

WET = "wet"
BESLUIT = "besluit"
RAAD = "raad"

LID_1 = "Atw art. 3 lid 1"
LID_2 = "Atw art. 3 lid 2"
LID_3 = "Atw art. 3 lid 3 (gebruikelijk)"

# The Atw took effect on 1 April 1965; the `holidays` package knows the Dutch feasts from 1966 to
# 2100, and the decree pattern looks one year ahead (the Monday before Nieuwjaarsdag).
EERSTE_JAAR = 1966
LAATSTE_JAAR = 2099

MA, DI, WO, DO, VR = 0, 1, 2, 3, 4

# Moving feasts as the `holidays` package names them in Dutch, with the law's name and its lid.
_BEWEEGLIJK = {
    "Goede vrijdag": ("Goede Vrijdag", LID_2),
    "Tweede paasdag": ("Tweede Paasdag", LID_1),
    "Hemelvaartsdag": ("Hemelvaartsdag", LID_1),
    "Tweede pinksterdag": ("Tweede Pinksterdag", LID_1),
    "Koningsdag": ("Koningsdag", LID_1),
    "Koninginnedag": ("Koninginnedag", LID_1),  # the same day of lid 1 before 2014
}
# Fixed days of lid 1. 5 mei counts in every year, not only in lustrum years.
_VAST = (
    (1, 1, "Nieuwjaarsdag"),
    (5, 5, "Bevrijdingsdag"),
    (12, 25, "Eerste Kerstdag"),
    (12, 26, "Tweede Kerstdag"),
)


@dataclass(frozen=True)
class Dag:
    """A day on which a term does not end, with where that comes from."""

    datum: date
    naam: str
    bron: str  # WET, BESLUIT or RAAD
    grondslag: str  # the article, or the council's reason


def _controleer_jaar(jaar: int, laatste: int = LAATSTE_JAAR) -> None:
    if not EERSTE_JAAR <= jaar <= laatste:
        raise AdviesFout(
            f"de kalender van de Algemene termijnenwet is er voor {EERSTE_JAAR} tot {LAATSTE_JAAR}, niet {jaar}"
        )


@lru_cache(maxsize=128)
def wettelijke_dagen(jaar: int) -> tuple[Dag, ...]:
    """Art. 3 lid 1 and lid 2 of the Atw in `jaar`, by date."""
    _controleer_jaar(jaar, LAATSTE_JAAR + 1)
    from holidays.countries.netherlands import Netherlands

    dagen = [Dag(date(jaar, maand, dag), naam, WET, LID_1) for maand, dag, naam in _VAST]
    gevonden = set()
    pakket = Netherlands(years=jaar, language="nl")  # type: ignore[no-untyped-call, unused-ignore]
    for datum in pakket:
        for pakketnaam in pakket.get_list(datum):  # two feasts can fall on one day (5 May 2005)
            if pakketnaam in _BEWEEGLIJK:
                naam, lid = _BEWEEGLIJK[pakketnaam]
                dagen.append(Dag(datum, naam, WET, lid))
                gevonden.add(naam.replace("Koninginnedag", "Koningsdag"))
    ontbreekt = {"Goede Vrijdag", "Tweede Paasdag", "Hemelvaartsdag", "Tweede Pinksterdag", "Koningsdag"} - gevonden
    if ontbreekt:
        raise AdviesFout(f"het pakket holidays geeft geen datum voor {', '.join(sorted(ontbreekt))} in {jaar}")
    return tuple(sorted(dagen, key=lambda d: d.datum))


def _op(dagen: Iterable[Dag], naam: str) -> date:
    return next(d.datum for d in dagen if d.naam.replace("Koninginnedag", "Koningsdag") == naam)


def besluitdagen(jaar: int) -> tuple[Dag, ...]:
    """The usual pattern of the decrees under art. 3 lid 3, the one place this rule is stated:

    - the Friday after Hemelvaartsdag;
    - the Monday before Nieuwjaarsdag, Koningsdag, Bevrijdingsdag or Eerste Kerstdag on a Tuesday;
    - the Friday after Nieuwjaarsdag, Koningsdag, Bevrijdingsdag or Tweede Kerstdag on a Thursday;
    - Wednesday 6 May when Hemelvaartsdag is Thursday 7 May.

    The Monday before Nieuwjaarsdag lies in the year before, so next year's law is looked at too.
    """
    _controleer_jaar(jaar)
    gevonden: dict[date, Dag] = {}
    for wetsjaar in (jaar, jaar + 1):
        wet = wettelijke_dagen(wetsjaar)
        hemelvaart = _op(wet, "Hemelvaartsdag")
        kandidaten = [(hemelvaart + timedelta(days=1), "vrijdag na Hemelvaartsdag")]
        for naam in ("Nieuwjaarsdag", "Koningsdag", "Bevrijdingsdag", "Eerste Kerstdag"):
            if _op(wet, naam).weekday() == DI:
                kandidaten.append((_op(wet, naam) - timedelta(days=1), f"maandag vóór {naam}"))
        for naam in ("Nieuwjaarsdag", "Koningsdag", "Bevrijdingsdag", "Tweede Kerstdag"):
            if _op(wet, naam).weekday() == DO:
                kandidaten.append((_op(wet, naam) + timedelta(days=1), f"vrijdag na {naam}"))
        if hemelvaart == date(wetsjaar, 5, 7):
            kandidaten.append((date(wetsjaar, 5, 6), "woensdag tussen Bevrijdingsdag en Hemelvaartsdag"))
        wettelijk = {d.datum for d in wet}
        for datum, naam in kandidaten:
            if datum.year == jaar and datum not in wettelijk and datum not in gevonden:
                gevonden[datum] = Dag(datum, naam, BESLUIT, LID_3)
    return tuple(sorted(gevonden.values(), key=lambda d: d.datum))


@dataclass(frozen=True)
class Correctie:
    """The council's latest word on one date: `toegevoegd` (equated) or `verwijderd` (not equated)."""

    datum: date
    soort: str
    reden: str
    door: str


TOEGEVOEGD = "toegevoegd"
VERWIJDERD = "verwijderd"


class Kalender:
    """The days on which a term does not end: law, decree pattern and the council's corrections."""

    def __init__(self, correcties: Mapping[date, Correctie] | None = None) -> None:
        self._correcties = dict(correcties or {})
        self._jaren: dict[int, dict[date, Dag]] = {}

    def dagen(self, jaar: int) -> list[Dag]:
        """The calendar of `jaar`, by date (weekends not listed)."""
        return sorted(self._jaar(jaar).values(), key=lambda d: d.datum)

    def dag(self, datum: date) -> Dag | None:
        return self._jaar(datum.year).get(datum)

    def _jaar(self, jaar: int) -> dict[date, Dag]:
        if jaar not in self._jaren:
            self._jaren[jaar] = self._bereken(jaar)
        return self._jaren[jaar]

    def _bereken(self, jaar: int) -> dict[date, Dag]:
        dagen = {d.datum: d for d in (*wettelijke_dagen(jaar), *besluitdagen(jaar))}
        for correctie in self._correcties.values():
            bestaand = dagen.get(correctie.datum)
            if correctie.datum.year != jaar or (bestaand is not None and bestaand.bron == WET):
                continue  # the council cannot undo the law; such a correction is refused when made
            if correctie.soort == VERWIJDERD:
                dagen.pop(correctie.datum, None)
            else:
                dagen[correctie.datum] = Dag(correctie.datum, "gelijkgesteld door de raad", RAAD, correctie.reden)
        return dagen

    def is_termijnvrij(self, datum: date) -> bool:
        """True on a Saturday, a Sunday or a day of the calendar: a term does not end then."""
        return datum.weekday() >= 5 or self.dag(datum) is not None

    def eerstvolgende_termijndag(self, datum: date) -> date:
        while self.is_termijnvrij(datum):
            datum += timedelta(days=1)
        return datum


WETTELIJK = Kalender()  # law and decree pattern, without a council's corrections


def reactie_uiterlijk(verzonden_op: date, weken: int, kalender: Kalender | None = WETTELIJK) -> date:
    """The due date of the college's response to an advice sent on `verzonden_op`.

    With `kalender=None` (the setting termijn.termijnenwet is `nee`) it is the plain date.
    """
    return schuif(verzonden_op + timedelta(weeks=weken), kalender)


def schuif(datum: date, kalender: Kalender | None) -> date:
    """`datum`, or with the Atw the first day after it on which a term may end."""
    return datum if kalender is None else kalender.eerstvolgende_termijndag(datum)
