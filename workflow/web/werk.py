"""What "Mijn werk" shows each role. The signals come from one function, so the richer signals of
workflow/signalen.py (binnenkort, te_laat, herinneren, escaleren, eigen_advies_te_laat) can replace
the late list here without touching the page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlmodel import Session

from workflow import overzichten
from workflow.rechten import Rechten
from workflow.woorden import Signaal, Status

ZICHTBAAR = 50  # rows per list on the page; the register page has the rest

SIGNAALNAMEN = {
    Signaal.BINNENKORT: "Reactie binnenkort verwacht",
    Signaal.TE_LAAT: "Reactie van het college te laat",
    Signaal.HERINNEREN: "Tijd voor een herinnering",
    Signaal.ESCALEREN: "Nog steeds te laat na herinneringen",
    Signaal.EIGEN_ADVIES_TE_LAAT: "Ons eigen advies is te laat",
}


@dataclass(frozen=True)
class Signaalregel:
    soort: str
    kenmerk: str
    onderwerp: str
    uiterlijk: str
    dagen: int

    @property
    def omschrijving(self) -> str:
        return SIGNAALNAMEN.get(Signaal(self.soort), self.soort)


def signalen_voor_pagina(sessie: Session, peildatum: date) -> list[Signaalregel]:
    """What needs the secretary's attention on `peildatum`, the most urgent first."""
    soorten = {"reactie_college": Signaal.TE_LAAT.value, "eigen_advies": Signaal.EIGEN_ADVIES_TE_LAAT.value}
    return [
        Signaalregel(soorten[r["soort_achterstand"]], r["kenmerk"], r["onderwerp"], r["uiterlijk"], r["dagen_te_laat"])
        for r in overzichten.achterstallig(sessie, peildatum)
    ]


@dataclass(frozen=True)
class Lijst:
    titel: str
    leeg: str
    rijen: list[dict[str, Any]]
    totaal: int
    status: str


def mijn_werk(sessie: Session, wie: Rechten, peildatum: date) -> dict[str, Any]:
    lijsten: list[Lijst] = []
    signalen: list[Signaalregel] | None = None
    if wie.is_voorzitter:
        lijsten.append(
            _lijst(
                sessie, Status.TER_VASTSTELLING, "Wacht op uw vaststelling", "Er wacht geen concept op vaststelling."
            )
        )
    if wie.is_secretaris:
        signalen = signalen_voor_pagina(sessie, peildatum)
        lijsten.append(_lijst(sessie, Status.CONCEPT, "Concepten om te agenderen", "Er zijn geen concepten."))
        lijsten.append(_lijst(sessie, Status.VASTGESTELD, "Vastgesteld, nog te verzenden", "Niets te verzenden."))
    if not (wie.is_voorzitter or wie.is_secretaris):
        lijsten.append(_lijst(sessie, Status.VERZONDEN, "Verzonden adviezen", "Er zijn nog geen adviezen verzonden."))
    return {
        "lijsten": lijsten,
        "signalen": signalen[:ZICHTBAAR] if signalen is not None else None,
        "signalen_totaal": len(signalen or []),
    }


def _lijst(sessie: Session, status: Status, titel: str, leeg: str) -> Lijst:
    rijen, totaal = overzichten.zoek_in_register(sessie, status=status.value, limiet=ZICHTBAAR)
    return Lijst(titel, leeg, rijen, totaal, status.value)
