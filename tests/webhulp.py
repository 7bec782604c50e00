"""Helpers for the web tests: a register with a secretaris (els), a voorzitter (hans) and a lid
(piet), each with a password, and an advice waiting for approval; a logged-in test client."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from click.testing import CliRunner
from httpx import Response
from starlette.testclient import TestClient

from tests import beginstand
from tests.conftest import Advies
from workflow.cli import cli

WACHTWOORD = "een-lang-wachtwoord"
SLEUTEL = "een-testsleutel-van-minstens-32-tekens-lang"  # the app refuses a key under 32 bytes
TEKST = "Geacht college,\n\nDe raad adviseert **positief** en *voorzichtig*.\n\n- eerste punt\n- tweede punt\n"
GEBRUIKERS = (("els", "secretaris"), ("hans", "voorzitter"), ("piet", "lid"))


def zet_wachtwoord(naam: str, wachtwoord: str = WACHTWOORD) -> None:
    uit = CliRunner().invoke(cli, ["gebruiker", "wachtwoord", naam, "--wachtwoord-stdin"], input=wachtwoord + "\n")
    assert uit.exit_code == 0, uit.output


def richt_in(advies: Advies, map_: Path) -> None:
    """Users with passwords; CRA 2020-01 ter_vaststelling with one draft version."""
    for naam, rol in GEBRUIKERS:
        advies("gebruiker", "toevoegen", naam, "--rol", rol)
        zet_wachtwoord(naam)
    tekst = map_ / "advies.md"
    tekst.write_text(TEKST, encoding="utf-8")
    advies("aanvraag", "Werkprogramma 2020", "--ontvangen", "2020-01-10")
    advies("concept", "2020-01", "--tekst", str(tekst))
    advies("agenderen", "2020-01", "--vergadering", "2020-01-28")


# The web page's "today" in tests that build a 2020 register: after every date in it, and never the
# real date, so no test changes with the calendar (`maak_app(vandaag=...)`).
VASTE_DAG = date(2020, 6, 1)


def ingericht(advies: Advies, map_: Path) -> None:
    """`richt_in` on the fresh register of the `advies` fixture, built once per test process and
    copied after that (tests/beginstand.py). Call it before anything else changes the register."""
    beginstand.zet_neer("web", map_, lambda: richt_in(advies, map_))


def csrf(html: str) -> str:
    gevonden = re.search(r'name="csrf" value="([^"]+)"', html)
    assert gevonden, html
    return gevonden.group(1)


def verborgen(html: str, actie: str) -> dict[str, str]:
    """The filled-in fields (hidden ones, dates with a default) of the form that posts to `actie`."""
    formulier = re.search(rf'<form method="post" action="[^"]*/{actie}".*?</form>', html, re.S)
    assert formulier, f"geen formulier voor {actie}"
    return dict(re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', formulier.group(0)))


def log_in(client: TestClient, naam: str, wachtwoord: str = WACHTWOORD) -> None:
    pagina = client.get("/inloggen")
    antwoord = client.post(
        "/inloggen",
        data={"csrf": csrf(pagina.text), "gebruikersnaam": naam, "wachtwoord": wachtwoord},
        follow_redirects=False,
    )
    assert antwoord.status_code == 303, antwoord.text


def log_uit(client: TestClient) -> None:
    """The logout page's button: a POST with its token."""
    pagina = client.get("/uitloggen")
    assert pagina.status_code == 200, pagina.text
    antwoord = client.post("/uitloggen", data={"csrf": csrf(pagina.text)}, follow_redirects=False)
    assert antwoord.status_code == 303 and antwoord.headers["location"] == "/inloggen"


def bevestig(client: TestClient, pad: str, stap: str, velden: dict[str, str]) -> Response:
    """A step that asks for confirmation: its form posted to the confirmation page (which changes
    nothing), then that page's button **Bevestigen**. Returns the answer to the confirmation."""
    voorbeeld = client.post(f"{pad}/{stap}/bevestigen", data=velden)
    assert voorbeeld.status_code == 200, voorbeeld.text
    assert "Bevestigen</button>" in voorbeeld.text
    antwoord: Response = client.post(f"{pad}/{stap}", data=verborgen(voorbeeld.text, stap))
    return antwoord
