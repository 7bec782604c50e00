"""The secretary's daily work in the browser, with no command line (issue 27), over HTTP on both
backends: Opschorten, Termijn verlengen, Corrigeren, Bijlage toevoegen and Aanvulling on the advice
page, the holiday corrections (`/feestdagen`) and the year overview (`/jaaroverzicht`).

Each form calls the service its command calls: the register after the form is the register after
the command (`advies toon --json` without time stamps), from the same starting state. A refusal is
one sentence on the page and changes nothing; a forged request of the chair is refused (403), and so
is a form without its CSRF token. The page's "today" is injected (`VASTE_DAG`)."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from tests import beginstand
from tests.conftest import Advies, als_json, momentopname, voer_uit
from tests.databanken import als_gebruiker
from tests.webhulp import SLEUTEL, VASTE_DAG, csrf, ingericht, log_in, verborgen
from workflow.register import Register
from workflow.web.app import maak_app

EEN = "/adviezen/CRA-2020-01"  # sent on 3 February 2020, response due 16 March 2020
TWEE = "/adviezen/CRA-2020-02"  # a request, received 3 February 2020, adviestermijn 2 March 2020


def bouw(advies: Advies, home: Path) -> None:
    ingericht(advies, home)
    with pytest.MonkeyPatch.context() as m:
        als_gebruiker(m, "hans")
        voer_uit("vaststellen", "2020-01", "--datum", "2020-01-28")
    advies("verzenden", "2020-01", "--datum", "2020-02-03")
    advies("aanvraag", "Armoede", "--ontvangen", "2020-02-03", "--termijn", "2020-03-02", "--uw-kenmerk", "WI/1")


class Stand:
    """The starting state (built once per test process), a logged-in client on it, and the way back
    to the start for doing the same through the command line."""

    def __init__(self, advies: Advies, home: Path) -> None:
        self.advies, self.home = advies, home
        self.register: Register | None = None
        self.clients: list[TestClient] = []
        self.zet_neer()

    def zet_neer(self) -> None:
        self.sluit()
        beginstand.zet_neer("secretariaat", self.home, lambda: bouw(self.advies, self.home))

    def client(self, naam: str = "els") -> TestClient:
        if self.register is None:
            self.register = Register()
        client = TestClient(maak_app(self.register, sleutel=SLEUTEL, vandaag=lambda: VASTE_DAG))
        self.clients.append(client)
        log_in(client, naam)
        return client

    def sluit(self) -> None:
        for client in self.clients:
            client.close()
        self.clients.clear()
        if self.register is not None:
            self.register.sluit()
            self.register = None


@pytest.fixture
def stand(advies: Advies, home: Path) -> Iterator[Stand]:
    gemaakt = Stand(advies, home)
    yield gemaakt
    gemaakt.sluit()


def toon(kenmerk: str) -> dict[str, Any]:
    """`advies toon --json` without the moments things were stored (the one thing two runs differ in)."""
    getoond: dict[str, Any] = als_json(voer_uit("toon", kenmerk, "--json"))
    for lijst in ("geschiedenis", "versies"):
        for rij in getoond[lijst]:
            rij.pop("op")
    return getoond


def als_de_cli(stand: Stand, kenmerk: str, na_web: dict[str, Any], *opdracht: str) -> None:
    """From the same start, `advies OPDRACHT` leaves the advice as the form did."""
    stand.zet_neer()
    voer_uit(*opdracht)
    assert toon(kenmerk) == na_web


def post(client: TestClient, pad: str, stap: str, velden: dict[str, str], **extra: Any) -> Any:
    """The form of `stap` on the page at `pad`, with `velden` filled in."""
    return client.post(f"{pad}/{stap}", data={**verborgen(client.get(pad).text, stap), **velden}, **extra)


# --- the advice page -------------------------------------------------------------------------------


def test_opschorten_als_de_cli_en_een_weigering(stand: Stand) -> None:
    els = stand.client()
    pagina = els.get(EEN).text
    assert '<button type="submit">Opschorten</button>' in pagina
    assert '<button type="submit">Termijn verlengen</button>' in pagina
    voor = momentopname()
    fout = post(els, EEN, "opschorten", {"van": "2020-02-21", "tot": "2020-02-17", "reden": "Voorjaarsreces"})
    assert fout.status_code == 400
    assert (
        '<p class="fout" role="alert">De opschorting eindigt (17 februari 2020) vóór ze begint (21 februari 2020).</p>'
        in fout.text
    )
    assert momentopname() == voor

    antwoord = post(els, EEN, "opschorten", {"van": "2020-02-17", "tot": "2020-02-21", "reden": "Voorjaarsreces"})
    assert antwoord.status_code == 200 and "De reactietermijn is opgeschort." in antwoord.text
    assert '<dt>Reactie uiterlijk</dt><dd><time datetime="2020-03-23">23 maart 2020</time></dd>' in antwoord.text
    na_web = toon("2020-01")
    als_de_cli(stand, "2020-01", na_web, "opschorten", "2020-01", "--van", "2020-02-17", "--tot", "2020-02-21",
               "--reden", "Voorjaarsreces")  # fmt: skip


def test_termijn_verlengen_als_de_cli(stand: Stand) -> None:
    antwoord = post(stand.client(), EEN, "termijn", {"tot": "2020-04-01", "reden": "Afgesproken"})
    assert "De reactietermijn is verlengd." in antwoord.text
    als_de_cli(stand, "2020-01", toon("2020-01"), "termijn", "2020-01", "--tot", "2020-04-01", "--reden", "Afgesproken")


def test_corrigeren_toont_wat_de_dienst_toestaat_en_doet_wat_de_cli_doet(stand: Stand) -> None:
    els = stand.client()
    aanvraag = verborgen(els.get(TWEE).text, "corrigeer")
    assert {k: aanvraag[k] for k in ("onderwerp", "uw_kenmerk", "ontvangen_op", "adviestermijn")} == {
        "onderwerp": "Armoede",
        "uw_kenmerk": "WI/1",
        "ontvangen_op": "2020-02-03",
        "adviestermijn": "2020-03-02",
    }
    assert "reactie_uiterlijk" not in aanvraag
    verzonden = verborgen(els.get(EEN).text, "corrigeer")  # in the letter sent: subject and kenmerk frozen
    assert set(verzonden) == {"csrf", "rijversie", "adviestermijn", "reactie_uiterlijk"}
    assert verzonden["reactie_uiterlijk"] == "2020-03-16"

    voor = momentopname()
    fout = post(els, TWEE, "corrigeer", {"adviestermijn": "2020-02-01", "reden": "Tikfout"})
    assert fout.status_code == 400
    assert "De adviestermijn (1 februari 2020) ligt vóór de ontvangstdatum (3 februari 2020)" in fout.text
    niets = post(els, TWEE, "corrigeer", {"reden": "Tikfout"})
    assert niets.status_code == 409 and "CRA 2020-02 heeft die gegevens al; er is niets gecorrigeerd." in niets.text
    assert momentopname() == voor

    velden = {"onderwerp": "Armoedebeleid", "ontvangen_op": "2020-02-04", "reden": "Tikfout"}
    antwoord = post(els, TWEE, "corrigeer", velden)
    assert antwoord.status_code == 200 and "De gegevens zijn gecorrigeerd." in antwoord.text
    als_de_cli(stand, "2020-02", toon("2020-02"), "corrigeer", "2020-02", "--onderwerp", "Armoedebeleid",
               "--ontvangen", "2020-02-04", "--reden", "Tikfout")  # fmt: skip


def test_bijlage_toevoegen_als_de_cli(stand: Stand, tmp_path: Path) -> None:
    els = stand.client()
    assert '<button type="submit">Bijlage toevoegen</button>' in els.get(TWEE).text
    velden = {"soort": "overig", "datum": "2020-03-05"}
    voor = momentopname()
    leeg = post(els, EEN, "bijlage", velden, files={"document": ("notitie.pdf", io.BytesIO(b""), "application/pdf")})
    assert leeg.status_code == 400 and "Het bestand &#39;notitie.pdf&#39; is leeg." in leeg.text
    with pytest.MonkeyPatch.context() as m:  # the page's bound on an upload, made small
        m.setattr("workflow.web.stappen.MAX_DOCUMENT", 1024 * 1024)
        groot = io.BytesIO(b"x" * (1024 * 1024 + 1))
        te_groot = post(els, EEN, "bijlage", velden, files={"document": ("scan.pdf", groot, "application/pdf")})
    assert te_groot.status_code == 400 and "De bijlage is te groot (hoogstens 1 MB)." in te_groot.text
    assert momentopname() == voor

    inhoud = b"%PDF-1.4 een notitie"
    bestand = {"document": ("notitie.pdf", io.BytesIO(inhoud), "application/pdf")}
    antwoord = post(els, EEN, "bijlage", velden, files=bestand)
    assert antwoord.status_code == 200 and "Het document is toegevoegd." in antwoord.text
    assert "Bijlage van 5 maart 2020 (PDF)" in antwoord.text
    na_web = toon("2020-01")
    pad = tmp_path / "notitie.pdf"
    pad.write_bytes(inhoud)
    als_de_cli(stand, "2020-01", na_web, "bijlage", "2020-01", "--document", str(pad), "--soort", "overig",
               "--datum", "2020-03-05")  # fmt: skip


def test_aanvulling_als_de_cli(stand: Stand) -> None:
    els = stand.client()
    voor = momentopname()
    fout = post(els, EEN, "aanvulling", {"onderwerp": "Ervaringen", "datum": "2020-01-01"})
    assert fout.status_code == 400
    assert "De datum (1 januari 2020) ligt vóór de registratie van CRA 2020-01 (10 januari 2020)" in fout.text
    assert momentopname() == voor

    antwoord = post(els, EEN, "aanvulling", {"onderwerp": "Ervaringen", "datum": "2020-05-04"})
    assert antwoord.status_code == 200
    assert str(antwoord.url).endswith("/adviezen/CRA-2020-01A")
    assert "CRA 2020-01A is geregistreerd als aanvulling op CRA 2020-01." in antwoord.text
    # On the supplement's page, a further supplement joins the main advice, as the service does it.
    assert "een eigen advies met het nummer van CRA 2020-01 en een letter erachter" in antwoord.text
    na_web = toon("2020-01A")
    als_de_cli(stand, "2020-01A", na_web, "aanvulling", "2020-01", "Ervaringen", "--datum", "2020-05-04")


def test_geen_aanvulling_op_een_ingetrokken_advies(stand: Stand) -> None:
    voer_uit("intrekken", "2020-02", "--reden", "Dubbel")
    pagina = stand.client().get(TWEE).text
    assert '<button type="submit">Aanvulling</button>' not in pagina
    assert '<button type="submit">Bijlage toevoegen</button>' in pagina  # in every state, as the CLI


def test_de_formulieren_lezen_het_advies_niet_nog_eens(stand: Stand) -> None:
    """What the secretary's forms ask (corrigeerbaar, aanvulling) comes from the one read of the advice."""
    import re

    from sqlalchemy import event

    els = stand.client()
    assert stand.register is not None
    vragen: list[str] = []

    def noteer(*argumenten: Any) -> None:
        vragen.append(str(argumenten[2]))

    event.listen(stand.register.engine(), "before_cursor_execute", noteer)
    try:
        pagina = els.get(EEN)
    finally:
        event.remove(stand.register.engine(), "before_cursor_execute", noteer)
    assert ">Corrigeren</button>" in pagina.text and ">Aanvulling</button>" in pagina.text
    assert len([v for v in vragen if re.search(r"\bFROM advies\b", v)]) == 1, vragen


