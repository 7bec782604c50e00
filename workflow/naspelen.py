"""Replaying an archive's register: what only the whole register shows, after every row passed
`workflow.archiefcontrole` on its own.

- Each step after the council registered its first user was taken by someone registered at
  that moment (before that, in one-user mode, anyone took every step). The history records who
  took a step, not the role they had then, and a role can change later; so the role itself is
  not proven, only that the step was not taken by someone who could take none.
- The steps left the documents they make: `verzenden` the final letter of the approved version,
  `herinnering` a reminder letter numbered in the letter series (`CRB 2021-02`) of its year;
  a document named in the history belongs to the same advice.
- Kenmerken carry the prefix in force when they were given: the setting's value now, or, for
  what was numbered before the setting was last changed, an earlier one.
- A suspension or extension belongs to an advice that was sent.
- An advice's text versions are numbered 1, 2, 3, ... without a gap, as `advies concept` numbers them.

The history's path through the state machine (from registration, each row from where the one
before ended, ending in the advice's status) is `workflow.invarianten`, checked once on the
register as imported.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

from adviesfouten import AdviesFout
from workflow import instellingen, invoer
from workflow.domein import kenmerk as kenmerken

Rij = dict[str, Any]
Rijen = dict[str, list[Rij]]

VERZENDEN, HERINNERING = "verzenden", "herinnering"
EINDBRIEF, HERINNERINGSBRIEF = "brief", "herinnering"  # workflow.brieven's kinds of document


def problemen(rijen: Rijen) -> Iterator[str]:
    adviezen = {a["id"]: a for a in rijen["advies"]}
    yield from _wie_stappen_zette(rijen, adviezen)
    yield from _documenten_van_stappen(rijen, adviezen)
    yield from _advieskenmerken(rijen)
    yield from _briefreeks(rijen, adviezen)
    yield from _termijnwijzigingen(rijen, adviezen)
    yield from _versies(rijen, adviezen)


def _wie_stappen_zette(rijen: Rijen, adviezen: dict[int, Rij]) -> Iterator[str]:
    """In multi-user mode only a registered user takes a step. Users are never all removed (the
    last secretary stays), so from the first registration on, every step needs one; a user who is
    no longer in the archive may have been removed, and is given the benefit of the doubt."""
    gebruikers = {g["naam"]: g["aangemaakt_op"] for g in rijen["gebruiker"]}
    if not gebruikers:
        return
    sinds = min(gebruikers.values())
    for regel in rijen["geschiedenis"]:
        geregistreerd = gebruikers.get(regel["door"])
        if regel["op"] >= sinds and geregistreerd is not None and geregistreerd > regel["op"]:
            yield (
                f"{adviezen[regel['advies_id']]['kenmerk']}: '{regel['gebeurtenis']}' op "
                f"{regel['op'].isoformat()} door '{invoer.zichtbaar(regel['door'])}', die pas op "
                f"{geregistreerd.isoformat()} gebruiker werd"
            )


def _documenten_van_stappen(rijen: Rijen, adviezen: dict[int, Rij]) -> Iterator[str]:
    documenten = {d["id"]: d for d in rijen["document"]}
    for regel in rijen["geschiedenis"]:
        advies = adviezen[regel["advies_id"]]
        document = documenten.get(regel["document_id"]) if regel["document_id"] is not None else None
        if document is not None and document["advies_id"] != advies["id"]:
            yield (
                f"{advies['kenmerk']}: de geschiedenis ('{regel['gebeurtenis']}') noemt een document van een "
                "ander advies"
            )
        elif regel["gebeurtenis"] == VERZENDEN:
            if document is None or document["soort"] != EINDBRIEF:
                yield f"{advies['kenmerk']}: 'verzenden' zonder de verzonden brief"
            elif document["tekstversie"] != advies["vastgestelde_versie"]:
                yield (
                    f"{advies['kenmerk']}: de verzonden brief is van versie {document['tekstversie']}, "
                    f"vastgesteld is versie {advies['vastgestelde_versie']}"
                )
        elif regel["gebeurtenis"] == HERINNERING and (document is None or document["soort"] != HERINNERINGSBRIEF):
            yield f"{advies['kenmerk']}: 'herinnering' zonder de herinneringsbrief"


def _advieskenmerken(rijen: Rijen) -> Iterator[str]:
    registratie = {r["advies_id"]: r["op"] for r in rijen["geschiedenis"] if r["gebeurtenis"] == "registreren"}
    voorvoegsel = _voorvoegsel(rijen, "kenmerk.advies")
    for advies in rijen["advies"]:
        probleem = voorvoegsel.probleem(advies["kenmerk"], registratie.get(advies["id"]))
        if probleem:
            yield f"{advies['kenmerk']}: {probleem}"


def _briefreeks(rijen: Rijen, adviezen: dict[int, Rij]) -> Iterator[str]:
    """A reminder has the next number of the letter series of its date's year; no other document has one."""
    voorvoegsel = _voorvoegsel(rijen, "kenmerk.brief")
    for document in rijen["document"]:
        wie = f"{adviezen[document['advies_id']]['kenmerk']}, document {document['id']}"
        reeks = (document["kenmerk"], document["reeks_jaar"], document["reeks_nummer"])
        if document["soort"] != HERINNERINGSBRIEF:
            if reeks != (None, None, None):
                yield f"{wie}: alleen een herinnering heeft een nummer in de briefreeks"
            continue
        if None in reeks or document["reeks_nummer"] < 1 or document["reeks_jaar"] != document["datum"].year:
            yield f"{wie}: een herinnering heeft een nummer in de briefreeks van het jaar van haar datum"
            continue
        verwacht = kenmerken.formatteer(
            document["kenmerk"].split(" ", 1)[0], document["reeks_jaar"], document["reeks_nummer"]
        )
        if document["kenmerk"] != verwacht:
            yield f"{wie}: het kenmerk '{invoer.zichtbaar(document['kenmerk'])}' is niet '{verwacht}'"
        elif probleem := voorvoegsel.probleem(document["kenmerk"], document["aangemaakt_op"]):
            yield f"{wie}: {probleem}"


