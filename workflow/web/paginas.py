"""The pages and forms of the web page. Each reads in one transaction of the register acting as the
person logged in, and each change goes through `Register.als(naam).wijzig_advies_versie` with the
service the CLI uses: same rights, same state machine, same history, with that person as `door`."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import date
from typing import Any
from urllib.parse import quote

from sqlmodel import Session
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from opslag.fouten import OpslagFout
from workflow import instellingen, overzichten, wachtwoorden
from workflow.adviezen import zoek
from workflow.fouten import AdviesFout
from workflow.rechten import Rechten
from workflow.register import Register
from workflow.toestanden import STATUSSEN, mag_stap, rol_voor
from workflow.web import inhoud, stappen, werk
from workflow.web.beveiliging import csrf_klopt

log = logging.getLogger("advies.web")
Uitkomst = Response | tuple[str, dict[str, Any]] | tuple[str, dict[str, Any], int]
VERLOPEN = "Uw sessie is verlopen. Log opnieuw in."
ONGELDIG_FORMULIER = "Dit formulier is verlopen of niet van deze pagina; er is niets gewijzigd. Laad de pagina opnieuw."
GELUKT = {
    "vaststellen": "Het advies is vastgesteld.",
    "terugsturen": "Het advies is teruggestuurd naar de secretaris.",
    "concept": "De nieuwe conceptversie is opgeslagen.",
    "agenderen": "Het advies staat op de agenda.",
    "verzenden": "Het advies is verzonden.",
    "reactie": "De reactie van het college is vastgelegd.",
    "termijn": "De reactietermijn is verlengd.",
    "herinnering": "De herinnering is gemaakt; u vindt de brief bij de documenten.",
    "intrekken": "Het advies is ingetrokken.",
}


class Verboden(Exception):
    """A request for something this person's role may not do (a forged form): 403, nothing changed."""


class NietIngelogd(Exception):
    """No session, an expired one, or a user who is no longer registered."""


# --- helpers -------------------------------------------------------------------------------------


def _register(request: Request) -> Register:
    register: Register = request.app.state.register
    return register


def _naam(request: Request) -> str | None:
    naam = request.session.get("naam")
    return naam if isinstance(naam, str) else None


def _toon(request: Request, sjabloon: str, gegevens: dict[str, Any], status: int = 200) -> Response:
    context = {"gebruiker": _naam(request), "wie": None, "melding": request.session.pop("melding", None), **gegevens}
    return request.app.state.templates.TemplateResponse(request, sjabloon, context, status_code=status)  # type: ignore[no-any-return]


def _fout(request: Request, bericht: str, status: int, wie: Rechten | None = None) -> Response:
    return _toon(request, "fout.html", {"fout": bericht, "wie": wie}, status)


def _naar_inloggen(request: Request, melding: str | None = None) -> Response:
    request.session.pop("naam", None)
    if melding:
        request.session["melding"] = melding
    volgende = request.url.path if request.method == "GET" and request.url.path != "/" else ""
    doel = f"/inloggen?volgende={quote(volgende, safe='/')}" if volgende else "/inloggen"
    return RedirectResponse(doel, status_code=303)


def _lezen(request: Request, maak: Callable[[Session, Rechten], Uitkomst]) -> Response:
    """Run `maak` in one reading transaction as the person logged in; show what it returns.

    Not logged in, idle too long or no longer registered: to the login page. A refusal of the
    register becomes one Dutch sentence on the page."""
    naam = _naam(request)
    if naam is None:
        return _naar_inloggen(request)
    wie: Rechten | None = None
    try:
        with _register(request).als(naam).lezen() as (s, wie):
            _houd_sessie_bij(request, s)
            uitkomst = maak(s, wie)
    except NietIngelogd as reden:
        return _naar_inloggen(request, str(reden) or None)
    except Verboden as reden:
        return _fout(request, str(reden), 403, wie)
    except AdviesFout as fout:
        if wie is None:  # refused before the block: this name is no longer a registered user
            return _naar_inloggen(request, "U heeft geen toegang meer tot het register.")
        return _fout(request, _zin(str(fout)), 404 if str(fout).startswith("onbekend kenmerk") else 400, wie)
    except OpslagFout as fout:
        return _fout(request, _zin(str(fout)), 503, wie)
    if isinstance(uitkomst, Response):
        return uitkomst
    sjabloon, gegevens, *status = uitkomst
    return _toon(request, sjabloon, {"wie": wie, **gegevens}, *status)


