"""The web page over HTTP (Starlette's TestClient): every page, role and refusal, on both backends.

A refusal asserts the status, the one Dutch sentence on the page, and that nothing changed."""

from __future__ import annotations

import io
import os
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import update
from starlette.testclient import TestClient

from opslag.modellen import Inlogteller
from tests.conftest import Advies, als_json, momentopname, voer_uit, weiger
from tests.webhulp import (
    SLEUTEL,
    TEKST,
    VASTE_DAG,
    WACHTWOORD,
    bevestig,
    csrf,
    ingericht,
    log_in,
    log_uit,
    verborgen,
    zet_wachtwoord,
)
from workflow.register import Register
from workflow.web.app import maak_app

ONJUIST = "Onjuiste gebruikersnaam of wachtwoord"


@pytest.fixture
def register(advies: Advies, home: Path) -> Iterator[Register]:
    ingericht(advies, home)
    register = Register()
    yield register
    register.sluit()


@pytest.fixture
def nieuwe_client(register: Register) -> Iterator[Callable[..., TestClient]]:
    app = maak_app(register, sleutel=SLEUTEL, vandaag=lambda: VASTE_DAG)
    clients: list[TestClient] = []

    def maak(naam: str | None = None) -> TestClient:
        client = TestClient(app)
        clients.append(client)
        if naam:
            log_in(client, naam)
        return client

    yield maak
    for client in clients:
        client.close()


def status_van(kenmerk: str) -> str:
    return str(als_json(voer_uit("toon", kenmerk, "--json"))["status"])


# --- logging in ----------------------------------------------------------------------------------


def test_inlogpagina_met_haar_labels_en_beveiligingskoppen(nieuwe_client: Callable[..., TestClient]) -> None:
    pagina = nieuwe_client().get("/inloggen")
    assert pagina.status_code == 200
    for tekst in ('<label for="gebruikersnaam">Gebruikersnaam</label>', '<label for="wachtwoord">Wachtwoord</label>'):
        assert tekst in pagina.text
    assert '<button type="submit">Inloggen</button>' in pagina.text
    assert pagina.headers["content-security-policy"].startswith("default-src 'self'; frame-ancestors 'none'")
    assert "unsafe-inline" not in pagina.headers["content-security-policy"]
    assert pagina.headers["x-content-type-options"] == "nosniff"
    assert pagina.headers["referrer-policy"] == "same-origin"
    assert "<script" not in pagina.text and " style=" not in pagina.text


def test_zonder_inloggen_naar_de_inlogpagina(nieuwe_client: Callable[..., TestClient]) -> None:
    client = nieuwe_client()
    for pad in ("/", "/adviezen", "/adviezen/CRA-2020-01", "/adviezen/CRA-2020-01/documenten/1"):
        antwoord = client.get(pad, follow_redirects=False)
        assert antwoord.status_code == 303
        assert antwoord.headers["location"].startswith("/inloggen")


def test_inloggen_zet_een_veilige_cookie_en_gaat_naar_mijn_werk(register: Register) -> None:
    app = maak_app(register, sleutel=SLEUTEL, https=True, vandaag=lambda: VASTE_DAG)
    with TestClient(app, base_url="https://testserver") as client:
        pagina = client.get("/inloggen")
        antwoord = client.post(
            "/inloggen",
            data={"csrf": csrf(pagina.text), "gebruikersnaam": "hans", "wachtwoord": WACHTWOORD},
            follow_redirects=False,
        )
    assert antwoord.status_code == 303 and antwoord.headers["location"] == "/"
    cookie = antwoord.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie and "secure" in cookie


def test_zonder_https_vlag_geen_secure(nieuwe_client: Callable[..., TestClient]) -> None:
    pagina = nieuwe_client().get("/inloggen")
    cookie = pagina.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie and "secure" not in cookie


