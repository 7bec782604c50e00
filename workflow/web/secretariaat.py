"""The secretary's forms beyond the steps of one advice: a supplement (`advies aanvulling`) and the
calendar of the Algemene termijnenwet (`advies feestdag`). Each calls the service its command
calls, as the person logged in: the same rights, the same rules, and for the calendar the same
recomputation of the open advices' due dates (`workflow.herberekening`), in the same transaction.

As for the steps (`paginas.stap`): who and which role are checked before a posted body is read,
every form carries the CSRF token, and a refusal is one sentence on the page with nothing changed."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlmodel import Session
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from adviesfouten import AdviesFout
from workflow import overzichten
from workflow.domein.datums import lange_datum
from workflow.domein.rechten import Rechten
from workflow.web import paginas, stappen
from workflow.web.beveiliging import csrf_klopt

if TYPE_CHECKING:
    from workflow.herberekening import Verschuiving


# --- a supplement ----------------------------------------------------------------------------------


async def aanvulling(request: Request) -> Response:
    """**Aanvulling** on the advice page: `registratie.registreer_aanvulling`, then to the new advice."""
    kenmerk = request.path_params["kenmerk"]
    gevonden: dict[str, str] = {}

    def controleer(s: Session, wie: Rechten) -> paginas.Uitkomst:
        wie.vereis_secretaris()  # the check of registratie itself: GeenRecht, 403
        gevonden["kenmerk"] = overzichten.vind(s.connection(), kenmerk)[1]
        return Response()

    weigering = await run_in_threadpool(paginas._lezen, request, controleer)
    if weigering.status_code != 200 or "kenmerk" not in gevonden:
        return weigering
    formulier = await paginas._formulier(request)
    if not csrf_klopt(request, formulier.velden.get("csrf")):
        return paginas._fout(request, paginas.ONGELDIG_FORMULIER, 403)
    return await run_in_threadpool(_registreer_aanvulling, request, gevonden["kenmerk"], formulier)


def _registreer_aanvulling(request: Request, kenmerk: str, formulier: stappen.Formulier) -> Response:
    naam = paginas._naam(request)
    assert naam is not None
    try:
        nieuw = paginas._register(request).als(naam).wijzigen(stappen.aanvulling(kenmerk, formulier))
    except AdviesFout as fout:
        return paginas._opnieuw(request, kenmerk, paginas._zin(str(fout)), paginas.status_voor(fout))
    paginas.log.info("%s: aanvulling %s door %s", kenmerk, nieuw.kenmerk, naam)
    request.session["melding"] = f"{nieuw.kenmerk} is geregistreerd als aanvulling op {kenmerk}."
    return RedirectResponse(paginas._pad(nieuw.kenmerk), status_code=303)


# --- the calendar ------------------------------------------------------------------------------------


def _jaar(request: Request, waarde: str | None) -> int:
    """The year asked for (`?jaar=`), within the calendar's range; otherwise this year."""
    from workflow.domein.termijnen import EERSTE_JAAR, LAATSTE_JAAR

    tekst = (waarde or "").strip()
    if tekst.isascii() and tekst.isdigit() and len(tekst) == 4 and EERSTE_JAAR <= int(tekst) <= LAATSTE_JAAR:
        return int(tekst)
    return paginas._dag(request).year


def _kalender(s: Session, wie: Rechten, jaar: int) -> dict[str, Any]:
    """What `advies feestdag lijst JAAR` shows, and for the secretary which days `verwijderen` takes."""
    from workflow import feestdagen, instellingen
    from workflow.domein.termijnen import EERSTE_JAAR, LAATSTE_JAAR

    dagen = feestdagen.lijst(s, jaar)
    besluiten = list(dict.fromkeys(d["grondslag"] for d in dagen if d["bron"] == "besluit"))
    return {
        "jaar": jaar,
        "eerste": EERSTE_JAAR,
        "laatste": LAATSTE_JAAR,
        "dagen": dagen,
        "besluiten": besluiten,
        "toegepast": instellingen.lees(s).termijn_termijnenwet,
        "verwijderbaar": feestdagen.verwijderbaar(s, jaar) if wie.is_secretaris else [],
        "fout": None,
        "velden": {},
    }


