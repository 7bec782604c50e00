"""The web page against an attacker, over HTTP, on both backends (issue 21): throttled logins, a
lock-out that cannot keep a user with her own browser out, atomic counting, sessions that end, a
key that is never weak, private files, bodies read only for the right person, PDFs converted once
and a bounded number at once, bounded path ids, a clear bind failure and the security headers."""

from __future__ import annotations

import multiprocessing
import socket
import stat
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import anyio
import pytest
from sqlalchemy import func, select
from sqlmodel import col
from starlette.applications import Starlette
from starlette.testclient import TestClient

from opslag.modellen import Inlogteller, Websessie
from tests.conftest import Advies, voer_uit, weiger
from tests.webhulp import SLEUTEL, VASTE_DAG, WACHTWOORD, csrf, log_in, log_uit, richt_in, zet_wachtwoord
from workflow.register import Register
from workflow.web import sleutel as sleutelmodule
from workflow.web.app import maak_app
from workflow.web.drempel import Drempel, Maat
from workflow.web.sessiecookie import SESSIECOOKIE

RUIM = Maat(1000, 1000)  # a bucket that never runs dry: for tests about something else than throttling
METEEN = 0.0  # a refused login answers at once in these tests (the server waits a second)


@pytest.fixture
def register(advies: Advies, home: Path) -> Iterator[Register]:
    richt_in(advies, home)
    register = Register()
    yield register
    register.sluit()


@pytest.fixture
def app(register: Register) -> Starlette:
    return maak_app(register, sleutel=SLEUTEL, vandaag=lambda: VASTE_DAG)


def poging(client: TestClient, naam: str, wachtwoord: str) -> Any:
    token = csrf(client.get("/inloggen").text)
    data = {"csrf": token, "gebruikersnaam": naam, "wachtwoord": wachtwoord}
    return client.post("/inloggen", data=data, follow_redirects=False)


def tellers(register: Register) -> dict[str, int]:
    with register.lezen() as (s, _wie):
        rijen = s.execute(select(col(Inlogteller.sleutel), col(Inlogteller.pogingen)))
        return {sleutel: pogingen for sleutel, pogingen in rijen}


def sessies(register: Register) -> int:
    with register.lezen() as (s, _wie):
        return int(s.execute(select(func.count()).select_from(Websessie)).scalar_one())


# --- throttling before hashing ---------------------------------------------------------------------


def test_te_veel_inlogpogingen_van_een_adres_krijgen_429_voor_het_hashen(app: Starlette, register: Register) -> None:
    app.state.drempel = Drempel(per_adres=Maat(3, 0.001), onbekend_totaal=RUIM)  # with the wait
    client = TestClient(app, client=("203.0.113.7", 1234))
    assert [poging(client, f"onbekend{i}", "fout-wachtwoord").status_code for i in range(3)] == [401] * 3
    antwoord = poging(client, "onbekend9", "fout-wachtwoord")
    assert antwoord.status_code == 429
    assert int(antwoord.headers["retry-after"]) >= 1
    assert "Er wordt nu te vaak geprobeerd in te loggen. Probeer het over" in antwoord.text
    # Refused before anything was counted or hashed: the name never reached the database.
    assert "naam:onbekend9" not in tellers(register) and "naam:onbekend2" in tellers(register)
    # Another address is not held up by this one.
    assert poging(TestClient(app, client=("198.51.100.1", 1)), "els", WACHTWOORD).status_code == 303


def test_alle_onbekende_browsers_samen_zijn_begrensd(app: Starlette) -> None:
    app.state.drempel = Drempel(per_adres=RUIM, onbekend_totaal=Maat(4, 0.001), vertraging=METEEN)
    uitkomsten = [
        poging(TestClient(app, client=(f"192.0.2.{i}", 1)), f"naam{i}", "fout-wachtwoord").status_code for i in range(6)
    ]
    assert uitkomsten == [401] * 4 + [429] * 2


