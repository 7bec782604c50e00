"""Demonstration data: a walk-through of one council's recent months through every state, and
N generated advices spread evenly over 2016-2025 and over all states, inserted in bulk.

Both refuse a database that already holds advices: numbers are never reused, so demo advices
in a real register could never be taken out again.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import func, insert
from sqlmodel import Session, select

from adviesfouten import Conflict, OngeldigeInvoer
from opslag.database import zet_reeksen_bij
from opslag.modellen import Advies, Geschiedenis, Instelling, Tekstversie
from workflow import instellingen, invarianten, levensloop, raadskalender, registratie, tekst
from workflow.domein import kenmerk, termijnen
from workflow.domein.rechten import Rechten
from workflow.domein.termijnen import Kalender
from workflow.domein.toestanden import BEGINSTATUS, REGISTREREN, STATUSSEN, Stap, paden_vanaf
from workflow.domein.woorden import Soort

EERSTE_JAAR, LAATSTE_JAAR = 2016, 2025
GEVRAAGD, ONGEVRAAGD = Soort.GEVRAAGD.value, Soort.ONGEVRAAGD.value

_TEKSTEN = {
    "werkprogramma": """De Cliëntenraad heeft met belangstelling kennisgenomen van het werkprogramma.
De analyse is helder en de voorstellen sluiten daarop aan.

We missen wel criteria om de **effectiviteit** te meten. Daarom vragen we u:

- per activering te registreren uit welk programma zij voortkomt;
- jaarlijks te rapporteren over de *armoedeval*.
""",
    "stadjerspas": """De Cliëntenraad vraagt u af te zien van de bezuiniging op de Stadjerspas.
Juist voor huishoudens met een laag inkomen is de pas onmisbaar.
""",
    "armoedemiddelen": """De Cliëntenraad adviseert de extra armoedemiddelen in te zetten voor
schuldhulp aan gezinnen met kinderen.
""",
    "armoedemiddelen2": """De Cliëntenraad adviseert de extra armoedemiddelen in te zetten voor
schuldhulp aan gezinnen met kinderen, en de uitvoering samen met de raad te evalueren.
""",
    "aanvulling": """In aanvulling op ons advies vragen we u ook de ervaringen van deelnemers mee te
