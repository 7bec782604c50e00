"""The steps that cannot be undone ask for confirmation, and the chair sees what she approves
(issue 27), over HTTP on both backends.

Vaststellen, Verzenden and Intrekken first show what will happen, changing nothing (the
register's snapshot before and after), with a button **Bevestigen** that posts the step. The chair's
page compares the version with the previous one word by word (section **Wijzigingen**), says when
she sent the advice back before and why, and offers no Vaststellen before the meeting day. The
page's "today" is injected (`maak_app(vandaag=...)`): nothing depends on the real date."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from tests.brieven_hulp import alineas
from tests.conftest import Advies, als_json, momentopname, voer_uit
from tests.databanken import als_gebruiker
from tests.webhulp import SLEUTEL, TEKST, bevestig, csrf, ingericht, log_in, verborgen
from workflow.register import Register
from workflow.web.app import maak_app

PAD = "/adviezen/CRA-2020-01"


@pytest.fixture
def register(advies: Advies, home: Path) -> Iterator[Register]:
    ingericht(advies, home)  # CRA 2020-01 ter vaststelling, meeting on 28 January 2020
    register = Register()
    yield register
    register.sluit()


@pytest.fixture
def nieuwe_client(register: Register) -> Iterator[Callable[..., TestClient]]:
    """A logged-in client of an app whose today is `vandaag` (default: a day well after the meeting)."""
    clients: list[TestClient] = []

    def maak(naam: str, vandaag: date = date(2020, 3, 2)) -> TestClient:
        client = TestClient(maak_app(register, sleutel=SLEUTEL, vandaag=lambda: vandaag))
        clients.append(client)
        log_in(client, naam)
        return client

    yield maak
    for client in clients:
        client.close()


def toon(kenmerk: str = "2020-01") -> dict[str, object]:
    getoond: dict[str, object] = als_json(voer_uit("toon", kenmerk, "--json"))
    return getoond


def als_hans(*args: str) -> None:
    """`advies ARGS` as the chair (ADVIES_GEBRUIKER on SQLite, her database login on PostgreSQL)."""
    with pytest.MonkeyPatch.context() as m:
        als_gebruiker(m, "hans")
        voer_uit(*args)


def nieuwe_versie(home: Path, tekst: str, reden: str = "Eerst de werkgroep horen") -> None:
    """Sent back by the chair, a new version stored and put on the agenda again (through the CLI)."""
    als_hans("terugsturen", "2020-01", "--reden", reden)
    pad = home / "nieuw.md"
    pad.write_text(tekst, encoding="utf-8")
    voer_uit("concept", "2020-01", "--tekst", str(pad))
    voer_uit("agenderen", "2020-01", "--vergadering", "2020-02-25")


# --- confirmations ---------------------------------------------------------------------------------


def test_vaststellen_toont_eerst_wat_er_gebeurt_en_bevestigen_doet_het(
    nieuwe_client: Callable[..., TestClient],
) -> None:
    hans = nieuwe_client("hans")
    pagina = hans.get(PAD).text
    velden = verborgen(pagina, "vaststellen/bevestigen")
    assert velden["datum"] == "2020-01-28"  # the meeting's day, not today
    voor = momentopname()
    voorbeeld = hans.post(f"{PAD}/vaststellen/bevestigen", data=velden)
    assert voorbeeld.status_code == 200
    assert "<h1>Vaststellen bevestigen" in voorbeeld.text
    assert "U stelt versie 1 van de concepttekst vast op 28 januari 2020" in voorbeeld.text
    assert '<button type="submit">Bevestigen</button>' in voorbeeld.text
    assert momentopname() == voor  # the confirmation page changed nothing

    antwoord = hans.post(f"{PAD}/vaststellen", data=verborgen(voorbeeld.text, "vaststellen"))
    assert "Het advies is vastgesteld." in antwoord.text
    getoond = toon()
    assert (getoond["status"], getoond["vastgesteld_op"]) == ("vastgesteld", "2020-01-28")


def test_de_bevestiging_weigert_wat_de_stap_zou_weigeren(nieuwe_client: Callable[..., TestClient]) -> None:
    hans = nieuwe_client("hans")
    velden = {**verborgen(hans.get(PAD).text, "vaststellen/bevestigen"), "datum": "2020-01-27"}
    voor = momentopname()
    antwoord = hans.post(f"{PAD}/vaststellen/bevestigen", data=velden)
    assert antwoord.status_code == 400
    assert "De datum van vaststelling (27 januari 2020) ligt vóór de vergadering (28 januari 2020)." in antwoord.text
    assert "Bevestigen</button>" not in antwoord.text
    assert momentopname() == voor


def test_een_nieuwe_versie_wordt_getoond_en_aangeboden(nieuwe_client: Callable[..., TestClient], home: Path) -> None:
    """The chair read version 1; versions 2 and 3 came meanwhile. Asking to approve what she read
    shows version 3, what changed since version 1, and a form for version 3."""
    hans = nieuwe_client("hans")
    gelezen = verborgen(hans.get(PAD).text, "vaststellen/bevestigen")
    nieuwe_versie(home, TEKST + "\nTweede versie.\n")
    nieuwe_versie(home, TEKST + "\nDerde versie.\n", reden="Nog een keer")
    voor = momentopname()
    antwoord = hans.post(f"{PAD}/vaststellen/bevestigen", data=gelezen)
    assert antwoord.status_code == 409
    assert (
        "Er is intussen een nieuwe versie 3 van de concepttekst, opgeslagen door els; u las versie 1. "
        "Er is niets vastgesteld: lees eerst versie 3 hieronder." in antwoord.text
    )
    assert "advies toon" not in antwoord.text and "ter_vaststelling" not in antwoord.text
    assert "Versie 3 vergeleken met versie 1:" in antwoord.text
    assert '<ins><span class="verborgen">toegevoegd: </span>Derde versie.</ins>' in antwoord.text
    assert "Tweede versie." not in antwoord.text  # neither what she read nor what is shown
    aangeboden = verborgen(antwoord.text, "vaststellen/bevestigen")
    assert aangeboden["datum"] == "2020-02-25" and aangeboden["sha256"] != gelezen["sha256"]
    assert momentopname() == voor
    assert "Het advies is vastgesteld." in bevestig(hans, PAD, "vaststellen", aangeboden).text


def test_verzenden_toont_de_brief_zijn_datum_en_de_reactietermijn(
    nieuwe_client: Callable[..., TestClient],
) -> None:
    als_hans("vaststellen", "2020-01", "--datum", "2020-01-28")
    els = nieuwe_client("els")
    velden = {**verborgen(els.get(PAD).text, "verzenden/bevestigen"), "datum": "2020-02-03"}
    voor = momentopname()
    voorbeeld = els.post(f"{PAD}/verzenden/bevestigen", data=velden)
    assert voorbeeld.status_code == 200, voorbeeld.text
    assert "De brief hieronder wordt verzonden met de datum 3 februari 2020" in voorbeeld.text
    # Six weeks after 3 February 2020, by the calculation `verzend` itself uses.
    assert "tot en met <strong>16 maart 2020</strong> om te reageren" in voorbeeld.text
    brief = re.search(r'<article class="brieftekst".*?</article>', voorbeeld.text, re.S)
    assert brief is not None
    assert "De raad adviseert positief en voorzichtig." in brief.group(0)
    assert "3\u00a0februari\u00a02020" in html.unescape(brief.group(0))  # the letter's own date line
    assert "CONCEPT" not in brief.group(0)
    assert momentopname() == voor

    antwoord = els.post(f"{PAD}/verzenden", data=verborgen(voorbeeld.text, "verzenden"))
    assert "Het advies is verzonden." in antwoord.text
    getoond = toon()
    assert (getoond["status"], getoond["verzonden_op"], getoond["reactie_uiterlijk"]) == (
        "verzonden",
        "2020-02-03",
        "2020-03-16",
    )
    # The stored letter is the one shown: each of its paragraphs, in the same order.
    opgeslagen = els.get(f"{PAD}/documenten/2")
    assert opgeslagen.headers["content-disposition"].startswith('attachment; filename="CRA-2020-01_brief.docx"')
    getoond_brief = [html.unescape(p) for p in re.findall(r"<p>(.*?)</p>", brief.group(0), re.S)]
    assert [p for p in getoond_brief if p in alineas(opgeslagen.content)] == alineas(opgeslagen.content)


def test_intrekken_toont_de_reden_en_bevestigen_trekt_in(nieuwe_client: Callable[..., TestClient]) -> None:
    els = nieuwe_client("els")
    velden = {**verborgen(els.get(PAD).text, "intrekken/bevestigen"), "reden": "Dubbel geregistreerd"}
    voor = momentopname()
    leeg = els.post(f"{PAD}/intrekken/bevestigen", data={**velden, "reden": "  "})
    assert leeg.status_code == 400
    assert '<p class="fout" role="alert">De reden mag niet leeg zijn.</p>' in leeg.text
    voorbeeld = els.post(f"{PAD}/intrekken/bevestigen", data=velden)
    assert voorbeeld.status_code == 200
    assert "U trekt CRA 2020-01 in." in voorbeeld.text and "Reden: Dubbel geregistreerd" in voorbeeld.text
    assert '<button type="submit" class="gevaar">Bevestigen</button>' in voorbeeld.text
    assert momentopname() == voor

    antwoord = bevestig(els, PAD, "intrekken", velden)
    assert "Het advies is ingetrokken." in antwoord.text
    assert toon()["status"] == "ingetrokken"


def test_een_verouderde_bevestiging_wordt_geweigerd_in_woorden(nieuwe_client: Callable[..., TestClient]) -> None:
    els = nieuwe_client("els")
    velden = {**verborgen(els.get(PAD).text, "intrekken/bevestigen"), "reden": "Dubbel"}
    voorbeeld = els.post(f"{PAD}/intrekken/bevestigen", data=velden)
    als_hans("terugsturen", "2020-01", "--reden", "Nog niet rijp")  # meanwhile
    voor = momentopname()
    antwoord = els.post(f"{PAD}/intrekken", data=verborgen(voorbeeld.text, "intrekken"))
    assert antwoord.status_code == 409
    assert "CRA 2020-01 is intussen gewijzigd door hans (terugsturen); er is niets ingetrokken." in antwoord.text
    assert "advies toon" not in antwoord.text
    assert momentopname() == voor


@pytest.mark.parametrize(("naam", "stap"), [("piet", "vaststellen"), ("els", "vaststellen"), ("hans", "intrekken")])
def test_een_bevestiging_voor_een_andere_rol_wordt_niet_getoond(
    nieuwe_client: Callable[..., TestClient], naam: str, stap: str
) -> None:
    client = nieuwe_client(naam)
    data = {"csrf": csrf(client.get(PAD).text), "rijversie": "3", "sha256": "x" * 64, "datum": "2020-01-28"}
    voor = momentopname()
    antwoord = client.post(f"{PAD}/{stap}/bevestigen", data={**data, "reden": "zomaar"})
    assert antwoord.status_code == 403 and "Er is niets gewijzigd." in antwoord.text
    assert momentopname() == voor


def test_alleen_onomkeerbare_stappen_hebben_een_bevestiging(nieuwe_client: Callable[..., TestClient]) -> None:
    hans = nieuwe_client("hans")
    velden = verborgen(hans.get(PAD).text, "terugsturen")
    antwoord = hans.post(f"{PAD}/terugsturen/bevestigen", data={**velden, "reden": "x"})
    assert antwoord.status_code == 404
    assert toon()["status"] == "ter_vaststelling"


# --- what the chair sees -----------------------------------------------------------------------------


def test_wijzigingen_woord_voor_woord_en_eerder_teruggestuurd(
    nieuwe_client: Callable[..., TestClient], home: Path
) -> None:
    hans = nieuwe_client("hans")
    eerste = hans.get(PAD).text
    assert '<h2 id="wijzigingen">Wijzigingen</h2>' in eerste
    assert "Versie 1 is de eerste versie; er is geen eerdere versie om mee te vergelijken." in eerste
    assert "Eerder teruggestuurd" not in eerste

    nieuwe_versie(home, TEKST.replace("**positief**", "**negatief**") + "\nNog één zin.\n")
    pagina = hans.get(PAD).text
    sectie = re.search(r'<section aria-labelledby="wijzigingen">.*?</section>', pagina, re.S)
    assert sectie is not None
    assert "Versie 2 vergeleken met versie 1:" in sectie.group(0)
    samengevat = " ".join(sectie.group(0).split())
    assert "4 woorden toegevoegd (onderstreept), 1 woord verwijderd (doorgestreept)." in samengevat
    assert (
        '<p>De raad adviseert <del><span class="verborgen">verwijderd: </span>positief</del> '
        '<ins><span class="verborgen">toegevoegd: </span>negatief</ins> en voorzichtig.</p>'
    ) in sectie.group(0)
    assert '<p><ins><span class="verborgen">toegevoegd: </span>Nog één zin.</ins></p>' in sectie.group(0)
    assert "U stuurde dit advies op " in pagina and " terug, met als reden:" in pagina
    assert "<blockquote>Eerst de werkgroep horen</blockquote>" in pagina
    assert "Sindsdien is de tekst gewijzigd: toen was het versie 1, nu versie 2." in pagina
    # The member sees the text, not the chair's comparison.
    assert "Wijzigingen</h2>" not in nieuwe_client("piet").get(PAD).text


def test_teruggestuurd_en_ongewijzigd_weer_geagendeerd(nieuwe_client: Callable[..., TestClient]) -> None:
    als_hans("terugsturen", "2020-01", "--reden", "Wacht op de begroting")
    voer_uit("agenderen", "2020-01", "--vergadering", "2020-02-25")
    pagina = nieuwe_client("hans").get(PAD).text
    assert "<blockquote>Wacht op de begroting</blockquote>" in pagina
    assert "Sindsdien is de tekst <strong>niet</strong> gewijzigd." in pagina
    assert "Versie 1 is de eerste versie" in pagina


def test_voor_de_vergadering_geen_knop_vaststellen(nieuwe_client: Callable[..., TestClient]) -> None:
    voor_de_dag = nieuwe_client("hans", vandaag=date(2020, 1, 27)).get(PAD).text
    assert '<button type="submit">Vaststellen</button>' not in voor_de_dag
    assert "U kunt dit advies vaststellen vanaf 28 januari 2020, de dag van de vergadering." in voor_de_dag
    assert '<button type="submit">Terugsturen</button>' in voor_de_dag  # sending back needs no meeting

    op_de_dag = nieuwe_client("hans", vandaag=date(2020, 1, 28)).get(PAD).text
    assert '<button type="submit">Vaststellen</button>' in op_de_dag
    velden = re.search(r'<input id="vaststeldatum"[^>]*>', op_de_dag)
    assert velden is not None
    assert 'value="2020-01-28" min="2020-01-28" max="2020-01-28"' in velden.group(0)


def test_vergelijking_houdt_de_alineas_van_de_nieuwe_versie() -> None:
    """Words compared across blocks (table cells too); a removed paragraph mark joins, an added one splits."""
    from workflow.web.wijzigingen import vergelijk

    def blokken(*alineas: str, cel: str = "oud") -> str:
        tabel = {"stijl": "tabel", "rijen": [[[{"tekst": "Kop"}], [{"tekst": cel}]]]}
        return json.dumps([*({"stijl": "alinea", "delen": [{"tekst": a}]} for a in alineas), tabel])

    samen = vergelijk(blokken("Een twee.", "Drie vier."), blokken("Een twee. Drie vier.", cel="nieuw"))
    assert [[(s.soort, s.tekst) for s in alinea] for alinea in samen.alineas] == [
        [("gelijk", "Een twee."), ("gelijk", "Drie vier.")],
        [("gelijk", "Kop"), ("verwijderd", "oud"), ("toegevoegd", "nieuw")],
    ]
    assert (samen.toegevoegd, samen.verwijderd, samen.gelijk) == (1, 1, False)
    gesplitst = vergelijk(blokken("Een twee drie."), blokken("Een twee", "drie."))
    assert [[(s.soort, s.tekst) for s in alinea] for alinea in gesplitst.alineas] == [
        [("gelijk", "Een twee")],
        [("gelijk", "drie.")],
        [("gelijk", "Kop oud")],
    ]
    assert gesplitst.gelijk  # the same words: only the paragraphs differ


def test_herinnering_alleen_als_de_reactie_te_laat_is(
    nieuwe_client: Callable[..., TestClient], advies: Advies, tekst: Callable[..., Path]
) -> None:
    """The reminder form appears from the day after the due date: before it, the service would
    refuse, so the page says from which day instead of offering a button that fails."""
    kenmerk: str = als_json(advies("nieuw", "Armoedebeleid", "--datum", "2020-01-10", "--json"))["kenmerk"]
    advies("concept", kenmerk, "--tekst", str(tekst()))
    advies("agenderen", kenmerk, "--vergadering", "2020-01-20")
    als_hans("vaststellen", kenmerk, "--datum", "2020-01-20")
    advies("verzenden", kenmerk, "--datum", "2020-02-03")
    uiterlijk = date.fromisoformat(str(toon(kenmerk)["reactie_uiterlijk"]))
    pad = "/adviezen/" + kenmerk.replace(" ", "-")
    op_tijd = nieuwe_client("els", vandaag=uiterlijk).get(pad).text
    assert "Herinnering maken" not in op_tijd
    assert "een herinnering kunt u sturen vanaf" in op_tijd
    te_laat = nieuwe_client("els", vandaag=uiterlijk + timedelta(days=1)).get(pad).text
    assert "Herinnering maken" in te_laat
    assert f'min="{(uiterlijk + timedelta(days=1)).isoformat()}"' in te_laat
