"""The layer contract (docs/ontwikkelen.md, "De lagen"), checked over the source with `ast`.

Every import counts, also one inside a function (many are, so that a command starts fast) and
one under `if TYPE_CHECKING`: the graph is the real one, not the one the top of a file shows.

    gezichten  workflow/cli/, workflow/web/, workflow/__main__.py
    register   workflow/register.py
    diensten   workflow/*.py
    opslag     opslag/            sjablonen   sjablonen/      (side by side; neither imports the other)
    domein     workflow/domein/
    blad       adviesfouten.py, a top-level module: anyone may import it, it imports nothing of the project

A module imports only from its own layer and the layers below it. Besides:
- the domain imports only the standard library (no files, processes or sockets), `transitions`,
  `holidays`, `babel`, the domain and the leaf;
- sjablonen imports nothing from workflow; opslag from workflow only the domain (both use the leaf);
- the leaf imports nothing of the project, not even inside a function;
- workflow/web runs no query itself: no opslag.modellen or opslag.leestabellen, no sqlalchemy,
  and from sqlmodel only the type `Session`;
- no cycles between modules, except the few in `TOEGESTANE_CYCLI`, each with its reason.
"""

from __future__ import annotations

import ast
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

WORTEL = Path(__file__).resolve().parent.parent
PAKKETTEN = ("workflow", "opslag", "sjablonen")
BLAD = "adviesfouten"

GEZICHTEN, REGISTER, DIENSTEN, ONDERLAAG, DOMEIN, BLADLAAG = 5, 4, 3, 2, 1, 0
LAAGNAMEN = {5: "gezichten", 4: "register", 3: "diensten", 2: "opslag/sjablonen", 1: "domein", 0: "blad"}

# What the domain may import beyond the standard library.
DOMEIN_BUITEN = frozenset({"transitions", "holidays", "babel"})
# Standard-library modules that reach files, processes or the network: not in the domain.
DOMEIN_VERBODEN = frozenset(
    {"os", "io", "pathlib", "shutil", "tempfile", "sqlite3", "subprocess", "socket", "glob", "zipfile"}
)

# Cycles that stay, with why. Each is a set of modules that reach each other.
TOEGESTANE_CYCLI: dict[frozenset[str], str] = {
    frozenset({"sjablonen.werker", "sjablonen.brieven", "sjablonen.controle", "sjablonen.jaaroverzicht.word"}): (
        "the bounded helper process and its tasks: a task module sends its work through "
        "werker.voer_uit, and the helper process (werker.main) runs the same module's task "
        "function; both directions are imports inside functions, one per process"
    ),
}


@dataclass(frozen=True)
class Import:
    doel: str  # the module (or, outside the project, the top-level package) imported
    regel: int
    naam: str | None = None  # for `from x import naam` of something that is not a module


def modulenaam(pad: Path, wortel: Path) -> str:
    delen = list(pad.relative_to(wortel).with_suffix("").parts)
    if delen[-1] == "__init__":
        delen.pop()
    return ".".join(delen)


def project(wortel: Path = WORTEL) -> dict[str, str]:
    """Every module of the project (name: source)."""
    bronnen = {
        modulenaam(pad, wortel): pad.read_text(encoding="utf-8")
        for pakket in PAKKETTEN
        for pad in sorted((wortel / pakket).rglob("*.py"))
    }
    bronnen[BLAD] = (wortel / f"{BLAD}.py").read_text(encoding="utf-8")
    return bronnen


def importen(naam: str, bron: str, modules: set[str], is_pakket: bool = False) -> list[Import]:
    """All imports of one module, at any depth, resolved to project modules where they are one."""
    uit: list[Import] = []
    for knoop in ast.walk(ast.parse(bron)):
        if isinstance(knoop, ast.Import):
            uit.extend(Import(_binnen(alias.name, modules), knoop.lineno) for alias in knoop.names)
        elif isinstance(knoop, ast.ImportFrom):
            basis = knoop.module or ""
            if knoop.level:
                delen = naam.split(".") if is_pakket else naam.split(".")[:-1]
                delen = delen[: len(delen) - knoop.level + 1]
                basis = ".".join([*delen, basis] if basis else delen)
            for alias in knoop.names:
                volledig = f"{basis}.{alias.name}"
                if volledig in modules:
                    uit.append(Import(volledig, knoop.lineno))
                else:
                    uit.append(Import(_binnen(basis, modules), knoop.lineno, alias.name))
    return uit


def _binnen(naam: str, modules: set[str]) -> str:
    """The project module `naam` is (or lies in), or else its top-level package."""
    while naam not in modules and "." in naam:
        naam = naam.rsplit(".", 1)[0]
    return naam


