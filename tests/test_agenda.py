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