# --- a lock-out that cannot be turned against the user ----------------------------------------------


def test_de_voorzitter_met_haar_apparaatcookie_komt_erin_terwijl_haar_naam_wordt_aangevallen(
    app: Starlette,
) -> None:
    app.state.drempel = Drempel(per_adres=Maat(8, 0.001), onbekend_totaal=RUIM, vertraging=METEEN)
    laptop = TestClient(app)
    log_in(laptop, "hans")
    assert laptop.cookies.get("advies_apparaat")
    log_uit(laptop)

    aanvaller = TestClient(app)  # the same address as the laptop: the test client's
    uitkomsten = [poging(aanvaller, "hans", f"gok-{i}-xxxxxxxx").status_code for i in range(8)]
    assert uitkomsten == [401] * 4 + [429] * 4  # locked after five, then throttled as well
    assert poging(aanvaller, "hans", WACHTWOORD).status_code == 429  # even the right password, from there
    assert "geblokkeerd" in poging(TestClient(app, client=("192.0.2.1", 1)), "hans", WACHTWOORD).text

    antwoord = poging(laptop, "hans", WACHTWOORD)
    assert antwoord.status_code == 303, antwoord.text
    assert laptop.get("/", follow_redirects=False).status_code == 200


def test_een_vervalste_apparaatcookie_telt_als_onbekende_browser(app: Starlette, register: Register) -> None:
    app.state.drempel = Drempel(per_adres=RUIM, onbekend_totaal=RUIM)
    laptop = TestClient(app)
    log_in(laptop, "hans")
    echt = laptop.cookies["advies_apparaat"]
    naam, apparaat_id, handtekening = echt.split(".")
    vervalst = TestClient(app, cookies={"advies_apparaat": f"{naam}.{apparaat_id}x.{handtekening}"})
    assert poging(vervalst, "hans", "fout-wachtwoord").status_code == 401
    assert tellers(register) == {"naam:hans": 1}


@pytest.mark.parametrize("aantal", [29])
def test_gelijktijdige_pogingen_worden_atomair_geteld(app: Starlette, register: Register, aantal: int) -> None:
    """29 wrong passwords at once: only five are checked, whatever the backend; then the right one is refused."""
    app.state.drempel = Drempel(per_adres=RUIM, onbekend_totaal=RUIM)
    tokens = []
    clients = []
    for _ in range(aantal):
        client = TestClient(app)
        tokens.append(csrf(client.get("/inloggen").text))
        clients.append(client)
    start = threading.Barrier(aantal)

    def probeer(i: int) -> tuple[int, str]:
        data = {"csrf": tokens[i], "gebruikersnaam": "hans", "wachtwoord": f"fout-{i}-wachtwoord"}
        start.wait()
        antwoord = clients[i].post("/inloggen", data=data, follow_redirects=False)
        return antwoord.status_code, antwoord.text

    with ThreadPoolExecutor(aantal) as pool:
        uitkomsten = list(pool.map(probeer, range(aantal)))
    statussen = sorted(status for status, _ in uitkomsten)
    assert statussen == [401] * 4 + [429] * (aantal - 4)
    assert all("geblokkeerd" in tekst for status, tekst in uitkomsten if status == 429)
    assert tellers(register) == {"naam:hans": aantal}
    assert poging(TestClient(app), "hans", WACHTWOORD).status_code == 429


# --- sessions that end ----------------------------------------------------------------------------


def gevangen_cookie(app: Starlette, naam: str) -> tuple[TestClient, str]:
    client = TestClient(app)
    log_in(client, naam)
    return client, client.cookies[SESSIECOOKIE]


def herhaal(app: Starlette, cookie: str) -> Any:
    """A replay of a captured session cookie from another browser."""
    return TestClient(app, cookies={SESSIECOOKIE: cookie}).get("/adviezen", follow_redirects=False)


