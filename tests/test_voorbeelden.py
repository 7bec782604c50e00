"""Every `Voorbeeld:` line of every command's help runs as written, in a sensible order, on a
fresh register built for it.

How a help example is read, as a shell would:
- a line ending in a backslash continues on the next line; a line in parentheses is a remark;
- `NAAM=WAARDE` before `advies` sets a variable for that command; a folder under /tmp becomes
  a fresh folder of the test; `~` is the test's own home folder (with a Bureaublad in it);
- `> BESTAND` writes the output to that file;
- the same line twice (one example shown in two helps) runs once per register;
- `--pdf` needs LibreOffice: without it that one line is left out.
The register is built for the examples: where they name an advice or a letter that no example
makes, a setup step (`opzet`) makes it, and the files they read (werkprogramma.md, logo.png,
reactie.pdf ...) are written first. Commands not placed in VOLGORDE run at the end.
"""

from __future__ import annotations

import shlex
from pathlib import Path

import click
import pytest

from sjablonen.pdf import soffice
from tests.brieven_hulp import png
from tests.conftest import voer_uit
from tests.test_documentatie import ALLE
from workflow.cli import cli
from workflow.cli.basis import AdviesGroep

NIEUW_REGISTER = ("nieuw register",)
Stap = tuple[str, ...]


def opzet(*args: str) -> Stap:
    return ("opzet", *args)


VOLGORDE: list[Stap] = [
    ("init",),
    ("instelling",),
    ("sjabloon", "exporteer"),
    ("sjabloon", "controleer"),
    opzet("aanvraag", "Jaarplan 2020", "--ontvangen", "2020-01-06"),  # so the example's request is CRA 2020-02
    ("aanvraag",),
    ("nieuw",),
    ("concept",),
    ("agenderen",),
    ("vaststellen",),
    ("verzenden",),
    ("herinnering",),
    opzet("herinnering", "2020-02", "--datum", "2021-01-15"),  # `brief "CRB 2021-02"` shows the second of 2021
    opzet("herinnering", "2020-02", "--datum", "2021-02-15"),
    ("opschorten",),
    ("termijn",),
    ("corrigeer",),  # its --uiterlijk example needs CRA 2020-02 sent and not yet answered
    ("reactie",),
    ("bijlage",),
    ("document",),
    ("aanvulling",),
    ("intrekken",),
    opzet("concept", "2020-03", "--tekst", "werkprogramma.md"),  # terugsturen needs an advice on the agenda
    opzet("agenderen", "2020-03", "--vergadering", "2020-03-30"),
    ("terugsturen",),
    ("toon",),
    ("brief",),
    ("lijst",),
    ("achterstallig",),
    ("jaaroverzicht",),
    ("archief", "exporteer"),
    ("gebruiker", "toevoegen"),
    ("gebruiker", "wachtwoord"),
    ("gebruiker", "herstel"),
    ("gebruiker", "wijzig"),
    ("gebruiker", "uitloggen"),
    ("gebruiker", "verwijder"),
    ("gebruiker", "lijst"),
    ("abonnement",),  # an address for a registered user
    NIEUW_REGISTER,
    ("archief", "importeer"),
    ("demo",),
]


assert isinstance(cli, AdviesGroep)
cli.alle_opdrachten()  # the commands load when used; these tests walk them all


def opdracht(pad: tuple[str, ...]) -> click.Command:
    gevonden: click.Command = cli
    for naam in pad:
        assert isinstance(gevonden, click.Group)
        gevonden = gevonden.commands[naam]
    return gevonden


def voorbeelden(pad: tuple[str, ...]) -> list[str]:
    """The example lines of a command's help, continuation lines joined, remarks left out."""
    hulp = opdracht(pad).help or ""
    if "Voorbeeld" not in hulp:
        return []
    blok = hulp.split("Voorbeeld", 1)[1].split("\n", 1)[1]
    regels: list[str] = []
    for ruw in blok.splitlines():
        regel = ruw.strip()
        if not regel:
            if regels:
                break
            continue
        if regels and regels[-1].endswith("\\"):
            regels[-1] = regels[-1][:-1].rstrip() + " " + regel
        elif not regel.startswith("("):
            regels.append(regel)
    return regels


def test_elke_opdracht_met_voorbeelden_staat_in_de_volgorde_of_loopt_aan_het_eind() -> None:
    assert all(voorbeelden(pad) for pad in VOLGORDE if pad[0] not in ("opzet", *NIEUW_REGISTER))
    assert len({pad for pad in VOLGORDE if pad[0] != "opzet"}) == len([p for p in VOLGORDE if p[0] != "opzet"])


@pytest.mark.sqlite
def test_elk_voorbeeld_uit_de_hulp_werkt(home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    werkmap = tmp_path / "werk"
    werkmap.mkdir()
    thuis = tmp_path / "thuis"
    (thuis / "Bureaublad").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(thuis))
    monkeypatch.chdir(werkmap)
    (werkmap / "werkprogramma.md").write_text("De raad is blij met het werkprogramma.\n", encoding="utf-8")
    (werkmap / "logo.png").write_bytes(png())
    (werkmap / "reactie.pdf").write_bytes(b"%PDF-1.4 reactie van het college\n")
    (werkmap / "reactie-bijlage.pdf").write_bytes(b"%PDF-1.4 nagekomen bijlage\n")

    geplaatst = {pad for pad in VOLGORDE}
    rest = [pad for pad in ALLE if pad not in geplaatst and voorbeelden(pad)]
    gelopen: set[tuple[str, str]] = set()
    register = "eerste"
    for stap in [*VOLGORDE, *rest]:
        if stap == NIEUW_REGISTER:
            register = "tweede"
            monkeypatch.setenv("ADVIES_HOME", str(tmp_path / "tweede"))
            continue
        if stap[0] == "opzet":
            voer_uit(*stap[1:])
            continue
        for regel in voorbeelden(stap):
            if (register, regel) in gelopen or ("--pdf" in regel and soffice() is None):
                continue
            if regel.startswith("advies web"):
                continue  # serves until stopped: tests/test_web.py and tests/test_browser.py drive it
            gelopen.add((register, regel))
            voer_als_shell(regel, tmp_path)
    assert ("eerste", 'advies brief "CRB 2021-02"') in gelopen


WACHTWOORD = "lang-genoeg-wachtwoord"


def voer_als_shell(regel: str, tmp_path: Path) -> None:
    woorden = shlex.split(regel)
    omgeving: dict[str, str] = {}
    while "=" in woorden[0]:
        naam, waarde = woorden.pop(0).split("=", 1)
        omgeving[naam] = str(tmp_path / Path(waarde).name) if waarde.startswith("/tmp/") else waarde
    assert woorden[0] == "advies", regel
    uitvoer = None
    if ">" in woorden:
        plek = woorden.index(">")
        uitvoer, woorden = Path(woorden[plek + 1]), woorden[:plek]
    argumenten = [str(Path(w).expanduser()) if w.startswith("~") else w for w in woorden[1:]]
    # A password is asked twice at the prompt: the test types it twice.
    getypt = f"{WACHTWOORD}\n{WACHTWOORD}\n" if woorden[1:3] == ["gebruiker", "wachtwoord"] else None
    uitkomst = voer_uit(*argumenten, env=omgeving or None, code=None, invoer=getypt)
    assert uitkomst.exit_code == 0, f"{regel}\n{uitkomst.output}"
    if uitvoer is not None:
        uitvoer.write_text(uitkomst.stdout, encoding="utf-8")
