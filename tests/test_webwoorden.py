"""The web page speaks as people do (issue #27): every page, fetched over HTTP as the secretaris, the
voorzitter and a lid on a register with an advice in every state, shows no command line, no ISO date
outside an attribute, no status code, no hash, and a count with the right noun. Dates are long
Dutch dates in a `<time datetime=...>`; history rows are sentences; documents are named by what
they are; a finished advice says that nothing more is needed; a warning is not styled as success."""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from tests import beginstand
from tests.conftest import Advies, als_json, momentopname, voer_uit
from tests.webhulp import SLEUTEL, VASTE_DAG, bevestig, csrf, ingericht, log_in, verborgen
from workflow.cli import OPDRACHTEN
from workflow.domein.woorden import Status
from workflow.register import Register
from workflow.web import woorden
from workflow.web.app import maak_app

pytestmark = pytest.mark.een_backend(reden="wat de pagina's zeggen; dezelfde pagina's over HTTP op beide in test_web")

# Which advice stands where after `bouw` (CRA 2020-01 is webhulp's, waiting for approval).
STANDEN = {
    "CRA-2020-01": Status.TER_VASTSTELLING,
    "CRA-2020-02": Status.AANGEVRAAGD,
    "CRA-2020-03": Status.CONCEPT,
    "CRA-2020-04": Status.VASTGESTELD,
    "CRA-2020-05": Status.VERZONDEN,
    "CRA-2020-06": Status.BEANTWOORD,
    "CRA-2020-07": Status.INGETROKKEN,
    "CRA-2020-08": Status.VERZONDEN,
}
ROLLEN = ("els", "hans", "piet")

# What a page must not show as text (attributes may carry ISO dates and hashes: form values, `datetime`).
OPDRACHT = re.compile(r"[`'\"‘]advies [a-z]|\badvies (?:" + "|".join(sorted(OPDRACHTEN)) + r")\b")
VOER_UIT = re.compile(r"\bvoer\b[^.;]*\buit\b", re.IGNORECASE)
ISO_DATUM = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
CODE = re.compile(r"\b[a-z]+_[a-z_]+\b")  # ter_vaststelling, te_laat: a code, not a word
HASH = re.compile(r"\b[0-9a-f]{12,}\b")
FOUT_MEERVOUD = re.compile(r"\b1 (?:adviezen|dagen|signalen|documenten)\b|\b(?:[02-9]|\d{2,}) (?:dag|signaal)\b")


