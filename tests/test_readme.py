"""The README's secretary's month, run as a newcomer would type it: every command succeeds and
prints what the README says it prints."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

README = Path(__file__).resolve().parent.parent / "README.md"


def stappen() -> list[tuple[str, str | None]]:
    """(command, the output the README quotes for it, if any) in the order of the section."""
    maand = README.read_text(encoding="utf-8").split("## Een maand van de secretaris")[1].split("\n## ")[0]
    uit: list[tuple[str, str | None]] = []
    for blok in re.findall(r"```sh\n(.*?)```", maand, re.S):
        for regel in blok.strip().splitlines():
            if regel.startswith("# ") and uit:
                uit[-1] = (uit[-1][0], regel[2:])
            elif regel:
                uit.append((regel, None))
    return uit


@pytest.mark.sqlite
def test_de_maand_uit_de_readme(home, tmp_path):
    omgeving = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    gelopen = stappen()
    assert len(gelopen) >= 9
    for opdracht, verwacht in gelopen:
        klaar = subprocess.run(opdracht, shell=True, cwd=tmp_path, env=omgeving, capture_output=True, text=True)
        assert klaar.returncode == 0, f"{opdracht}\n{klaar.stderr}"
        if verwacht is not None:
            assert klaar.stdout.strip() == verwacht, opdracht
