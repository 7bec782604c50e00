"""`advies agenda`: an iCalendar file the icalendar library reads back, matching the register."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from icalendar import Calendar, Component

from tests.conftest import Advies, als_json, momentopname, weiger
from tests.termijnen_hulp import verzend


def lees(pad: Path) -> dict[str, tuple[str, Any, Any, str]]:
    agenda = Calendar.from_ical(pad.read_bytes())
    return {
        str(e["uid"]): (str(e["summary"]), e.decoded("dtstart"), e.decoded("dtend"), str(e.get("status", "")))
        for e in agenda.walk("VEVENT")
    }


def volgnummer(afspraak: Component) -> int:
    """An event's SEQUENCE; icalendar types a property as any of its value types."""
    waarde = afspraak["sequence"]
    assert isinstance(waarde, int)
    return int(waarde)


def test_agenda_volgt_het_register(advies: Advies, tekst: Callable[..., Path], tmp_path: Path) -> None:
    advies("aanvraag", "Armoedebeleid", "--ontvangen", "2020-01-10", "--termijn", "2026-04-10")
    verzend(advies, tekst, "Stadjerspas", "2026-02-20")  # CRA 2020-02, due 7 April 2026
    advies("aanvraag", "Vervallen vraag", "--ontvangen", "2020-01-12", "--termijn", "2026-05-01")
    advies("intrekken", "2020-03", "--reden", "Aanvraag teruggenomen")
    pad = tmp_path / "termijnen.ics"
    assert advies("agenda", "--uit", str(pad)).stdout == f"4 afspraken geschreven naar {pad}.\n"
    agenda = Calendar.from_ical(pad.read_bytes())
    assert (str(agenda["x-wr-timezone"]), str(agenda["version"])) == ("Europe/Amsterdam", "2.0")
    dag = timedelta(days=1)
    assert lees(pad) == {
        "adviestermijn-CRA-2020-01@advieswerk": (
            "Adviestermijn: CRA 2020-01 Armoedebeleid",
            date(2026, 4, 10),
            date(2026, 4, 10) + dag,
            "",
        ),
        "vergadering-CRA-2020-02@advieswerk": (
            "Plenaire vergadering: CRA 2020-02 Stadjerspas",
            date(2020, 1, 20),
            date(2020, 1, 20) + dag,
            "",
        ),
        "reactie-CRA-2020-02@advieswerk": (
            "Reactie college uiterlijk: CRA 2020-02 Stadjerspas",
            date(2026, 4, 7),
            date(2026, 4, 7) + dag,
            "",
        ),
        "adviestermijn-CRA-2020-03@advieswerk": (
            "Adviestermijn: CRA 2020-03 Vervallen vraag",
            date(2026, 5, 1),
            date(2026, 5, 1) + dag,
            "CANCELLED",
        ),
    }
    # ... which are the register's own dates.
    getoond = als_json(advies("toon", "2020-02", "--json"))
    assert (getoond["reactie_uiterlijk"], getoond["vergadering_op"]) == ("2026-04-07", "2020-01-20")


def test_zelfde_uid_na_een_wijziging_en_overschrijven(
    advies: Advies, tekst: Callable[..., Path], tmp_path: Path
) -> None:
    verzend(advies, tekst, "Stadjerspas", "2026-02-20")
    pad = tmp_path / "termijnen.ics"
    advies("agenda", "--uit", str(pad))
    eerst = Calendar.from_ical(pad.read_bytes()).walk("VEVENT")
    voor = momentopname()
    assert weiger("agenda", "--uit", str(pad)) == (
        f"Fout: '{pad}' bestaat al; kies een andere naam met --uit of gebruik --overschrijf"
    )
    assert momentopname() == voor
    advies("termijn", "2020-01", "--tot", "2026-05-01", "--reden", "Afgesproken")
    advies("agenda", "--uit", str(pad), "--overschrijf")
    daarna = {str(e["uid"]): e for e in Calendar.from_ical(pad.read_bytes()).walk("VEVENT")}
    oud = next(e for e in eerst if str(e["uid"]) == "reactie-CRA-2020-01@advieswerk")
    nieuw = daarna["reactie-CRA-2020-01@advieswerk"]
    # Same UID, a later date and a higher SEQUENCE: a calendar updates the event it has.
    assert (oud.decoded("dtstart"), nieuw.decoded("dtstart")) == (date(2026, 4, 7), date(2026, 5, 1))
    assert volgnummer(nieuw) > volgnummer(oud)
    assert weiger("agenda", "--uit", str(tmp_path / "termijnen.txt")) == (
        "Fout: een agenda is een .ics-bestand, niet 'termijnen.txt'"
    )
    assert weiger("agenda", "--uit", str(tmp_path / "weg" / "termijnen.ics")).startswith("Fout: kan ")
    assert not (tmp_path / "termijnen.txt").exists()