# --- the calendar ----------------------------------------------------------------------------------


def test_feestdag_toevoegen_en_verwijderen_herberekent_als_de_cli(stand: Stand) -> None:
    els = stand.client()
    pagina = els.get("/feestdagen?jaar=2020").text
    assert "Feestdagen en gelijkgestelde dagen in 2020" in pagina and "Tweede Paasdag" in pagina
    voor = momentopname()
    token = csrf(pagina)
    weekend = els.post("/feestdagen/toevoegen", data={"csrf": token, "datum": "2020-03-14", "reden": "Reces"})
    assert weekend.status_code == 400 and "14 maart 2020 is een zaterdag of zondag" in weekend.text
    wet = els.post("/feestdagen/verwijderen", data={"csrf": token, "datum": "2020-12-25", "reden": "Nee"})
    assert wet.status_code == 400 and "is een feestdag volgens de wet" in wet.text
    assert momentopname() == voor

    # CRA 2020-01's response is due on Monday 16 March 2020; a day of the council's own moves it on.
    antwoord = els.post("/feestdagen/toevoegen", data={"csrf": token, "datum": "2020-03-16", "reden": "Reces"})
    assert antwoord.status_code == 200, antwoord.text
    assert (
        "16 maart 2020 is toegevoegd aan de kalender. Herberekende reactietermijnen: "
        "CRA 2020-01 van 16 maart 2020 naar 17 maart 2020." in antwoord.text
    )
    assert '<option value="2020-03-16">16 maart 2020</option>' in antwoord.text  # now removable
    na_web = toon("2020-01"), als_json(voer_uit("feestdag", "lijst", "2020", "--json"))
    stand.zet_neer()
    voer_uit("feestdag", "toevoegen", "2020-03-16", "--reden", "Reces")
    assert (toon("2020-01"), als_json(voer_uit("feestdag", "lijst", "2020", "--json"))) == na_web

    els = stand.client()
    terug = els.post("/feestdagen/verwijderen", data={"csrf": token, "datum": "2020-03-16", "reden": "Toch niet"})
    assert terug.status_code == 403  # a new session: the old form's token is no longer valid
    token = csrf(els.get("/feestdagen?jaar=2020").text)
    terug = els.post("/feestdagen/verwijderen", data={"csrf": token, "datum": "2020-03-16", "reden": "Toch niet"})
    assert "CRA 2020-01 van 17 maart 2020 naar 16 maart 2020." in terug.text
    assert toon("2020-01")["reactie_uiterlijk"] == "2020-03-16"