@pytest.mark.parametrize(("naam", "wachtwoord"), [("hans", "fout-wachtwoord"), ("niemand", WACHTWOORD), ("", "")])
def test_onjuiste_naam_of_wachtwoord_zelfde_melding(
    nieuwe_client: Callable[..., TestClient], naam: str, wachtwoord: str
) -> None:
    client = nieuwe_client()
    pagina = client.get("/inloggen")
    antwoord = client.post(
        "/inloggen", data={"csrf": csrf(pagina.text), "gebruikersnaam": naam, "wachtwoord": wachtwoord}
    )
    assert antwoord.status_code == 401
    assert f'<p class="fout" role="alert">{ONJUIST}</p>' in antwoord.text
    assert client.get("/", follow_redirects=False).status_code == 303


def test_inloggen_zonder_csrf_geweigerd(nieuwe_client: Callable[..., TestClient]) -> None:
    antwoord = nieuwe_client().post("/inloggen", data={"gebruikersnaam": "hans", "wachtwoord": WACHTWOORD})
    assert antwoord.status_code == 403
    assert "Dit formulier is verlopen of niet van deze pagina; er is niets gewijzigd." in antwoord.text


def test_vijf_fouten_blokkeren_de_naam_een_kwartier(
    nieuwe_client: Callable[..., TestClient], register: Register
) -> None:
    client = nieuwe_client()
    token = csrf(client.get("/inloggen").text)

    def probeer(wachtwoord: str) -> int:
        data = {"csrf": token, "gebruikersnaam": "hans", "wachtwoord": wachtwoord}
        status: int = client.post("/inloggen", data=data, follow_redirects=False).status_code
        return status

    assert [probeer("fout-wachtwoord") for _ in range(4)] == [401] * 4
    assert probeer("fout-wachtwoord") == 429
    # Now even the right password is refused, with the lock's message, and so for another browser.
    antwoord = client.post("/inloggen", data={"csrf": token, "gebruikersnaam": "hans", "wachtwoord": WACHTWOORD})
    assert antwoord.status_code == 429
    assert "deze gebruikersnaam is 15 minuten geblokkeerd" in antwoord.text
    # Other names are not locked.
    log_in(nieuwe_client(), "els")

    # Sixteen minutes later (the lock moved back in time, in the database all processes share).
    tot = int((datetime.now(UTC) - timedelta(minutes=1)).timestamp())
    register.wijzigen(lambda s, _wie: s.execute(update(Inlogteller).values(tot=tot)))
    assert probeer(WACHTWOORD) == 303


def test_uitloggen_beeindigt_de_sessie(nieuwe_client: Callable[..., TestClient]) -> None:
    client = nieuwe_client("hans")
    assert client.get("/", follow_redirects=False).status_code == 200
    log_uit(client)
    assert "U bent uitgelogd." in client.get("/inloggen").text
    assert client.get("/", follow_redirects=False).status_code == 303


def test_sessie_verloopt_na_de_ingestelde_minuten(
    nieuwe_client: Callable[..., TestClient], advies: Advies, monkeypatch: pytest.MonkeyPatch
) -> None:
    advies("instelling", "web.sessie_minuten", "30")
    client = nieuwe_client("hans")
    assert client.get("/", follow_redirects=False).status_code == 200
    nu = time.time()  # the clock workflow/web/paginas.py reads the session's age from
    monkeypatch.setattr(time, "time", lambda: nu + 29 * 60)
    assert client.get("/", follow_redirects=False).status_code == 200  # activity renews the session
    monkeypatch.setattr(time, "time", lambda: nu + 55 * 60)
    assert client.get("/", follow_redirects=False).status_code == 200
    monkeypatch.setattr(time, "time", lambda: nu + 91 * 60)
    antwoord = client.get("/")
    assert "Uw sessie is verlopen. Log opnieuw in." in antwoord.text


def test_sessieminuten_worden_gecontroleerd(advies: Advies) -> None:
    assert advies("instelling", "web.sessie_minuten").stdout == "480\n"
    assert weiger("instelling", "web.sessie_minuten", "2") == (
        "Fout: web.sessie_minuten moet een heel aantal minuten van 5 tot en met 10080 zijn, niet '2'"
    )


# --- the chair -----------------------------------------------------------------------------------