def _houd_sessie_bij(request: Request, s: Session) -> None:
    """End the session after `web.sessie_minuten` without activity; otherwise note this activity."""
    nu = int(time.time())
    actief = request.session.get("actief")
    minuten = int(instellingen.lees(s, "web.sessie_minuten"))
    if not isinstance(actief, int) or nu - actief > minuten * 60:
        raise NietIngelogd(VERLOPEN)
    if nu - actief >= 30:  # re-signing the cookie now and then is enough to keep it alive
        request.session["actief"] = nu


def _zin(tekst: str) -> str:
    """A service's refusal as a sentence on the page: capital first, full stop last."""
    tekst = tekst.strip()
    if not tekst:
        return "Er ging iets mis; er is niets gewijzigd."
    tekst = tekst[0].upper() + tekst[1:]
    return tekst if tekst.endswith((".", "?", "!")) else tekst + "."


def _pad(kenmerk: str) -> str:
    return "/adviezen/" + quote(kenmerk.replace(" ", "-"))


async def _formulier(request: Request) -> stappen.Formulier:
    """The posted fields and files; a file is read up to its bound plus one byte, so a larger one is refused."""
    gelezen = await request.form(max_files=2, max_fields=30, max_part_size=stappen.MAX_VELD * 4)
    velden: dict[str, str] = {}
    bestanden: dict[str, tuple[str, bytes]] = {}
    for sleutel, waarde in gelezen.multi_items():
        if isinstance(waarde, UploadFile):
            if waarde.filename:
                naam = waarde.filename.replace("\\", "/").rsplit("/", 1)[-1][:200] or "bestand"
                bestanden[sleutel] = (naam, await waarde.read(stappen.MAX_DOCUMENT + 1))
        else:
            velden[sleutel] = waarde
    await gelezen.close()
    return stappen.Formulier(velden, bestanden)


def _dag(request: Request) -> date:
    """Today, for the forms' default dates and the signals (a test client may not set it)."""
    return date.today()


# --- logging in and out --------------------------------------------------------------------------


def inloggen_tonen(request: Request) -> Response:
    if _naam(request) is not None:
        return RedirectResponse("/", status_code=303)
    return _toon(request, "inloggen.html", {"fout": None, "volgende": _volgende(request.query_params.get("volgende"))})


async def inloggen(request: Request) -> Response:
    gelezen = await request.form(max_files=0, max_fields=10, max_part_size=4096)
    velden = {k: v for k, v in gelezen.items() if isinstance(v, str)}
    volgende = _volgende(velden.get("volgende"))
    if not csrf_klopt(request, velden.get("csrf")):
        return _toon(request, "inloggen.html", {"fout": ONGELDIG_FORMULIER, "volgende": volgende}, 403)
    naam, wachtwoord = velden.get("gebruikersnaam", ""), velden.get("wachtwoord", "")
    register = _register(request)
    try:
        uitkomst = await run_in_threadpool(
            register.wijzigen, lambda s, _wie: wachtwoorden.meld_aan(s, naam, wachtwoord)
        )
    except (AdviesFout, OpslagFout) as fout:
        return _toon(request, "inloggen.html", {"fout": _zin(str(fout)), "volgende": volgende}, 503)
    if uitkomst.naam is None:
        status = 401 if uitkomst.melding == wachtwoorden.ONJUIST else 429
        return _toon(request, "inloggen.html", {"fout": uitkomst.melding, "volgende": volgende}, status)
    request.session.clear()  # a fresh session, with a fresh CSRF token, for the person now known
    request.session.update({"naam": uitkomst.naam, "actief": int(time.time())})
    log.info("ingelogd: %s", uitkomst.naam)
    return RedirectResponse(volgende or "/", status_code=303)