def laag(module: str) -> int | None:
    if module == BLAD:
        return BLADLAAG
    if _in(module, "workflow.domein"):
        return DOMEIN
    if module.split(".")[0] in ("opslag", "sjablonen"):
        return ONDERLAAG
    if module == "workflow.register":
        return REGISTER
    if _in(module, "workflow.cli") or _in(module, "workflow.web") or module == "workflow.__main__":
        return GEZICHTEN
    if module.startswith("workflow."):
        return DIENSTEN
    return None  # the package `workflow` itself: a docstring


def _in(module: str, pakket: str) -> bool:
    return module == pakket or module.startswith(pakket + ".")


def graaf(bronnen: dict[str, str]) -> dict[str, list[Import]]:
    modules = set(bronnen)
    pakketten = {n for n in modules if any(m.startswith(n + ".") for m in modules)}
    return {naam: importen(naam, bron, modules, naam in pakketten) for naam, bron in bronnen.items()}


def overtredingen(bronnen: dict[str, str]) -> list[str]:
    """Every import that breaks the contract, as `module:regel: reason`."""
    fouten: list[str] = []
    for module, lijst in graaf(bronnen).items():
        van = laag(module)
        for imp in lijst:
            plek = f"{module}:{imp.regel} importeert {imp.doel}"
            naar = laag(imp.doel)
            top = imp.doel.split(".")[0]
            if van is not None and naar is not None and naar > van:
                fouten.append(f"{plek}: {LAAGNAMEN[van]} mag niet naar {LAAGNAMEN[naar]}")
            if module == BLAD and (imp.doel in bronnen or top in PAKKETTEN):
                fouten.append(f"{plek}: het blad importeert niets van het project")
            if van == DOMEIN and imp.doel not in bronnen:
                if top in DOMEIN_VERBODEN or (top not in sys.stdlib_module_names and top not in DOMEIN_BUITEN):
                    fouten.append(f"{plek}: het domein gebruikt geen bestanden, database of andere pakketten")
            if module.startswith("sjablonen") and top == "workflow":
                fouten.append(f"{plek}: sjablonen neemt niets uit workflow (wel adviesfouten)")
            if module.startswith("sjablonen") and top == "opslag":
                fouten.append(f"{plek}: sjablonen en opslag staan naast elkaar")
            if module.startswith("opslag") and top == "workflow" and naar != DOMEIN:
                fouten.append(f"{plek}: opslag neemt uit workflow alleen het domein")
            if module.startswith("opslag") and top == "sjablonen":
                fouten.append(f"{plek}: opslag en sjablonen staan naast elkaar")
            if _in(module, "workflow.web") and _vraag(imp):
                fouten.append(f"{plek}: de webpagina vraagt niets zelf; dat doet een dienst")
    return fouten


def _vraag(imp: Import) -> bool:
    """An import with which a web module could run a query of its own."""
    if imp.doel in ("opslag.modellen", "opslag.leestabellen") or imp.doel == "sqlalchemy":
        return True
    return imp.doel == "sqlmodel" and imp.naam != "Session"


def cycli(bronnen: dict[str, str]) -> list[frozenset[str]]:
    """The strongly connected sets of more than one module (Tarjan, without recursion)."""
    kanten = {
        m: sorted({i.doel for i in lijst if i.doel in bronnen and i.doel != m}) for m, lijst in graaf(bronnen).items()
    }
    index: dict[str, int] = {}
    laagste: dict[str, int] = {}
    stapel: list[str] = []
    op_stapel: set[str] = set()
    gevonden: list[frozenset[str]] = []
    for begin in sorted(kanten):
        if begin in index:
            continue
        werk: list[tuple[str, int]] = [(begin, 0)]
        while werk:
            knoop, i = werk.pop()
            if i == 0:
                index[knoop] = laagste[knoop] = len(index)
                stapel.append(knoop)
                op_stapel.add(knoop)
            if i < len(kanten[knoop]):
                werk.append((knoop, i + 1))
                buur = kanten[knoop][i]
                if buur not in index:
                    werk.append((buur, 0))
                elif buur in op_stapel:
                    laagste[knoop] = min(laagste[knoop], index[buur])
                continue
            if laagste[knoop] == index[knoop]:
                deel: set[str] = set()
                while True:
                    lid = stapel.pop()
                    op_stapel.discard(lid)
                    deel.add(lid)
                    if lid == knoop:
                        break
                if len(deel) > 1:
                    gevonden.append(frozenset(deel))
            if werk:
                ouder = werk[-1][0]
                laagste[ouder] = min(laagste[ouder], laagste[knoop])
    return gevonden


# --- the contract over this project ----------------------------------------------------------------


def test_elke_import_volgt_de_lagen() -> None:
    assert overtredingen(project()) == []


def test_geen_cycli_behalve_de_genoemde() -> None:
    gevonden = set(cycli(project()))
    assert gevonden <= set(TOEGESTANE_CYCLI), sorted(sorted(c) for c in gevonden - set(TOEGESTANE_CYCLI))
    assert set(TOEGESTANE_CYCLI) <= gevonden, "an allowed cycle that no longer exists: take it off the list"