def test_voorzitter_leest_en_stelt_vast(nieuwe_client: Callable[..., TestClient]) -> None:
    client = nieuwe_client("hans")
    werk = client.get("/")
    assert "<h1>Mijn werk</h1>" in werk.text and "Wacht op uw vaststelling" in werk.text
    assert '<a href="/adviezen/CRA-2020-01">CRA 2020-01</a>' in werk.text
    pagina = client.get("/adviezen/CRA-2020-01")
    assert "<p>De raad adviseert <strong>positief</strong> en <em>voorzichtig</em>.</p>" in pagina.text
    assert "<ul><li>eerste punt</li><li>tweede punt</li></ul>" in pagina.text
    assert '<button type="submit">Vaststellen</button>' in pagina.text
    assert '<label for="reden-terugsturen">Reden</label>' in pagina.text
    velden = verborgen(pagina.text, "vaststellen/bevestigen")
    antwoord = bevestig(client, "/adviezen/CRA-2020-01", "vaststellen", velden)
    assert antwoord.status_code == 200
    assert "Het advies is vastgesteld." in antwoord.text
    getoond = als_json(voer_uit("toon", "2020-01", "--json"))
    assert getoond["status"] == "vastgesteld"
    assert getoond["geschiedenis"][-1]["door"] == "hans"
    # The date the form proposes is the meeting's.
    assert getoond["geschiedenis"][-1]["notitie"].startswith("versie 1 vastgesteld op 2020-01-28 ")
    assert getoond["vastgesteld_op"] is not None


def test_voorzitter_stuurt_terug_met_reden(nieuwe_client: Callable[..., TestClient]) -> None:
    client = nieuwe_client("hans")
    pagina = client.get("/adviezen/CRA-2020-01")
    velden = verborgen(pagina.text, "terugsturen")
    voor = momentopname()
    leeg = client.post("/adviezen/CRA-2020-01/terugsturen", data={**velden, "reden": "  "})
    assert leeg.status_code == 400  # OngeldigeInvoer
    assert '<p class="fout" role="alert">De reden mag niet leeg zijn.</p>' in leeg.text
    assert momentopname() == voor
    client.post("/adviezen/CRA-2020-01/terugsturen", data={**velden, "reden": "Eerst de werkgroep horen"})
    getoond = als_json(voer_uit("toon", "2020-01", "--json"))
    assert getoond["status"] == "concept"
    assert getoond["geschiedenis"][-1] | {"op": None} == {
        "van": "ter_vaststelling",
        "naar": "concept",
        "door": "hans",
        "op": None,
        "notitie": "Eerst de werkgroep horen",
        "gebeurtenis": "terugsturen",
    }


def test_verouderde_pagina_stelt_niets_vast(nieuwe_client: Callable[..., TestClient]) -> None:
    """The chair loads version 1; meanwhile it goes back, version 2 is stored and put on the agenda.
    The old page's click is refused: nothing is approved that was not shown."""
    voorzitter = nieuwe_client("hans")
    oud_formulier = verborgen(voorzitter.get("/adviezen/CRA-2020-01").text, "vaststellen/bevestigen")
    bevestiging = voorzitter.post("/adviezen/CRA-2020-01/vaststellen/bevestigen", data=oud_formulier)
    oud = verborgen(bevestiging.text, "vaststellen")

    ander = nieuwe_client("hans")
    pagina = ander.get("/adviezen/CRA-2020-01").text
    ander.post("/adviezen/CRA-2020-01/terugsturen", data={**verborgen(pagina, "terugsturen"), "reden": "Nog één zin"})
    secretaris = nieuwe_client("els")
    pagina = secretaris.get("/adviezen/CRA-2020-01").text
    bestand = {"tekst": ("advies.md", io.BytesIO((TEKST + "\nNog één zin.\n").encode()), "text/markdown")}
    assert secretaris.post("/adviezen/CRA-2020-01/concept", data=verborgen(pagina, "concept"), files=bestand).is_success
    pagina = secretaris.get("/adviezen/CRA-2020-01").text
    secretaris.post(
        "/adviezen/CRA-2020-01/agenderen", data={**verborgen(pagina, "agenderen"), "vergadering": "2020-02-25"}
    )
    assert status_van("2020-01") == "ter_vaststelling"

    voor = momentopname()
    # Confirming what was shown, and asking to confirm it again: both refused, in words.
    for pad, data in (("vaststellen", oud), ("vaststellen/bevestigen", oud_formulier)):
        antwoord = voorzitter.post(f"/adviezen/CRA-2020-01/{pad}", data=data)
        assert antwoord.status_code == 409
        assert (
            "Er is intussen een nieuwe versie 2 van de concepttekst, opgeslagen door els; u las versie 1. "
            "Er is niets vastgesteld: lees eerst versie 2 hieronder." in antwoord.text
        )
        assert "advies toon" not in antwoord.text and "ter_vaststelling" not in antwoord.text
        assert "Nog één zin." in antwoord.text  # the page now shows the new version
        assert '<ins><span class="verborgen">toegevoegd: </span>Nog één zin.</ins>' in antwoord.text
        assert momentopname() == voor

    # A form with the current row version but the hash of the old text: refused too.
    nieuw = verborgen(antwoord.text, "vaststellen/bevestigen")  # the stale page offers the new version
    antwoord = voorzitter.post("/adviezen/CRA-2020-01/vaststellen", data={**nieuw, "sha256": oud["sha256"]})
    assert antwoord.status_code == 409
    assert "Er is intussen een nieuwe versie 2 van de concepttekst" in antwoord.text
    assert momentopname() == voor
    bevestig(voorzitter, "/adviezen/CRA-2020-01", "vaststellen", nieuw)
    assert als_json(voer_uit("toon", "2020-01", "--json"))["vastgesteld_op"] is not None


