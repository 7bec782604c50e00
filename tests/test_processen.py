"""Through the installed `advies` command, in real processes, several at once."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ADVIES = str(Path(sys.executable).parent / "advies")


def draai(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([ADVIES, *args], capture_output=True, text=True, env=os.environ.copy(), timeout=120)


@pytest.mark.een_backend(reden="het geïnstalleerde commando start; de database doet er niet toe")
def test_geinstalleerd_commando(home: Path) -> None:
    hulp = draai("--help")
    assert hulp.returncode == 0 and hulp.stdout.startswith("Gebruik: advies")
    zonder = draai()
    assert zonder.returncode == 0 and "Opdrachten:" in zonder.stdout
    assert draai("init").returncode == 0
    assert json.loads(draai("lijst", "--json").stdout) == []
    fout = draai("toon", "2020-01")
    assert (fout.returncode, fout.stdout, fout.stderr) == (1, "", "Fout: onbekend kenmerk '2020-01'\n")
    gebruik = draai("toon")
    assert gebruik.returncode == 2 and gebruik.stderr.startswith("Fout: ")
    assert "Traceback" not in gebruik.stderr


# Six processes on a 2-core machine already race for every number; twelve only cost more start-ups.
TEGELIJK = 6


def test_zes_registraties_tegelijk(home: Path) -> None:
    assert draai("init").returncode == 0
    processen = [
        subprocess.Popen(
            [ADVIES, "nieuw", f"Advies {i}", "--datum", "2020-03-01", "--json"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=os.environ.copy(),
        )
        for i in range(TEGELIJK)
    ]
    uitkomsten = [(p.communicate(timeout=120), p.returncode) for p in processen]
    assert [code for _, code in uitkomsten] == [0] * TEGELIJK, [err for (_, err), _ in uitkomsten]
    kenmerken = sorted(json.loads(uit)["kenmerk"] for (uit, _), _ in uitkomsten)
    assert kenmerken == [f"CRA 2020-{n:02d}" for n in range(1, TEGELIJK + 1)]
    geregistreerd = json.loads(draai("lijst", "--json").stdout)
    assert sorted(a["onderwerp"] for a in geregistreerd) == sorted(f"Advies {i}" for i in range(TEGELIJK))
