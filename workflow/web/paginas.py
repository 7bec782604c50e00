"""The pages and forms of the web page. Each reads in one transaction of the register acting as the
person logged in, and each change goes through `Register.als(naam).wijzig_advies_versie` with the
service the CLI uses: same rights, same state machine, same history, with that person as `door`."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from typing import Any
from urllib.parse import quote

from sqlmodel import Session
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from adviesfouten import AdviesFout, Conflict, GeenRecht, NietGevonden, OngeldigeInvoer, Storing
from opslag.database import leesverbinding
from workflow import instellingen, levensloop, overzichten, wachtwoorden, websessies, werkvoorraad
from workflow.domein.rechten import Rechten
from workflow.domein.toestanden import STATUSSEN, mag_stap, rol_voor
from workflow.register import Register
from workflow.web import apparaat, bevestiging, bewaard, inhoud, sessiecookie, stappen, werk, woorden
from workflow.web.beveiliging import csrf_klopt
from workflow.web.pdfs import OPNIEUW_NA

log = logging.getLogger("advies.web")
Uitkomst = Response | tuple[str, dict[str, Any]] | tuple[str, dict[str, Any], int]
VERLOPEN = "Uw sessie is verlopen. Log opnieuw in."
ONGELDIG_FORMULIER = "Dit formulier is verlopen of niet van deze pagina; er is niets gewijzigd. Laad de pagina opnieuw."
MAX_ID = 2**31 - 1  # the largest id a row has on both backends; a longer number in a path is no page
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
    "opschorten": "De reactietermijn is opgeschort.",
    "corrigeer": "De gegevens zijn gecorrigeerd.",
    "bijlage": "Het document is toegevoegd.",
}


# The steps that cannot be undone: the advice page's form shows a confirmation first (`bevestigen`).
BEVESTIGEN = ("vaststellen", "verzenden", "intrekken")
NIETS = {"vaststellen": "vastgesteld", "verzenden": "verzonden", "intrekken": "ingetrokken"}


# The status code of each kind of refusal (adviesfouten): the one table the pages decide by. The
# sentence on the page is the refusal's own, whatever its kind.
STATUS: dict[type[AdviesFout], int] = {
    NietGevonden: 404,
    GeenRecht: 403,
    Conflict: 409,
    OngeldigeInvoer: 400,
    Storing: 503,  # the storage layer's OpslagFout is one
    AdviesFout: 400,  # a refusal none of the kinds fits
}


def status_voor(fout: AdviesFout) -> int:
    """The status code of a refusal, by its kind alone (STATUS), never by its wording."""
    return next(code for soort, code in STATUS.items() if isinstance(fout, soort))


# --- helpers -------------------------------------------------------------------------------------


def _register(request: Request) -> Register:
    register: Register = request.app.state.register
    return register


def _naam(request: Request) -> str | None:
    """The name of whoever this request's session cookie belongs to, looked up once per request (in
    a worker thread: it reads the database). Activity is noted at most once a minute."""
    if hasattr(request.state, "naam"):
        gevonden: str | None = request.state.naam
        return gevonden
    sessie_id = request.cookies.get(sessiecookie.SESSIECOOKIE)
    nu = int(_klok(request))
    stand = websessies.Stand(None)
    if sessie_id:
        register = _register(request)
        with leesverbinding(register.engine()) as verbinding:
            stand = websessies.stand(verbinding, sessie_id, nu)
        if stand.vernieuwen and sessie_id:
            register.wijzigen(lambda s, _wie: websessies.noteer_activiteit(s, sessie_id, nu))
    request.state.naam = stand.naam
    request.state.verlopen = stand.verlopen
    return stand.naam


def _toon(request: Request, sjabloon: str, gegevens: dict[str, Any], status: int = 200) -> Response:
    gebruiker = getattr(request.state, "naam", None)
    context = {
        "gebruiker": gebruiker,
        "wie": None,
        "melding": request.session.pop("melding", None),  # something that worked
        "waarschuwing": request.session.pop("waarschuwing", None),  # something to act on: never styled as success
        "wacht_op_u": None,
        "sessie_minuten": None,
        "bewaard": None,
        **gegevens,
    }
    return request.app.state.templates.TemplateResponse(request, sjabloon, context, status_code=status)  # type: ignore[no-any-return]


def _fout(request: Request, bericht: str, status: int, wie: Rechten | None = None) -> Response:
    return _toon(request, "fout.html", {"fout": bericht, "wie": wie}, status)


def _naar_inloggen(request: Request, melding: str | None = None) -> Response:
    if melding is None and getattr(request.state, "verlopen", False):
        melding = VERLOPEN
    if melding:  # an expired session, a lost registration: a warning, not a success
        request.session["waarschuwing"] = melding
    volgende = request.url.path if request.method == "GET" and request.url.path != "/" else ""
    doel = f"/inloggen?volgende={quote(volgende, safe='/')}" if volgende else "/inloggen"
    antwoord = RedirectResponse(doel, status_code=303)
    if sessiecookie.SESSIECOOKIE in request.cookies:
        sessiecookie.wis_sessie(antwoord, request.app.state.https)
    return antwoord


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
            uitkomst = maak(s, wie)
            menu = _menu(s, wie) if not isinstance(uitkomst, Response) else {}
    except AdviesFout as fout:
        if wie is None and isinstance(fout, GeenRecht):  # refused before the block: no longer a registered user
            return _naar_inloggen(request, "U heeft geen toegang meer tot het register.")
        return _fout(request, _zin(str(fout)), status_voor(fout), wie)
    if isinstance(uitkomst, Response):
        return uitkomst
    sjabloon, gegevens, *status = uitkomst
    return _toon(request, sjabloon, {"wie": wie, **menu, **gegevens}, *status)


def _menu(s: Session, wie: Rechten) -> dict[str, Any]:
    """What every page's frame shows besides the page: for the chair how many drafts wait for her
    (one COUNT on the status index), and the idle limit the page warns before (`sessie.js`)."""
    return {
        "wacht_op_u": werkvoorraad.wacht_op_vaststelling(s.connection()) if wie.is_voorzitter else None,
        "sessie_minuten": instellingen.lees(s).web_sessie_minuten,
    }


def _zin(tekst: str) -> str:
    """A service's refusal as a sentence on the page: in the web's words (no command line, dates and
    statuses in words: `woorden.webzin`), capital first, full stop last."""
    tekst = woorden.webzin(tekst.strip())
    if not tekst:
        return "Er ging iets mis; er is niets gewijzigd."
    tekst = tekst[0].upper() + tekst[1:]
    return tekst if tekst.endswith((".", "?", "!")) else tekst + "."


def _pad(kenmerk: str) -> str:
    return "/adviezen/" + quote(kenmerk.replace(" ", "-"))


async def _formulier(request: Request) -> stappen.Formulier:
    """The posted fields and files of an advice's forms."""
    velden, bestanden = await stappen.ontvang(
        request, max_bestand=stappen.MAX_DOCUMENT, max_bestanden=2, max_velden=30, max_deel=stappen.MAX_VELD * 4
    )
    return stappen.Formulier(velden, bestanden)