def test_conceptbrief_als_word_en_documenten(nieuwe_client: Callable[..., TestClient]) -> None:
    client = nieuwe_client("piet")
    brief = client.get("/adviezen/CRA-2020-01/conceptbrief.docx")
    assert brief.status_code == 200
    assert brief.content.startswith(b"PK")
    assert brief.headers["content-disposition"].startswith('attachment; filename="CRA-2020-01_concept_v1.docx"')
    document = client.get("/adviezen/CRA-2020-01/documenten/1")
    assert document.content == brief.content


def test_adviespagina_leest_het_advies_en_zijn_documenten_elk_een_keer(
    nieuwe_client: Callable[..., TestClient], register: Register
) -> None:
    """The page reads through the read service of `advies toon`: one read of the advice, one query
    for its documents (not a second lookup by kenmerk, nor the documents twice)."""
    import re

    from sqlalchemy import event

    client = nieuwe_client("piet")
    vragen: list[str] = []

    def noteer(*argumenten: Any) -> None:
        vragen.append(str(argumenten[2]))

    event.listen(register.engine(), "before_cursor_execute", noteer)
    try:
        pagina = client.get("/adviezen/CRA-2020-01")
    finally:
        event.remove(register.engine(), "before_cursor_execute", noteer)
    assert pagina.status_code == 200 and "CRA-2020-01_concept_v1.docx" in pagina.text
    assert len([v for v in vragen if re.search(r"\bFROM advies\b", v)]) == 1, vragen
    assert len([v for v in vragen if re.search(r"\bFROM document\b", v)]) == 1, vragen


def test_document_van_een_ander_advies_bestaat_niet(nieuwe_client: Callable[..., TestClient], advies: Advies) -> None:
    advies("nieuw", "Ander advies", "--datum", "2020-02-01")
    antwoord = nieuwe_client("piet").get("/adviezen/CRA-2020-02/documenten/1")
    assert antwoord.status_code == 404
    assert "CRA 2020-02 heeft geen document 1" in antwoord.text


def test_pdf_zonder_libreoffice_zegt_het(
    nieuwe_client: Callable[..., TestClient], monkeypatch: pytest.MonkeyPatch
) -> None:
    from sjablonen import pdf

    monkeypatch.setattr(pdf, "soffice", lambda: None)
    antwoord = nieuwe_client("hans").get("/adviezen/CRA-2020-01/conceptbrief.pdf")
    assert antwoord.status_code == 503
    assert "Er kan hier geen PDF worden gemaakt: LibreOffice is niet geïnstalleerd op de server." in antwoord.text