def test_de_cookie_bevat_alleen_een_willekeurig_id_dat_gehasht_is_opgeslagen(
    app: Starlette, register: Register
) -> None:
    _client, cookie = gevangen_cookie(app, "hans")
    assert len(cookie) >= 43 and "hans" not in cookie  # 32 random bytes, base64
    with register.lezen() as (s, _wie):
        sleutel, gebruiker = s.execute(select(col(Websessie.sleutel), col(Websessie.gebruiker))).one()
    assert sleutel != cookie and len(sleutel) == 64 and gebruiker == "hans"
    assert herhaal(app, cookie).status_code == 200


def test_herhaalde_cookie_na_uitloggen_gaat_naar_de_inlogpagina(app: Starlette) -> None:
    client, cookie = gevangen_cookie(app, "hans")
    log_uit(client)
    antwoord = herhaal(app, cookie)
    assert antwoord.status_code == 303 and antwoord.headers["location"].startswith("/inloggen")


def test_uitloggen_met_get_toont_alleen_de_knop(app: Starlette) -> None:
    client, cookie = gevangen_cookie(app, "hans")
    pagina = client.get("/uitloggen")
    assert '<button type="submit">Uitloggen</button>' in pagina.text
    assert client.post("/uitloggen", data={}, follow_redirects=False).status_code == 403
    assert herhaal(app, cookie).status_code == 200  # neither the page nor a post without token logged out


def test_herhaalde_cookie_na_een_nieuw_wachtwoord(app: Starlette) -> None:
    _client, cookie = gevangen_cookie(app, "hans")
    zet_wachtwoord("hans", "een-ander-lang-wachtwoord")
    antwoord = herhaal(app, cookie)
    assert antwoord.status_code == 303 and antwoord.headers["location"].startswith("/inloggen")


def test_herhaalde_cookie_na_verwijderen(app: Starlette) -> None:
    _client, cookie = gevangen_cookie(app, "piet")
    voer_uit("gebruiker", "verwijder", "piet")
    antwoord = herhaal(app, cookie)
    assert antwoord.status_code == 303 and antwoord.headers["location"].startswith("/inloggen")


def test_herhaalde_cookie_na_een_andere_rol_en_met_de_hand(app: Starlette, register: Register) -> None:
    _client, cookie = gevangen_cookie(app, "piet")
    voer_uit("gebruiker", "wijzig", "piet", "--rol", "voorzitter")
    assert herhaal(app, cookie).status_code == 303
    _client, eerste = gevangen_cookie(app, "hans")
    _client, tweede = gevangen_cookie(app, "hans")
    assert voer_uit("gebruiker", "uitloggen", "hans").stdout == "2 sessies van hans beëindigd.\n"
    assert herhaal(app, eerste).status_code == 303 and herhaal(app, tweede).status_code == 303
    assert sessies(register) == 0
    assert weiger("gebruiker", "uitloggen", "niemand") == (
        "Fout: gebruiker 'niemand' is niet geregistreerd; 'advies gebruiker lijst' toont wie wel"
    )


def test_sessie_eindigt_na_de_absolute_levensduur_en_de_tabel_wordt_opgeruimd(
    app: Starlette, register: Register, advies: Advies, monkeypatch: pytest.MonkeyPatch
) -> None:
    advies("instelling", "web.sessie_max_uren", "1")
    client, _cookie = gevangen_cookie(app, "hans")
    nu = time.time()  # the clock the sessions are kept by
    for minuten in (20, 40, 59):  # active all the time
        monkeypatch.setattr(time, "time", lambda m=minuten: nu + m * 60)
        assert client.get("/", follow_redirects=False).status_code == 200
    monkeypatch.setattr(time, "time", lambda: nu + 61 * 60)
    antwoord = client.get("/")
    assert "Uw sessie is verlopen. Log opnieuw in." in antwoord.text
    log_in(TestClient(app), "els")  # a new session clears the expired ones away
    assert sessies(register) == 1
    assert weiger("instelling", "web.sessie_max_uren", "0") == (
        "Fout: web.sessie_max_uren moet een heel aantal uren van 1 tot en met 720 zijn, niet '0'"
    )


