"""The web page in a real browser: Playwright driving Debian's Chromium against `advies web` started
as its own server process. The chair approves, sends back, is refused on a stale page; a member
sees no buttons; axe-core finds no accessibility violations.

Skipped with the reason when Chromium or Playwright is missing, except in CI (CI set): then they fail.
Set ADVIES_SCHERMAFDRUKKEN to a folder to keep screenshots of the pages (desktop and phone width).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Advies, als_json, voer_uit
from tests.webhulp import TEKST, WACHTWOORD, ingericht

pytestmark = pytest.mark.sqlite  # one backend is enough for the browser; test_web.py covers both

CHROMIUM = "/usr/bin/chromium"
# The confirmation pages the accessibility check opens (not confirmed): page, button, reason.
BEVESTIGINGEN = {
    "els": [("/adviezen/CRA-2020-02", "Verzenden", ""), ("/adviezen/CRA-2020-01", "Intrekken", "Dubbel")],
    "hans": [("/adviezen/CRA-2020-01", "Vaststellen", "")],
}
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _ontbreekt(reden: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{reden}; .ci/run hoort Chromium te installeren")
    pytest.skip(reden)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        _ontbreekt(f"Chromium ontbreekt ({CHROMIUM}); installeer het met 'apt-get install chromium'")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _ontbreekt("Playwright voor Python is niet geïnstalleerd (pip install playwright)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def server(advies: Advies, home: Path) -> Iterator[str]:
    """`advies web` on a free port, on a register with CRA 2020-01 and CRA 2020-02 waiting for approval."""
    ingericht(advies, home)
    tweede = home / "tweede.md"
    tweede.write_text("Geacht college,\n\nOver de *Stadjerspas*.\n", encoding="utf-8")
    advies("aanvraag", "Stadjerspas", "--ontvangen", "2020-02-03")
    advies("concept", "2020-02", "--tekst", str(tweede))
    advies("agenderen", "2020-02", "--vergadering", "2020-02-25")
    poort = _vrije_poort()
    adres = f"http://127.0.0.1:{poort}"
    proces = subprocess.Popen(
        [sys.executable, "-m", "workflow", "web", "--poort", str(poort)],
        env=dict(os.environ),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        _wacht_op(adres, proces)
        yield adres
    finally:
        proces.terminate()
        proces.wait(timeout=30)
        if proces.stderr:
            proces.stderr.close()


def _wacht_op(adres: str, proces: subprocess.Popen[bytes]) -> None:
    for _ in range(300):
        if proces.poll() is not None:
            fouten = proces.stderr.read().decode() if proces.stderr else ""
            raise AssertionError(f"advies web stopte meteen: {fouten}")
        try:
            with urllib.request.urlopen(adres + "/inloggen", timeout=2):
                return
        except OSError:
            time.sleep(0.1)
    raise AssertionError("advies web antwoordde niet binnen 30 seconden")


@pytest.fixture
def pagina(browser: Any, server: str) -> Iterator[Any]:
    context = browser.new_context(base_url=server, locale="nl-NL")
    yield context.new_page()
    context.close()


def log_in(pagina: Any, naam: str) -> None:
    pagina.goto("/inloggen")
    pagina.get_by_label("Gebruikersnaam").fill(naam)
    pagina.get_by_label("Wachtwoord").fill(WACHTWOORD)
    pagina.get_by_role("button", name="Inloggen").click()
    pagina.get_by_role("heading", name="Mijn werk").wait_for()


def schermafdruk(pagina: Any, naam: str) -> None:
    map_ = os.environ.get("ADVIES_SCHERMAFDRUKKEN")
    if map_:
        Path(map_).mkdir(parents=True, exist_ok=True)
        pagina.screenshot(path=str(Path(map_) / f"{naam}.png"), full_page=True)


def status_van(kenmerk: str) -> str:
    return str(als_json(voer_uit("toon", kenmerk, "--json"))["status"])


def test_voorzitter_leest_het_concept_en_stelt_vast(pagina: Any) -> None:
    log_in(pagina, "hans")
    schermafdruk(pagina, "mijn-werk-voorzitter")
    pagina.get_by_role("link", name="CRA 2020-01").click()
    tekst = pagina.get_by_role("article")
    assert tekst.locator("strong").inner_text() == "positief"
    assert tekst.locator("em").inner_text() == "voorzichtig"
    assert tekst.locator("ul > li").all_inner_texts() == ["eerste punt", "tweede punt"]
    schermafdruk(pagina, "advies-voorzitter")
    assert pagina.get_by_label("Datum van vaststelling").input_value() == "2020-01-28"  # the meeting's day
    pagina.get_by_role("button", name="Vaststellen").click()
    # First what will happen, with nothing changed yet; then the button Bevestigen does it.
    pagina.get_by_role("heading", name="Vaststellen bevestigen").wait_for()
    assert "U stelt versie 1 van de concepttekst vast op 28 januari 2020" in pagina.locator("main").inner_text()
    assert status_van("2020-01") == "ter_vaststelling"
    schermafdruk(pagina, "vaststellen-bevestigen")
    pagina.get_by_role("button", name="Bevestigen").click()
    assert pagina.get_by_role("status").inner_text() == "Het advies is vastgesteld."
    assert status_van("2020-01") == "vastgesteld"
    assert pagina.get_by_role("button", name="Vaststellen").count() == 0


def verloop_sessies() -> None:
    """Every session idle for longer than `web.sessie_minuten` (480): as if the chair went to lunch
    with the page open. In the database the server reads, so no clock of another process is needed."""
    from sqlalchemy import update

    from opslag.modellen import Websessie
    from workflow.register import Register

    register = Register()
    try:
        tabel = Websessie.__table__  # type: ignore[attr-defined]
        register.wijzigen(lambda s, _wie: s.execute(update(tabel).values(actief_op=tabel.c.actief_op - 481 * 60)))
    finally:
        register.sluit()


def test_voorzitter_stuurt_terug_met_een_reden_ook_na_een_verlopen_sessie(pagina: Any) -> None:
    """Sends back with a reason; the page first warns before the idle limit, and when the session
    has ended anyway the typed reason comes back after logging in, with a warning (not success)."""
    pagina.clock.install()  # the page's timers: the idle warning (sessie.js) without waiting for it
    log_in(pagina, "hans")
    pagina.goto("/adviezen/CRA-2020-02")
    # On any width the draft text comes before the decision (and so in the keyboard order).
    assert (
        pagina.get_by_role("article").bounding_box()["y"]
        < pagina.get_by_role("button", name="Terugsturen").bounding_box()["y"]
    )
    waarschuwing = pagina.locator("#sessiewaarschuwing")
    assert not waarschuwing.is_visible()
    pagina.clock.fast_forward("07:56:00")  # 476 of the 480 minutes
    assert waarschuwing.is_visible() and "over een paar minuten" in waarschuwing.inner_text()
    pagina.get_by_label("Reden").fill("Eerst de werkgroep horen")
    verloop_sessies()
    pagina.get_by_role("button", name="Terugsturen").click()
    pagina.wait_for_url("**/inloggen?volgende=/adviezen/CRA-2020-02")
    melding = pagina.get_by_role("alert")
    assert "Uw sessie is verlopen, en er is niets opgeslagen." in melding.inner_text()
    assert melding.get_attribute("class") == "waarschuwing"
    groen = "rgb(232, 245, 236)"  # the background of a success (.melding)
    assert melding.evaluate("e => getComputedStyle(e).backgroundColor") != groen
    assert status_van("2020-02") == "ter_vaststelling"
    pagina.get_by_label("Gebruikersnaam").fill("hans")
    pagina.get_by_label("Wachtwoord").fill(WACHTWOORD)
    pagina.get_by_role("button", name="Inloggen").click()
    pagina.wait_for_url("**/adviezen/CRA-2020-02")
    assert pagina.get_by_label("Reden").input_value() == "Eerst de werkgroep horen"
    terug = pagina.locator("main > .waarschuwing[role=alert]:not([hidden])")
    assert "Er is nog niets opgeslagen" in terug.inner_text()
    assert terug.evaluate("e => getComputedStyle(e).backgroundColor") != groen
    assert pagina.locator(".melding").count() == 0
    pagina.get_by_role("button", name="Terugsturen").click()
    assert pagina.get_by_role("status").inner_text() == "Het advies is teruggestuurd naar de secretaris."
    getoond = als_json(voer_uit("toon", "2020-02", "--json"))
    assert getoond["status"] == "concept"
    assert (getoond["geschiedenis"][-1]["door"], getoond["geschiedenis"][-1]["notitie"]) == (
        "hans",
        "Eerst de werkgroep horen",
    )


def test_verouderde_pagina_wordt_niet_vastgesteld(pagina: Any, home: Path) -> None:
    log_in(pagina, "hans")
    pagina.goto("/adviezen/CRA-2020-01")
    # Meanwhile, elsewhere: sent back, a new version stored and put on the agenda again.
    voer_uit("terugsturen", "2020-01", "--reden", "Nog één zin", env={"ADVIES_GEBRUIKER": "hans"})
    nieuw = home / "nieuw.md"
    nieuw.write_text(TEKST + "\nNog één zin.\n", encoding="utf-8")
    voer_uit("concept", "2020-01", "--tekst", str(nieuw))
    voer_uit("agenderen", "2020-01", "--vergadering", "2020-02-25")
    pagina.get_by_role("button", name="Vaststellen").click()
    melding = pagina.get_by_role("alert").inner_text()
    assert melding.startswith("Er is intussen een nieuwe versie 2 van de concepttekst, opgeslagen door els")
    assert "Er is niets vastgesteld: lees eerst versie 2 hieronder." in melding
    assert status_van("2020-01") == "ter_vaststelling"
    assert "Nog één zin." in pagina.get_by_role("article").inner_text()  # now the new version is shown
    assert pagina.locator("ins").all_text_contents() == ["toegevoegd: Nog één zin."]
    # The page offers the new version: approving it goes through the confirmation again.
    pagina.get_by_role("button", name="Vaststellen").click()
    pagina.get_by_role("button", name="Bevestigen").click()
    assert pagina.get_by_role("status").inner_text() == "Het advies is vastgesteld."
    notitie = als_json(voer_uit("toon", "2020-01", "--json"))["geschiedenis"][-1]["notitie"]
    assert notitie.startswith("versie 2 vastgesteld op 2020-02-25 ")  # the new meeting's day


def test_lid_ziet_geen_knoppen_en_werkt_met_het_toetsenbord(pagina: Any) -> None:
    pagina.goto("/inloggen")
    pagina.keyboard.press("Tab")  # the skip link first
    pagina.keyboard.press("Tab")
    pagina.keyboard.press("Tab")
    assert pagina.evaluate("document.activeElement.id") == "gebruikersnaam"
    pagina.keyboard.type("piet")
    pagina.keyboard.press("Tab")
    pagina.keyboard.type(WACHTWOORD)
    pagina.keyboard.press("Enter")
    pagina.get_by_role("heading", name="Mijn werk").wait_for()
    pagina.goto("/adviezen/CRA-2020-01")
    assert pagina.get_by_role("article").count() == 1
    assert pagina.get_by_role("button").all_inner_texts() == ["Uitloggen"]
    assert pagina.get_by_role("textbox").count() == 0


def test_secretaris_stelt_een_wachtwoord_opnieuw_in(browser: Any, server: str, pagina: Any) -> None:
    """The secretary makes a one-time link for piet; piet opens it in a browser of his own, chooses
    a new password and logs in with it. The link then works no more."""
    log_in(pagina, "els")
    pagina.get_by_role("link", name="Gebruikers").click()
    rij = pagina.get_by_role("row").filter(has_text="piet")
    rij.get_by_role("button", name="Wachtwoord opnieuw instellen", exact=True).click()
    link = pagina.get_by_label("Link voor piet").input_value()
    assert "/wachtwoord/" in link and WACHTWOORD not in pagina.locator("main").inner_text()
    schermafdruk(pagina, "herstellink")

    eigen = browser.new_context(base_url=server, locale="nl-NL")  # piet's own browser: no cookies of els
    piet = eigen.new_page()
    piet.goto(link)
    assert piet.get_by_label("Gebruikersnaam").input_value() == "piet"
    piet.get_by_label("Nieuw wachtwoord", exact=True).fill("piets-nieuwe-wachtwoord")
    piet.get_by_label("Nieuw wachtwoord, nog een keer").fill("piets-nieuwe-wachtwoord")
    piet.get_by_role("button", name="Wachtwoord instellen").click()
    piet.wait_for_url("**/inloggen")
    assert piet.get_by_role("status").inner_text().startswith("Uw nieuwe wachtwoord is ingesteld.")
    piet.get_by_label("Gebruikersnaam").fill("piet")
    piet.get_by_label("Wachtwoord").fill("piets-nieuwe-wachtwoord")
    piet.get_by_role("button", name="Inloggen").click()
    piet.get_by_role("heading", name="Mijn werk").wait_for()
    assert "piet (lid)" in piet.locator("header").inner_text()
    piet.goto(link)
    assert "hij is al gebruikt, verlopen of niet volledig overgenomen" in piet.get_by_role("alert").inner_text()
    eigen.close()


def test_secretaris_doet_het_werk_zonder_opdrachtregel(pagina: Any, home: Path) -> None:
    """Opschorten, an Aanvulling, a Bijlage and the year overview as a Word report: in the browser
    alone (the command line only sets up a sent advice and reads the register afterwards)."""
    from axe_playwright_python.sync_playwright import Axe

    voer_uit("vaststellen", "2020-01", "--datum", "2020-01-28", env={"ADVIES_GEBRUIKER": "hans"})
    voer_uit("verzenden", "2020-01", "--datum", "2020-02-03")
    log_in(pagina, "els")
    pagina.goto("/adviezen/CRA-2020-01")
    uitkomst = Axe().run(pagina)  # the page of a sent advice, with every form of the secretary
    assert uitkomst.violations_count == 0, uitkomst.generate_report()

    pagina.get_by_label("Eerste dag van de opschorting").fill("2020-02-17")
    pagina.get_by_label("Laatste dag van de opschorting").fill("2020-02-21")
    pagina.get_by_label("Reden van de opschorting").fill("Voorjaarsreces")
    pagina.get_by_role("button", name="Opschorten", exact=True).click()
    assert pagina.get_by_role("status").inner_text() == "De reactietermijn is opgeschort."
    assert als_json(voer_uit("toon", "2020-01", "--json"))["reactie_uiterlijk"] == "2020-03-23"

    pagina.get_by_label("Onderwerp van de aanvulling").fill("Ervaringen van deelnemers")
    pagina.get_by_label("Geregistreerd op").fill("2020-05-04")
    pagina.get_by_role("button", name="Aanvulling", exact=True).click()
    pagina.wait_for_url("**/adviezen/CRA-2020-01A")
    assert "CRA 2020-01A is geregistreerd als aanvulling op CRA 2020-01." in pagina.get_by_role("status").inner_text()
    assert als_json(voer_uit("toon", "2020-01A", "--json"))["onderwerp"] == "Ervaringen van deelnemers"

    bijlage = home / "notitie.pdf"
    bijlage.write_bytes(b"%PDF-1.4 een notitie van de werkgroep")
    pagina.get_by_label("Bestand").set_input_files(str(bijlage))
    pagina.get_by_label("Soort document").select_option(label="Bijlage")
    pagina.get_by_label("Datum van het document").fill("2020-05-05")
    pagina.get_by_role("button", name="Bijlage toevoegen").click()
    assert pagina.get_by_role("status").inner_text() == "Het document is toegevoegd."
    documenten = als_json(voer_uit("toon", "2020-01A", "--json"))["documenten"]
    assert [(d["soort"], d["datum"], d["bestandsnaam"]) for d in documenten] == [
        ("overig", "2020-05-05", "notitie.pdf")
    ]

    pagina.get_by_role("link", name="Jaaroverzicht").click()
    pagina.get_by_label("Jaar").select_option("2020")
    pagina.get_by_role("button", name="Tonen").click()
    with pagina.expect_download() as download:
        pagina.get_by_role("link", name="Jaaroverzicht 2020 als Word-rapport").click()
    assert download.value.suggested_filename == "jaaroverzicht-2020.docx"
    import zipfile

    with zipfile.ZipFile(download.value.path()) as docx:
        assert "Ervaringen van deelnemers" in docx.read("word/document.xml").decode()
    schermafdruk(pagina, "jaaroverzicht")


BREEDTES = (1280, 390)  # a laptop and a phone


def test_geen_toegankelijkheidsfouten(browser: Any, server: str, home: Path) -> None:
    """Every page, each at both widths in one walk (the walk's logins and steps once, not per width)."""
    from axe_playwright_python.sync_playwright import Axe

    # CRA 2020-01 sent back once and changed (the chair's note and comparison); CRA 2020-02 approved
    # (the secretary's Verzenden, whose confirmation shows the letter).
    voer_uit("terugsturen", "2020-01", "--reden", "Eerst de werkgroep horen", env={"ADVIES_GEBRUIKER": "hans"})
    nieuw = home / "nieuw.md"
    nieuw.write_text(TEKST.replace("positief", "negatief") + "\nNog één zin.\n", encoding="utf-8")
    voer_uit("concept", "2020-01", "--tekst", str(nieuw))
    voer_uit("agenderen", "2020-01", "--vergadering", "2020-02-25")
    voer_uit("vaststellen", "2020-02", "--datum", "2020-02-25", env={"ADVIES_GEBRUIKER": "hans"})
    # CRA 2020-03 sent back and not changed yet: the secretary's Mijn werk shows the reason.
    voer_uit("aanvraag", "Huishoudelijke hulp", "--ontvangen", "2020-02-10")
    voer_uit("concept", "2020-03", "--tekst", str(nieuw))
    voer_uit("agenderen", "2020-03", "--vergadering", "2020-02-25")
    voer_uit("terugsturen", "2020-03", "--reden", "Te lang", env={"ADVIES_GEBRUIKER": "hans"})
    axe = Axe()
    context = browser.new_context(base_url=server, viewport={"width": BREEDTES[0], "height": 900})
    pagina = context.new_page()
    fouten: dict[str, Any] = {}

    def controleer(naam: str) -> None:
        for breedte in BREEDTES:
            pagina.set_viewport_size({"width": breedte, "height": 900})
            uitkomst = axe.run(pagina)
            if uitkomst.violations_count:
                fouten[f"{naam}-{breedte}"] = uitkomst.generate_report()
            schermafdruk(pagina, f"{naam}-{breedte}")
        pagina.set_viewport_size({"width": BREEDTES[0], "height": 900})

    pagina.goto("/inloggen")
    controleer("inloggen")
    for naam, paden in (
        (
            "els",
            [
                "/",
                "/adviezen",
                "/adviezen/CRA-2020-01",
                "/adviezen/nieuw",
                "/instellingen",
                "/gebruikers",
                "/jaaroverzicht",
                "/feestdagen",
            ],
        ),
        ("hans", ["/", "/adviezen/CRA-2020-01", "/feestdagen"]),
        ("piet", ["/"]),
    ):
        log_in(pagina, naam)
        for pad in paden:
            pagina.goto(pad)
            controleer(f"{naam}{pad.replace('/', '-').rstrip('-')}")
        for pad, knop, reden in BEVESTIGINGEN.get(naam, []):
            pagina.goto(pad)
            if reden:
                pagina.get_by_label("Reden van intrekken").fill(reden)
            pagina.get_by_role("button", name=knop, exact=True).click()
            pagina.get_by_role("heading", name=f"{knop} bevestigen").wait_for()
            controleer(f"{naam}-{knop.lower()}-bevestigen")
        if naam == "els":  # the one-time link for a new password, and the page it opens
            pagina.goto("/gebruikers")
            rij = pagina.get_by_role("row").filter(has_text="piet")
            rij.get_by_role("button", name="Wachtwoord opnieuw instellen", exact=True).click()
            pagina.get_by_role("heading", name="Link voor een nieuw wachtwoord").wait_for()
            controleer("els-herstellink")
            pagina.goto(pagina.get_by_label("Link voor piet").input_value())
            pagina.get_by_role("heading", name="Nieuw wachtwoord instellen").wait_for()
            controleer("wachtwoord-instellen")
        if naam == "hans":  # a session that ended during a form: the login's warning, the text back
            pagina.goto("/adviezen/CRA-2020-01")
            pagina.get_by_label("Reden").fill("Nog één keer lezen")
            verloop_sessies()
            pagina.get_by_role("button", name="Terugsturen").click()
            pagina.wait_for_url("**/inloggen?volgende=/adviezen/CRA-2020-01")
            controleer("hans-sessie-verlopen")
            pagina.get_by_label("Gebruikersnaam").fill("hans")
            pagina.get_by_label("Wachtwoord").fill(WACHTWOORD)
            pagina.get_by_role("button", name="Inloggen").click()
            pagina.wait_for_url("**/adviezen/CRA-2020-01")
            controleer("hans-tekst-terug")
        pagina.goto("/uitloggen")
        controleer(f"{naam}-uitloggen")
        pagina.locator("main").get_by_role("button", name="Uitloggen").click()
        pagina.wait_for_url("**/inloggen")
    context.close()
    assert fouten == {}