@pytest.mark.een_backend(reden="de PDF komt van LibreOffice, niet uit de database")
def test_pdf_met_libreoffice(nieuwe_client: Callable[..., TestClient]) -> None:
    from sjablonen.pdf import soffice

    if soffice() is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice (soffice) ontbreekt in CI; .ci/run hoort het te installeren")
        pytest.skip("LibreOffice (soffice) is niet geïnstalleerd; installeer libreoffice-writer-nogui")
    antwoord = nieuwe_client("hans").get("/adviezen/CRA-2020-01/conceptbrief.pdf")
    assert antwoord.status_code == 200 and antwoord.content.startswith(b"%PDF")
    assert antwoord.headers["content-type"] == "application/pdf"


# --- roles and forged requests ---------------------------------------------------------------------


def test_lid_leest_maar_ziet_geen_knoppen(nieuwe_client: Callable[..., TestClient]) -> None:
    client = nieuwe_client("piet")
    pagina = client.get("/adviezen/CRA-2020-01")
    assert pagina.status_code == 200
    assert "De raad adviseert" in pagina.text
    assert 'method="post"' in pagina.text  # only the logout form ...
    assert pagina.text.count('method="post"') == 1 and 'action="/uitloggen"' in pagina.text
    assert "Nieuw advies" not in client.get("/").text


@pytest.mark.parametrize(
    ("naam", "stap", "rol"),
    [
        ("piet", "vaststellen", "voorzitter"),
        ("els", "vaststellen", "voorzitter"),
        ("hans", "intrekken", "secretaris"),
        ("piet", "agenderen", "secretaris"),
    ],
)
def test_vervalst_verzoek_voor_een_andere_rol(
    nieuwe_client: Callable[..., TestClient], naam: str, stap: str, rol: str
) -> None:
    client = nieuwe_client(naam)
    pagina = client.get("/adviezen/CRA-2020-01").text
    voor = momentopname()
    data = {
        "csrf": csrf(pagina),
        "rijversie": "3",
        "sha256": "x" * 64,
        "reden": "zomaar",
        "vergadering": "2020-02-01",
    }
    antwoord = client.post(f"/adviezen/CRA-2020-01/{stap}", data=data)
    assert antwoord.status_code == 403
    assert f"Dit vraagt de rol {rol}" in antwoord.text and "Er is niets gewijzigd." in antwoord.text
    assert momentopname() == voor


def test_zonder_csrf_verandert_niets(nieuwe_client: Callable[..., TestClient]) -> None:
    client = nieuwe_client("hans")
    velden = verborgen(client.get("/adviezen/CRA-2020-01").text, "vaststellen/bevestigen")
    voor = momentopname()
    for data in ({k: v for k, v in velden.items() if k != "csrf"}, {**velden, "csrf": "vervalst"}):
        for pad in ("vaststellen", "vaststellen/bevestigen"):
            antwoord = client.post(f"/adviezen/CRA-2020-01/{pad}", data=data)
            assert antwoord.status_code == 403
            assert "Dit formulier is verlopen of niet van deze pagina; er is niets gewijzigd." in antwoord.text
    assert momentopname() == voor


def test_secretaris_mag_geen_nieuw_advies_als_lid(nieuwe_client: Callable[..., TestClient]) -> None:
    client = nieuwe_client("piet")
    assert client.get("/adviezen/nieuw").status_code == 403
    voor = momentopname()
    token = csrf(client.get("/").text)
    antwoord = client.post(
        "/adviezen/nieuw", data={"csrf": token, "soort": "ongevraagd", "onderwerp": "X", "datum": "2020-02-01"}
    )
    assert antwoord.status_code == 403
    assert momentopname() == voor


def test_onbekend_kenmerk_en_onbekende_pagina(nieuwe_client: Callable[..., TestClient]) -> None:
    client = nieuwe_client("piet")
    antwoord = client.get("/adviezen/CRA-2019-99")
    assert antwoord.status_code == 404
    assert '<p class="fout" role="alert">Onbekend kenmerk &#39;CRA-2019-99&#39;.</p>' in antwoord.text
    assert client.get("/bestaat-niet").status_code == 404


# --- the secretary -----------------------------------------------------------------------------------