def _volgende(waarde: str | None) -> str:
    """Only a path on this site: never another host (`//elders`)."""
    if waarde and waarde.startswith("/") and not waarde.startswith("//") and "\\" not in waarde:
        return waarde
    return ""


def uitloggen(request: Request) -> Response:
    request.session.clear()
    request.session["melding"] = "U bent uitgelogd."
    return RedirectResponse("/inloggen", status_code=303)


# --- pages ---------------------------------------------------------------------------------------


def mijn_werk(request: Request) -> Response:
    from workflow.web.agenda import adres

    return _lezen(
        request, lambda s, wie: ("mijn_werk.html", {**werk.mijn_werk(s, wie, _dag(request)), "agenda": adres(s, wie)})
    )


def register_pagina(request: Request) -> Response:
    def maak(s: Session, wie: Rechten) -> Uitkomst:
        jaar_tekst = request.query_params.get("jaar", "").strip()
        status = request.query_params.get("status", "").strip()
        zoekterm = request.query_params.get("zoek", "").strip()[:200]
        jaar = int(jaar_tekst) if jaar_tekst.isdigit() and len(jaar_tekst) == 4 else None
        if status not in STATUSSEN:
            status = ""
        rijen, totaal = overzichten.zoek_in_register(s.connection(), jaar, status or None, zoekterm or None)
        return "adviezen.html", {
            "rijen": rijen,
            "totaal": totaal,
            "jaar": jaar,
            "status": status,
            "zoek": zoekterm,
            "statussen": STATUSSEN,
            "jaren": inhoud.jaren(s),
        }

    return _lezen(request, maak)


def advies_pagina(request: Request) -> Response:
    kenmerk = request.path_params["kenmerk"]
    return _lezen(request, lambda s, wie: ("advies.html", inhoud.advies(s, wie, kenmerk, _dag(request))))


def nieuw_tonen(request: Request) -> Response:
    def maak(s: Session, wie: Rechten) -> Uitkomst:
        if not wie.is_secretaris:
            raise Verboden(_zin(wie.uitleg_rol("secretaris")))
        return "nieuw.html", {"fout": None, "velden": {}, "vandaag": _dag(request).isoformat()}

    return _lezen(request, maak)


async def nieuw(request: Request) -> Response:
    formulier = await _formulier(request)
    if not csrf_klopt(request, formulier.velden.get("csrf")):
        return _fout(request, ONGELDIG_FORMULIER, 403)
    return await run_in_threadpool(_registreer, request, formulier)


def _registreer(request: Request, formulier: stappen.Formulier) -> Response:
    def controleer(s: Session, wie: Rechten) -> Uitkomst:
        if not wie.is_secretaris:
            raise Verboden(_zin(wie.uitleg_rol("secretaris")))
        return Response()

    weigering = _lezen(request, controleer)
    if weigering.status_code != 200:
        return weigering
    naam = _naam(request)
    assert naam is not None
    try:
        advies = _register(request).als(naam).wijzigen(stappen.registreer(formulier))
    except AdviesFout as fout:
        gegevens = {"fout": _zin(str(fout)), "velden": formulier.velden, "vandaag": _dag(request).isoformat()}
        return _lezen(request, lambda s, wie: ("nieuw.html", gegevens, 400))
    request.session["melding"] = f"{advies.kenmerk} is geregistreerd."
    return RedirectResponse(_pad(advies.kenmerk), status_code=303)


async def stap(request: Request) -> Response:
    formulier = await _formulier(request)
    if _naam(request) is None:
        return _naar_inloggen(request)
    if not csrf_klopt(request, formulier.velden.get("csrf")):
        return _fout(request, ONGELDIG_FORMULIER, 403)
    return await run_in_threadpool(_voer_stap_uit, request, formulier)