class _Voorvoegsel:
    """A prefix setting: its value now, and when it was last changed (None: never, the default)."""

    def __init__(self, sleutel: str, waarde: str, gewijzigd: datetime | None) -> None:
        self.sleutel, self.waarde, self.gewijzigd = sleutel, waarde, gewijzigd

    def probleem(self, kenmerk: str, gegeven: datetime | None) -> str | None:
        gevonden = kenmerk.split(" ", 1)[0]
        if gevonden == self.waarde:
            return None
        if self.gewijzigd is not None and gegeven is not None and gegeven <= self.gewijzigd:
            try:
                instellingen.controleer_waarde(self.sleutel, gevonden, None)
            except AdviesFout as fout:
                return str(fout)
            return None
        return (
            f"het voorvoegsel '{gevonden}' is niet dat van {self.sleutel} ('{self.waarde}'), en het kenmerk "
            "werd niet gegeven voordat die instelling veranderde"
        )


def _voorvoegsel(rijen: Rijen, sleutel: str) -> _Voorvoegsel:
    for rij in rijen["instelling"]:
        if rij["sleutel"] == sleutel:
            return _Voorvoegsel(sleutel, rij["waarde"], rij["gewijzigd_op"])
    return _Voorvoegsel(sleutel, instellingen.DEFINITIES[sleutel].standaard, None)


def _termijnwijzigingen(rijen: Rijen, adviezen: dict[int, Rij]) -> Iterator[str]:
    for wijziging in rijen["termijnwijziging"]:
        advies = adviezen[wijziging["advies_id"]]
        if advies["verzonden_op"] is None:
            yield f"{advies['kenmerk']}: een {wijziging['soort']} van de reactietermijn, maar het is niet verzonden"


def _versies(rijen: Rijen, adviezen: dict[int, Rij]) -> Iterator[str]:
    per_advies: dict[int, list[int]] = {}
    for versie in rijen["tekstversie"]:
        per_advies.setdefault(versie["advies_id"], []).append(versie["versie"])
    for advies_id, nummers in sorted(per_advies.items()):
        if sorted(nummers) != list(range(1, len(nummers) + 1)):
            yield (
                f"{adviezen[advies_id]['kenmerk']}: de tekstversies zijn {', '.join(map(str, sorted(nummers)))}, "
                f"niet 1 tot en met {len(nummers)}"
            )
