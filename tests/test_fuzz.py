"""Random arguments and odd files for every command: whatever comes in, the answer is exit 0, 1
or 2, on failure exactly one Dutch `Fout:` line, and never a traceback or an English exception."""

from __future__ import annotations

import os
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import click
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import Advies, voer_uit
from workflow.cli import cli
from workflow.cli.basis import AdviesGroep

# Slow by design, not by input: a PDF needs LibreOffice, --aantal generates that many advices.
TRAAG = {"--pdf", "--aantal"}
ENGELS = re.compile(r"\b[A-Z][A-Za-z]*(Error|Exception|Warning)\b|Traceback|onverwachte fout")


def opdrachten(groep: click.Group, pad: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], click.Command]]:
    """Every command with the words that call it."""
    gevonden = []
    for naam, opdracht in groep.commands.items():
        if isinstance(opdracht, click.Group):
            gevonden += opdrachten(opdracht, (*pad, naam))
        else:
            gevonden.append(((*pad, naam), opdracht))
    return gevonden


# `advies web` serves until it is stopped; its refusals are tested over HTTP in tests/test_web.py.
BLIJFT_DRAAIEN = {("web",)}
assert isinstance(cli, AdviesGroep)
cli.alle_opdrachten()  # the commands load when used; these tests walk them all
OPDRACHTEN = [(pad, opdracht) for pad, opdracht in opdrachten(cli) if pad not in BLIJFT_DRAAIEN]


@pytest.fixture
def vreemde_bestanden(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    werk = tmp_path / "werk"
    werk.mkdir()
    monkeypatch.chdir(werk)  # a relative --uit lands here, never in the repository
    (werk / "leeg.md").write_bytes(b"")
    (werk / "binair.docx").write_bytes(os.urandom(300))
    (werk / "nul.md").write_bytes(b"a\x00b")
    (werk / "latin1.txt").write_bytes("caf\xe9".encode("latin-1"))
    (werk / "goed.md").write_text("De raad adviseert positief.\n")
    (werk / "plaatje.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 20)
    with zipfile.ZipFile(werk / "archief.zip", "w") as archief:
        archief.writestr("manifest.json", "{")
    with zipfile.ZipFile(werk / "kapot.docx", "w") as docx:
        docx.writestr("word/document.xml", "<niet")
    os.mkfifo(werk / "pijp.md")
    (werk / "map.docx").mkdir()
    return [str(p) for p in sorted(werk.iterdir())] + ["/dev/null", str(tmp_path / "bestaat-niet" / "x.zip")]


WAARDEN = [
    "",
    " ",
    "2020-01",
    "CRA 2020-01",
    "CRB 2020-01",
    "2020-01-10",
    "2099-12-31",
    "0001-01-01",
    "99999999999999999999",
    "-1",
    "0",
    "\x1b]0;x\x07",
    "\u202e",
    "\u200b",
    "x" * 400,
    "[bold]",
    "{{ cycler }}",
    "kenmerk.advies",
    "termijn.reactie_weken",
    "organisatie.logo",
    "brief.sjabloon",
    "secretaris",
    "json",
]


def _passend(parameter: click.Parameter) -> st.SearchStrategy[str]:
    """Values of the parameter's own type, so most calls get past click to the commands' checks."""
    if isinstance(parameter.type, click.Choice):
        return st.sampled_from([str(c) for c in parameter.type.choices])
    if isinstance(parameter.type, click.types.IntParamType):
        return st.integers(-5, 10**20).map(str)
    if parameter.type.name == "datum":
        return st.dates().map(lambda d: d.isoformat())
    if parameter.name == "kenmerk":
        return st.sampled_from(["2020-01", "CRA 2020-02", "2020-01A", "CRB 2020-01"])
    return st.sampled_from(WAARDEN)


@pytest.mark.sqlite  # the answers are the CLI's, not the backend's; one backend keeps it quick
def test_willekeurige_invoer(advies: Advies, tekst: Callable[..., Path], vreemde_bestanden: list[str]) -> None:
    advies("aanvraag", "Werkprogramma", "--ontvangen", "2020-01-10")
    advies("concept", "2020-01", "--tekst", str(tekst()))
    advies("nieuw", "Armoede", "--datum", "2020-01-15")

    tekens = st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\x00"), max_size=12)

    @settings(
        max_examples=300,
        deadline=None,
        derandomize=True,  # the same examples every run: a failure is reproducible, the run time stable
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(data=st.data())
    def probeer(data: st.DataObject) -> None:
        pad, opdracht = data.draw(st.sampled_from(OPDRACHTEN))
        waarde = st.one_of(st.sampled_from(WAARDEN), st.sampled_from(vreemde_bestanden), tekens)
        args = list(pad)
        # Mostly well-formed calls with odd values, so the commands' own checks are reached ...
        for parameter in opdracht.params:
            passend = st.one_of(_passend(parameter), waarde)
            if isinstance(parameter, click.Argument):
                args.append(data.draw(passend))
            elif (
                isinstance(parameter, click.Option)
                and not set(parameter.opts) & TRAAG
                and (parameter.required or data.draw(st.booleans()))
            ):
                args += [parameter.opts[0]] if parameter.is_flag else [parameter.opts[0], data.draw(passend)]
        # ... and sometimes stray words after them.
        if data.draw(st.integers(0, 9)) == 0:
            args.append(data.draw(waarde))
        uitkomst = voer_uit(*args, code=None)
        alles = uitkomst.stdout + uitkomst.stderr
        assert uitkomst.exit_code in (0, 1, 2), (args, uitkomst.exit_code, alles, uitkomst.exception)
        assert not ENGELS.search(alles), (args, alles)
        if uitkomst.exit_code:
            regels = uitkomst.stderr.splitlines()
            assert len(regels) == 1 and regels[0].startswith("Fout: "), (args, uitkomst.stderr)

    probeer()