nemen in de evaluatie.
""",
}


def zeker_leeg(sessie: Session, rechten: Rechten) -> Rechten:
    """Refuse a database with advices; the demo acts with every role of one-user mode."""
    rechten.vereis_secretaris()
    if sessie.exec(select(func.count()).select_from(Advies)).one():
        raise Conflict(
            "de database bevat al adviezen; demo vult alleen een lege database (kies een andere map met ADVIES_HOME)"
        )
    return replace(rechten, eenpersoonsmodus=True)


def rondleiding(sessie: Session, rechten: Rechten, vandaag: date) -> list[str]:
    """A few advices through every state, dated in the months before `vandaag`; returns their kenmerken."""
    wie = zeker_leeg(sessie, rechten)

    def dag(dagen_geleden: int) -> date:
        return vandaag - timedelta(days=dagen_geleden)

    def concept(advies: Advies, sleutel: str) -> None:
        levensloop.sla_concept_op(sessie, wie, advies.kenmerk, f"{sleutel}.md", _TEKSTEN[sleutel].encode())

    _briefinstellingen(sessie, wie)
    # Requested, sent, answered.
    werk = registratie.registreer_aanvraag(sessie, wie, "Werkprogramma 2020-2022", dag(80), "WI/0042", dag(50))
    concept(werk, "werkprogramma")
    levensloop.agendeer(sessie, wie, werk.kenmerk, dag(62))
    levensloop.stel_vast(sessie, wie, werk.kenmerk, dag(62))
    levensloop.verzend(sessie, wie, werk.kenmerk, dag(60))
    levensloop.registreer_reactie(
        sessie, wie, werk.kenmerk, dag(20), "deels", "Criteria komen er; armoedeval wordt onderzocht"
    )
    # Requested and sent, but the college's response is late: a reminder goes out today.
    pas = registratie.registreer_aanvraag(sessie, wie, "Bezuinigingen Stadjerspas", dag(110), "WI/0017", dag(80))
    concept(pas, "stadjerspas")
    levensloop.agendeer(sessie, wie, pas.kenmerk, dag(92))
    levensloop.stel_vast(sessie, wie, pas.kenmerk, dag(92))
    levensloop.verzend(sessie, wie, pas.kenmerk, dag(90))
    levensloop.herinner(sessie, wie, pas.kenmerk, vandaag)
    # Unsolicited: sent back by the chair, revised, and on the agenda again.
    armoede = registratie.registreer_ongevraagd(sessie, wie, "Inzet armoedemiddelen", dag(45))
    concept(armoede, "armoedemiddelen")
    levensloop.agendeer(sessie, wie, armoede.kenmerk, dag(30))
    levensloop.stuur_terug(sessie, wie, armoede.kenmerk, "Eerst de evaluatie met de raad uitwerken")
    concept(armoede, "armoedemiddelen2")
    levensloop.agendeer(sessie, wie, armoede.kenmerk, vandaag)
    # Requested, no draft yet and past the college's adviestermijn: the council itself is late.
    banen = registratie.registreer_aanvraag(sessie, wie, "Plan van aanpak Basisbanen", dag(30), None, dag(3))
    # Requested and withdrawn.
    vervoer = registratie.registreer_aanvraag(sessie, wie, "Aanpassing WMO-Vervoer", dag(25))
    levensloop.trek_in(sessie, wie, vervoer.kenmerk, "Het college heeft de aanvraag teruggenomen")
    # A supplement to the first advice, approved and ready to send.
    extra = registratie.registreer_aanvulling(
        sessie, wie, werk.kenmerk, "Werkprogramma: ervaringen deelnemers", dag(10)
    )
    concept(extra, "aanvulling")
    levensloop.agendeer(sessie, wie, extra.kenmerk, dag(2))
    levensloop.stel_vast(sessie, wie, extra.kenmerk, dag(1))
    return [a.kenmerk for a in (werk, pas, armoede, banen, vervoer, extra)]


# Letterhead and signature for the walk-through's letters, where the council has not set its own.
_BRIEFINSTELLINGEN = {
    "organisatie.adres": "Postbus 30026;9700 RM Groningen",
    "brief.ondertekenaar": "Hans Alderkamp",
    "brief.functie": "Voorzitter a.i. Cliëntenraad Werk & Inkomen",
    "brief.afschrift": "Raadscommissie Werk en Inkomen gemeente Groningen;Directiecontact",
}


def _briefinstellingen(sessie: Session, wie: Rechten) -> None:
    for sleutel, waarde in _BRIEFINSTELLINGEN.items():
        if sessie.get(Instelling, sleutel) is None:
            instellingen.zet(sessie, wie, sleutel, waarde)


# Days from the step before to each step of a generated advice's path (one day for a step not named):
# a draft in a week, on the agenda a week later, approved there, sent two days after, the response
# a month later.
_DAGEN_NA_VORIGE = {"concept": 7, "agenderen": 7, "vaststellen": 0, "verzenden": 2, "reactie": 30, "intrekken": 10}
_OORDELEN = ("overgenomen", "deels", "niet", None)
_NOTITIE = "gegenereerd door advies demo"
_PER_INSERT = 20_000


def genereer(sessie: Session, rechten: Rechten, aantal: int) -> int:
    """Insert `aantal` advices spread evenly over 2016-2025 and over all states, each with the history
    of its shortest path through the state machine; refuse when the rows break an invariant."""
    wie = zeker_leeg(sessie, rechten)
    if aantal < 1:
        raise OngeldigeInvoer("het aantal moet minstens 1 zijn")
    maker = _Maker.voor(sessie, wie.gebruiker)
    adviezen: list[dict[str, Any]] = []
    geschiedenis: list[dict[str, Any]] = []
    versies: list[dict[str, Any]] = []
    for id_, (jaar, volgnummer, plek, status) in enumerate(_verdeling(aantal), start=1):
        advies, regels, versie = maker.advies(id_, jaar, volgnummer, plek, status)
        adviezen.append(advies)
        geschiedenis.extend(regels)
        if versie is not None:
            versies.append(versie)
    for tabel, rijen in ((Advies, adviezen), (Tekstversie, versies), (Geschiedenis, geschiedenis)):
        for begin in range(0, len(rijen), _PER_INSERT):
            sessie.execute(insert(tabel), rijen[begin : begin + _PER_INSERT])
    zet_reeksen_bij(sessie)  # the advices came with their own ids
    invarianten.controleer(sessie)  # the rows went past the services: the register's own rules judge them
    return aantal


def _verdeling(aantal: int) -> Iterator[tuple[int, int, float, str]]:
    """(year, number in that year, place in the year from 0 to 1, status) for each advice."""
    jaren = LAATSTE_JAAR - EERSTE_JAAR + 1
    per_jaar = [(aantal * (j + 1)) // jaren - (aantal * j) // jaren for j in range(jaren)]
    teller = 0
    for j, in_jaar in enumerate(per_jaar):
        for n in range(in_jaar):
            yield EERSTE_JAAR + j, n + 1, n / max(in_jaar, 1), STATUSSEN[teller % len(STATUSSEN)]
            teller += 1


def _dagen_na_vorige(stap: str, volgnummer: int) -> int:
    te_laat = stap == "reactie" and volgnummer % 3 == 0  # one in three responses comes a month late
    return _DAGEN_NA_VORIGE.get(stap, 1) + (30 if te_laat else 0)


def paden() -> dict[str, dict[str, list[Stap]]]:
    """Per kind of generated advice, the steps after registration to each state it can reach."""
    return {soort: paden_vanaf(BEGINSTATUS[soort]) for soort in (GEVRAAGD, ONGEVRAAGD)}


@dataclass(frozen=True)
class _Maker:
    """What every generated advice shares: the register's settings, one draft text, who and when."""

    voorvoegsel: str
    weken: int
    kalender: Kalender | None
    door: str
    tekstrij: dict[str, Any]
    paden: dict[str, dict[str, list[Stap]]]

    @classmethod
    def voor(cls, sessie: Session, door: str) -> _Maker:
        bron = b"Gegenereerde adviestekst."
        blokken = tekst.blokken_uit(bron, "demo.txt")
        ingesteld = instellingen.lees(sessie)
        return cls(
            voorvoegsel=ingesteld.kenmerk_advies,
            weken=ingesteld.termijn_reactie_weken,
            kalender=raadskalender.termijnkalender(sessie),
            door=door,
            tekstrij={
                "blokken": tekst.canoniek(blokken),
                "sha256": tekst.sha256(blokken),
                "bron_naam": "demo.txt",
                "bron": bron,
            },
            paden=paden(),
        )

    def advies(
        self, id_: int, jaar: int, volgnummer: int, plek: float, status: str
    ) -> tuple[dict[str, Any], list[dict[str, Any]], dict[str, Any] | None]:
        """The advice row, its history rows and its draft text version (None when it has no draft):
        registration, then each step of the shortest path to `status`, each filling in its fields."""
        # Every other advice is unsolicited, where its kind can reach the state at all.
        soort = ONGEVRAAGD if volgnummer % 2 and status in self.paden[ONGEVRAAGD] else GEVRAAGD
        dag = date(jaar, 1, 2) + timedelta(days=int(plek * 300))
        advies = self._geregistreerd(id_, jaar, volgnummer, soort, status, dag)
        regels = [self._regel(id_, REGISTREREN, None, BEGINSTATUS[soort], dag)]
        tekst_op = None if soort == GEVRAAGD else dag  # an unsolicited advice is drafted as it is registered
        for stap, van, naar in self.paden[soort][status]:
            dag += timedelta(days=_dagen_na_vorige(stap, volgnummer))
            if stap == "concept":
                tekst_op = dag
            self._vul_in(advies, stap, dag, volgnummer)
            regels.append(self._regel(id_, stap, van, naar, dag))
        return advies, regels, None if tekst_op is None else self._versie(id_, tekst_op)

    def _geregistreerd(
        self, id_: int, jaar: int, volgnummer: int, soort: str, status: str, dag: date
    ) -> dict[str, Any]:
        """The row as registration left it (workflow/registratie.py), with its final status."""
        gevraagd = soort == GEVRAAGD
        return {
            "id": id_,
            "kenmerk": kenmerk.formatteer(self.voorvoegsel, jaar, volgnummer),
            "jaar": jaar,
            "volgnummer": volgnummer,
            "achtervoegsel": "",
            "onderwerp": f"Gegenereerd advies {volgnummer} over {jaar}",
            "soort": soort,
            "status": status,
            "geregistreerd_op": dag,
            "ontvangen_op": dag if gevraagd else None,
            "adviestermijn": dag + timedelta(days=42) if gevraagd else None,
            "rijversie": 1,
        }

    def _vul_in(self, advies: dict[str, Any], stap: str, dag: date, volgnummer: int) -> None:
        """The fields the service of `stap` sets (workflow/levensloop.py)."""
        if stap == "agenderen":
            advies["vergadering_op"] = dag
        elif stap == "vaststellen":
            advies.update(vastgesteld_op=dag, vastgestelde_versie=1, vastgestelde_sha256=self.tekstrij["sha256"])
        elif stap == "verzenden":
            advies.update(
                verzonden_op=dag, reactie_uiterlijk=termijnen.reactie_uiterlijk(dag, self.weken, self.kalender)
            )
        elif stap == "reactie":
            advies.update(reactie_ontvangen_op=dag, oordeel=_OORDELEN[volgnummer % 4])

    def _regel(self, id_: int, stap: str, van: str | None, naar: str, dag: date) -> dict[str, Any]:
        op = datetime.combine(dag, time(12), UTC)
        return {
            "advies_id": id_,
            "gebeurtenis": stap,
            "van": van,
            "naar": naar,
            "door": self.door,
            "op": op,
            "notitie": _NOTITIE,
        }

    def _versie(self, id_: int, dag: date) -> dict[str, Any]:
        op = datetime.combine(dag, time(12), UTC)
        return {"advies_id": id_, "versie": 1, **self.tekstrij, "aangemaakt_op": op, "door": self.door}