def _klok(request: Request) -> float:
    """Now in Unix seconds, for the sessions and the kept forms: the app's clock (`maak_app(klok=...)`)."""
    klok: Callable[[], float] = request.app.state.klok
    return klok()


def _dag(request: Request) -> date:
    """Today, for the forms' default dates, the signals and whether the meeting day has come: the
    app's clock (`maak_app(vandaag=...)`), which tests set so that nothing depends on the real date."""
    vandaag: Callable[[], date] = request.app.state.vandaag
    return vandaag()


# --- logging in and out --------------------------------------------------------------------------


def inloggen_tonen(request: Request) -> Response:
    if _naam(request) is not None:
        return RedirectResponse("/", status_code=303)
    return _toon(request, "inloggen.html", {"fout": None, "volgende": _volgende(request.query_params.get("volgende"))})


async def inloggen(request: Request) -> Response:
    """Throttled before this runs (workflow/web/drempel.py); counted and checked without holding a
    transaction (workflow/wachtwoorden.py, which also explains the device cookie)."""
    sleutel: str = request.app.state.sleutel
    bekend = apparaat.lees(sleutel, request.cookies.get(apparaat.COOKIE))
    gelezen = await request.form(max_files=0, max_fields=10, max_part_size=4096)
    velden = {k: v for k, v in gelezen.items() if isinstance(v, str)}
    volgende = _volgende(velden.get("volgende"))
    if not csrf_klopt(request, velden.get("csrf")):
        return _toon(request, "inloggen.html", {"fout": ONGELDIG_FORMULIER, "volgende": volgende}, 403)
    naam, wachtwoord = velden.get("gebruikersnaam", ""), velden.get("wachtwoord", "")
    eigen = bekend[1] if bekend is not None and bekend[0] == naam.strip() else None
    try:
        uitkomst = await run_in_threadpool(wachtwoorden.meld_aan, _register(request), naam, wachtwoord, eigen)
    except AdviesFout as fout:
        return _toon(request, "inloggen.html", {"fout": _zin(str(fout)), "volgende": volgende}, status_voor(fout))
    if uitkomst.naam is None or uitkomst.sessie_id is None:
        if uitkomst.melding == wachtwoorden.ONJUIST:
            return _toon(request, "inloggen.html", {"fout": uitkomst.melding, "volgende": volgende}, 401)
        return _te_vaak(request, uitkomst.melding or "", uitkomst.wacht, volgende)
    await run_in_threadpool(_beeindig, request)  # a session this browser had before ends
    behouden = request.session.get(bewaard.SESSIESLEUTEL)
    request.session.clear()  # a fresh form token for the person now known
    if isinstance(behouden, str):  # the text of a form posted after the session ended (bewaard.py)
        request.session[bewaard.SESSIESLEUTEL] = behouden
    request.session[bewaard.INGELOGD] = True  # this browser logged in: its forms' text may be kept
    antwoord = RedirectResponse(volgende or "/", status_code=303)
    https: bool = request.app.state.https
    sessiecookie.zet_sessie(antwoord, uitkomst.sessie_id, https)
    if eigen is None:
        sessiecookie.zet_apparaat(antwoord, apparaat.maak(sleutel, uitkomst.naam), https)
    log.info("ingelogd: %s", uitkomst.naam)
    return antwoord