def test_secretaris_doet_de_dagelijkse_stappen(nieuwe_client: Callable[..., TestClient]) -> None:
    els, hans = nieuwe_client("els"), nieuwe_client("hans")
    token = csrf(els.get("/adviezen/nieuw").text)
    antwoord = els.post(
        "/adviezen/nieuw",
        data={
            "csrf": token,
            "soort": "aanvraag",
            "onderwerp": "Armoedebeleid <script>",
            "ontvangen": "2020-03-02",
            "uw_kenmerk": "GEM-7",
            "adviestermijn": "",
        },
    )
    assert "CRA 2020-02 is geregistreerd." in antwoord.text
    assert "Armoedebeleid &lt;script&gt;" in antwoord.text and "<script>" not in antwoord.text

    def stap(client: TestClient, naam: str, velden: dict[str, str], **extra: Any) -> str:
        pagina = client.get("/adviezen/CRA-2020-02").text
        if naam in ("vaststellen", "verzenden"):
            formulier = {**verborgen(pagina, f"{naam}/bevestigen"), **velden}
            uit = bevestig(client, "/adviezen/CRA-2020-02", naam, formulier)
        else:
            uit = client.post(f"/adviezen/CRA-2020-02/{naam}", data={**verborgen(pagina, naam), **velden}, **extra)
        assert uit.status_code == 200, uit.text
        html: str = uit.text
        return html

    stap(
        els,
        "concept",
        {},
        files={"tekst": ("armoede.txt", io.BytesIO(b"Geacht college,\n\nWij adviseren.\n"), "text/plain")},
    )
    stap(els, "agenderen", {"vergadering": "2020-03-24"})
    stap(hans, "vaststellen", {"datum": "2020-03-24"})
    stap(els, "verzenden", {"datum": "2020-03-25"})
    assert status_van("2020-02") == "verzonden"
    # The response is late on 2020-06-01: a reminder letter is made and listed among the documents.
    assert "De herinnering is gemaakt" in stap(els, "herinnering", {"datum": "2020-06-01"})
    tekst = stap(
        els,
        "reactie",
        {"ontvangen": "2020-06-10", "oordeel": "deels", "samenvatting": "Wordt onderzocht"},
        files={"document": ("reactie.pdf", io.BytesIO(b"%PDF-1.4 reactie"), "application/pdf")},
    )
    assert "De reactie van het college is vastgelegd." in tekst
    getoond = als_json(voer_uit("toon", "2020-02", "--json"))
    assert getoond["status"] == "beantwoord" and getoond["oordeel"] == "deels"
    assert [g["door"] for g in getoond["geschiedenis"]] == ["els", "els", "els", "hans", "els", "els", "els"]
    assert [d["soort"] for d in getoond["documenten"]] == ["concept", "brief", "herinnering", "reactie"]
    assert els.get("/adviezen/CRA-2020-02/documenten/5").content == b"%PDF-1.4 reactie"


def test_weigering_van_het_register_als_een_zin(nieuwe_client: Callable[..., TestClient]) -> None:
    els = nieuwe_client("els")
    pagina = els.get("/adviezen/CRA-2020-01").text
    assert "Vaststellen" not in pagina  # the secretary's steps on ter_vaststelling: only intrekken
    token = csrf(els.get("/adviezen/nieuw").text)
    voor = momentopname()
    antwoord = els.post(
        "/adviezen/nieuw", data={"csrf": token, "soort": "ongevraagd", "onderwerp": "X", "datum": "morgen"}
    )
    assert antwoord.status_code == 400
    assert "De datum &#39;morgen&#39; is geen geldige datum (JJJJ-MM-DD)." in antwoord.text
    assert momentopname() == voor


def test_te_grote_concepttekst_geweigerd(nieuwe_client: Callable[..., TestClient], advies: Advies) -> None:
    advies("nieuw", "Groot", "--datum", "2020-02-01")
    els = nieuwe_client("els")
    pagina = els.get("/adviezen/CRA-2020-02").text
    voor = momentopname()
    groot = {"tekst": ("groot.md", io.BytesIO(b"a" * (5 * 1024 * 1024 + 1)), "text/markdown")}
    antwoord = els.post("/adviezen/CRA-2020-02/concept", data=verborgen(pagina, "concept"), files=groot)
    assert antwoord.status_code == 400
    assert "De concepttekst is te groot (hoogstens 5 MB)." in antwoord.text
    assert momentopname() == voor