# --- the signing key -------------------------------------------------------------------------------


def _start(map_: str, wacht: Any, uitkomsten: Any) -> None:
    wacht.wait()
    uitkomsten.put(sleutelmodule.sessiesleutel(Path(map_)))


# Starts released at once by one barrier, racing to create the key file. Twenty-five race as hard as
# a hundred did; under coverage every forked child writes all its worker measured so far on exit.
GELIJKTIJDIGE_STARTS = 25


@pytest.mark.sqlite
def test_gelijktijdige_starts_krijgen_dezelfde_sterke_sleutel(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ADVIES_WEB_GEHEIM", raising=False)
    context = multiprocessing.get_context("fork")
    wacht = context.Barrier(GELIJKTIJDIGE_STARTS)
    uitkomsten = context.Queue()
    map_ = tmp_path / "vers"
    processen = [
        context.Process(target=_start, args=(str(map_), wacht, uitkomsten)) for _ in range(GELIJKTIJDIGE_STARTS)
    ]
    for proces in processen:
        proces.start()
    sleutels = {uitkomsten.get(timeout=60) for _ in processen}
    for proces in processen:
        proces.join()
    assert len(sleutels) == 1
    sleutel = sleutels.pop()
    assert len(sleutel.encode()) >= 32
    assert stat.S_IMODE((map_ / "web-geheim").stat().st_mode) == 0o600
    assert sorted(p.name for p in map_.iterdir()) == ["web-geheim"]  # no temporary file left behind


@pytest.mark.parametrize("geheim", ["", "kort", "x" * 31])
def test_een_te_korte_sleutel_uit_de_omgeving_wordt_geweigerd(advies: Advies, geheim: str) -> None:
    uit = voer_uit("web", code=1, env={"ADVIES_WEB_GEHEIM": geheim})
    assert uit.output.startswith("Fout: ADVIES_WEB_GEHEIM is te kort")
    assert len(uit.output.splitlines()) == 1 and "De webpagina staat op" not in uit.output


@pytest.mark.parametrize("inhoud", ["", "kort\n"])
def test_een_te_korte_sleutel_in_het_bestand_wordt_geweigerd(
    advies: Advies, home: Path, monkeypatch: pytest.MonkeyPatch, inhoud: str
) -> None:
    monkeypatch.delenv("ADVIES_WEB_GEHEIM", raising=False)
    pad = home / "web-geheim"
    pad.write_text(inhoud, encoding="utf-8")
    pad.chmod(0o600)
    assert weiger("web") == (
        f"Fout: de sleutel in {pad} is te kort; verwijder het bestand, dan maakt advies web een nieuwe "
        "(minstens 32 tekens)"
    )


# --- files of the council --------------------------------------------------------------------------


@pytest.mark.sqlite
def test_init_maakt_de_map_en_de_database_alleen_voor_de_eigenaar(advies: Advies, home: Path) -> None:
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    assert stat.S_IMODE((home / "advies.db").stat().st_mode) == 0o600


@pytest.mark.sqlite
def test_web_weigert_een_database_die_anderen_kunnen_lezen(advies: Advies, home: Path) -> None:
    (home / "advies.db").chmod(0o644)
    assert weiger("web") == (
        f"Fout: het databasebestand {home / 'advies.db'} is leesbaar voor anderen; maak het alleen voor u "
        f"leesbaar met: chmod 600 {home / 'advies.db'}"
    )


def test_web_weigert_een_sleutel_die_anderen_kunnen_lezen(
    advies: Advies, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("ADVIES_WEB_GEHEIM", raising=False)
    pad = home / "web-geheim"
    pad.write_text("k" * 64, encoding="utf-8")
    pad.chmod(0o640)
    assert weiger("web") == (
        f"Fout: de sleutel {pad} is leesbaar voor anderen; maak het alleen voor u leesbaar met: chmod 600 {pad}"
    )


# --- bodies are read only for the right person -------------------------------------------------------


def stuur(app: Starlette, pad: str, cookies: dict[str, str], brokken: int) -> tuple[int, int]:
    """POST a multipart body of `brokken` chunks of 1 MiB straight to the ASGI app; returns the status
    and how many chunks the app asked for."""
    grens = b"grens"
    kop = b'--grens\r\nContent-Disposition: form-data; name="document"; filename="a.pdf"\r\n\r\n'
    gevraagd = 0
    status = 0

    async def ontvang() -> dict[str, Any]:
        nonlocal gevraagd
        gevraagd += 1
        if gevraagd > brokken:
            return {"type": "http.request", "body": b"\r\n--grens--\r\n", "more_body": False}
        return {"type": "http.request", "body": (kop if gevraagd == 1 else b"") + b"x" * 2**20, "more_body": True}

    async def zend(bericht: dict[str, Any]) -> None:
        nonlocal status
        if bericht["type"] == "http.response.start":
            status = bericht["status"]

    koekjes = "; ".join(f"{k}={v}" for k, v in cookies.items()).encode()
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": pad,
        "raw_path": pad.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": [
            (b"host", b"testserver"),
            (b"content-type", b"multipart/form-data; boundary=" + grens),
            (b"cookie", koekjes),
        ],
        "client": ("testclient", 1),
        "server": ("testserver", 80),
        "state": {},
    }
    anyio.run(app, scope, ontvang, zend)  # type: ignore[arg-type]
    return status, gevraagd