def _te_vaak(request: Request, fout: str, wacht: int, volgende: str) -> Response:
    antwoord = _toon(request, "inloggen.html", {"fout": fout, "volgende": volgende}, 429)
    antwoord.headers["Retry-After"] = str(wacht)
    return antwoord


def _beeindig(request: Request) -> None:
    sessie_id = request.cookies.get(sessiecookie.SESSIECOOKIE)
    if sessie_id:
        _register(request).wijzigen(lambda s, _wie: websessies.beeindig(s, sessie_id))


def _volgende(waarde: str | None) -> str:
    """Only a path on this site: never another host (`//elders`)."""
    if waarde and waarde.startswith("/") and not waarde.startswith("//") and "\\" not in waarde:
        return waarde
    return ""


def uitloggen_tonen(request: Request) -> Response:
    """A page with the button: logging out changes something, so only a POST with the token does it."""
    return _lezen(request, lambda s, wie: ("uitloggen.html", {}))


async def uitloggen(request: Request) -> Response:
    gelezen = await request.form(max_files=0, max_fields=5, max_part_size=4096)
    if not csrf_klopt(request, gelezen.get("csrf")):
        return _fout(request, ONGELDIG_FORMULIER, 403)
    await run_in_threadpool(_beeindig, request)
    request.session.clear()
    request.session["melding"] = "U bent uitgelogd."
    antwoord = RedirectResponse("/inloggen", status_code=303)
    sessiecookie.wis_sessie(antwoord, request.app.state.https)
    return antwoord


# --- pages ---------------------------------------------------------------------------------------


def mijn_werk(request: Request) -> Response:
    from workflow.agenda import adres

    return _lezen(
        request, lambda s, wie: ("mijn_werk.html", {**werk.mijn_werk(s, wie, _dag(request)), "agenda": adres(s, wie)})
    )