def feestdagen_pagina(request: Request) -> Response:
    """The days of a year on which a term does not end, with their source; for the secretary the
    forms to add or remove one. Anyone logged in may read it, as anyone may run `feestdag lijst`."""
    jaar = _jaar(request, request.query_params.get("jaar"))
    return paginas._lezen(request, lambda s, wie: ("feestdagen.html", _kalender(s, wie, jaar)))


async def feestdag_toevoegen(request: Request) -> Response:
    return await _feestdag(request, "toevoegen")


async def feestdag_verwijderen(request: Request) -> Response:
    return await _feestdag(request, "verwijderen")


async def _feestdag(request: Request, wat: str) -> Response:
    def controleer(s: Session, wie: Rechten) -> paginas.Uitkomst:
        wie.vereis_secretaris()  # the check of feestdagen.voeg_toe and verwijder: GeenRecht, 403
        return Response()

    weigering = await run_in_threadpool(paginas._lezen, request, controleer)
    if weigering.status_code != 200:
        return weigering
    gelezen = await request.form(max_files=0, max_fields=10, max_part_size=stappen.MAX_VELD * 4)
    formulier = stappen.Formulier({k: v for k, v in gelezen.items() if isinstance(v, str)})
    await gelezen.close()
    if not csrf_klopt(request, formulier.velden.get("csrf")):
        return paginas._fout(request, paginas.ONGELDIG_FORMULIER, 403)
    return await run_in_threadpool(_wijzig_kalender, request, wat, formulier)


def _wijzig_kalender(request: Request, wat: str, formulier: stappen.Formulier) -> Response:
    from workflow import feestdagen

    naam = paginas._naam(request)
    assert naam is not None
    jaar = _jaar(request, formulier.velden.get("jaar"))
    try:
        datum = formulier.datum("datum", "de datum")
        jaar = datum.year
        reden = formulier.tekst("reden")
        if wat == "toevoegen":
            bron = formulier.tekst("bron").strip() or None
            verschoven = (
                paginas._register(request)
                .als(naam)
                .wijzigen(lambda s, wie: feestdagen.voeg_toe(s, wie, datum, reden or None, bron))
            )
            zin = f"{lange_datum(datum)} is toegevoegd aan de kalender."
        else:
            verschoven = (
                paginas._register(request).als(naam).wijzigen(lambda s, wie: feestdagen.verwijder(s, wie, datum, reden))
            )
            zin = f"{lange_datum(datum)} is uit de kalender gehaald."
    except AdviesFout as fout:
        bericht, status = paginas._zin(str(fout)), paginas.status_voor(fout)
        velden = {k: v for k, v in formulier.velden.items() if k != "csrf"}
        return paginas._lezen(
            request,
            lambda s, wie: ("feestdagen.html", {**_kalender(s, wie, jaar), "fout": bericht, "velden": velden}, status),
        )
    paginas.log.info("feestdag %s %s door %s", wat, datum.isoformat(), naam)
    request.session["melding"] = zin + " " + _verschuivingen(verschoven)
    return RedirectResponse(f"/feestdagen?jaar={jaar}", status_code=303)


def _verschuivingen(verschoven: list[Verschuiving]) -> str:
    """What the recomputation moved, in words (`advies feestdag` prints it as a table)."""
    if not verschoven:
        return "Geen reactietermijn van een open advies verschuift hierdoor."
    delen = [f"{v.kenmerk} van {lange_datum(v.was)} naar {lange_datum(v.werd)}" for v in verschoven]
    return "Herberekende reactietermijnen: " + "; ".join(delen) + "."
