"""Mijn werk tells the story, and a session that ends does not lose what was typed (issue 27),
over HTTP on both backends.

The secretary sees the drafts the chair sent back with her reason, what waits for the chair, and
when the college's response is expected now (after a reminder: the date it named; after an
extension: the new term); a second reminder on one day asks first. The chair sees in the menu of
every page how many drafts wait for her. A form posted after the session ended changes nothing,
and its text comes back in the form after logging in again, with a warning (not a success).
The page's day is injected (`maak_app(vandaag=...)`) and the clock moved with monkeypatch: no sleep."""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from tests.conftest import Advies, als_json, momentopname, voer_uit
from tests.databanken import als_gebruiker
from tests.webhulp import SLEUTEL, VASTE_DAG, WACHTWOORD, csrf, ingericht, log_in, log_uit, verborgen
from workflow.register import Register
from workflow.web.app import maak_app

PAD = "/adviezen/CRA-2020-01"
REDEN = "Eerst de werkgroep horen & de <cliëntenraad> van Noord"


@pytest.fixture
def register(advies: Advies, home: Path) -> Iterator[Register]:
    ingericht(advies, home)  # CRA 2020-01 ter vaststelling, meeting on 28 January 2020
    register = Register()
    yield register
    register.sluit()


@pytest.fixture
def nieuwe_client(register: Register) -> Iterator[Callable[..., TestClient]]:
    clients: list[TestClient] = []

    def maak(naam: str | None, vandaag: date = VASTE_DAG) -> TestClient:
        client = TestClient(maak_app(register, sleutel=SLEUTEL, vandaag=lambda: vandaag))
        clients.append(client)
        if naam:
            log_in(client, naam)
        return client

    yield maak
    for client in clients:
        client.close()


def als_hans(*args: str) -> None:
    with pytest.MonkeyPatch.context() as m:
        als_gebruiker(m, "hans")
        voer_uit(*args)