def register_pagina(request: Request) -> Response:
    def maak(s: Session, wie: Rechten) -> Uitkomst:
        jaar_tekst = request.query_params.get("jaar", "").strip()
        status = request.query_params.get("status", "").strip()
        zoekterm = request.query_params.get("zoek", "").strip()[:200]
        jaar = int(jaar_tekst) if jaar_tekst.isascii() and jaar_tekst.isdigit() and len(jaar_tekst) == 4 else None
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
            "jaren": overzichten.jaren(s.connection()),
        }

    return _lezen(request, maak)


def advies_pagina(request: Request) -> Response:
    kenmerk = request.path_params["kenmerk"]

    def maak(s: Session, wie: Rechten) -> Uitkomst:
        gegevens = inhoud.advies(s, wie, kenmerk, _dag(request))
        return "advies.html", {**gegevens, "bewaard": _terug(request, "advies:" + kenmerk, gegevens["stappen"])}

    return _lezen(request, maak)


BEWAARD = (
    "Wat u typte voordat uw sessie verliep, staat weer in het formulier hieronder. "
    "Er is nog niets opgeslagen: controleer het en kies de knop opnieuw."
)
ZONDER_BESTAND = " Een gekozen bestand is niet bewaard; kies het opnieuw."
VERLOPEN_BEWAARD = (
    "Uw sessie is verlopen, en er is niets opgeslagen. Log opnieuw in: wat u typte, komt dan terug in het formulier."
)


def _terug(request: Request, plek: str, stappen: Any = None) -> bewaard.Formulier | None:
    """The form this browser posted at `plek` after its session ended, taken back once, with the
    notice that it is filled in again and not saved (a warning, never styled as success). Only
    when the page shows that form now (`stappen`: the steps the page offers; None: its one form)."""
    sleutel = request.session.get(bewaard.SESSIESLEUTEL)
    if sleutel is None:
        return None
    gezien = request.app.state.bewaard.bekijk(sleutel, _klok(request))
    if gezien is None or (stappen is not None and gezien.stap not in stappen):
        return None
    formulier = request.app.state.bewaard.neem(sleutel, plek, _klok(request))
    if formulier is None:
        return None
    request.session.pop(bewaard.SESSIESLEUTEL, None)
    request.session["waarschuwing"] = BEWAARD + (ZONDER_BESTAND if formulier.met_bestand else "")
    teruggezet: bewaard.Formulier = formulier
    return teruggezet


async def _bewaar_en_inloggen(request: Request, naar_inloggen: Response, plek: str, doel: str, stap: str) -> Response:
    """A form posted without a (living) session: nothing changes, and the page goes to the login as
    before; its text fields are kept on the server when the post carries this browser's form token
    (workflow/web/bewaard.py says how and why), and the login then leads back to the form."""
    lengte = request.headers.get("content-length", "")
    if not request.session.get(bewaard.INGELOGD) or "csrf" not in request.session:
        return naar_inloggen  # a browser that never logged in here (or logged out): its body is not read
    if not (lengte.isascii() and lengte.isdigit()) or int(lengte) > bewaard.MAX_BODY:
        return naar_inloggen
    try:
        formulier = await _formulier(request)
    except HTTPException:
        return naar_inloggen  # a malformed body: nothing to keep
    if not csrf_klopt(request, formulier.velden.get("csrf")):
        return naar_inloggen
    gepost = bewaard.Formulier(plek, stap, formulier.velden, bool(formulier.bestanden))
    plaats: bewaard.Bewaarplaats = request.app.state.bewaard
    plaats.vergeet(request.session.pop(bewaard.SESSIESLEUTEL, None))  # one kept form per browser
    sleutel = plaats.bewaar(gepost, _klok(request))
    if sleutel is None:
        return naar_inloggen
    request.session[bewaard.SESSIESLEUTEL] = sleutel
    request.session["waarschuwing"] = VERLOPEN_BEWAARD
    naar_inloggen.headers["location"] = f"/inloggen?volgende={quote(doel, safe='/')}"
    return naar_inloggen