def test_het_domein_is_er_en_wordt_gelezen() -> None:
    """The checker sees the project: the domain's modules are found, with their imports."""
    bronnen = project()
    assert {"workflow.domein.toestanden", "workflow.domein.woorden", "workflow.domein.rechten"} <= set(bronnen)
    doelen = {i.doel for i in graaf(bronnen)["workflow.domein.toestanden"]}
    assert {"workflow.domein.rechten", "workflow.domein.woorden", "transitions"} <= doelen


# --- the checker itself finds what it must ----------------------------------------------------------

SCHOON = {
    "workflow": "",
    "adviesfouten": "class AdviesFout(Exception): ...",
    "workflow.domein": "",
    "workflow.domein.woorden": "from enum import StrEnum\nfrom adviesfouten import AdviesFout\n",
    "workflow.adviezen": "from workflow.domein.woorden import StrEnum\nfrom opslag import modellen\n",
    "workflow.register": "from workflow import adviezen\n",
    "workflow.cli": "from workflow.register import Register\n",
    "workflow.web": "from sqlmodel import Session\nfrom workflow import adviezen\n",
    "opslag": "",
    "opslag.modellen": "import sqlmodel\nfrom adviesfouten import AdviesFout\nfrom workflow.domein import woorden\n",
    "sjablonen": "",
    "sjablonen.brieven": "from adviesfouten import AdviesFout\n",
}


def test_een_schoon_voorbeeld_heeft_geen_overtredingen() -> None:
    assert overtredingen(SCHOON) == [] and cycli(SCHOON) == []


@pytest.mark.parametrize(
    ("module", "bron", "verwacht"),
    [
        ("workflow.domein.woorden", "def f():\n    import sqlalchemy\n", "het domein gebruikt geen bestanden"),
        ("workflow.domein.woorden", "from pathlib import Path\n", "het domein gebruikt geen bestanden"),
        ("workflow.domein.woorden", "from workflow import adviezen\n", "domein mag niet naar diensten"),
        ("workflow.adviezen", "def f():\n    from workflow.cli import x\n", "diensten mag niet naar gezichten"),
        ("workflow.adviezen", "from workflow.register import Register\n", "diensten mag niet naar register"),
        ("opslag.modellen", "from workflow import adviezen\n", "opslag neemt uit workflow alleen"),
        ("sjablonen.brieven", "from workflow.domein import woorden\n", "sjablonen neemt niets uit workflow"),
        ("adviesfouten", "from workflow.domein.woorden import Status\n", "het blad importeert niets van het project"),
        ("adviesfouten", "def f():\n    import opslag.diagnose\n", "het blad importeert niets van het project"),
        ("adviesfouten", "import sjablonen\n", "het blad importeert niets van het project"),
        ("sjablonen.brieven", "from opslag import modellen\n", "sjablonen en opslag staan naast elkaar"),
        ("workflow.web", "from sqlmodel import select\n", "de webpagina vraagt niets zelf"),
        ("workflow.web", "def f():\n    from opslag.modellen import Advies\n", "de webpagina vraagt niets zelf"),
    ],
)
def test_de_controle_vindt_een_verzonnen_overtreding(module: str, bron: str, verwacht: str) -> None:
    fouten = overtredingen({**SCHOON, module: bron})
    assert any(verwacht in fout for fout in fouten), fouten


def test_de_controle_vindt_een_verborgen_cyclus() -> None:
    """A cycle closed by an import inside a function is a cycle all the same."""
    bronnen = {**SCHOON, "workflow.register": "def f():\n    from workflow import adviezen\n"}
    bronnen["workflow.adviezen"] = "def g():\n    from workflow import archief\n"
    bronnen["workflow.archief"] = "from workflow.adviezen import zoek\n"
    assert cycli(bronnen) == [frozenset({"workflow.adviezen", "workflow.archief"})]


def test_elk_pakket_gaat_mee_in_de_installatie() -> None:
    """A new subpackage (such as workflow/domein/) must be in pyproject's package list, or an
    installed advies misses it while the tests, run from the source, pass."""
    import tomllib

    gegevens = tomllib.loads((WORTEL / "pyproject.toml").read_text(encoding="utf-8"))
    genoemd = set(gegevens["tool"]["setuptools"]["packages"])
    pakketten = {
        modulenaam(pad.parent / "__init__.py", WORTEL)
        for pakket in PAKKETTEN
        for pad in (WORTEL / pakket).rglob("__init__.py")
    }
    assert pakketten <= genoemd, sorted(pakketten - genoemd)
    assert gegevens["tool"]["setuptools"]["py-modules"] == [BLAD], "the leaf is a top-level module of its own"
