"""The secretary's pages (issue 27): the settings, the users, and the one-time link that lets a user
set a new password herself, over HTTP on both backends. Every form: what it does, a refusal that
changes nothing, the chair's 403, a post without its CSRF token refused. The link's clock is the
app's (`app.state.klok`): its expiry is tested without waiting."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from tests.brieven_hulp import png
from tests.conftest import Advies, als_json, momentopname, voer_uit
from tests.databanken import als_gebruiker
from tests.test_webwoorden import controleer_woorden
from tests.webhulp import SLEUTEL, VASTE_DAG, WACHTWOORD, csrf, ingericht, log_in
from workflow import instellingen, wachtwoordherstel
from workflow.register import Register
from workflow.web.app import maak_app
from workflow.web.drempel import Drempel, Maat

NU = 1_600_000_000  # the app's clock in these tests (13 September 2020), in Unix seconds
NIEUW = "een-heel-nieuw-wachtwoord"


class Klok:
    """The app's clock, set by the test."""

    def __init__(self) -> None:
        self.nu = float(NU)

    def __call__(self) -> float:
        return self.nu


@pytest.fixture
def klok() -> Klok:
    return Klok()


@pytest.fixture
def nieuwe_client(advies: Advies, home: Path, klok: Klok) -> Iterator[Callable[..., TestClient]]:
    """A client of one app (users els, hans and piet with passwords; CRA 2020-01 waiting for
    approval), logged in as `naam`, or not logged in without one."""
    ingericht(advies, home)
    register = Register()
    app = maak_app(register, sleutel=SLEUTEL, vandaag=lambda: VASTE_DAG)
    app.state.klok = klok
    ruim = Maat(1000, 100)  # these tests log in and open links many times from one address
    app.state.drempel = Drempel(per_adres=ruim, onbekend_totaal=ruim, vertraging=0)
    clients: list[TestClient] = []

    def maak(naam: str | None = None, wachtwoord: str = WACHTWOORD) -> TestClient:
        client = TestClient(app)
        clients.append(client)
        if naam is not None:
            log_in(client, naam, wachtwoord)
        return client

    yield maak
    for client in clients:
        client.close()
    register.sluit()


def gebruikers() -> list[dict[str, str]]:
    rijen: list[dict[str, str]] = als_json(voer_uit("gebruiker", "lijst", "--json"))
    return rijen


def stand() -> Any:
    """What a refusal must leave as it was: the register, its settings and its users."""
    return momentopname(), gebruikers()


def post(client: TestClient, pad: str, velden: dict[str, str], **kwargs: Any) -> Any:
    """A form posted with the token of the page it is on."""
    token = csrf(client.get(pad.split("/bestand")[0] if pad.startswith("/instellingen") else "/gebruikers").text)
    return client.post(pad, data={"csrf": token, **velden}, **kwargs)