def nieuw_tonen(request: Request) -> Response:
    def maak(s: Session, wie: Rechten) -> Uitkomst:
        wie.vereis_secretaris()  # the check of registratie itself: GeenRecht, 403
        teruggezet = _terug(request, "nieuw")
        velden = teruggezet.velden if teruggezet is not None else {}
        return "nieuw.html", {"fout": None, "velden": velden, "vandaag": _dag(request).isoformat()}

    return _lezen(request, maak)


async def nieuw(request: Request) -> Response:
    def controleer(s: Session, wie: Rechten) -> Uitkomst:
        wie.vereis_secretaris()  # the check of registratie itself, before the body is read
        return Response()

    # Who and which role first: an anonymous or unauthorised body is never read.
    weigering = await run_in_threadpool(_lezen, request, controleer)
    if weigering.status_code != 200:
        if getattr(request.state, "naam", None) is None and weigering.status_code == 303:
            return await _bewaar_en_inloggen(request, weigering, "nieuw", "/adviezen/nieuw", "nieuw")
        return weigering
    formulier = await _formulier(request)
    if not csrf_klopt(request, formulier.velden.get("csrf")):
        return _fout(request, ONGELDIG_FORMULIER, 403)
    return await run_in_threadpool(_registreer, request, formulier)


def _registreer(request: Request, formulier: stappen.Formulier) -> Response:
    naam = _naam(request)
    assert naam is not None
    try:
        advies = _register(request).als(naam).wijzigen(stappen.registreer(formulier))
    except AdviesFout as fout:
        gegevens = {"fout": _zin(str(fout)), "velden": formulier.velden, "vandaag": _dag(request).isoformat()}
        status = status_voor(fout)
        return _lezen(request, lambda s, wie: ("nieuw.html", gegevens, status))
    request.session["melding"] = f"{advies.kenmerk} is geregistreerd."
    return RedirectResponse(_pad(advies.kenmerk), status_code=303)


async def stap(request: Request) -> Response:
    """A step's form posted: the step itself (for the steps with a confirmation, the form of the
    confirmation page, with its button **Bevestigen**)."""
    return await _stap(request, bevestigen=False)


async def bevestigen(request: Request) -> Response:
    """The confirmation of Vaststellen, Verzenden or Intrekken: what will happen, changing nothing,
    with a button **Bevestigen** that posts the step with the same fields."""
    return await _stap(request, bevestigen=True)


async def _stap(request: Request, bevestigen: bool) -> Response:
    kenmerk, stap_naam = request.path_params["kenmerk"], request.path_params["stap"]
    gezien: dict[str, Any] = {}

    def controleer(s: Session, wie: Rechten) -> Uitkomst:
        if stap_naam not in GELUKT or (bevestigen and stap_naam not in BEVESTIGEN):
            return "fout.html", {"fout": "Deze pagina bestaat niet."}, 404
        if not mag_stap(wie, stap_naam):
            # The machine's own role rule (the service refuses the same with GeenRecht), asked here
            # so that the body of someone without the role is never read.
            raise GeenRecht(_zin(wie.uitleg_rol(rol_voor(stap_naam))) + " Er is niets gewijzigd.")
        advies_id, gevonden = overzichten.vind(s.connection(), kenmerk)
        gezien["advies"] = (advies_id, gevonden)
        return Response()

    # Who, which role and which advice first: an anonymous or unauthorised body is never read (one
    # exception: a browser that logged in here and whose session ended keeps its text, bewaard.py).
    weigering = await run_in_threadpool(_lezen, request, controleer)
    if getattr(request.state, "naam", None) is None and weigering.status_code == 303 and stap_naam in GELUKT:
        doel = _pad(kenmerk)
        return await _bewaar_en_inloggen(request, weigering, "advies:" + kenmerk, doel, stap_naam)
    if weigering.status_code != 200 or "advies" not in gezien:
        return weigering
    formulier = await _formulier(request)
    if not csrf_klopt(request, formulier.velden.get("csrf")):
        return _fout(request, ONGELDIG_FORMULIER, 403)
    if bevestigen:
        return await run_in_threadpool(_toon_bevestiging, request, formulier, gezien["advies"][1])
    if stap_naam == "herinnering" and formulier.velden.get("nogmaals") != "1":
        vraag = await run_in_threadpool(_tweede_herinnering, request, formulier, gezien["advies"][1])
        if vraag is not None:
            return vraag
    return await run_in_threadpool(_voer_stap_uit, request, formulier, gezien["advies"])