def test_een_upload_zonder_sessie_of_rol_wordt_niet_gelezen(app: Starlette) -> None:
    assert stuur(app, "/adviezen/CRA-2020-01/reactie", {}, 20) == (303, 0)
    assert stuur(app, "/adviezen/nieuw", {}, 20) == (303, 0)
    _client, lid = gevangen_cookie(app, "piet")
    assert stuur(app, "/adviezen/CRA-2020-01/reactie", {SESSIECOOKIE: lid}, 20) == (403, 0)
    assert stuur(app, "/adviezen/nieuw", {SESSIECOOKIE: lid}, 20) == (403, 0)
    # The secretary's other forms (workflow/web/secretariaat.py, the steps corrigeer and bijlage) likewise.
    for pad in ("/adviezen/CRA-2020-01/bijlage", "/adviezen/CRA-2020-01/aanvulling", "/feestdagen/toevoegen"):
        assert stuur(app, pad, {}, 20) == (303, 0), pad
        assert stuur(app, pad, {SESSIECOOKIE: lid}, 20) == (403, 0), pad
    _client, secretaris = gevangen_cookie(app, "els")
    status, gevraagd = stuur(app, "/adviezen/CRA-2020-01/reactie", {SESSIECOOKIE: secretaris}, 2)
    assert gevraagd == 3 and status == 403  # read by the right person; no form token, so nothing changes


# --- PDFs ----------------------------------------------------------------------------------------


@pytest.fixture
def nep_libreoffice(monkeypatch: pytest.MonkeyPatch) -> list[bytes]:
    """LibreOffice replaced by a counter: the caching and the bound are what is tested here."""
    from sjablonen import pdf

    omgezet: list[bytes] = []

    def naar_pdf(docx: bytes, naam: str) -> bytes:
        omgezet.append(docx)
        return b"%PDF-1.7 nep"

    monkeypatch.setattr(pdf, "soffice", lambda: "/usr/bin/soffice")
    monkeypatch.setattr(pdf, "naar_pdf", naar_pdf)
    return omgezet


