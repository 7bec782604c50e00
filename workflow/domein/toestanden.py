"""The advice state machine (docs/domein.md, "Levensloop"), as one `transitions` definition.

The machine only decides whether a step is allowed (state, role, draft text); the services in
`levensloop.py` then write the change and its history entry in one transaction. A machine is
built only for the one advice a command changes, never per listed row.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from typing import Any

from workflow.domein.rechten import Rechten
from workflow.domein.woorden import (
    NOG_NIET_VERZONDEN as NOG_NIET_VERZONDEN,  # re-exported: the state groups live here too
)
from workflow.domein.woorden import Rol, Soort, Status, waarden
from workflow.fouten import AdviesFout

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

SECRETARIS = ["mag_als_secretaris"]
VOORZITTER = ["mag_als_voorzitter"]

OVERGANGEN: list[dict[str, Any]] = [
    {"trigger": "concept", "source": [AANGEVRAAGD, CONCEPT], "dest": CONCEPT, "conditions": SECRETARIS},
    {
        "trigger": "agenderen",
        "source": CONCEPT,
        "dest": TER_VASTSTELLING,
        "conditions": SECRETARIS + ["heeft_concepttekst_voorwaarde"],
    },
    {"trigger": "vaststellen", "source": TER_VASTSTELLING, "dest": VASTGESTELD, "conditions": VOORZITTER},
    {"trigger": "terugsturen", "source": TER_VASTSTELLING, "dest": CONCEPT, "conditions": VOORZITTER},
    {"trigger": "verzenden", "source": VASTGESTELD, "dest": VERZONDEN, "conditions": SECRETARIS},
    {"trigger": "reactie", "source": VERZONDEN, "dest": BEANTWOORD, "conditions": SECRETARIS},
    {"trigger": "intrekken", "source": list(NOG_NIET_VERZONDEN), "dest": INGETROKKEN, "conditions": SECRETARIS},
    # Events that are recorded in the history but leave the state as it is.
    {"trigger": "termijn", "source": VERZONDEN, "dest": None, "conditions": SECRETARIS},
    {"trigger": "herinnering", "source": VERZONDEN, "dest": None, "conditions": SECRETARIS},
    {"trigger": "opschorten", "source": VERZONDEN, "dest": None, "conditions": SECRETARIS},
    # Mending what was entered and adding a document that came later: possible in every state.
    {"trigger": "corrigeer", "source": list(STATUSSEN), "dest": None, "conditions": SECRETARIS},
    {"trigger": "bijlage", "source": list(STATUSSEN), "dest": None, "conditions": SECRETARIS},
]
ALTIJD = ("corrigeer", "bijlage")  # not named as a next step in a refusal: they say nothing about the state

# Registration is not a step of the machine: it creates the advice in the state its kind begins in.
REGISTREREN = "registreren"
BEGINSTATUS = {
    Soort.GEVRAAGD.value: AANGEVRAAGD,
    Soort.ONGEVRAAGD.value: CONCEPT,
    Soort.AANVULLING.value: CONCEPT,
}

Stap = tuple[str, str, str]  # (gebeurtenis, van, naar): one history entry after registration


@dataclass
class Toestand:
    """What the machine needs to know of one advice; the conditions explain a refusal."""

    kenmerk: str
    status: str
    rechten: Rechten
    heeft_concepttekst: bool = False
    weigering: str | None = field(default=None, init=False)

    def mag_als_secretaris(self) -> bool:
        return self._eis(self.rechten.is_secretaris, self.rechten.uitleg_rol(Rol.SECRETARIS))

    def mag_als_voorzitter(self) -> bool:
        return self._eis(self.rechten.is_voorzitter, self.rechten.uitleg_rol(Rol.VOORZITTER))

    def heeft_concepttekst_voorwaarde(self) -> bool:
        return self._eis(
            self.heeft_concepttekst,
            f"{self.kenmerk} heeft nog geen concepttekst; sla er eerst een op met 'advies concept'",
        )

    def _eis(self, voldaan: bool, reden: str) -> bool:
        if not voldaan and self.weigering is None:
            self.weigering = reden
        return voldaan


def mogelijke_stappen(status: str) -> list[str]:
    return [o["trigger"] for o in OVERGANGEN if status in _bronnen(o)]


def rol_voor(stap: str) -> str:
    """The role a step needs (in one-user mode anyone may take it)."""
    overgang = next(o for o in OVERGANGEN if o["trigger"] == stap)
    return Rol.VOORZITTER.value if "mag_als_voorzitter" in overgang["conditions"] else Rol.SECRETARIS.value


def mag_stap(rechten: Rechten, stap: str) -> bool:
    return rechten.is_voorzitter if rol_voor(stap) == Rol.VOORZITTER else rechten.is_secretaris


def stappen_voor(status: str, rechten: Rechten) -> list[str]:
    """The steps this user may take from `status`: what a face offers as buttons."""
    return [stap for stap in mogelijke_stappen(status) if mag_stap(rechten, stap)]


def voer_uit(toestand: Toestand, stap: str) -> str:
    """Apply `stap` to `toestand` or raise AdviesFout saying why not; returns the new status."""
    from transitions import Machine, MachineError

    Machine(
        model=toestand,
        states=list(STATUSSEN),
        transitions=OVERGANGEN,
        initial=toestand.status,
        model_attribute="status",
        auto_transitions=False,
    )
    try:
        gelukt = getattr(toestand, stap)()
    except MachineError:
        raise AdviesFout(_niet_vanuit(toestand.kenmerk, toestand.status, stap)) from None
    if not gelukt:
        raise AdviesFout(toestand.weigering or f"'{stap}' is niet toegestaan")
    return toestand.status


def paden_vanaf(begin: str) -> dict[str, list[Stap]]:
    """The shortest way from `begin` to every state it can reach, by the transitions that change
    the state (breadth-first, in the order of OVERGANGEN); `begin` itself is reached by no steps."""
    paden: dict[str, list[Stap]] = {begin: []}
    te_bezoeken = deque([begin])
    while te_bezoeken:
        van = te_bezoeken.popleft()
        for overgang in OVERGANGEN:
            naar = overgang["dest"]
            if naar is not None and naar not in paden and van in _bronnen(overgang):
                paden[naar] = [*paden[van], (overgang["trigger"], van, naar)]
                te_bezoeken.append(naar)
    return paden


def toegestane_stappen() -> frozenset[Stap]:
    """Every history entry after registration the machine allows; an event without `dest` keeps the state."""
    return frozenset((o["trigger"], van, o["dest"] or van) for o in OVERGANGEN for van in _bronnen(o))


def _bronnen(overgang: dict[str, Any]) -> list[str]:
    bron = overgang["source"]
    return list(bron) if isinstance(bron, list) else [bron]


def _niet_vanuit(kenmerk: str, status: str, stap: str) -> str:
    mogelijk = [m for m in mogelijke_stappen(status) if m not in ALTIJD]
    vervolg = f"mogelijk: {', '.join(mogelijk)}" if mogelijk else "er is vanuit deze status niets meer mogelijk"
    return f"{kenmerk} staat op '{status}'; '{stap}' kan daar niet ({vervolg})"
