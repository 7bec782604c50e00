"""What the year overview is made of: plain data that `workflow.jaaroverzicht` fills from the
register and the renderers in this package turn into Word, Excel and CSV.

The data carries its own Dutch month names and long peildatum, so the renderers need nothing of
`workflow` (which imports `sjablonen`, not the other way round).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

SOORTEN = ("gevraagd", "ongevraagd", "aanvulling")
UITGEBRACHT, INGETROKKEN, IN_BEHANDELING = "uitgebracht", "ingetrokken", "in behandeling"
DOORWERKINGEN = ("overgenomen", "deels", "niet", "onbekend")
# How the college's response stands: on time, late, missing past its due date, or term running.
OP_TIJD, TE_LAAT, ONTBREEKT, TERMIJN_LOOPT = "op_tijd", "te_laat", "ontbreekt", "termijn_loopt"
# How a response due date was moved (the `soort` of a Termijnwijziging).
OPSCHORTING, VERLENGING = "opschorting", "verlenging"


@dataclass(frozen=True)
class Termijnwijziging:
    """One move of an advice's response due date: a suspension from `van` to `tot` (both included)
    or an extension agreed with the college (no `van` and `tot`), with its reason."""

    soort: str  # opschorting, verlenging
    van: date | None
    tot: date | None
    reden: str
    uiterlijk_was: date | None
    uiterlijk_werd: date


@dataclass(frozen=True)
class Regel:
    """One advice of the year, with what the overview says about it."""

    advies: Mapping[str, Any]  # the advice keys of the register (see workflow.overzichten), dates as `date`
    herinneringen: int
    reden_intrekking: str | None
    stand: str  # uitgebracht, ingetrokken, in behandeling
    maand: str | None  # Dutch name of the month it went out
    reactie: str | None  # op_tijd, te_laat, ontbreekt, termijn_loopt; None when not sent
    dagen_te_laat: int | None  # late responses and missing ones past their due date; 0 on time
    dagen_tot_reactie: int | None
    doorwerking: str | None  # overgenomen, deels, niet, onbekend; None when not sent
    termijnwijzigingen: tuple[Termijnwijziging, ...] = ()  # oldest first

    def __getitem__(self, sleutel: str) -> Any:
        return self.advies[sleutel]

    def termijn_dagen(self) -> int | None:
        """Days from sending to the due date as it now stands (after any extension)."""
        verzonden: date | None = self.advies.get("verzonden_op")
        uiterlijk: date | None = self.advies.get("reactie_uiterlijk")
        return (uiterlijk - verzonden).days if verzonden is not None and uiterlijk is not None else None


@dataclass(frozen=True)
class Maand:
    """The advices sent in one month of the year, per soort."""

    naam: str  # "maart"
    kort: str  # "mrt", for the chart's axis
    per_soort: Mapping[str, int] = field(default_factory=dict)

    @property
    def totaal(self) -> int:
        return sum(self.per_soort.values())


@dataclass(frozen=True)
class Jaaroverzicht:
    jaar: int
    peildatum: date
    peildatum_voluit: str  # "15 januari 2021"
    organisatie: str
    reactie_weken: int
    regels: list[Regel]
    cijfers: Mapping[str, Any]  # the figures of `workflow.jaaroverzicht.cijfers`
    per_maand: list[Maand] = field(default_factory=list)  # January to December

    @property
    def uitgebracht(self) -> list[Regel]:
        return [r for r in self.regels if r.stand == UITGEBRACHT]

    @property
    def ingetrokken(self) -> list[Regel]:
        return [r for r in self.regels if r.stand == INGETROKKEN]

    @property
    def in_behandeling(self) -> list[Regel]:
        return [r for r in self.regels if r.stand == IN_BEHANDELING]

    @property
    def titel(self) -> str:
        return f"Jaaroverzicht adviezen {self.jaar}"


# --- as plain data, for the worker process (`sjablonen.werker`) that writes the Word version -------

_DATUM = "\x00datum"


def _plat(waarde: Any) -> Any:
    """Dates as a marked ISO text, tuples as lists, recursively: what crosses the worker's pipe."""
    if isinstance(waarde, date):
        return {_DATUM: waarde.isoformat()}
    if isinstance(waarde, Mapping):
        return {str(k): _plat(w) for k, w in waarde.items()}
    if isinstance(waarde, list | tuple):
        return [_plat(w) for w in waarde]
    return waarde


def _terug(waarde: Any) -> Any:
    if isinstance(waarde, dict):
        if set(waarde) == {_DATUM}:
            return date.fromisoformat(waarde[_DATUM])
        return {k: _terug(w) for k, w in waarde.items()}
    if isinstance(waarde, list):
        return [_terug(w) for w in waarde]
    return waarde


def als_gewoon(o: Jaaroverzicht) -> dict[str, Any]:
    """The overview as plain data (str, int, float, bool, None, lists and dicts)."""
    from dataclasses import asdict

    return {
        "jaar": o.jaar,
        "peildatum": _plat(o.peildatum),
        "peildatum_voluit": o.peildatum_voluit,
        "organisatie": o.organisatie,
        "reactie_weken": o.reactie_weken,
        "regels": [
            {**_plat({k: v for k, v in asdict(r).items() if k != "advies"}), "advies": _plat(dict(r.advies))}
            for r in o.regels
        ],
        "cijfers": _plat(o.cijfers),
        "per_maand": [_plat(asdict(m)) for m in o.per_maand],
    }


def uit_gewoon(d: dict[str, Any]) -> Jaaroverzicht:
    """The overview `als_gewoon` made, again as dataclasses."""
    regels = []
    for r in d["regels"]:
        r = _terug(r)
        wijzigingen = tuple(Termijnwijziging(**t) for t in r.pop("termijnwijzigingen"))
        regels.append(Regel(**r, termijnwijzigingen=wijzigingen))
    return Jaaroverzicht(
        jaar=d["jaar"],
        peildatum=_terug(d["peildatum"]),
        peildatum_voluit=d["peildatum_voluit"],
        organisatie=d["organisatie"],
        reactie_weken=d["reactie_weken"],
        regels=regels,
        cijfers=_terug(d["cijfers"]),
        per_maand=[Maand(**m) for m in d["per_maand"]],
    )
