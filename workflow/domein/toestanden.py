"""The advice state machine (docs/domein.md, "Levensloop"), as one `transitions` definition.

The machine only decides whether a step is allowed (state, role, draft text); the services in
`levensloop.py` then write the change and its history entry in one transaction. A machine is
built only for the one advice a command changes, never per listed row.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from typing import Any

from adviesfouten import AdviesFout, Conflict, GeenRecht
from workflow.domein.rechten import Rechten

# Re-exported: the state groups live here too.
from workflow.domein.woorden import NOG_NIET_VERZONDEN as NOG_NIET_VERZONDEN
from workflow.domein.woorden import Rol, Soort, Status, waarden

AANGEVRAAGD = Status.AANGEVRAAGD.value
CONCEPT = Status.CONCEPT.value
TER_VASTSTELLING = Status.TER_VASTSTELLING.value
VASTGESTELD = Status.VASTGESTELD.value
VERZONDEN = Status.VERZONDEN.value
BEANTWOORD = Status.BEANTWOORD.value
INGETROKKEN = Status.INGETROKKEN.value

STATUSSEN = tuple(waarden(Status))
# From ter_vaststelling on, the text is frozen: what is sent is what the chair approved.
TEKST_BEVROREN = (TER_VASTSTELLING, VASTGESTELD, VERZONDEN, BEANTWOORD, INGETROKKEN)


@dataclass(frozen=True)
class Overgang:
    """One step of the machine: from which states, to which (None: an event that keeps the state),
    the role it needs, and the further conditions (names of `Toestand` methods) it must meet."""

    stap: str
    van: tuple[Status, ...]
    naar: Status | None
    rol: Rol
    voorwaarden: tuple[str, ...] = ()


_ALLE = tuple(Status)
_OPEN = tuple(Status(s) for s in NOG_NIET_VERZONDEN)
_S, _V = Rol.SECRETARIS, Rol.VOORZITTER

OVERGANGEN: tuple[Overgang, ...] = (
    Overgang("concept", (Status.AANGEVRAAGD, Status.CONCEPT), Status.CONCEPT, _S),
    Overgang("agenderen", (Status.CONCEPT,), Status.TER_VASTSTELLING, _S, ("heeft_concepttekst_voorwaarde",)),
    Overgang("vaststellen", (Status.TER_VASTSTELLING,), Status.VASTGESTELD, _V),
    Overgang("terugsturen", (Status.TER_VASTSTELLING,), Status.CONCEPT, _V),
    Overgang("verzenden", (Status.VASTGESTELD,), Status.VERZONDEN, _S),
    Overgang("reactie", (Status.VERZONDEN,), Status.BEANTWOORD, _S),
    Overgang("intrekken", _OPEN, Status.INGETROKKEN, _S),
    # Events that are recorded in the history but leave the state as it is.
    Overgang("termijn", (Status.VERZONDEN,), None, _S),
    Overgang("herinnering", (Status.VERZONDEN,), None, _S),
    Overgang("opschorten", (Status.VERZONDEN,), None, _S),
    # Mending what was entered and adding a document that came later: possible in every state.
    Overgang("corrigeer", _ALLE, None, _S),
    Overgang("bijlage", _ALLE, None, _S),
)
# The role a step needs, as the condition the machine checks (in one-user mode anyone has both).
_ROLCONDITIE = {Rol.SECRETARIS: "mag_als_secretaris", Rol.VOORZITTER: "mag_als_voorzitter"}


def machineregels(overgangen: tuple[Overgang, ...] = OVERGANGEN) -> list[dict[str, Any]]:
    """The records as the `transitions` package takes them: the one place its dict form is made."""
    return [
        {
            "trigger": o.stap,
            "source": [v.value for v in o.van],
            "dest": o.naar.value if o.naar is not None else None,
            "conditions": [_ROLCONDITIE[o.rol], *o.voorwaarden],
        }
        for o in overgangen
    ]


def overgang(stap: str) -> Overgang:
    return next(o for o in OVERGANGEN if o.stap == stap)


ALTIJD = ("corrigeer", "bijlage")  # not named as a next step in a refusal: they say nothing about the state

# Registration is not a step of the machine: it creates the advice in the state its kind begins in.
REGISTREREN = "registreren"
BEGINSTATUS: dict[str, Status] = {
    Soort.GEVRAAGD.value: Status.AANGEVRAAGD,
    Soort.ONGEVRAAGD.value: Status.CONCEPT,
    Soort.AANVULLING.value: Status.CONCEPT,
}

Stap = tuple[str, str, str]  # (gebeurtenis, van, naar): one history entry after registration


@dataclass
class Toestand:
    """What the machine needs to know of one advice; the conditions explain a refusal."""

    kenmerk: str
    status: str
    rechten: Rechten
    heeft_concepttekst: bool = False
    weigering: AdviesFout | None = field(default=None, init=False)

    # A role condition refuses with GeenRecht; any other condition is about the advice's state: Conflict.
    def mag_als_secretaris(self) -> bool:
        return self._eis(self.rechten.is_secretaris, GeenRecht(self.rechten.uitleg_rol(Rol.SECRETARIS)))

    def mag_als_voorzitter(self) -> bool:
        return self._eis(self.rechten.is_voorzitter, GeenRecht(self.rechten.uitleg_rol(Rol.VOORZITTER)))

    def heeft_concepttekst_voorwaarde(self) -> bool:
        return self._eis(
            self.heeft_concepttekst,
            Conflict(f"{self.kenmerk} heeft nog geen concepttekst; sla er eerst een op met 'advies concept'"),
        )

    def _eis(self, voldaan: bool, reden: AdviesFout) -> bool:
        if not voldaan and self.weigering is None:
            self.weigering = reden
        return voldaan


def mogelijke_stappen(status: str) -> list[str]:
    return [o.stap for o in OVERGANGEN if status in o.van]


def rol_voor(stap: str) -> Rol:
    """The role a step needs (in one-user mode anyone may take it)."""
    return overgang(stap).rol


def mag_stap(rechten: Rechten, stap: str) -> bool:
    return rechten.is_voorzitter if rol_voor(stap) == Rol.VOORZITTER else rechten.is_secretaris


def stappen_voor(status: str, rechten: Rechten) -> list[str]:
    """The steps this user may take from `status`: what a face offers as buttons."""
    return [stap for stap in mogelijke_stappen(status) if mag_stap(rechten, stap)]


def voer_uit(toestand: Toestand, stap: str) -> Status:
    """Apply `stap` to `toestand` or refuse saying why not; returns the new status. A step the status
    does not allow is a Conflict (the advice is, or has moved, elsewhere); a role the step needs, GeenRecht."""
    from transitions import Machine, MachineError

    Machine(
        model=toestand,
        states=list(STATUSSEN),
        transitions=machineregels(),
        initial=Status(toestand.status).value,  # a plain name: `transitions` reads an Enum as enum states
        model_attribute="status",
        auto_transitions=False,
    )
    try:
        gelukt = getattr(toestand, stap)()
    except MachineError:
        raise Conflict(_niet_vanuit(toestand.kenmerk, toestand.status, stap)) from None
    if not gelukt:
        raise toestand.weigering or Conflict(f"'{stap}' is niet toegestaan")
    return Status(toestand.status)  # the machine sets the state's name; the model holds the word


def paden_vanaf(begin: str) -> dict[str, list[Stap]]:
    """The shortest way from `begin` to every state it can reach, by the transitions that change
    the state (breadth-first, in the order of OVERGANGEN); `begin` itself is reached by no steps."""
    begin = Status(begin).value
    paden: dict[str, list[Stap]] = {begin: []}
    te_bezoeken = deque([begin])
    while te_bezoeken:
        van = te_bezoeken.popleft()
        for o in OVERGANGEN:
            naar = o.naar.value if o.naar is not None else None
            if naar is not None and naar not in paden and van in o.van:
                paden[naar] = [*paden[van], (o.stap, van, naar)]
                te_bezoeken.append(naar)
    return paden


def toegestane_stappen() -> frozenset[Stap]:
    """Every history entry after registration the machine allows; an event without `dest` keeps the state."""
    return frozenset((o.stap, van.value, (o.naar or van).value) for o in OVERGANGEN for van in o.van)


def _niet_vanuit(kenmerk: str, status: str, stap: str) -> str:
    mogelijk = [m for m in mogelijke_stappen(status) if m not in ALTIJD]
    vervolg = f"mogelijk: {', '.join(mogelijk)}" if mogelijk else "er is vanuit deze status niets meer mogelijk"
    return f"{kenmerk} staat op '{status}'; '{stap}' kan daar niet ({vervolg})"