def formulierwaarden(html: str) -> dict[str, str]:
    """The fields of the settings form as the page filled them in (inputs, hidden ones and selects)."""
    formulier = re.search(
        r'<form method="post" action="/instellingen" class="formulier instellingen">.*?</form>', html, re.S
    )
    assert formulier
    tekst = formulier.group(0)
    velden = dict(re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', tekst))
    for naam, opties in re.findall(r'<select id="[^"]+" name="([^"]+)">(.*?)</select>', tekst, re.S):
        velden[naam] = re.search(r'<option value="([^"]+)" selected>', opties).group(1)  # type: ignore[union-attr]
    return {k: v.replace("&amp;", "&").replace("&#39;", "'") for k, v in velden.items()}


# --- who may -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("naam", ["hans", "piet"])
def test_alleen_de_secretaris(nieuwe_client: Callable[..., TestClient], naam: str) -> None:
    client = nieuwe_client(naam)
    assert 'href="/instellingen"' not in client.get("/").text
    token = csrf(client.get("/").text)
    voor = stand()
    for pad in ("/instellingen", "/gebruikers", "/instellingen/bestand/organisatie.logo"):
        antwoord = client.get(pad)
        assert antwoord.status_code == 403, pad
    for pad, velden in (
        ("/instellingen", {"brief.functie": "Voorzitter", "was:brief.functie": "x"}),
        ("/instellingen/bestand", {"sleutel": "organisatie.logo", "wissen": "ja"}),
        ("/gebruikers/toevoegen", {"naam": "fleur", "rol": "secretaris"}),
        ("/gebruikers/rol", {"naam": naam, "rol": "secretaris"}),
        ("/gebruikers/verwijderen", {"naam": "els"}),
        ("/gebruikers/herstel", {"naam": "els"}),
    ):
        assert client.post(pad, data={"csrf": token, **velden}).status_code == 403, pad
    assert stand() == voor
    menu = nieuwe_client("els").get("/").text
    assert '<a href="/instellingen">Instellingen</a>' in menu and '<a href="/gebruikers">Gebruikers</a>' in menu


def test_zonder_formuliertoken_verandert_er_niets(nieuwe_client: Callable[..., TestClient]) -> None:
    els = nieuwe_client("els")
    voor = stand()
    for pad, velden in (
        ("/instellingen", {"brief.functie": "Voorzitter", "was:brief.functie": "x"}),
        ("/instellingen/bestand", {"sleutel": "organisatie.logo", "wissen": "ja"}),
        ("/gebruikers/toevoegen", {"naam": "fleur", "rol": "lid"}),
        ("/gebruikers/rol", {"naam": "piet", "rol": "voorzitter"}),
        ("/gebruikers/verwijderen", {"naam": "piet"}),
        ("/gebruikers/herstel", {"naam": "piet"}),
    ):
        antwoord = els.post(pad, data={**velden, "csrf": "vervalst"})
        assert antwoord.status_code == 403, pad
        assert "Dit formulier is verlopen of niet van deze pagina; er is niets gewijzigd." in antwoord.text
    assert stand() == voor


# --- /instellingen -----------------------------------------------------------------------------------


def test_de_pagina_volgt_de_beschrijving_van_de_instellingen(nieuwe_client: Callable[..., TestClient]) -> None:
    pagina = nieuwe_client("els").get("/instellingen").text
    controleer_woorden("/instellingen", pagina)
    for sleutel, d in instellingen.DEFINITIES.items():
        assert f'name="{sleutel}"' in pagina or f'name="sleutel" value="{sleutel}"' in pagina, sleutel
        label = d.omschrijving[:1].upper() + d.omschrijving[1:]
        assert label.replace("'", "&#39;") in pagina, sleutel
    assert 'type="number" inputmode="numeric" required min="1" max="52" value="6"' in pagina
    assert "Van 1 tot en met 52 weken." in pagina
    waarden = formulierwaarden(pagina)
    assert waarden["organisatie.naam"] == "Cliëntenraad Werk & Inkomen" and waarden["termijn.termijnenwet"] == "ja"


def test_instellingen_opslaan(nieuwe_client: Callable[..., TestClient]) -> None:
    els = nieuwe_client("els")
    velden = formulierwaarden(els.get("/instellingen").text)
    velden |= {"brief.ondertekenaar": "Fleur de Vries", "termijn.reactie_weken": "8", "termijn.termijnenwet": "nee"}
    antwoord = els.post("/instellingen", data=velden)
    assert antwoord.status_code == 200
    assert '<p class="melding" role="status">De instellingen zijn opgeslagen.</p>' in antwoord.text
    opgeslagen = als_json(voer_uit("instelling", "--json"))
    assert (
        opgeslagen["brief.ondertekenaar"],
        opgeslagen["termijn.reactie_weken"],
        opgeslagen["termijn.termijnenwet"],
    ) == (
        "Fleur de Vries",
        "8",
        "nee",
    )
    # Only what was changed on the page is stored: a value set elsewhere meanwhile stays.
    voer_uit("instelling", "brief.functie", "Secretaris")
    velden = {**velden, "brief.afschrift": "Raadscommissie"}
    assert els.post("/instellingen", data=velden).status_code == 200
    opgeslagen = als_json(voer_uit("instelling", "--json"))
    assert (opgeslagen["brief.functie"], opgeslagen["brief.afschrift"]) == ("Secretaris", "Raadscommissie")
    niets = els.post("/instellingen", data=formulierwaarden(els.get("/instellingen").text))
    assert "U heeft niets gewijzigd; er is niets opgeslagen." in niets.text


def test_een_weigering_slaat_niets_op(nieuwe_client: Callable[..., TestClient]) -> None:
    els = nieuwe_client("els")
    velden = formulierwaarden(els.get("/instellingen").text)
    voor = stand()
    antwoord = els.post("/instellingen", data={**velden, "brief.functie": "Voorzitter", "termijn.reactie_weken": "99"})
    assert antwoord.status_code == 400
    assert (
        "De instelling “Weken die het college heeft om te reageren” moet een heel aantal weken van 1 tot en met 52 "
        "zijn, niet &#39;99&#39;. Er is niets opgeslagen." in antwoord.text
    )
    assert 'value="99"' in antwoord.text and 'value="Voorzitter"' in antwoord.text  # what was typed comes back
    controleer_woorden("/instellingen", antwoord.text)
    samen = els.post("/instellingen", data={**velden, "kenmerk.brief": "CRA"})
    assert samen.status_code == 400 and "De instelling “Voorvoegsel van de adviesreeks” en" in samen.text
    assert stand() == voor


def test_logo_opslaan_tonen_en_wissen(nieuwe_client: Callable[..., TestClient]) -> None:
    els = nieuwe_client("els")
    voor = stand()
    for naam, inhoud, zin in (
        (
            "logo.png",
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "Het logo moet een PNG- of JPG-afbeelding zijn.",
        ),
        ("logo.png", b"", "Kies eerst een bestand."),
        (
            "logo.png",
            png() + b"\0" * instellingen.BESTAND_MAXIMUM,
            "Het bestand &#39;logo.png&#39; is te groot (ten hoogste 10 MB).",
        ),
    ):
        bestand = {"bestand": (naam, io.BytesIO(inhoud), "image/png")} if inhoud else None
        antwoord = post(els, "/instellingen/bestand", {"sleutel": "organisatie.logo"}, files=bestand)
        assert antwoord.status_code == 400, antwoord.text
        assert f"{zin} Er is niets opgeslagen." in antwoord.text
    assert stand() == voor
    for pad in ("organisatie.logo", "brief.functie", "onbekend"):  # nothing stored, no file, no setting
        antwoord = els.get(f"/instellingen/bestand/{pad}")
        assert antwoord.status_code == 404
        controleer_woorden(pad, antwoord.text)
    onbekend = post(els, "/instellingen/bestand", {"sleutel": "brief.functie", "wissen": "ja"})
    assert onbekend.status_code == 404

    bestand = {"bestand": ("logo.png", io.BytesIO(png()), "image/png")}
    antwoord = post(els, "/instellingen/bestand", {"sleutel": "organisatie.logo"}, files=bestand)
    assert "Logo in het briefhoofd (PNG of JPG): opgeslagen." in antwoord.text
    assert '<img class="logo" src="/instellingen/bestand/organisatie.logo" alt="Het huidige logo">' in antwoord.text
    assert als_json(voer_uit("instelling", "--json"))["organisatie.logo"] == "logo.png"
    logo = els.get("/instellingen/bestand/organisatie.logo")
    assert logo.content == png()
    assert logo.headers["content-type"] == "image/png"
    assert logo.headers["x-content-type-options"] == "nosniff"
    assert logo.headers["content-security-policy"] == "default-src 'none'; sandbox"

    antwoord = post(els, "/instellingen/bestand", {"sleutel": "organisatie.logo", "wissen": "ja"})
    assert "Logo in het briefhoofd (PNG of JPG): verwijderd." in antwoord.text
    assert als_json(voer_uit("instelling", "--json"))["organisatie.logo"] == ""


def test_huisstijlsjabloon_wordt_gecontroleerd(nieuwe_client: Callable[..., TestClient], home: Path) -> None:
    els = nieuwe_client("els")
    voor = stand()
    kapot = {"bestand": ("huisstijl.docx", io.BytesIO(b"PK\x03\x04 geen Word-bestand"), "application/octet-stream")}
    antwoord = post(els, "/instellingen/bestand", {"sleutel": "brief.sjabloon"}, files=kapot)
    assert antwoord.status_code == 400
    fout = re.search(r'<p class="fout" role="alert">(.*?)</p>', antwoord.text, re.S)
    assert fout and fout.group(1).endswith("Er is niets opgeslagen."), antwoord.text
    assert stand() == voor
    # The default template, as `advies sjabloon exporteer` gives it, passes the same check.
    voer_uit("sjabloon", "exporteer", "--uit", str(home / "standaard.docx"))
    goed = {
        "bestand": ("huisstijl.docx", io.BytesIO((home / "standaard.docx").read_bytes()), "application/octet-stream")
    }
    antwoord = post(els, "/instellingen/bestand", {"sleutel": "brief.sjabloon"}, files=goed)
    assert "Eigen Word-sjabloon voor de adviesbrief: opgeslagen." in antwoord.text
    download = els.get("/instellingen/bestand/brief.sjabloon")
    assert download.content == (home / "standaard.docx").read_bytes()
    assert download.headers["content-disposition"].startswith('attachment; filename="huisstijl.docx"')


# --- /gebruikers -------------------------------------------------------------------------------------


def test_gebruikers_toevoegen_rol_en_verwijderen(nieuwe_client: Callable[..., TestClient]) -> None:
    els = nieuwe_client("els")
    pagina = els.get("/gebruikers").text
    controleer_woorden("/gebruikers", pagina)
    assert "<caption>3 gebruikers</caption>" in pagina
    assert pagina.count(">Wachtwoord opnieuw instellen</button>") == 3  # the exact label of WEB.md

    antwoord = post(els, "/gebruikers/toevoegen", {"naam": "fleur", "rol": "lid"})
    assert "fleur is toegevoegd als lid." in antwoord.text
    assert {"naam": "fleur", "rol": "lid"} in gebruikers()

    piet = nieuwe_client("piet")
    antwoord = post(els, "/gebruikers/rol", {"naam": "piet", "rol": "voorzitter"})
    assert "piet heeft nu de rol voorzitter (was lid) en moet opnieuw inloggen." in antwoord.text
    assert piet.get("/", follow_redirects=False).headers["location"] == "/inloggen"  # his session ended

    antwoord = post(els, "/gebruikers/verwijderen", {"naam": "fleur"})
    assert "fleur heeft geen toegang meer." in antwoord.text
    assert [g["naam"] for g in gebruikers()] == ["els", "hans", "piet"]


def test_gebruikers_weigeringen_veranderen_niets(nieuwe_client: Callable[..., TestClient]) -> None:
    els = nieuwe_client("els")
    voor = stand()
    for pad, velden, status, zin in (
        ("/gebruikers/toevoegen", {"naam": "piet", "rol": "lid"}, 409, "Gebruiker &#39;piet&#39; bestaat al."),
        ("/gebruikers/toevoegen", {"naam": "kees", "rol": "baas"}, 400, "Onbekende rol &#39;baas&#39;"),
        ("/gebruikers/rol", {"naam": "els", "rol": "lid"}, 409, "dat is de laatste secretaris"),
        ("/gebruikers/verwijderen", {"naam": "els"}, 409, "dat is de laatste secretaris"),
        ("/gebruikers/verwijderen", {"naam": "kees"}, 404, "Gebruiker &#39;kees&#39; is niet geregistreerd."),
        ("/gebruikers/herstel", {"naam": "kees"}, 404, "Gebruiker &#39;kees&#39; is niet geregistreerd."),
    ):
        antwoord = post(els, pad, velden)
        assert antwoord.status_code == status, (pad, antwoord.text)
        assert zin in antwoord.text and "Er is niets gewijzigd." in antwoord.text, (pad, antwoord.text)
        controleer_woorden(pad, antwoord.text)
    assert stand() == voor
    assert post(els, "/gebruikers/iets", {"naam": "piet"}).status_code == 404


# --- the one-time link -------------------------------------------------------------------------------


def maak_link(els: TestClient, naam: str) -> str:
    antwoord = post(els, "/gebruikers/herstel", {"naam": naam})
    assert antwoord.status_code == 200, antwoord.text
    controleer_woorden("/gebruikers/herstel", antwoord.text)
    gevonden = re.search(
        r'<input id="link" class="link" readonly value="http://testserver(/wachtwoord/[^"]+)">', antwoord.text
    )
    assert gevonden, antwoord.text
    return gevonden.group(1)


def stel_in(client: TestClient, link: str, wachtwoord: str, herhaald: str | None = None) -> Any:
    pagina = client.get(link)
    assert pagina.status_code == 200, pagina.text
    velden = {"csrf": csrf(pagina.text), "wachtwoord": wachtwoord, "herhaald": herhaald or wachtwoord}
    return client.post(link, data=velden, follow_redirects=False)


def test_herstellink_van_begin_tot_eind(nieuwe_client: Callable[..., TestClient]) -> None:
    els = nieuwe_client("els")
    piet_oud = nieuwe_client("piet")  # a session from before: it ends with the new password
    link = maak_link(els, "piet")
    pagina = els.post("/gebruikers/herstel", data={"csrf": csrf(els.get("/gebruikers").text), "naam": "piet"}).text
    assert "tot 14 september 2020 om 14:26" in pagina  # 24 hours (web.herstel_uren) after the app's now
    assert WACHTWOORD not in pagina
    tweede = re.search(r'value="http://testserver(/wachtwoord/[^"]+)"', pagina)
    assert tweede
    vreemde = nieuwe_client()
    assert vreemde.get(link).status_code == 404  # the newer link replaced the first
    link = tweede.group(1)
    nieuwe_client("piet")  # the old password works until the link is used

    formulier = vreemde.get(link)
    assert formulier.status_code == 200
    assert 'name="gebruikersnaam" value="piet" autocomplete="username" readonly' in formulier.text
    controleer_woorden("/wachtwoord", formulier.text)
    voor = gebruikers()
    for wachtwoord, herhaald, zin in (
        (NIEUW, NIEUW + "x", "De twee wachtwoorden zijn niet gelijk; er is niets gewijzigd."),
        ("kort", "kort", "Een wachtwoord heeft minstens 10 tekens."),
    ):
        antwoord = stel_in(vreemde, link, wachtwoord, herhaald)
        assert antwoord.status_code == 400 and zin in antwoord.text
    assert vreemde.post(link, data={"wachtwoord": NIEUW, "herhaald": NIEUW}).status_code == 403  # no token
    nieuwe_client("piet")  # still the old password
    assert gebruikers() == voor

    antwoord = stel_in(vreemde, link, NIEUW)
    assert (antwoord.status_code, antwoord.headers["location"]) == (303, "/inloggen")
    assert "Uw nieuwe wachtwoord is ingesteld." in vreemde.get("/inloggen").text
    assert piet_oud.get("/", follow_redirects=False).headers["location"] == "/inloggen"
    nieuwe_client("piet", NIEUW)
    with pytest.raises(AssertionError):
        nieuwe_client("piet")  # the old password no longer works
    gebruikt = vreemde.get(link)
    assert (gebruikt.status_code, wachtwoordherstel.ONGELDIG in gebruikt.text) == (404, True)


def test_verlopen_gebruikte_en_onbekende_link_zeggen_hetzelfde(
    nieuwe_client: Callable[..., TestClient], klok: Klok
) -> None:
    els = nieuwe_client("els")
    link = maak_link(els, "hans")
    vreemde = nieuwe_client()
    pagina = vreemde.get(link)
    assert pagina.status_code == 200
    token = csrf(pagina.text)
    klok.nu = NU + 24 * 3600  # a day later: expired
    verlopen = vreemde.post(link, data={"csrf": token, "wachtwoord": NIEUW, "herhaald": NIEUW})
    onbekend = vreemde.get("/wachtwoord/" + "x" * 43)
    te_lang = vreemde.get("/wachtwoord/" + "x" * 200)
    for antwoord in (verlopen, vreemde.get(link), onbekend, te_lang):
        assert antwoord.status_code == 404
        zin = re.search(r'<p class="fout" role="alert">(.*?)</p>', antwoord.text)
        assert zin and zin.group(1) == wachtwoordherstel.ONGELDIG
    nieuwe_client("hans")  # the password is unchanged
    # A removed user's link opens nothing, even for someone of the same name added later.
    klok.nu = NU
    link = maak_link(els, "piet")
    post(els, "/gebruikers/verwijderen", {"naam": "piet"})
    post(els, "/gebruikers/toevoegen", {"naam": "piet", "rol": "secretaris"})
    assert vreemde.get(link).status_code == 404


def test_de_link_wordt_afgeremd_als_inloggen(nieuwe_client: Callable[..., TestClient]) -> None:
    client = nieuwe_client()
    app: Any = client.app
    app.state.drempel = Drempel(per_adres=Maat(2, 0.001), vertraging=0)
    assert [client.get("/wachtwoord/onbekend").status_code for _ in range(3)] == [404, 404, 429]
    antwoord = client.post("/wachtwoord/onbekend", data={})
    assert antwoord.status_code == 429 and int(antwoord.headers["retry-after"]) > 0
    assert "Er wordt nu te vaak geprobeerd een wachtwoord in te stellen." in antwoord.text


# --- the CLI and the archive -------------------------------------------------------------------------


def test_cli_maakt_dezelfde_link(nieuwe_client: Callable[..., TestClient], home: Path) -> None:
    uit = voer_uit("gebruiker", "herstel", "piet", "--adres", "https://advies.example.nl/").stdout
    regels = uit.splitlines()
    assert re.fullmatch(r"Link voor piet, één keer te gebruiken tot \d{1,2} \w+ \d{4} om \d\d:\d\d:", regels[0])
    assert re.fullmatch(r"https://advies\.example\.nl/wachtwoord/[\w-]{43}", regels[1])
    als = als_json(voer_uit("gebruiker", "herstel", "piet", "--json"))
    assert als["naam"] == "piet" and als["link"].startswith("http://127.0.0.1:8000/wachtwoord/")
    # The first link was replaced by the second; the second works on the page.
    client = nieuwe_client()
    assert client.get(regels[1].removeprefix("https://advies.example.nl")).status_code == 404
    with pytest.MonkeyPatch.context() as m:
        als_gebruiker(m, "hans")
        fout = voer_uit("gebruiker", "herstel", "piet", code=1).stderr
    assert fout.startswith("Fout: ") and "secretaris" in fout
    assert voer_uit("gebruiker", "herstel", "piet", "--adres", "ftp://x", code=1).stderr == (
        "Fout: het adres begint met http:// of https://, niet 'ftp://x'\n"
    )
    link = als["link"].removeprefix("http://127.0.0.1:8000")
    assert stel_in(client, link, NIEUW).status_code == 303
    # A password set otherwise ends an open link too.
    link = voer_uit("gebruiker", "herstel", "piet").stdout.splitlines()[1].removeprefix("http://127.0.0.1:8000")
    assert client.get(link).status_code == 200
    voer_uit("gebruiker", "wachtwoord", "piet", "--wachtwoord-stdin", invoer=WACHTWOORD + "\n")
    assert client.get(link).status_code == 404
    # The archive carries no link (the table belongs to the server, like the sessions).
    voer_uit("gebruiker", "herstel", "hans")
    voer_uit("archief", "exporteer", "--uit", str(home / "archief.zip"))
    with zipfile.ZipFile(home / "archief.zip") as archief:
        namen = archief.namelist()
        alles = b"".join(archief.read(naam) for naam in namen)
    assert namen and not any("wachtwoordherstel" in naam for naam in namen)
    assert b"wachtwoordherstel" not in alles