def test_beantwoord_advies_zijn_afspraak_vervalt(advies: Advies, tekst: Callable[..., Path], tmp_path: Path) -> None:
    verzend(advies, tekst, "Stadjerspas", "2026-02-20")  # due 7 April 2026
    pad = tmp_path / "voor.ics"
    advies("agenda", "--uit", str(pad))
    voor = {str(e["uid"]): e for e in Calendar.from_ical(pad.read_bytes()).walk("VEVENT")}
    assert str(Calendar.from_ical(pad.read_bytes())["method"]) == "PUBLISH"
    advies("reactie", "2020-01", "--ontvangen", "2026-04-01")
    pad = tmp_path / "na.ics"
    advies("agenda", "--uit", str(pad))
    na = {str(e["uid"]): e for e in Calendar.from_ical(pad.read_bytes()).walk("VEVENT")}
    uid = "reactie-CRA-2020-01@advieswerk"
    # The same event, cancelled, with a summary that says why and a higher SEQUENCE: a calendar that
    # imported or subscribed to the file no longer shows an open deadline.
    assert (str(na[uid]["status"]), str(na[uid]["summary"])) == (
        "CANCELLED",
        "Beantwoord: Reactie college uiterlijk: CRA 2020-01 Stadjerspas",
    )
    assert volgnummer(na[uid]) > volgnummer(voor[uid])
    assert "status" not in na["vergadering-CRA-2020-01@advieswerk"]  # the meeting did take place


def test_abonnement_via_de_webpagina(advies: Advies, tekst: Callable[..., Path], home: Path, tmp_path: Path) -> None:
    from starlette.testclient import TestClient

    from tests.webhulp import SLEUTEL, VASTE_DAG, csrf, log_in, zet_wachtwoord
    from workflow.register import Register
    from workflow.web.app import maak_app

    verzend(advies, tekst, "Stadjerspas", "2026-02-20")
    advies("reactie", "2020-01", "--ontvangen", "2026-04-01")
    verzend(advies, tekst, "Vervoer", "2026-02-20")
    assert weiger("abonnement") == (
        "Fout: een agenda-adres hoort bij een gebruiker, en 'els' staat niet in het register; "
        "voeg eerst toe met 'advies gebruiker toevoegen els --rol ...'"
    )
    advies("gebruiker", "toevoegen", "els", "--rol", "secretaris")
    uit = advies("abonnement").stdout
    pad = uit.split(": ", 1)[1].split(" ", 1)[0]
    assert uit == f"Uw agenda-adres: {pad} achter het adres van de webpagina.\n"
    assert advies("abonnement").stdout == uit  # the same address until it is renewed
    bestand = tmp_path / "termijnen.ics"
    advies("agenda", "--uit", str(bestand))
    register = Register()
    try:
        client = TestClient(maak_app(register, sleutel=SLEUTEL, vandaag=lambda: VASTE_DAG))
        # Without a session: the token is the key; the same events as `agenda --uit`.
        antwoord = client.get(pad)
        assert antwoord.status_code == 200 and antwoord.headers["content-type"].startswith("text/calendar")
        assert lees_bytes(antwoord.content) == lees_bytes(bestand.read_bytes())
        assert lees_bytes(antwoord.content)["reactie-CRA-2020-01@advieswerk"][3] == "CANCELLED"
        assert client.get("/agenda/onzin.ics").status_code == 404
        assert client.get(pad.replace(".ics", "x.ics")).status_code == 404
        # Renewed on the command line: the old address is gone.
        nieuw = advies("abonnement", "--vernieuw").stdout.split(": ", 1)[1].split(" ", 1)[0]
        assert nieuw != pad and client.get(pad).status_code == 404 and client.get(nieuw).status_code == 200
        # ... and on the web page, by the person logged in, with the form on Mijn werk.
        zet_wachtwoord("els")
        log_in(client, "els")
        pagina = client.get("/")
        assert nieuw in pagina.text
        antwoord = client.post("/agenda", data={"csrf": csrf(pagina.text)}, follow_redirects=False)
        assert antwoord.status_code == 303
        pagina = client.get("/")
        assert "Uw agenda-adres is nieuw" in pagina.text and nieuw not in pagina.text
        assert client.get(nieuw).status_code == 404
        assert client.post("/agenda", data={"csrf": "vals"}).status_code == 403
    finally:
        register.sluit()


def lees_bytes(inhoud: bytes) -> dict[str, tuple[str, Any, Any, str]]:
    return {
        str(e["uid"]): (str(e["summary"]), e.decoded("dtstart"), e.decoded("dtend"), str(e.get("status", "")))
        for e in Calendar.from_ical(inhoud).walk("VEVENT")
    }


def test_een_archief_draagt_geen_agenda_adres(advies: Advies, tmp_path: Path) -> None:
    """The feed address is a key to this server's calendar: an export leaves it out."""
    import json
    import zipfile

    advies("gebruiker", "toevoegen", "els", "--rol", "secretaris")
    assert advies("abonnement").stdout.startswith("Uw agenda-adres: /agenda/")
    archief = tmp_path / "archief.zip"
    advies("archief", "exporteer", "--uit", str(archief))
    with zipfile.ZipFile(archief) as zip_:
        gebruikers = [json.loads(r) for r in zip_.read("tabellen/gebruiker.jsonl").decode().splitlines() if r]
    assert [(g["naam"], g["agenda_token"]) for g in gebruikers] == [("els", None)]
