"""Every ```sh block of the README, run in order as a newcomer would type it, in one fresh folder:
every command succeeds and prints what the README says it prints (a `# ...` line right after a
command is its output).

Lines the test reads rather than runs as written:
- `make demo` does what the Makefile does once .venv exists: `advies demo` in `$PWD/demo-home`;
  other `make` lines (`make test`, `make bench`) and the benchmark script run the test suite or
  minutes of measuring, so they are left out;
- `.venv/bin/` is the test's own environment; `source .venv/bin/activate` is not needed;
- `export NAAM=WAARDE` holds for the lines after it, except that a database URL of a server
  elsewhere (the PostgreSQL section) becomes a fresh SQLite database in the folder;
- `~` is a fresh home folder of the test, never the real one;
- a plain `advies ...` line (no shell syntax) runs through CliRunner in the test's process, in
  the same folder and environment: a process of its own would add only its start-up time;
- `advies web` serves until it is stopped: left out here (tests/test_web.py and tests/test_browser.py
  drive it); `advies gebruiker wachtwoord NAAM` asks twice at a terminal: the test passes the
  password on stdin with `--wachtwoord-stdin`, as a script would.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from workflow.cli import cli

README = Path(__file__).resolve().parent.parent / "README.md"
WACHTWOORD = "lang-genoeg-wachtwoord"
BIN = Path(sys.executable).parent


def stappen(tekst: str | None = None) -> list[tuple[str, str | None]]:
    """(command, the output the README quotes for it, if any) of every sh block, in order."""
    uit: list[tuple[str, str | None]] = []
    for blok in re.findall(r"```sh\n(.*?)```", tekst or README.read_text(encoding="utf-8"), re.S):
        for regel in blok.strip().splitlines():
            if regel.startswith("# ") and uit:
                uit[-1] = (uit[-1][0], regel[2:])
            elif regel:
                uit.append((regel, None))
    return uit


def gelezen(regel: str, omgeving: dict[str, str], map_: Path) -> str | None:
    """The line to run, or None when it is left out; applies `export` lines to `omgeving`."""
    kaal = regel.split(" #", 1)[0].strip()
    if kaal == "make demo":
        return f"ADVIES_HOME={map_ / 'demo-home'} advies demo"
    if kaal.startswith(("make ", "source ", "advies web")) or "benchmarks/" in kaal:
        return None
    if kaal.startswith("advies gebruiker wachtwoord "):
        return f"echo {WACHTWOORD} | {kaal} --wachtwoord-stdin"
    if kaal.startswith("export "):
        naam, waarde = kaal.removeprefix("export ").split("=", 1)
        waarde = shlex.split(waarde.replace("$PWD", str(map_)))[0] if waarde else ""
        if naam == "ADVIES_DATABASE_URL" and not waarde.startswith("sqlite"):
            waarde = f"sqlite:///{map_ / 'gedeeld.db'}"
        omgeving[naam] = waarde
        return None
    return kaal.replace(".venv/bin/", "")


def test_de_regels_voor_het_lezen() -> None:
    omgeving: dict[str, str] = {}
    map_ = Path("/m")
    assert gelezen("make demo   # maakt .venv", omgeving, map_) == "ADVIES_HOME=/m/demo-home advies demo"
    assert gelezen("make test", omgeving, map_) is None
    assert gelezen(".venv/bin/python benchmarks/bench.py --snel     # 5 rondes", omgeving, map_) is None
    assert gelezen("export ADVIES_HOME=$PWD/proef", omgeving, map_) is None
    assert gelezen("export ADVIES_DATABASE_URL='postgresql+psycopg://els:W@db.example.nl/a'", omgeving, map_) is None
    assert omgeving == {"ADVIES_HOME": "/m/proef", "ADVIES_DATABASE_URL": "sqlite:////m/gedeeld.db"}
    assert gelezen(".venv/bin/advies lijst", omgeving, map_) == "advies lijst"
    assert gelezen("advies web                # http://127.0.0.1:8000/", omgeving, map_) is None
    assert gelezen("advies gebruiker wachtwoord hans  # twee keer", omgeving, map_) == (
        f"echo {WACHTWOORD} | advies gebruiker wachtwoord hans --wachtwoord-stdin"
    )


def in_het_proces(regel: str) -> list[str] | None:
    """The arguments of a plain `advies ...` line; None for a line with shell syntax."""
    if not regel.startswith("advies ") or re.search(r"[|&;<>()$`*?~\\]", regel):
        return None
    return shlex.split(regel)[1:]


def voer_uit(regel: str, map_: Path, omgeving: dict[str, str]) -> tuple[int, str, str]:
    argumenten = in_het_proces(regel)
    if argumenten is None:
        klaar = subprocess.run(regel, shell=True, cwd=map_, env=omgeving, capture_output=True, text=True)
        return klaar.returncode, klaar.stdout, klaar.stderr
    uit = CliRunner().invoke(cli, argumenten, env=omgeving, prog_name="advies")
    return uit.exit_code, uit.stdout, uit.stderr


@pytest.mark.sqlite
def test_elk_voorbeeld_uit_de_readme(home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    thuis = tmp_path / "thuis"
    thuis.mkdir()
    map_ = tmp_path / "werk"
    map_.mkdir()
    omgeving = {**os.environ, "HOME": str(thuis), "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}
    monkeypatch.chdir(map_)
    gelopen = stappen()
    assert len(gelopen) >= 30
    for opdracht, verwacht in gelopen:
        regel = gelezen(opdracht, omgeving, map_)
        if regel is None:
            continue
        code, uit, fout = voer_uit(regel, map_, omgeving)
        assert code == 0, f"{opdracht}\n{fout}"
        if verwacht is not None:
            assert uit.strip() == verwacht, opdracht