def _voer_stap_uit(request: Request, formulier: stappen.Formulier, advies: tuple[int, str]) -> Response:
    advies_id, kenmerk = advies
    stap_naam = request.path_params["stap"]
    naam = _naam(request)
    assert naam is not None
    try:
        rijversie = formulier.rijversie()
        werk_ = stappen.werk_voor(stap_naam, kenmerk, formulier)
        _register(request).als(naam).wijzig_advies_versie(advies_id, rijversie, werk_)
    except AdviesFout as fout:
        if isinstance(fout, Conflict) and stap_naam in BEVESTIGEN:
            return _verouderd_of(request, kenmerk, stap_naam, formulier, fout)
        return _opnieuw(request, kenmerk, _zin(str(fout)), status_voor(fout))
    log.info("%s: %s door %s", kenmerk, stap_naam, naam)
    request.session["melding"] = GELUKT[stap_naam]
    return RedirectResponse(_pad(kenmerk), status_code=303)


def _opnieuw(request: Request, kenmerk: str, fout: str, status: int) -> Response:
    """The advice page as it is now, with the refusal on top: nothing was changed."""
    return _lezen(
        request, lambda s, wie: ("advies.html", {**inhoud.advies(s, wie, kenmerk, _dag(request)), "fout": fout}, status)
    )


def _gezien_sha(stap_naam: str, formulier: stappen.Formulier) -> str | None:
    return (formulier.velden.get("sha256") or "").strip() or None if stap_naam == "vaststellen" else None


def _verouderd(
    gegevens: dict[str, Any], stap_naam: str, formulier: stappen.Formulier
) -> tuple[str, dict[str, Any], int] | None:
    """The advice page saying, in words, what changed since the form was shown: for the chair a new
    version (shown, with what changed since the one she read, and a form to approve that one);
    otherwise who changed the advice. None when the form is still current."""
    try:
        rijversie = formulier.rijversie()
    except AdviesFout:
        return None  # a form without its version: refused as such by the step's own reading of it
    nieuw = gegevens["verouderd"]
    if nieuw is None and rijversie == gegevens["rijversie"]:
        return None
    advies = gegevens["advies"]
    niets = NIETS[stap_naam]
    if nieuw is not None:
        gelezen = f"; u las versie {nieuw['versie']}" if nieuw["versie"] is not None else ""
        zin = (
            f"Er is intussen een nieuwe versie {nieuw['nieuw']} van de concepttekst, opgeslagen door "
            f"{nieuw['door']}{gelezen}. Er is niets vastgesteld: lees eerst versie {nieuw['nieuw']} hieronder."
        )
        if "vaststellen" not in gegevens["stappen"]:
            zin += " Het advies wacht nu niet op uw vaststelling."
    else:
        laatste = advies["geschiedenis"][-1] if advies["geschiedenis"] else None
        door = f" door {laatste['door']} ({laatste['gebeurtenis']})" if laatste else ""
        zin = f"{advies['kenmerk']} is intussen gewijzigd{door}; er is niets {niets}. Bekijk het advies hieronder."
    return "advies.html", {**gegevens, "fout": zin}, 409


def _verouderd_of(
    request: Request, kenmerk: str, stap_naam: str, formulier: stappen.Formulier, fout: AdviesFout
) -> Response:
    """A refused confirmation: the stale page when the advice changed since the form was shown,
    otherwise the page with the refusal."""

    def maak(s: Session, wie: Rechten) -> Uitkomst:
        gegevens = inhoud.advies(s, wie, kenmerk, _dag(request), _gezien_sha(stap_naam, formulier))
        return _verouderd(gegevens, stap_naam, formulier) or (
            "advies.html",
            {**gegevens, "verouderd": None, "fout": _zin(str(fout))},
            status_voor(fout),
        )

    return _lezen(request, maak)


