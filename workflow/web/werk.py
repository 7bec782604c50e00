"""What "Mijn werk" shows each role; the secretary's signals are those of `advies signalen`."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlmodel import Session

from workflow import levensloop, overzichten, signalen, uitgaand, werkvoorraad
from workflow.domein.rechten import Rechten
from workflow.domein.verwachting import Verwachting
from workflow.domein.woorden import Signaal, Status
from workflow.web.woorden import aantal

if TYPE_CHECKING:
    from workflow.rijen import AdviesRij, TeruggestuurdRij

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
    # When the response is expected now (after a reminder: its new date), and the date a reminder
    # made today would ask it by (only where a reminder is due).
    verwachting: Verwachting | None = None
    voorstel: date | None = None
    peildatum: date | None = None

    @property
    def herinnerd(self) -> bool:
        """A reminder moved the expected date, and that date has not passed yet."""
        v = self.verwachting
        if v is None or v.herinnering is None or self.peildatum is None:
            return False
        return v.uiterlijk >= self.peildatum

    @property
    def omschrijving(self) -> str:
        if self.herinnerd:
            return "Herinnerd, wacht op reactie"
        return SIGNAALNAMEN.get(Signaal(self.soort), self.soort)

    @property
    def toelichting(self) -> str:
        """ "uiterlijk 11 maart 2020, nog 3 dagen" or "…, 12 dagen te laat"; after a reminder the date
        it named, with the original one; where a reminder is due, the date it would ask for."""
        from workflow.domein.datums import lange_datum

        v = self.verwachting
        if v is not None and v.herinnering is not None and self.peildatum is not None:
            over = (v.uiterlijk - self.peildatum).days
            wanneer = "vandaag" if over == 0 else f"nog {aantal(over, 'dag', 'dagen')}"
            if over < 0:
                wanneer = f"{aantal(-over, 'dag', 'dagen')} te laat"
            tekst = (
                f"na de herinnering van {lange_datum(v.herinnering.op)} uiterlijk {lange_datum(v.uiterlijk)}, "
                f"{wanneer}; oorspronkelijk uiterlijk {lange_datum(v.oorspronkelijk)}"
            )
        else:
            dagen = aantal(self.dagen, "dag", "dagen")
            wanneer = f"nog {dagen}" if self.soort == Signaal.BINNENKORT else f"{dagen} te laat"
            if self.soort == Signaal.BINNENKORT and self.dagen == 0:
                wanneer = "vandaag"
            tekst = f"uiterlijk {lange_datum(date.fromisoformat(self.uiterlijk))}, {wanneer}"
        if self.voorstel is not None:
            tekst += f"; een herinnering van vandaag vraagt een reactie uiterlijk {lange_datum(self.voorstel)}"
        return tekst


def signalen_voor_pagina(sessie: Session, peildatum: date) -> tuple[list[Signaalregel], int]:
    """The first ZICHTBAAR of what needs the secretary's attention on `peildatum`, the most urgent
    first, and how many there are in all; for the sent advices among them, when the response is
    expected now (workflow.werkvoorraad.verwachtingen: one query for the rows shown)."""
    eerste, totaal = signalen.eerste_signalen(sessie, peildatum, ZICHTBAAR)
    verzonden = [r["kenmerk"] for r in eerste if r["signaal"] != Signaal.EIGEN_ADVIES_TE_LAAT]
    verwacht = werkvoorraad.verwachtingen(sessie.connection(), verzonden)
    herinneren = (Signaal.HERINNEREN, Signaal.ESCALEREN)
    voorstel = levensloop.nieuwe_termijn(sessie, peildatum) if any(r["signaal"] in herinneren for r in eerste) else None
    return [
        Signaalregel(
            r["signaal"],
            r["kenmerk"],
            r["onderwerp"],
            _iso(r["uiterlijk"]),
            r["dagen"],
            verwacht.get(r["kenmerk"]),
            voorstel if r["signaal"] in herinneren else None,
            peildatum,
        )
        for r in eerste
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
    teruggestuurd: list[TeruggestuurdRij] = []
    teruggestuurd_totaal = 0
    if wie.is_secretaris:
        signalen, signalen_totaal = signalen_voor_pagina(sessie, peildatum)
        mislukt = uitgaand.openstaand(sessie, alleen_mislukt=True)[:ZICHTBAAR]
        teruggestuurd, teruggestuurd_totaal = werkvoorraad.teruggestuurd(sessie.connection(), ZICHTBAAR)
        lijsten.append(
            _lijst(
                sessie,
                Status.TER_VASTSTELLING,
                "Wacht op de voorzitter",
                "Er wacht geen concept op de voorzitter.",
                (("Vergadering", "vergadering_op"),),
            )
        )
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
        verzonden = _lijst(
            sessie,
            Status.VERZONDEN,
            "Verzonden adviezen",
            "Er zijn nog geen adviezen verzonden.",
            (("Verzonden", "verzonden_op"), ("Reactie uiterlijk", "reactie_uiterlijk")),
        )
        lijsten.append(replace(verzonden, rijen=_verwacht(sessie, verzonden.rijen)))
    return {
        "lijsten": lijsten,
        "signalen": signalen,
        "signalen_totaal": signalen_totaal,
        "uitgaand_mislukt": mislukt,
        "teruggestuurd": teruggestuurd,
        "teruggestuurd_totaal": teruggestuurd_totaal,
    }


def _verwacht(sessie: Session, rijen: list[AdviesRij]) -> list[AdviesRij]:
    """The rows with the date the response is expected now as their due date (after a reminder the
    date it named), as the advice page says it."""
    verwacht = werkvoorraad.verwachtingen(sessie.connection(), [r["kenmerk"] for r in rijen])
    return [
        r | {"reactie_uiterlijk": verwacht[r["kenmerk"]].uiterlijk.isoformat()} if r["kenmerk"] in verwacht else r
        for r in rijen
    ]


def _lijst(sessie: Session, status: Status, titel: str, leeg: str, datums: tuple[tuple[str, str], ...]) -> Lijst:
    rijen, totaal = overzichten.zoek_in_register(sessie.connection(), status=status.value, limiet=ZICHTBAAR)
    return Lijst(titel, leeg, rijen, totaal, status.value, datums)
