"""Every test gets its own ADVIES_HOME in tmp_path: no test touches a real home or database."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from workflow.cli import cli

Advies = Callable[..., Result]


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    map_ = tmp_path / "home"
    monkeypatch.setenv("ADVIES_HOME", str(map_))
    monkeypatch.delenv("ADVIES_DATABASE_URL", raising=False)
    monkeypatch.delenv("ADVIES_DEBUG", raising=False)
    monkeypatch.setenv("ADVIES_GEBRUIKER", "els")
    monkeypatch.setenv("COLUMNS", "200")
    return map_


def voer_uit(*args: str, code: int | None = 0, env: dict[str, str] | None = None) -> Result:
    """Run `advies ARGS` through CliRunner and check its exit status (`code=None`: any)."""
    uitkomst = CliRunner().invoke(cli, list(args), env=env, prog_name="advies")
    assert code is None or uitkomst.exit_code == code, f"exit {uitkomst.exit_code}\n{uitkomst.output}"
    assert "Traceback" not in uitkomst.output
    return uitkomst


@pytest.fixture
def advies(home: Path) -> Advies:
    """`advies(...)` against a fresh, initialised database."""
    voer_uit("init")
    return voer_uit


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