def zichtbaar(html: str) -> str:
    """The page's text as a reader sees it: without tags, whitespace folded."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))


def sectie(html: str, kop_id: str) -> str:
    gevonden = re.search(rf'<section aria-labelledby="{kop_id}">.*?</section>', html, re.S)
    assert gevonden, f"geen sectie {kop_id}"
    return zichtbaar(gevonden.group(0))


def lang(dag: str) -> str:
    from workflow.domein.datums import lange_datum

    return lange_datum(date.fromisoformat(dag))


# --- Mijn werk -----------------------------------------------------------------------------------


def test_teruggestuurd_met_reden_en_wat_op_de_voorzitter_wacht(
    nieuwe_client: Callable[..., TestClient], advies: Advies, tekst: Callable[..., Path]
) -> None:
    als_hans("terugsturen", "2020-01", "--reden", REDEN)
    advies("aanvraag", "Stadjerspas", "--ontvangen", "2020-02-03")
    advies("concept", "2020-02", "--tekst", str(tekst()))
    advies("agenderen", "2020-02", "--vergadering", "2020-02-25")
    els = nieuwe_client("els")
    werk = els.get("/").text
    terug = sectie(werk, "teruggestuurd")
    assert "CRA 2020-01 Werkprogramma 2020: teruggestuurd door hans op " in terug
    assert f"met als reden: {REDEN}. Er is nog geen nieuwe versie." in terug.replace("&amp;", "&").replace(
        "&lt;", "<"
    ).replace("&gt;", ">")
    assert "&lt;cliëntenraad&gt;" in werk  # escaped, never markup
    wacht = sectie(werk, "lijst-ter_vaststelling")
    assert "Wacht op de voorzitter" in wacht and "CRA 2020-02" in wacht and "25 februari 2020" in wacht
    assert "CRA 2020-01" not in wacht
    assert "wacht op u" not in werk  # the count is the chair's

    advies("concept", "2020-01", "--tekst", str(tekst("Nieuwe versie.\n")))
    terug = sectie(els.get("/").text, "teruggestuurd")
    assert "Sindsdien 1 nieuwe versie opgeslagen; nog niet opnieuw op de agenda." in terug
    advies("agenderen", "2020-01", "--vergadering", "2020-02-25")
    assert 'aria-labelledby="teruggestuurd"' not in els.get("/").text  # on the agenda again: no longer sent back


def test_de_voorzitter_ziet_in_het_menu_wat_op_haar_wacht(
    nieuwe_client: Callable[..., TestClient], advies: Advies, tekst: Callable[..., Path]
) -> None:
    hans = nieuwe_client("hans")
    for pad in ("/", "/adviezen", PAD):
        assert '<span class="teller">(1 concept wacht op u)</span>' in hans.get(pad).text, pad
    advies("aanvraag", "Stadjerspas", "--ontvangen", "2020-02-03")
    advies("concept", "2020-02", "--tekst", str(tekst()))
    advies("agenderen", "2020-02", "--vergadering", "2020-02-25")
    assert "(2 concepten wachten op u)" in hans.get("/adviezen").text
    als_hans("terugsturen", "2020-01", "--reden", "Nee")
    als_hans("terugsturen", "2020-02", "--reden", "Nee")
    assert "(niets wacht op u)" in hans.get("/").text


def test_verwachte_reactie_na_herinnering_en_verlenging(
    nieuwe_client: Callable[..., TestClient], advies: Advies, tekst: Callable[..., Path]
) -> None:
    kenmerk: str = als_json(advies("nieuw", "Armoedebeleid", "--datum", "2020-01-10", "--json"))["kenmerk"]
    advies("concept", kenmerk, "--tekst", str(tekst()))
    advies("agenderen", kenmerk, "--vergadering", "2020-01-20")
    als_hans("vaststellen", kenmerk, "--datum", "2020-01-20")
    advies("verzenden", kenmerk, "--datum", "2020-02-03")
    uiterlijk = str(als_json(voer_uit("toon", kenmerk, "--json"))["reactie_uiterlijk"])
    vandaag = date.fromisoformat(uiterlijk) + timedelta(days=30)
    pad = "/adviezen/" + kenmerk.replace(" ", "-")
    els = nieuwe_client("els", vandaag=vandaag)

    # Before the reminder: late since the due date, and the date a reminder made today would ask for.
    signalen = sectie(els.get("/").text, "signalen")
    assert f"Tijd voor een herinnering (uiterlijk {lang(uiterlijk)}, 30 dagen te laat; " in signalen
    assert "een herinnering van vandaag vraagt een reactie uiterlijk " in signalen

    pagina = els.get(pad).text
    assert els.post(f"{pad}/herinnering", data=verborgen(pagina, "herinnering")).status_code == 200
    geschiedenis = als_json(voer_uit("toon", kenmerk, "--json"))["geschiedenis"]
    nieuw = re.search(r"nu uiterlijk (\d{4}-\d{2}-\d{2})", geschiedenis[-1]["notitie"])
    assert nieuw, geschiedenis[-1]
    nieuw_uiterlijk = nieuw.group(1)
    assert f"een herinnering van vandaag vraagt een reactie uiterlijk {lang(nieuw_uiterlijk)}" in signalen

    # After it: the date the reminder named, with the original one, on the advice page and Mijn werk.
    gegevens = zichtbaar(els.get(pad).text)
    assert (
        f"Reactie uiterlijk{lang(nieuw_uiterlijk)} (na de herinnering van {lang(vandaag.isoformat())}; "
        f"oorspronkelijk {lang(uiterlijk)})"
    ) in gegevens
    signalen = sectie(els.get("/").text, "signalen")
    dagen = (date.fromisoformat(nieuw_uiterlijk) - vandaag).days
    assert (
        f"Herinnerd, wacht op reactie (na de herinnering van {lang(vandaag.isoformat())} uiterlijk "
        f"{lang(nieuw_uiterlijk)}, nog {dagen} dagen; oorspronkelijk uiterlijk {lang(uiterlijk)})"
    ) in signalen
    assert "te laat" not in signalen
    lid = sectie(nieuwe_client("piet", vandaag=vandaag).get("/").text, "lijst-verzonden")
    assert f"Reactie uiterlijk: {lang(nieuw_uiterlijk)}" in lid  # a member's list says the same date

    # A second reminder the same day asks first, changing nothing; Bevestigen makes it.
    pagina = els.get(pad).text
    voor = momentopname()
    vraag = els.post(f"{pad}/herinnering", data=verborgen(pagina, "herinnering"))
    assert vraag.status_code == 200
    tekst_vraag = zichtbaar(vraag.text)
    assert "Tweede herinnering bevestigen" in tekst_vraag
    assert f"al 1 herinnering gemaakt (CRB {vandaag.year}-01)" in tekst_vraag
    assert f"uiterlijk {lang(nieuw_uiterlijk)}" in tekst_vraag
    assert momentopname() == voor
    antwoord = els.post(f"{pad}/herinnering", data=verborgen(vraag.text, "herinnering"))
    assert antwoord.status_code == 200 and "De herinnering is gemaakt" in antwoord.text
    herinneringen = [
        g for g in als_json(voer_uit("toon", kenmerk, "--json"))["geschiedenis"] if g["gebeurtenis"] == "herinnering"
    ]
    assert len(herinneringen) == 2

    # An extension past the reminders' date: that term counts, the earlier reminders no longer.
    verlengd = (vandaag + timedelta(days=40)).isoformat()
    pagina = els.get(pad).text
    velden = {**verborgen(pagina, "termijn"), "tot": verlengd, "reden": "Afgesproken met de wethouder"}
    assert els.post(f"{pad}/termijn", data=velden).status_code == 200
    gegevens = zichtbaar(els.get(pad).text)
    assert f"Reactie uiterlijk{lang(verlengd)}" in gegevens and "na de herinnering" not in gegevens
    assert "Armoedebeleid" not in sectie(els.get("/").text, "signalen")


# --- sessions ------------------------------------------------------------------------------------


def test_verlopen_sessie_houdt_de_getypte_tekst(
    nieuwe_client: Callable[..., TestClient], monkeypatch: pytest.MonkeyPatch
) -> None:
    hans = nieuwe_client("hans")
    pagina = hans.get(PAD).text
    assert 'data-sessie-minuten="480"' in pagina and '<script src="/statisch/sessie.js" defer></script>' in pagina
    assert hans.get("/statisch/sessie.js").status_code == 200
    assert "script-src" not in pagina and "'unsafe-inline'" not in hans.get(PAD).headers["content-security-policy"]
    velden = {**verborgen(pagina, "terugsturen"), "reden": REDEN}
    nu = time.time()
    monkeypatch.setattr(time, "time", lambda: nu + 481 * 60)  # idle past web.sessie_minuten
    voor = momentopname()
    antwoord = hans.post(f"{PAD}/terugsturen", data=velden, follow_redirects=False)
    assert antwoord.status_code == 303
    assert antwoord.headers["location"] == "/inloggen?volgende=/adviezen/CRA-2020-01"
    assert REDEN not in antwoord.headers["location"]
    assert momentopname() == voor  # nothing changed
    inloggen = hans.get(antwoord.headers["location"]).text
    assert '<p class="waarschuwing" role="alert">' in inloggen and 'class="melding"' not in inloggen
    assert "Uw sessie is verlopen, en er is niets opgeslagen." in inloggen
    assert 'name="volgende" value="/adviezen/CRA-2020-01"' in inloggen
    terug = hans.post(
        "/inloggen",
        data={
            "csrf": csrf(inloggen),
            "gebruikersnaam": "hans",
            "wachtwoord": WACHTWOORD,
            "volgende": "/adviezen/CRA-2020-01",
        },
        follow_redirects=False,
    )
    assert terug.status_code == 303 and terug.headers["location"] == PAD
    formulier = hans.get(PAD).text
    melding = re.search(r'<p class="(\w+)" role="alert"><strong>Let op:</strong> ([^<]*)</p>', formulier)
    assert melding and melding.group(1) == "waarschuwing"
    assert "staat weer in het formulier hieronder. Er is nog niets opgeslagen" in melding.group(2)
    assert "&lt;cliëntenraad&gt; van Noord</textarea>" in formulier  # filled in, escaped
    assert 'class="melding"' not in formulier
    assert "cliëntenraad" not in hans.get(PAD).text  # given back once
    # Posting it now does the step, as the person logged in again.
    velden = {**verborgen(formulier, "terugsturen"), "reden": REDEN}
    assert hans.post(f"{PAD}/terugsturen", data=velden).status_code == 200
    assert als_json(voer_uit("toon", "2020-01", "--json"))["geschiedenis"][-1]["notitie"] == REDEN


def test_bewaarde_tekst_alleen_met_het_formulierteken_en_kort(
    nieuwe_client: Callable[..., TestClient], monkeypatch: pytest.MonkeyPatch
) -> None:
    nu = time.time()
    els = nieuwe_client("els")
    pagina = els.get("/adviezen/nieuw").text
    monkeypatch.setattr(time, "time", lambda: nu + 481 * 60)
    # Without the browser's form token: nothing kept (a forged post), the plain expiry.
    vals = els.post("/adviezen/nieuw", data={"soort": "ongevraagd", "onderwerp": "Vals", "csrf": "x"})
    assert "Uw sessie is verlopen. Log opnieuw in." in vals.text
    # With it: kept, but for LEVENSDUUR only.
    velden = {"csrf": csrf(pagina), "soort": "ongevraagd", "onderwerp": "Mantelzorg", "datum": "2020-05-01"}
    assert "Log opnieuw in: wat u typte" in els.post("/adviezen/nieuw", data=velden).text
    monkeypatch.setattr(time, "time", lambda: nu + (481 + 31) * 60)
    log_in(els, "els")
    assert "Mantelzorg" not in els.get("/adviezen/nieuw").text
    # Within it, the registration form comes back filled in.
    els.cookies.delete("advies_sessie")
    pagina = els.get("/adviezen/nieuw", follow_redirects=False)
    assert pagina.status_code == 303
    velden["csrf"] = csrf(els.get("/inloggen").text)
    els.post("/adviezen/nieuw", data=velden)
    log_in(els, "els")
    formulier = els.get("/adviezen/nieuw").text
    assert 'value="Mantelzorg"' in formulier and 'value="2020-05-01"' in formulier
    assert "Er is nog niets opgeslagen" in formulier
    assert als_json(voer_uit("lijst", "--json"))[-1]["onderwerp"] != "Mantelzorg"

    # A browser that never logged in here, or logged out: its post is not read, nothing is kept.
    vreemde = nieuwe_client(None)
    velden["csrf"] = csrf(vreemde.get("/inloggen").text)
    antwoord = vreemde.post("/adviezen/nieuw", data=velden, follow_redirects=False)
    assert antwoord.headers["location"] == "/inloggen"
    log_uit(els)
    velden["csrf"] = csrf(els.get("/inloggen").text)
    antwoord = els.post("/adviezen/nieuw", data=velden, follow_redirects=False)
    assert antwoord.headers["location"] == "/inloggen"


def test_de_bewaarplaats_is_begrensd_kort_en_eenmalig() -> None:
    from workflow.web import bewaard

    plaats = bewaard.Bewaarplaats()
    formulier = bewaard.Formulier(
        "advies:CRA-2020-01", "terugsturen", {"reden": "x", "csrf": "t", "rijversie": "3"}, True
    )
    sleutel = plaats.bewaar(formulier, 0)
    assert sleutel is not None
    assert plaats.neem(sleutel, "advies:CRA-2020-02", 1) is None  # another page: not this one
    teruggegeven = plaats.neem(sleutel, "advies:CRA-2020-01", 1)
    assert teruggegeven is not None and teruggegeven.velden == {"reden": "x"}  # the page's own fields not kept
    assert plaats.neem(sleutel, "advies:CRA-2020-01", 1) is None  # once
    assert plaats.bewaar(bewaard.Formulier("p", "s", {"csrf": "t", "leeg": "  "}, False), 0) is None  # nothing typed
    te_veel = {f"v{i}": "x" for i in range(bewaard.MAX_VELDEN + 1)}
    assert plaats.bewaar(bewaard.Formulier("p", "s", te_veel, False), 0) is None
    assert plaats.bewaar(bewaard.Formulier("p", "s", {"v": "x" * (bewaard.MAX_TEKENS + 1)}, False), 0) is None
    kort = plaats.bewaar(bewaard.Formulier("p", "s", {"v": "x"}, False), 0)
    assert plaats.bekijk(kort, bewaard.LEVENSDUUR - 1) is not None
    assert plaats.bekijk(kort, bewaard.LEVENSDUUR) is None  # gone after its lifetime
    sleutels = [
        plaats.bewaar(bewaard.Formulier("p", "s", {"v": str(i)}, False), 0) for i in range(bewaard.MAX_BEWAARD + 1)
    ]
    assert plaats.bekijk(sleutels[0], 1) is None and plaats.bekijk(sleutels[-1], 1) is not None  # the oldest went first
    assert plaats.neem(None, "p", 1) is None and plaats.neem(123, "p", 1) is None