class Zichtbaar(HTMLParser):
    """The text a reader sees: the data between tags, never an attribute."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.delen: list[str] = []

    def handle_data(self, data: str) -> None:
        self.delen.append(data)


def zichtbaar(html: str) -> str:
    lezer = Zichtbaar()
    lezer.feed(html)
    lezer.close()
    return re.sub(r"\s+", " ", " ".join(lezer.delen))


def controleer_woorden(pad: str, html: str) -> None:
    tekst = zichtbaar(html)
    for naam, patroon in (
        ("opdracht", OPDRACHT),
        ("voer ... uit", VOER_UIT),
        ("ISO-datum", ISO_DATUM),
        ("code", CODE),
        ("hash", HASH),
        ("meervoud", FOUT_MEERVOUD),
    ):
        gevonden = patroon.search(tekst)
        assert gevonden is None, (
            f"{pad}: {naam} {gevonden.group(0)!r} in {tekst[max(0, gevonden.start() - 80) :][:200]!r}"
        )


def bouw(advies: Advies, home: Path) -> None:
    """An advice in every state, built through the CLI (the chair's approval through the page)."""
    ingericht(advies, home)
    tekst = home / "tekst.md"
    tekst.write_text("Geacht college,\n\nWij adviseren.\n", encoding="utf-8")
    reactie = home / "reactie.pdf"
    reactie.write_bytes(b"%PDF-1.4 reactie")
    for nummer, onderwerp in enumerate(("Armoede", "Vervoer", "Jeugd", "Zorg", "Wonen", "Sport", "Werk"), start=2):
        advies("aanvraag", onderwerp, "--ontvangen", "2020-02-03")
        if nummer >= 3:
            advies("concept", f"2020-{nummer:02d}", "--tekst", str(tekst))
        if nummer >= 4:
            advies("agenderen", f"2020-{nummer:02d}", "--vergadering", "2020-02-25")
    app = maak_app(Register(), sleutel=SLEUTEL, vandaag=lambda: VASTE_DAG)
    with TestClient(app) as hans:
        log_in(hans, "hans")
        for nummer in (4, 5, 6, 8):
            pagina = hans.get(f"/adviezen/CRA-2020-{nummer:02d}").text
            velden = {**verborgen(pagina, "vaststellen/bevestigen"), "datum": "2020-02-25"}
            assert bevestig(hans, f"/adviezen/CRA-2020-{nummer:02d}", "vaststellen", velden).status_code == 200
    for nummer in (5, 6, 8):
        advies("verzenden", f"2020-{nummer:02d}", "--datum", "2020-03-02")
    advies("termijn", "2020-05", "--tot", "2020-05-01", "--reden", "Afgesproken met de wethouder")
    advies("herinnering", "2020-08", "--datum", "2020-05-01", "--uit", str(home / "herinnering.docx"))
    advies("reactie", "2020-06", "--ontvangen", "2020-03-20", "--oordeel", "deels", "--document", str(reactie))
    advies("bijlage", "2020-06", "--document", str(reactie), "--soort", "overig")
    advies("corrigeer", "2020-02", "--ontvangen", "2020-02-04", "--reden", "Tikfout")
    advies("intrekken", "2020-07", "--reden", "Dubbel")


@pytest.fixture
def nieuwe_client(advies: Advies, home: Path) -> Iterator[Callable[[str], TestClient]]:
    beginstand.zet_neer("webwoorden", home, lambda: bouw(advies, home))
    register = Register()
    app = maak_app(register, sleutel=SLEUTEL, vandaag=lambda: VASTE_DAG)
    clients: list[TestClient] = []

    def maak(naam: str) -> TestClient:
        client = TestClient(app)
        clients.append(client)
        log_in(client, naam)
        return client

    yield maak
    for client in clients:
        client.close()
    register.sluit()


def paden(naam: str) -> list[str]:
    alle = ["/", "/adviezen", "/uitloggen", "/adviezen/CRA-2019-99"]
    alle += [f"/adviezen?status={s.value}" for s in Status]
    alle += [f"/adviezen/{kenmerk}" for kenmerk in STANDEN]
    alle += [
        "/jaaroverzicht",
        "/jaaroverzicht?jaar=2019",
        "/feestdagen",
        "/feestdagen?jaar=2026",
        "/feestdagen?jaar=2031",
    ]
    if naam == "els":
        alle += ["/adviezen/nieuw", "/instellingen", "/gebruikers"]
    return alle


@pytest.mark.parametrize("naam", ROLLEN)
def test_elke_pagina_spreekt_als_mensen(nieuwe_client: Callable[[str], TestClient], naam: str) -> None:
    for kenmerk, status in STANDEN.items():
        assert als_json(voer_uit("toon", kenmerk, "--json"))["status"] == status
    client = nieuwe_client(naam)
    for pad in paden(naam):
        antwoord = client.get(pad)
        assert antwoord.status_code == (404 if "2019-99" in pad else 200), (pad, antwoord.text)
        controleer_woorden(pad, antwoord.text)


def test_datums_lang_en_als_time(nieuwe_client: Callable[[str], TestClient]) -> None:
    pagina = nieuwe_client("els").get("/adviezen/CRA-2020-05").text
    assert '<dt>Verzonden</dt><dd><time datetime="2020-03-02">2 maart 2020</time></dd>' in pagina
    assert '<dt>Reactie uiterlijk</dt><dd><time datetime="2020-05-01">1 mei 2020</time></dd>' in pagina
    # ISO only in machine places: the forms' values and bounds (min, max) and the datetime attributes.
    for iso in ISO_DATUM.findall(pagina):
        assert re.search(rf'(?:value|datetime|min|max)="{iso}', pagina), iso


def test_register_zegt_welke_datum_en_telt_goed(nieuwe_client: Callable[[str], TestClient]) -> None:
    els = nieuwe_client("els")
    een = els.get("/adviezen", params={"status": "ingetrokken"}).text
    assert "<caption>1 advies</caption>" in een
    twee = els.get("/adviezen", params={"status": "verzonden"}).text
    assert "<caption>2 adviezen</caption>" in twee
    assert '<th scope="col">Geregistreerd</th><th scope="col">Verzonden</th>' in twee
    assert '<option value="verzonden" selected>verzonden, wacht op reactie</option>' in twee
    assert '<th scope="col">Datum</th>' not in twee
    werk = nieuwe_client("hans").get("/").text
    assert "Wacht op uw vaststelling (1 advies)" in werk and '<th scope="col">Vergadering</th>' in werk
    lid = nieuwe_client("piet").get("/").text
    assert "Verzonden adviezen (2 adviezen)" in lid and '<th scope="col">Reactie uiterlijk</th>' in lid


def test_geschiedenis_in_zinnen_en_documenten_bij_naam(nieuwe_client: Callable[[str], TestClient]) -> None:
    pagina = nieuwe_client("piet").get("/adviezen/CRA-2020-06").text
    tekst = zichtbaar(pagina)
    for zin in (
        "Geregistreerd door els",
        "Concepttekst opgeslagen door els",
        "Op de agenda gezet door els",
        "Vastgesteld door hans",
        "Verzonden aan het college door els",
        "Reactie van het college vastgelegd door els",
        "Versie 1 vastgesteld op 25 februari 2020",
        "Adviesbrief van 2 maart 2020 (Word)",
        "Reactie van het college van 20 maart 2020 (PDF)",
        "Conceptbrief, versie 1, van",
        "Versie 1 van ",
    ):
        assert zin in tekst, zin
    assert "→" not in tekst and "sha256" not in tekst and ".docx" not in tekst
    assert 'download="CRA-2020-06_brief.docx"' in pagina or re.search(r'download="[^"]+\.docx"', pagina)
    # The approval still binds to the version shown, in a hidden field.
    voorzitter = nieuwe_client("hans").get("/adviezen/CRA-2020-01").text
    assert re.search(r'<input type="hidden" name="sha256" value="[0-9a-f]{64}">', voorzitter)


@pytest.mark.parametrize("kenmerk", ["CRA-2020-06", "CRA-2020-07"])
@pytest.mark.parametrize("naam", ROLLEN)
def test_afgerond_advies_zegt_dat_er_niets_meer_hoeft(
    nieuwe_client: Callable[[str], TestClient], kenmerk: str, naam: str
) -> None:
    tekst = zichtbaar(nieuwe_client(naam).get(f"/adviezen/{kenmerk}").text)
    assert "Wat u nu kunt doen" in tekst and "Er hoeft niets meer te gebeuren." in tekst


def test_verzenden_zonder_ondertekening_zegt_wat_te_doen_op_de_pagina(
    nieuwe_client: Callable[[str], TestClient], advies: Advies
) -> None:
    advies("instelling", "brief.functie", "")
    els = nieuwe_client("els")
    pagina = els.get("/adviezen/CRA-2020-04").text
    voor = momentopname()
    antwoord = els.post(
        "/adviezen/CRA-2020-04/verzenden", data={**verborgen(pagina, "verzenden/bevestigen"), "datum": "2020-03-02"}
    )
    assert antwoord.status_code == 409
    assert (
        "De brief heeft nog geen ondertekening (de functie van de ondertekenaar ontbreekt) en verandert na "
        "verzenden nooit meer; vul eerst de functie van de ondertekenaar in bij de instellingen; er is niets "
        "verzonden." in antwoord.text
    )
    controleer_woorden("verzenden", antwoord.text)
    assert momentopname() == voor
    # The CLI keeps its own words.
    fout = voer_uit("verzenden", "2020-04", "--datum", "2020-03-02", code=1).stderr
    assert "zet eerst 'advies instelling brief.functie \"...\"'" in fout


def test_verlopen_sessie_is_een_waarschuwing_geen_succes(
    nieuwe_client: Callable[[str], TestClient], monkeypatch: pytest.MonkeyPatch
) -> None:
    import time

    client = nieuwe_client("piet")
    nu = time.time()
    monkeypatch.setattr(time, "time", lambda: nu + 481 * 60)
    pagina = client.get("/").text
    assert (
        '<p class="waarschuwing" role="alert"><strong>Let op:</strong> Uw sessie is verlopen. Log opnieuw in.</p>'
        in pagina
    )
    assert 'class="melding"' not in pagina


@pytest.mark.parametrize(
    ("cli", "web"),
    [
        (
            "CRA 2020-01 is intussen gewijzigd door els (agenderen) en staat nu op 'ter_vaststelling'; "
            "er is niets opgeslagen, bekijk het met 'advies toon CRA 2020-01'",
            "CRA 2020-01 is intussen gewijzigd door els (agenderen) en staat nu op 'ter vaststelling'; "
            "er is niets opgeslagen; hieronder staat het zoals het nu is",
        ),
        (
            "CRA 2020-01 heeft nog geen concepttekst; sla er eerst een op met 'advies concept'",
            "CRA 2020-01 heeft nog geen concepttekst; sla er eerst een op met Concept opslaan",
        ),
        (
            "de opschorting begint (2020-03-01) na het einde van de reactietermijn (2020-02-01); "
            "een verstreken termijn verlengt u met 'advies termijn'",
            "de opschorting begint (1 maart 2020) na het einde van de reactietermijn (1 februari 2020); "
            "een verstreken termijn verlengt u met Termijn verlengen",
        ),
        (
            "gebruiker 'x' is niet geregistreerd; 'advies gebruiker lijst' toont wie wel",
            "gebruiker 'x' is niet geregistreerd",
        ),
        (
            "de database is nog niet ingericht; voer eerst 'advies init' uit",
            "de database is nog niet ingericht; de beheerder moet de database eerst inrichten",
        ),
        (
            "de getoonde tekst is niet de laatste versie van CRA 2020-01 (dat is versie 2, sha256 c7c280109fa4); "
            "er is niets vastgesteld, lees eerst de nieuwe versie",
            "de getoonde tekst is niet de laatste versie van CRA 2020-01 (dat is versie 2); "
            "er is niets vastgesteld, lees eerst de nieuwe versie",
        ),
        # A command clause the table does not know yet is left out rather than shown.
        (
            "het ging mis; herstel het met 'advies nieuwe-opdracht --x'; er is niets opgeslagen",
            "het ging mis; er is niets opgeslagen",
        ),
    ],
)
def test_weigering_in_webwoorden(cli: str, web: str) -> None:
    assert woorden.webzin(cli) == web


def test_een_helper_voor_het_meervoud() -> None:
    assert [woorden.aantal(n, "advies", "adviezen") for n in (0, 1, 2)] == ["0 adviezen", "1 advies", "2 adviezen"]


def test_reactiedocument_via_de_pagina_heet_naar_wat_het_is(nieuwe_client: Callable[[str], TestClient]) -> None:
    els = nieuwe_client("els")
    pagina = els.get("/adviezen/CRA-2020-08").text
    velden = {**verborgen(pagina, "reactie"), "ontvangen": "2020-05-10", "oordeel": "overgenomen"}
    bestand = {"document": ("scan 12.pdf", io.BytesIO(b"%PDF-1.4 x"), "application/pdf")}
    antwoord = els.post("/adviezen/CRA-2020-08/reactie", data=velden, files=bestand)
    assert antwoord.status_code == 200
    tekst = zichtbaar(antwoord.text)
    assert "Reactie van het college van 10 mei 2020 (PDF)" in tekst and "scan 12" not in tekst
    assert "Herinnering CRB 2020-01 van 1 mei 2020 (Word)" in tekst
    assert "(oordeel: overgenomen)" in tekst and "beantwoord door het college" in tekst
    controleer_woorden("reactie", antwoord.text)


@pytest.mark.parametrize(
    ("pad", "velden", "zin"),
    [
        (
            "/adviezen/CRA-2020-05/opschorten",
            {"van": "2020-06-01", "tot": "2020-06-05", "reden": "Zomer"},
            "een verstreken termijn verlengt u met Termijn verlengen",
        ),
        (
            "/adviezen/CRA-2020-05/corrigeer",
            {"reactie_uiterlijk": "2020-02-01", "reden": "Tikfout"},
            "ligt vóór de verzending (2 maart 2020)",
        ),
        ("/adviezen/CRA-2020-07/aanvulling", {"onderwerp": "Meer", "datum": "2020-05-01"}, "is ingetrokken"),
        ("/adviezen/CRA-2020-02/bijlage", {"soort": "overig", "datum": "2020-05-01"}, "is toegevoegd"),
    ],
)
def test_de_formulieren_van_de_secretaris_spreken_als_mensen(
    nieuwe_client: Callable[[str], TestClient], pad: str, velden: dict[str, str], zin: str
) -> None:
    """A refusal or a success of the secretary's forms, in words (a command or ISO date never shows)."""
    els = nieuwe_client("els")
    stap = pad.rsplit("/", 1)[1]
    pagina = els.get(pad.rsplit("/", 1)[0]).text
    formulier = verborgen(pagina, stap) if f'/{stap}"' in pagina else {"csrf": csrf(pagina)}
    bestand = {"document": ("scan 3.pdf", io.BytesIO(b"%PDF-1.4 x"), "application/pdf")}
    antwoord = els.post(pad, data={**formulier, **velden}, files=bestand if stap == "bijlage" else None)
    assert zin in antwoord.text, antwoord.text
    controleer_woorden(pad, antwoord.text)


@pytest.mark.parametrize(
    ("naam", "kenmerk", "stap", "extra"),
    [
        ("hans", "CRA-2020-01", "vaststellen", {"datum": "2020-02-25"}),
        ("els", "CRA-2020-04", "verzenden", {"datum": "2020-03-02"}),
        ("els", "CRA-2020-03", "intrekken", {"reden": "Niet meer nodig"}),
    ],
)
def test_de_bevestigingen_spreken_als_mensen(
    nieuwe_client: Callable[[str], TestClient], naam: str, kenmerk: str, stap: str, extra: dict[str, str]
) -> None:
    """The confirmation pages (what will happen, the final letter, its dates) in words too."""
    client = nieuwe_client(naam)
    velden = {**verborgen(client.get(f"/adviezen/{kenmerk}").text, f"{stap}/bevestigen"), **extra}
    antwoord = client.post(f"/adviezen/{kenmerk}/{stap}/bevestigen", data=velden)
    assert antwoord.status_code == 200 and "Bevestigen</button>" in antwoord.text
    controleer_woorden(f"{kenmerk}/{stap}/bevestigen", antwoord.text)


def test_mijn_werk_en_de_tweede_herinnering_spreken_als_mensen(
    nieuwe_client: Callable[[str], TestClient], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Mijn werk with a draft sent back and a reminded advice, and the question before a second
    reminder on one day (CRA 2020-08 was reminded on 1 May 2020), in words too."""
    from tests.databanken import als_gebruiker

    with pytest.MonkeyPatch.context() as m:
        als_gebruiker(m, "hans")
        voer_uit("terugsturen", "2020-01", "--reden", "Eerst de werkgroep horen")
    els = nieuwe_client("els")
    werk = els.get("/")
    assert "Teruggestuurd door de voorzitter" in werk.text
    assert "na de herinnering van 1 mei 2020 uiterlijk" in zichtbaar(werk.text)
    controleer_woorden("/", werk.text)
    velden = {**verborgen(els.get("/adviezen/CRA-2020-08").text, "herinnering"), "datum": "2020-05-01"}
    vraag = els.post("/adviezen/CRA-2020-08/herinnering", data=velden)
    assert vraag.status_code == 200 and "Tweede herinnering bevestigen" in vraag.text
    controleer_woorden("herinnering/tweede", vraag.text)
