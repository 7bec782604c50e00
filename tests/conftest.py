"""Every test gets its own ADVIES_HOME in tmp_path and an empty database: no test touches a real
home or database. The same tests run on SQLite and, with ADVIES_TEST_BACKEND=postgresql, on
PostgreSQL (see tests/databanken.py)."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from tests import beginstand, databanken
from workflow.cli import cli

# Passwords at Argon2's cheapest cost, here and in every `advies` a test starts (production keeps
# its cost; tests/test_wachtwoordkosten.py checks that).
os.environ["ADVIES_ARGON2"] = "test"

Advies = Callable[..., Result]
ONDERTEKENAAR, FUNCTIE = "Hans Alderkamp", "Voorzitter Cliëntenraad Werk & Inkomen"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "sqlite: alleen op SQLite (bestanden, PRAGMA's, een lege database)")
    config.addinivalue_line("markers", "postgresql: alleen op PostgreSQL")
    config.addinivalue_line(
        "markers",
        "een_backend(reden): wat de test controleert hangt niet af van de database (opmaak, teksten, de "
        "browser, bestanden vóór de database); hij draait alleen in de SQLite-helft",
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The PostgreSQL half runs the tests that use a database, are not SQLite-only and check something
    the backend could change. A test marked `een_backend` must say why (`reden=`)."""
    for item in items:
        for marker in item.iter_markers("een_backend"):
            if not marker.kwargs.get("reden"):
                raise pytest.UsageError(f"{item.nodeid}: een_backend zonder reden=")
    if databanken.BACKEND == "postgresql":
        hoort_erbij = [
            i
            for i in items
            if "home" in getattr(i, "fixturenames", ())
            and not i.get_closest_marker("sqlite")
            and not i.get_closest_marker("een_backend")
        ]
    else:
        hoort_erbij = [i for i in items if not i.get_closest_marker("postgresql")]
    config.hook.pytest_deselected(items=[i for i in items if i not in hoort_erbij])
    items[:] = hoort_erbij


@pytest.fixture(scope="session")
def database() -> Iterator[databanken.PostgresDatabase | None]:
    if databanken.BACKEND != "postgresql":
        yield None
        return
    postgres = databanken.maak_postgres()
    yield postgres
    databanken.verwijder_postgres(postgres)


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, database: databanken.PostgresDatabase | None) -> Path:
    map_ = tmp_path / "home"
    monkeypatch.delenv("ADVIES_DATABASE_URL", raising=False)
    monkeypatch.delenv("ADVIES_DEBUG", raising=False)
    for sleutel, waarde in databanken.frisse_omgeving(map_).items():
        monkeypatch.setenv(sleutel, waarde)
    monkeypatch.setenv("COLUMNS", "200")
    return map_


def voer_uit(*args: str, code: int | None = 0, env: dict[str, str] | None = None, invoer: str | None = None) -> Result:
    """Run `advies ARGS` through CliRunner and check its exit status (`code=None`: any); `invoer`
    is what a person types at the prompts."""
    uitkomst = CliRunner().invoke(cli, list(args), env=env, prog_name="advies", input=invoer)
    assert code is None or uitkomst.exit_code == code, f"exit {uitkomst.exit_code}\n{uitkomst.output}"
    assert "Traceback" not in uitkomst.output
    return uitkomst


@pytest.fixture
def advies(home: Path) -> Advies:
    """`advies(...)` against a fresh, initialised database with the letters' signature set, as
    the README's first steps do (`verzenden` refuses an unsigned letter). Built once per test
    process and copied (tests/beginstand.py)."""
    beginstand.zet_neer("ingericht", home, richt_in)
    return voer_uit


@pytest.fixture
def ingericht(home: Path) -> Path:
    """An initialised, empty register, as `advies init` leaves it (built once per test process and
    copied: Alembic's migrations cost a third of a second each time)."""
    beginstand.zet_neer("init", home, _init)
    return home


def _init() -> None:
    voer_uit("init")


def richt_in() -> None:
    """`advies init` and the letters' signature: the README's first steps."""
    voer_uit("init")
    voer_uit("instelling", "brief.ondertekenaar", ONDERTEKENAAR)
    voer_uit("instelling", "brief.functie", FUNCTIE)


def als_json(uitkomst: Result) -> Any:
    return json.loads(uitkomst.stdout)


@pytest.fixture
def tekst(tmp_path: Path) -> Callable[..., Path]:
    """Write a draft text file and return its path."""

    def schrijf(inhoud: str = "Geacht college,\n\nDe raad adviseert **positief**.\n", naam: str = "advies.md") -> Path:
        pad = tmp_path / naam
        pad.write_text(inhoud, encoding="utf-8")
        return pad

    return schrijf


def momentopname() -> Any:
    """Everything a user can see of the register: every advice in full, and the settings."""
    lijst = als_json(voer_uit("lijst", "--json"))
    return {
        "adviezen": [als_json(voer_uit("toon", a["kenmerk"], "--json")) for a in lijst],
        "instellingen": als_json(voer_uit("instelling", "--json")),
    }


def weiger(*args: str, code: int = 1) -> str:
    """Run a command that must be refused; returns its one `Fout:` line."""
    uitkomst = voer_uit(*args, code=code)
    assert uitkomst.stdout == ""
    regels = uitkomst.stderr.splitlines()
    assert len(regels) == 1 and regels[0].startswith("Fout: "), uitkomst.stderr
    return regels[0]