def _voer_stap_uit(request: Request, formulier: stappen.Formulier) -> Response:
    kenmerk, stap_naam = request.path_params["kenmerk"], request.path_params["stap"]
    if stap_naam not in GELUKT:
        return _fout(request, "Deze pagina bestaat niet.", 404)
    gezien: dict[str, Any] = {}

    def controleer(s: Session, wie: Rechten) -> Uitkomst:
        if not mag_stap(wie, stap_naam):
            raise Verboden(_zin(wie.uitleg_rol(rol_voor(stap_naam))) + " Er is niets gewijzigd.")
        gezien["advies"] = zoek(s, kenmerk)
        return Response()

    weigering = _lezen(request, controleer)
    if weigering.status_code != 200:
        return weigering
    advies = gezien["advies"]
    naam = _naam(request)
    assert naam is not None
    try:
        rijversie = int(formulier.tekst("rijversie"))
        werk_ = stappen.werk_voor(stap_naam, advies.kenmerk, formulier)
        _register(request).als(naam).wijzig_advies_versie(advies.id, rijversie, werk_)
    except ValueError:
        return _opnieuw(request, advies.kenmerk, "Het formulier mist de versie van het advies; laad de pagina opnieuw.")
    except AdviesFout as fout:
        return _opnieuw(request, advies.kenmerk, _zin(str(fout)))
    log.info("%s: %s door %s", advies.kenmerk, stap_naam, naam)
    request.session["melding"] = GELUKT[stap_naam]
    return RedirectResponse(_pad(advies.kenmerk), status_code=303)


def _opnieuw(request: Request, kenmerk: str, fout: str) -> Response:
    """The advice page as it is now, with the refusal on top: nothing was changed."""
    return _lezen(
        request, lambda s, wie: ("advies.html", {**inhoud.advies(s, wie, kenmerk, _dag(request)), "fout": fout}, 409)
    )


# --- downloads -----------------------------------------------------------------------------------


def document(request: Request) -> Response:
    kenmerk, nummer = request.path_params["kenmerk"], request.path_params["document_id"]
    return _lezen(request, lambda s, wie: _download(*inhoud.document(s, kenmerk, nummer)))


def conceptbrief_docx(request: Request) -> Response:
    return _lezen(request, lambda s, wie: _download(*inhoud.conceptbrief(s, request.path_params["kenmerk"])))


def conceptbrief_pdf(request: Request) -> Response:
    from sjablonen import pdf

    if pdf.soffice() is None:
        return _lezen(
            request,
            lambda s, wie: (
                "fout.html",
                {
                    "fout": "Er kan hier geen PDF worden gemaakt: LibreOffice is niet geïnstalleerd op de server. "
                    "Download de conceptbrief als Word-bestand."
                },
                503,
            ),
        )
    gevonden: dict[str, tuple[str, bytes]] = {}

    def lees(s: Session, wie: Rechten) -> Uitkomst:
        gevonden["brief"] = inhoud.conceptbrief(s, request.path_params["kenmerk"])
        return Response()

    antwoord = _lezen(request, lees)
    if "brief" not in gevonden:
        return antwoord
    naam, docx = gevonden["brief"]
    try:
        return _download(naam.removesuffix(".docx") + ".pdf", pdf.naar_pdf(docx, naam))
    except AdviesFout as fout:
        return _fout(request, _zin(str(fout)), 503)


def _download(naam: str, data: bytes) -> Response:
    soorten = {
        ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ".pdf": "application/pdf",
        ".md": "text/markdown; charset=utf-8",
        ".txt": "text/plain; charset=utf-8",
    }
    achtervoegsel = "." + naam.rsplit(".", 1)[-1].lower() if "." in naam else ""
    veilig = "".join(t if t.isascii() and (t.isalnum() or t in "-_.") else "_" for t in naam) or "document"
    return Response(
        data,
        media_type=soorten.get(achtervoegsel, "application/octet-stream"),
        headers={"Content-Disposition": f"attachment; filename=\"{veilig}\"; filename*=UTF-8''{quote(naam)}"},
    )


# --- errors --------------------------------------------------------------------------------------


async def niet_gevonden(request: Request, exc: Exception) -> Response:
    return _fout(request, "Deze pagina bestaat niet.", 404)


async def serverfout(request: Request, exc: Exception) -> Response:
    log.exception("onverwachte fout", exc_info=exc)
    return _fout(request, "Er ging iets mis op de server; er is niets gewijzigd. Probeer het later opnieuw.", 500)
