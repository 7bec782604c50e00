"""The calendar of the Algemene termijnenwet (Atw) and the college's response due date.

A term that ends on a Saturday, a Sunday or a day of this calendar runs on to the next day that is
none of these (Atw art. 1); a term of three days or more holds at least two days that are none of
these (art. 2); a term longer than twelve weeks is not extended at all (art. 4). The calendar of one
year is, each day with its source:
- `wet`: art. 3 lid 1 (the general holidays) and lid 2 (Goede Vrijdag);
- `besluit`: the days a royal decree under lid 3 equates: the shipped decrees of
  `workflow.domein.besluiten`, or a decree the council recorded (`feestdag toevoegen --bron`);
- `verwacht`: for a year no shipped decree covers, the days the decrees since 2023 would equate
  (the Friday after a holiday on a Thursday), until the council records the decree;
- `raad`: the council's own corrections without a decree, stored in the database.

The law's list is this project's own; the `holidays` package only gives the dates of the moving
feasts (Easter and what hangs on it, and the day Koningsdag is held).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from adviesfouten import OngeldigeInvoer, Storing

WET = "wet"
BESLUIT = "besluit"
VERWACHT = "verwacht"
RAAD = "raad"
BRONNEN = (WET, BESLUIT, VERWACHT, RAAD)

LID_1 = "Atw art. 3 lid 1"
LID_2 = "Atw art. 3 lid 2"
LID_3_VERWACHT = "Atw art. 3 lid 3: verwacht, geen besluit bekend voor dit jaar"
ART_4_DAGEN = 12 * 7  # Atw art. 4: a term longer than twelve weeks is not extended

# The Atw took effect on 1 April 1965; the `holidays` package knows the Dutch feasts from 1966 to 2100.
EERSTE_JAAR = 1966
LAATSTE_JAAR = 2099

DO = 3  # Thursday

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
        raise OngeldigeInvoer(
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
        raise Storing(f"het pakket holidays geeft geen datum voor {', '.join(sorted(ontbreekt))} in {jaar}")
    return tuple(sorted(dagen, key=lambda d: d.datum))


def besluitdagen(jaar: int) -> tuple[Dag, ...]:
    """The days the shipped decree covering `jaar` equates (art. 3 lid 3), with its title as source."""
    _controleer_jaar(jaar)
    from workflow.domein.besluiten import besluit_voor

    besluit = besluit_voor(jaar)
    if besluit is None:
        return ()
    namen = {d.datum: d for d in verwacht_patroon(jaar)}
    return tuple(
        Dag(datum, namen[datum].naam if datum in namen else "gelijkgestelde dag", BESLUIT, besluit.bron)
        for datum in sorted(besluit.dagen)
        if datum.year == jaar
    )


def verwacht_patroon(jaar: int) -> tuple[Dag, ...]:
    """The pattern of the decrees since 2023, the one place it is stated: the Friday after a
    holiday of lid 1 that falls on a Thursday (Hemelvaartsdag every year; Nieuwjaarsdag, Koningsdag,
    Bevrijdingsdag or Tweede Kerstdag when on a Thursday). The Monday before a Tuesday holiday is
    not part of it: the decrees of 2023 and 2026 do not equate it."""
    wet = wettelijke_dagen(jaar)
    wettelijk = {d.datum for d in wet}
    gevonden: dict[date, Dag] = {}
    for dag in wet:
        vrijdag = dag.datum + timedelta(days=1)
        if dag.grondslag == LID_1 and dag.datum.weekday() == DO and vrijdag.year == jaar and vrijdag not in wettelijk:
            naam = dag.naam.replace("Koninginnedag", "Koningsdag")
            gevonden.setdefault(vrijdag, Dag(vrijdag, f"vrijdag na {naam}", VERWACHT, LID_3_VERWACHT))
    return tuple(sorted(gevonden.values(), key=lambda d: d.datum))


def verwachte_dagen(jaar: int) -> tuple[Dag, ...]:
    """The expected days of `jaar`: the pattern, for a year no shipped decree covers."""
    _controleer_jaar(jaar)
    from workflow.domein.besluiten import besluit_voor

    return () if besluit_voor(jaar) is not None else verwacht_patroon(jaar)


@dataclass(frozen=True)
class Correctie:
    """The council's latest word on one date: `toegevoegd` (equated) or `verwijderd` (not equated)."""

    datum: date
    soort: str
    reden: str
    door: str
    bron: str | None = None  # the decree's title, when the council recorded a decree


TOEGEVOEGD = "toegevoegd"
VERWIJDERD = "verwijderd"


class Kalender:
    """The days on which a term does not end: law, decrees, expected days and the council's corrections."""

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
        dagen = {d.datum: d for d in (*wettelijke_dagen(jaar), *besluitdagen(jaar), *verwachte_dagen(jaar))}
        for correctie in self._correcties.values():
            bestaand = dagen.get(correctie.datum)
            if correctie.datum.year != jaar or (bestaand is not None and bestaand.bron == WET):
                continue  # the council cannot undo the law; such a correction is refused when made
            if correctie.soort == VERWIJDERD:
                dagen.pop(correctie.datum, None)
            elif correctie.bron:
                naam = bestaand.naam if bestaand is not None else "gelijkgestelde dag"
                dagen[correctie.datum] = Dag(correctie.datum, naam, BESLUIT, correctie.bron)
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

    def telt_mee(self, datum: date) -> bool:
        """A day that counts for art. 2: not a Saturday, a Sunday or a day of the calendar."""
        return not self.is_termijnvrij(datum)


WETTELIJK = Kalender()  # law, shipped decrees and expected days, without a council's corrections


def einde(begin: date, dagen: int, kalender: Kalender | None = WETTELIJK) -> date:
    """The last day of a term of `dagen` days that starts after `begin` (the day of sending).

    - art. 4: a term longer than twelve weeks, or `kalender=None` (termijn.termijnenwet `nee`): the plain date;
    - art. 1: a term that would end on a Saturday, a Sunday or a day of the calendar runs on to the next day
      that is none of these;
    - art. 2: a term of three days or more is extended, where needed, so that it holds at least two days
      that are none of these.
    """
    kaal = begin + timedelta(days=dagen)
    if kalender is None or dagen > ART_4_DAGEN:
        return kaal
    eind = kalender.eerstvolgende_termijndag(kaal)
    if dagen >= 3:
        while _telbare_dagen(begin, eind, kalender) < 2:
            eind = kalender.eerstvolgende_termijndag(eind + timedelta(days=1))
    return eind


def _telbare_dagen(begin: date, eind: date, kalender: Kalender) -> int:
    """The days after `begin` up to and including `eind` that count for art. 2."""
    return sum(kalender.telt_mee(begin + timedelta(days=i)) for i in range(1, (eind - begin).days + 1))


def reactie_uiterlijk(verzonden_op: date, weken: int, kalender: Kalender | None = WETTELIJK) -> date:
    """The due date of the college's response to an advice sent on `verzonden_op`.

    With `kalender=None` (the setting termijn.termijnenwet is `nee`) it is the plain date.
    """
    return einde(verzonden_op, weken * 7, kalender)


def schuif(datum: date, kalender: Kalender | None) -> date:
    """`datum`, or with the Atw the first day after it on which a term may end."""
    return datum if kalender is None else kalender.eerstvolgende_termijndag(datum)
