"""What "Mijn werk" shows each role; the secretary's signals are those of `advies signalen`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlmodel import Session

from workflow import overzichten, signalen, uitgaand
from workflow.domein.rechten import Rechten
from workflow.domein.woorden import Signaal, Status
from workflow.web.woorden import aantal

if TYPE_CHECKING:
    from workflow.rijen import AdviesRij

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

    @property
    def toelichting(self) -> str:
        """ "uiterlijk 11 maart 2020, nog 3 dagen" or "…, 12 dagen te laat"."""
        from workflow.domein.datums import lange_datum

        dagen = aantal(self.dagen, "dag", "dagen")
        wanneer = f"nog {dagen}" if self.soort == Signaal.BINNENKORT else f"{dagen} te laat"
        if self.soort == Signaal.BINNENKORT and self.dagen == 0:
            wanneer = "vandaag"
        return f"uiterlijk {lange_datum(date.fromisoformat(self.uiterlijk))}, {wanneer}"


def signalen_voor_pagina(sessie: Session, peildatum: date) -> tuple[list[Signaalregel], int]:
    """The first ZICHTBAAR of what needs the secretary's attention on `peildatum`, the most urgent
    first, and how many there are in all."""
    eerste, totaal = signalen.eerste_signalen(sessie, peildatum, ZICHTBAAR)
    return [
        Signaalregel(r["signaal"], r["kenmerk"], r["onderwerp"], _iso(r["uiterlijk"]), r["dagen"]) for r in eerste
    ], totaal


def _iso(datum: date | str) -> str:
    return datum if isinstance(datum, str) else datum.isoformat()


@dataclass(frozen=True)
class Lijst:
    titel: str
    leeg: str
    rijen: list[AdviesRij]
    totaal: int
    status: str
    datums: tuple[tuple[str, str], ...]  # the date columns: (heading, key), each saying which date it is


def mijn_werk(sessie: Session, wie: Rechten, peildatum: date) -> dict[str, Any]:
    lijsten: list[Lijst] = []
    signalen: list[Signaalregel] | None = None
    signalen_totaal = 0
    if wie.is_voorzitter:
        lijsten.append(
            _lijst(
                sessie,
                Status.TER_VASTSTELLING,
                "Wacht op uw vaststelling",
                "Er wacht geen concept op vaststelling.",
                (("Vergadering", "vergadering_op"),),
            )
        )
    mislukt: list[uitgaand.Openstaand] = []
    if wie.is_secretaris:
        signalen, signalen_totaal = signalen_voor_pagina(sessie, peildatum)
        mislukt = uitgaand.openstaand(sessie, alleen_mislukt=True)[:ZICHTBAAR]
        lijsten.append(
            _lijst(
                sessie,
                Status.CONCEPT,
                "Concepten om te agenderen",
                "Er zijn geen concepten.",
                (("Geregistreerd", "geregistreerd_op"), ("Adviestermijn", "adviestermijn")),
            )
        )
        lijsten.append(
            _lijst(
                sessie,
                Status.VASTGESTELD,
                "Vastgesteld, nog te verzenden",
                "Niets te verzenden.",
                (("Vastgesteld", "vastgesteld_op"),),
            )
        )
    if not (wie.is_voorzitter or wie.is_secretaris):
        lijsten.append(
            _lijst(
                sessie,
                Status.VERZONDEN,
                "Verzonden adviezen",
                "Er zijn nog geen adviezen verzonden.",
                (("Verzonden", "verzonden_op"), ("Reactie uiterlijk", "reactie_uiterlijk")),
            )
        )
    return {
        "lijsten": lijsten,
        "signalen": signalen,
        "signalen_totaal": signalen_totaal,
        "uitgaand_mislukt": mislukt,
    }


def _lijst(sessie: Session, status: Status, titel: str, leeg: str, datums: tuple[tuple[str, str], ...]) -> Lijst:
    rijen, totaal = overzichten.zoek_in_register(sessie.connection(), status=status.value, limiet=ZICHTBAAR)
    return Lijst(titel, leeg, rijen, totaal, status.value, datums)
