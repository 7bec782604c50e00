"""Moving a response due date: a suspension (opschorting) or an extension (verlenging), each kept
as a row of its own (for `toon` and the overlap check) and as a history entry with the old and new date."""

from __future__ import annotations

from datetime import date, timedelta

from sqlmodel import Session, col, select

from adviesfouten import Conflict, OngeldigeInvoer
from opslag.modellen import Advies, Termijnwijziging
from workflow import raadskalender
from workflow.adviezen import leg_vast, niet_voor, nu, verplichte_tekst, zet_stap, zoek
from workflow.domein import termijnen
from workflow.domein.datums import dagen_tot_en_met
from workflow.domein.rechten import Rechten

OPSCHORTING = "opschorting"
VERLENGING = "verlenging"
CORRECTIE = "correctie"  # the due date set by hand (`corrigeer --uiterlijk`)
MAX_OPSCHORTING_DAGEN = 366  # a pause of more than a year is a typing error, not an agreement


def schort_op(sessie: Session, rechten: Rechten, invoer: str, van: date, tot: date, reden: str) -> Advies:
    """Pause the response term of a sent advice from `van` to `tot` (both included): the due date moves
    on by those days, then the Atw rule again (when the setting says the Atw applies)."""
    reden = verplichte_tekst(reden, "de reden")
    advies = zoek(sessie, invoer)
    vorige_status = zet_stap(advies, rechten, "opschorten")
    was = advies.reactie_uiterlijk
    assert was is not None and advies.verzonden_op is not None, "a sent advice has its due date"
    _controleer_periode(sessie, advies, van, tot, was)
    dagen = dagen_tot_en_met(van, tot)
    werd = termijnen.schuif(was + timedelta(days=dagen), raadskalender.termijnkalender(sessie))
    advies.reactie_uiterlijk = werd
    _bewaar(sessie, advies, OPSCHORTING, van, tot, reden, was, werd, rechten.gebruiker)
    leg_vast(
        sessie,
        advies,
        "opschorten",
        vorige_status,
        rechten.gebruiker,
        f"reactietermijn opgeschort van {van.isoformat()} tot en met {tot.isoformat()} ({dagen} dagen): {reden}; "
        f"reactie uiterlijk was {was.isoformat()}, wordt {werd.isoformat()}",
    )
    return advies


def _controleer_periode(sessie: Session, advies: Advies, van: date, tot: date, uiterlijk: date) -> None:
    if tot < van:
        raise OngeldigeInvoer(f"de opschorting eindigt ({tot.isoformat()}) vóór ze begint ({van.isoformat()})")
    if dagen_tot_en_met(van, tot) > MAX_OPSCHORTING_DAGEN:
        raise OngeldigeInvoer(f"een opschorting duurt hoogstens {MAX_OPSCHORTING_DAGEN} dagen")
    niet_voor(van, advies.verzonden_op, "het begin van de opschorting", "de verzending")
    if van > uiterlijk:
        raise OngeldigeInvoer(
            f"de opschorting begint ({van.isoformat()}) na het einde van de reactietermijn ({uiterlijk.isoformat()}); "
            "een verstreken termijn verlengt u met 'advies termijn'"
        )
    for eerder in opschortingen(sessie, advies):
        assert eerder.van is not None and eerder.tot is not None
        if van <= eerder.tot and eerder.van <= tot:
            raise Conflict(
                f"de opschorting overlapt met die van {eerder.van.isoformat()} tot en met {eerder.tot.isoformat()}"
            )


def opschortingen(sessie: Session, advies: Advies) -> list[Termijnwijziging]:
    return list(
        sessie.exec(
            select(Termijnwijziging)
            .where(Termijnwijziging.advies_id == advies.id, Termijnwijziging.soort == OPSCHORTING)
            .order_by(col(Termijnwijziging.id))
        )
    )


def leg_verlenging_vast(
    sessie: Session, advies: Advies, reden: str, was: date | None, werd: date, door: str
) -> Termijnwijziging:
    return _bewaar(sessie, advies, VERLENGING, None, None, reden, was, werd, door)


def leg_correctie_vast(
    sessie: Session, advies: Advies, reden: str, was: date | None, werd: date, door: str
) -> Termijnwijziging:
    return _bewaar(sessie, advies, CORRECTIE, None, None, reden, was, werd, door)


def _bewaar(
    sessie: Session,
    advies: Advies,
    soort: str,
    van: date | None,
    tot: date | None,
    reden: str,
    was: date | None,
    werd: date,
    door: str,
) -> Termijnwijziging:
    assert advies.id is not None
    rij = Termijnwijziging(
        advies_id=advies.id,
        soort=soort,
        van=van,
        tot=tot,
        reden=reden,
        uiterlijk_was=was,
        uiterlijk_werd=werd,
        door=door,
        op=nu(),
    )
    sessie.add(advies)
    sessie.add(rij)
    sessie.flush()
    return rij