# --- rights and tokens -----------------------------------------------------------------------------

FORMULIEREN = [
    (f"{EEN}/opschorten", {"van": "2020-02-17", "tot": "2020-02-21", "reden": "x"}),
    (f"{EEN}/termijn", {"tot": "2020-04-01", "reden": "x"}),
    (f"{TWEE}/corrigeer", {"onderwerp": "Anders", "reden": "x"}),
    (f"{EEN}/bijlage", {"soort": "overig", "datum": "2020-03-05"}),
    (f"{EEN}/aanvulling", {"onderwerp": "Ervaringen", "datum": "2020-05-04"}),
    ("/feestdagen/toevoegen", {"datum": "2020-03-16", "reden": "x"}),
    ("/feestdagen/verwijderen", {"datum": "2020-05-22", "reden": "x"}),
]


def test_vervalst_door_de_voorzitter_of_zonder_token_verandert_niets(stand: Stand) -> None:
    hans, els = stand.client("hans"), stand.client("els")
    pagina = hans.get(EEN).text
    for knop in ("Opschorten", "Termijn verlengen", "Corrigeren", "Bijlage toevoegen", "Aanvulling"):
        assert f">{knop}</button>" not in pagina
    assert "Een dag toevoegen" not in hans.get("/feestdagen").text
    for client, token in ((hans, csrf(pagina)), (els, None)):
        voor = momentopname()
        for pad, velden in FORMULIEREN:
            data = {"rijversie": "2", **velden, **({"csrf": token} if token else {})}
            bestand = {"document": ("a.pdf", io.BytesIO(b"%PDF"), "application/pdf")}
            antwoord = client.post(pad, data=data, files=bestand if pad.endswith("bijlage") else None)
            assert antwoord.status_code == 403, (pad, antwoord.text)
        assert momentopname() == voor


