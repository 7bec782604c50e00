"""No command waits without end, and first writes at once do not collide. Real processes, with the
lock held by the test until the processes wait for it; on both backends."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests import beginstand, databanken
from tests.conftest import Advies, als_json, momentopname, voer_uit
from tests.storingen import draai, start, uitkomst, vastgehouden

BEZET = (
    "Fout: de database werd langer dan 1 s bezet gehouden door een ander; er is niets opgeslagen, "
    "probeer het zo opnieuw\n"
)
RIJ = "SELECT id FROM advies WHERE kenmerk = 'CRA 2020-01' FOR UPDATE"
NUMMERING = "SELECT pg_advisory_xact_lock(hashtext('advies.nummering'))"


@pytest.fixture
def geagendeerd(advies: Advies, tekst: Callable[..., Path], home: Path) -> None:
    def bouw() -> None:
        advies("aanvraag", "Werkprogramma", "--ontvangen", "2020-01-10")
        advies("concept", "2020-01", "--tekst", str(tekst()))
        advies("agenderen", "2020-01", "--vergadering", "2020-01-28")

    beginstand.zet_neer("wachten", home, bouw)


@pytest.mark.parametrize(
    "slot, opdracht",
    [
        (RIJ, ("vaststellen", "2020-01", "--datum", "2020-01-28")),
        (NUMMERING, ("aanvraag", "Tweede", "--ontvangen", "2020-02-01")),
    ],
    ids=["rij", "nummering"],
)
def test_een_vastgehouden_slot_wordt_niet_eindeloos_afgewacht(
    geagendeerd: None, home: Path, slot: str, opdracht: tuple[str, ...]
) -> None:
    voor = momentopname()
    with vastgehouden(home, slot, wachtenden=0):
        proces = start(*opdracht, ADVIES_WACHTTIJD="1")
        code, uit, fout = uitkomst(proces)  # ends while the lock is still held
    assert (code, uit, fout) == (1, "", BEZET)
    assert momentopname() == voor


def test_zes_keer_tegelijk_voor_het_eerst_een_instelling(advies: Advies, home: Path) -> None:
    with vastgehouden(home, "LOCK TABLE instelling IN SHARE MODE", wachtenden=6):
        processen = [start("instelling", "brief.ondertekenaar", f"Ondertekenaar {i}") for i in range(6)]
    uitkomsten = [uitkomst(p) for p in processen]
    assert [code for code, _, _ in uitkomsten] == [0] * 6, uitkomsten
    assert voer_uit("instelling", "brief.ondertekenaar").stdout in {f"Ondertekenaar {i}\n" for i in range(6)}


def test_twee_keer_tegelijk_dezelfde_gebruiker(advies: Advies, home: Path) -> None:
    advies("gebruiker", "toevoegen", "els", "--rol", "secretaris")
    with vastgehouden(home, "LOCK TABLE gebruiker IN SHARE MODE", wachtenden=2):
        processen = [start("gebruiker", "toevoegen", "piet", "--rol", "lid") for _ in range(2)]
    uitkomsten = sorted(uitkomst(p) for p in processen)
    assert uitkomsten == [
        (0, "Gebruiker piet geregistreerd als lid.\n", ""),
        (1, "", "Fout: gebruiker 'piet' bestaat al\n"),
    ]
    assert als_json(voer_uit("gebruiker", "lijst", "--json")) == [
        {"naam": "els", "rol": "secretaris"},
        {"naam": "piet", "rol": "lid"},
    ]


@pytest.mark.parametrize("waarde", ["0", "-1", "veel"])
def test_een_ongeldige_wachttijd(advies: Advies, waarde: str) -> None:
    code, uit, fout = draai("lijst", ADVIES_WACHTTIJD=waarde)
    reden = "een aantal seconden zijn" if waarde == "veel" else "tussen 0 en 3600 seconden liggen"
    assert (code, uit, fout) == (1, "", f"Fout: ADVIES_WACHTTIJD moet {reden}, niet '{waarde}'\n")


@pytest.mark.postgresql
def test_een_lezende_opdracht_ziet_een_momentopname(advies: Advies) -> None:
    from sqlalchemy import text

    from opslag.database import maak_engine, sessie

    assert databanken.HUIDIGE is not None
    engine = maak_engine(databanken.HUIDIGE.url())
    with sessie(engine, schrijven=False) as s:
        niveau = s.execute(text("SHOW transaction_isolation")).scalar_one()
        alleen_lezen = s.execute(text("SHOW transaction_read_only")).scalar_one()
        wachten = s.execute(text("SHOW lock_timeout")).scalar_one()
    engine.dispose()
    assert (niveau, alleen_lezen, wachten) == ("repeatable read", "on", "30s")