def test_elke_versie_wordt_een_keer_omgezet(app: Starlette, nep_libreoffice: list[bytes], home: Path) -> None:
    client = TestClient(app)
    log_in(client, "hans")
    for _ in range(3):
        antwoord = client.get("/adviezen/CRA-2020-01/conceptbrief.pdf")
        assert antwoord.status_code == 200 and antwoord.content == b"%PDF-1.7 nep"
    assert len(nep_libreoffice) == 1
    bewaard = list((home / "pdf").iterdir())
    assert len(bewaard) == 1 and stat.S_IMODE(bewaard[0].stat().st_mode) == 0o600


def test_meer_pdfs_tegelijk_dan_ingesteld_krijgen_bezig(
    app: Starlette, monkeypatch: pytest.MonkeyPatch, advies: Advies
) -> None:
    from sjablonen import pdf

    begonnen, klaar = threading.Event(), threading.Event()

    def traag(docx: bytes, naam: str) -> bytes:
        begonnen.set()
        assert klaar.wait(60)
        return b"%PDF-1.7 traag"

    monkeypatch.setattr(pdf, "soffice", lambda: "/usr/bin/soffice")
    monkeypatch.setattr(pdf, "naar_pdf", traag)
    eerste, tweede = TestClient(app), TestClient(app)
    log_in(eerste, "hans")
    log_in(tweede, "els")
    with ThreadPoolExecutor(1) as pool:
        bezig = pool.submit(eerste.get, "/adviezen/CRA-2020-01/conceptbrief.pdf")
        assert begonnen.wait(60)
        antwoord = tweede.get("/adviezen/CRA-2020-01/conceptbrief.pdf")
        klaar.set()
        assert bezig.result().status_code == 200
    assert antwoord.status_code == 503 and antwoord.headers["retry-after"] == "10"
    assert "De server is bezig met een andere PDF." in antwoord.text
    assert advies("instelling", "web.pdf_tegelijk").stdout == "1\n"


# --- ids, the bind, the headers ---------------------------------------------------------------------


def test_een_te_lang_documentnummer_bestaat_niet(app: Starlette) -> None:
    client = TestClient(app)
    log_in(client, "hans")
    for pad in (
        "/adviezen/CRA-2020-01/documenten/12345678901234567890123",
        "/adviezen/CRA-2020-01/documenten/2147483648",
    ):
        antwoord = client.get(pad)
        assert antwoord.status_code == 404 and "Deze pagina bestaat niet." in antwoord.text


def test_een_bezette_poort_is_een_nederlandse_regel(advies: Advies) -> None:
    with socket.socket() as bezet:
        bezet.bind(("127.0.0.1", 0))
        bezet.listen()
        poort = bezet.getsockname()[1]
        uit = voer_uit("web", "--poort", str(poort), code=1)
    assert uit.output == (
        f"Fout: kan niet luisteren op 127.0.0.1:{poort}: poort {poort} is al in gebruik (draait advies web al?); "
        "kies een andere met --poort\n"
    )


def test_beveiligingskoppen(register: Register) -> None:
    gewoon = TestClient(maak_app(register, sleutel=SLEUTEL, vandaag=lambda: VASTE_DAG)).get("/inloggen")
    assert "strict-transport-security" not in gewoon.headers
    assert gewoon.headers["referrer-policy"] == "same-origin"
    assert "camera=()" in gewoon.headers["permissions-policy"]
    assert "frame-ancestors 'none'" in gewoon.headers["content-security-policy"]
    https = TestClient(
        maak_app(register, sleutel=SLEUTEL, https=True, vandaag=lambda: VASTE_DAG), base_url="https://testserver"
    ).get("/inloggen")
    assert https.headers["strict-transport-security"] == "max-age=31536000"


def test_een_te_korte_sleutel_voor_de_app_wordt_geweigerd(register: Register) -> None:
    from adviesfouten import OpslagFout

    with pytest.raises(OpslagFout, match="te kort"):
        maak_app(register, sleutel="kort")