# --- the year overview -----------------------------------------------------------------------------


def test_jaaroverzicht_downloaden_als_de_cli(stand: Stand, tmp_path: Path) -> None:
    els = stand.client()
    pagina = els.get("/jaaroverzicht?jaar=2020").text
    assert "<h1>Jaaroverzicht 2020</h1>" in pagina
    for formaat in ("docx", "xlsx", "csv", "json"):
        assert f'href="/jaaroverzicht/jaaroverzicht-2020.{formaat}"' in pagina
    for formaat in ("csv", "json"):
        gedownload = els.get(f"/jaaroverzicht/jaaroverzicht-2020.{formaat}")
        assert gedownload.status_code == 200
        assert gedownload.headers["content-disposition"] == f'attachment; filename="jaaroverzicht-2020.{formaat}"'
        uit = tmp_path / f"cli.{formaat}"
        voer_uit("jaaroverzicht", "2020", "--formaat", formaat, "--peildatum", VASTE_DAG.isoformat(), "--uit", str(uit))
        assert gedownload.content == uit.read_bytes()
    assert json.loads(els.get("/jaaroverzicht/jaaroverzicht-2020.json").content)["peildatum"] == "2020-06-01"
    werkboek = els.get("/jaaroverzicht/jaaroverzicht-2020.xlsx")
    uit = tmp_path / "cli.xlsx"
    voer_uit("jaaroverzicht", "2020", "--formaat", "xlsx", "--peildatum", VASTE_DAG.isoformat(), "--uit", str(uit))
    with zipfile.ZipFile(io.BytesIO(werkboek.content)) as web, zipfile.ZipFile(uit) as cli:
        bladen = [n for n in cli.namelist() if n.startswith("xl/worksheets/")]
        assert bladen and all(web.read(n) == cli.read(n) for n in bladen)
    # The chair and a member may read it too, as `advies jaaroverzicht` lets every registered user.
    assert stand.client("piet").get("/jaaroverzicht/jaaroverzicht-2020.csv").status_code == 200
    assert els.get("/jaaroverzicht/jaaroverzicht-2020.pdf").status_code == 404


def test_jaaroverzicht_begrensd_tegelijk(stand: Stand) -> None:
    els = stand.client()
    teller = els.app.state.jaaroverzichten  # type: ignore[attr-defined]
    while teller.neem():  # every place taken, as by renders in progress
        pass
    bezig = els.get("/jaaroverzicht/jaaroverzicht-2020.xlsx")
    assert bezig.status_code == 503 and bezig.headers["retry-after"] == "10"
    assert "De server maakt al andere overzichten." in bezig.text
    assert els.get("/jaaroverzicht/jaaroverzicht-2020.csv").status_code == 200  # cheap: never waits


def test_menu_voor_wie_wat_mag(stand: Stand) -> None:
    els, piet = stand.client("els"), stand.client("piet")
    assert '<a href="/feestdagen">Feestdagen</a>' in els.get("/").text
    lid = piet.get("/").text
    assert '<a href="/jaaroverzicht">Jaaroverzicht</a>' in lid and "/feestdagen" not in lid