def test_mijn_werk_van_de_secretaris_en_het_register(nieuwe_client: Callable[..., TestClient], advies: Advies) -> None:
    advies("nieuw", "Eigen idee", "--datum", "2020-02-01")
    hans, els = nieuwe_client("hans"), nieuwe_client("els")
    velden = verborgen(hans.get("/adviezen/CRA-2020-01").text, "vaststellen/bevestigen")
    bevestig(hans, "/adviezen/CRA-2020-01", "vaststellen", {**velden, "datum": "2020-01-28"})
    pagina = els.get("/adviezen/CRA-2020-01").text
    velden = {**verborgen(pagina, "verzenden/bevestigen"), "datum": "2020-02-03"}
    bevestig(els, "/adviezen/CRA-2020-01", "verzenden", velden)
    werk = els.get("/").text
    assert "Concepten om te agenderen" in werk and "Eigen idee" in werk
    # Sent on 2020-02-03 with six weeks to respond and never reminded: on any day this test runs,
    # long enough late that a reminder is due (the signals of `advies signalen`).
    assert (
        "Werkprogramma 2020:" in werk
        and "<strong>Tijd voor een herinnering</strong> (uiterlijk 16 maart 2020, " in werk
        and " dagen te laat; een herinnering van vandaag vraagt een reactie uiterlijk " in werk
    )
    register = els.get("/adviezen", params={"jaar": "2020", "status": "concept", "zoek": "eigen"}).text
    assert "Eigen idee" in register and "Werkprogramma 2020" not in register
    assert '<option value="2020" selected>2020</option>' in register
    assert "Werkprogramma 2020" in els.get("/adviezen", params={"zoek": "2020-01"}).text
    assert "Geen adviezen gevonden." in els.get("/adviezen", params={"zoek": "100%_"}).text


def test_wachtwoord_zetten_via_de_opdrachtregel(advies: Advies) -> None:
    advies("gebruiker", "toevoegen", "els", "--rol", "secretaris")
    advies("gebruiker", "toevoegen", "fleur", "--rol", "lid")
    advies("gebruiker", "toevoegen", "piet", "--rol", "lid")
    from click.testing import CliRunner

    from workflow.cli import cli

    gevraagd = CliRunner().invoke(
        cli, ["gebruiker", "wachtwoord", "fleur"], input="een-goed-wachtwoord\neen-goed-wachtwoord\n"
    )
    assert gevraagd.exit_code == 0 and gevraagd.stdout.endswith("Wachtwoord van fleur gezet.\n")
    assert "een-goed-wachtwoord" not in gevraagd.stdout
    te_kort = CliRunner().invoke(cli, ["gebruiker", "wachtwoord", "fleur", "--wachtwoord-stdin"], input="kort\n")
    assert te_kort.exit_code == 1 and te_kort.stderr == "Fout: een wachtwoord heeft minstens 10 tekens\n"
    onbekend = CliRunner().invoke(cli, ["gebruiker", "wachtwoord", "niemand", "--wachtwoord-stdin"], input=WACHTWOORD)
    assert onbekend.stderr.startswith("Fout: gebruiker 'niemand' bestaat niet")


def test_een_lid_zet_alleen_het_eigen_wachtwoord(advies: Advies, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.databanken import als_gebruiker

    advies("gebruiker", "toevoegen", "els", "--rol", "secretaris")
    advies("gebruiker", "toevoegen", "fleur", "--rol", "lid")
    advies("gebruiker", "toevoegen", "piet", "--rol", "lid")
    als_gebruiker(monkeypatch, "fleur")
    zet_wachtwoord("fleur")
    from click.testing import CliRunner

    from workflow.cli import cli

    ander = CliRunner().invoke(cli, ["gebruiker", "wachtwoord", "piet", "--wachtwoord-stdin"], input=WACHTWOORD)
    assert ander.exit_code == 1
    assert ander.stderr == (
        "Fout: alleen de secretaris of 'piet' zelf mag dit wachtwoord zetten; 'fleur' heeft de rol lid\n"
    )