def _toon_bevestiging(request: Request, formulier: stappen.Formulier, kenmerk: str) -> Response:
    """What the step will do, read in one reading transaction through the service's own checks
    (`levensloop.vaststelling`, `verzending`, `intrekking`): nothing is changed here."""
    stap_naam = request.path_params["stap"]

    def maak(s: Session, wie: Rechten) -> Uitkomst:
        gegevens = inhoud.advies(s, wie, kenmerk, _dag(request), _gezien_sha(stap_naam, formulier))
        verouderd = _verouderd(gegevens, stap_naam, formulier)
        if verouderd is not None:
            return verouderd
        try:
            wat = bevestiging.wat_er_gebeurt(s, wie, stap_naam, gegevens["advies"]["kenmerk"], formulier)
        except AdviesFout as fout:
            return "advies.html", {**gegevens, "fout": _zin(str(fout))}, status_voor(fout)
        return "bevestigen.html", {**gegevens, **wat, "stap": stap_naam}

    return _lezen(request, maak)


def _tweede_herinnering(request: Request, formulier: stappen.Formulier, kenmerk: str) -> Response | None:
    """A reminder on a day that already has one for this advice asks first (the confirmation page,
    whose button posts it again with `nogmaals`); None: make it now. What the service would refuse
    is left to the step itself, which says so with its own sentence."""
    gevraagd: list[bool] = []

    def maak(s: Session, wie: Rechten) -> Uitkomst:
        gegevens = inhoud.advies(s, wie, kenmerk, _dag(request))
        try:
            if formulier.rijversie() != gegevens["rijversie"]:
                return Response()
            wat = bevestiging.wat_er_gebeurt(s, wie, "herinnering", gegevens["advies"]["kenmerk"], formulier)
        except AdviesFout:
            return Response()
        if not wat["zelfde_dag"]:
            return Response()
        gevraagd.append(True)
        return "bevestigen.html", {**gegevens, **wat, "stap": "herinnering"}

    antwoord = _lezen(request, maak)
    return antwoord if gevraagd else None


# --- downloads -----------------------------------------------------------------------------------


def document(request: Request) -> Response:
    kenmerk, nummer = request.path_params["kenmerk"], request.path_params["document_id"]
    if nummer > MAX_ID:
        return _fout(request, "Deze pagina bestaat niet.", 404)
    return _lezen(request, lambda s, wie: _download(*overzichten.document_van(s.connection(), kenmerk, nummer)))


def conceptbrief_docx(request: Request) -> Response:
    return _lezen(request, lambda s, wie: _download(*levensloop.conceptbrief(s, request.path_params["kenmerk"])))


def conceptbrief_pdf(request: Request) -> Response:
    """Converted once per stored version and kept; beyond `web.pdf_tegelijk` conversions at once,
    "bezig" with Retry-After (see workflow/web/pdfs.py)."""
    from sjablonen import pdf

    gevonden: dict[str, Any] = {}

    def lees(s: Session, wie: Rechten) -> Uitkomst:
        gevonden["brief"] = levensloop.conceptbrief(s, request.path_params["kenmerk"])
        gevonden["tegelijk"] = instellingen.lees(s).web_pdf_tegelijk
        return Response()

    antwoord = _lezen(request, lees)
    if "brief" not in gevonden:
        return antwoord
    naam, docx = gevonden["brief"]
    omzetter = request.app.state.pdfs
    if not omzetter.bewaard(docx) and pdf.soffice() is None:
        return _fout(
            request,
            "Er kan hier geen PDF worden gemaakt: LibreOffice is niet geïnstalleerd op de server. "
            "Download de conceptbrief als Word-bestand.",
            503,
        )
    try:
        gemaakt = omzetter.pdf(docx, naam, gevonden["tegelijk"])
    except AdviesFout as fout:
        return _fout(request, _zin(str(fout)), status_voor(fout))
    if gemaakt is None:
        bezig = _fout(
            request,
            "De server is bezig met een andere PDF. Probeer het over een paar seconden opnieuw, "
            "of download de conceptbrief als Word-bestand.",
            503,
        )
        bezig.headers["Retry-After"] = str(OPNIEUW_NA)
        return bezig
    return _download(naam.removesuffix(".docx") + ".pdf", gemaakt)


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
