"""Hoe snel `advies` is: hele processen, elk tegen de vloer van wat het minstens nodig heeft.

    make bench
    .venv/bin/python benchmarks/bench.py [--snel] [--rondes N] [--map MAP] [--uit BESTAND]

Een CLI start voor elke opdracht opnieuw; wat telt is de tijd van het hele proces. Elke meting is
een paar: de opdracht en zijn vloer, na één keer opwarmen om en om uitgevoerd (de ene ronde eerst
de opdracht, de volgende eerst de vloer), zodat ruis op de machine beide gelijk treft. Per paar:
de mediaan van elk en de mediaan van de verhouding per ronde.

- `advies --help` tegen `python -c "import click"`;
- `advies lijst --jaar 2020 --json` en `advies achterstallig --json` tegen een proces dat sqlmodel
  importeert, dezelfde database opent, één vraag stelt die dezelfde rijen geeft en die als dezelfde
  JSON schrijft: de uitvoer van vloer en opdracht is byte voor byte gelijk (dat wordt gecontroleerd);
- `advies jaaroverzicht 2020 --formaat xlsx` tegen een proces dat sqlmodel importeert en de adviezen
  van 2020 opvraagt (zonder iets te schrijven);
- één conceptbrief renderen in het proces tegen kaal docxtpl op hetzelfde sjabloon
  (`benchmarks/brieven.py`), en `advies concept` als heel proces (elke ronde een nieuwe versie uit
  een ander klein .md-bestand) tegen `python -c "import sqlmodel, docxtpl"`;
- de tijd van `advies demo --aantal 100000`;
- de groei van lijst, achterstallig en jaaroverzicht bij 1.000, 10.000 en 100.000 adviezen, met ook
  een lijst en een achterstallig zonder rijen: die mogen niet trager worden als de database groeit.

De databases komen in een tijdelijke map (of in --map, dan worden ze hergebruikt). Alleen de
standaardbibliotheek; de opdrachten draaien met de Python van deze venv. De uitkomst komt op het
scherm en als JSON in benchmarks/resultaten/bench.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

HIER = Path(__file__).resolve().parent
PYTHON = sys.executable
ADVIES = str(Path(sys.executable).parent / "advies")
AANTALLEN = (1_000, 10_000, 100_000)
JAAR = 2020

GRENZEN = {
    "help": 2.0,
    "lijst": 1.5,
    "achterstallig": 1.5,
    "jaaroverzicht": 3.0,
    "render": 1.3,
    "concept": 1.6,
    "demo_s": 60.0,
}

# The floors. Each gets the database URL and its parameters as arguments.
_LIJST_KOLOMMEN = (
    "kenmerk, onderwerp, soort, status, ontvangen_op, adviestermijn, vastgesteld_op, verzonden_op, "
    "reactie_uiterlijk, reactie_ontvangen_op, oordeel, uw_kenmerk, geregistreerd_op, vergadering_op, "
    "reactie_samenvatting"
)
VLOER_LIJST = f"""
import json, sys, sqlmodel
e = sqlmodel.create_engine(sys.argv[1])
with e.connect() as c:
    r = c.execute(sqlmodel.text(
        "SELECT {_LIJST_KOLOMMEN} FROM advies WHERE jaar = :jaar "
        "ORDER BY jaar DESC, volgnummer DESC, achtervoegsel DESC"), {{"jaar": int(sys.argv[2])}})
    k = list(r.keys())
    rijen = [dict(zip(k, rij)) for rij in r]
sys.stdout.write(json.dumps(rijen, ensure_ascii=False, indent=2) + "\\n")
"""
VLOER_ACHTERSTALLIG = """
import json, sys, sqlmodel
e = sqlmodel.create_engine(sys.argv[1])
with e.connect() as c:
    r = c.execute(sqlmodel.text(
        "SELECT kenmerk, onderwerp, 'reactie_college' AS soort_achterstand, reactie_uiterlijk AS uiterlijk, "
        "CAST(julianday(:p) - julianday(reactie_uiterlijk) AS INTEGER) AS dagen_te_laat FROM advies "
        "WHERE status = 'verzonden' AND reactie_uiterlijk < :p "
        "UNION ALL "
        "SELECT kenmerk, onderwerp, 'eigen_advies', adviestermijn, "
        "CAST(julianday(:p) - julianday(adviestermijn) AS INTEGER) FROM advies "
        "WHERE status IN ('aangevraagd', 'concept', 'ter_vaststelling', 'vastgesteld') AND adviestermijn < :p "
        "ORDER BY uiterlijk, kenmerk"), {"p": sys.argv[2]})
    k = list(r.keys())
    rijen = [dict(zip(k, rij)) for rij in r]
sys.stdout.write(json.dumps(rijen, ensure_ascii=False, indent=2) + "\\n")
"""
VLOER_JAAR = f"""
import sys, sqlmodel
e = sqlmodel.create_engine(sys.argv[1])
with e.connect() as c:
    c.execute(sqlmodel.text(
        "SELECT {_LIJST_KOLOMMEN} FROM advies WHERE jaar = :jaar ORDER BY volgnummer, achtervoegsel"),
        {{"jaar": int(sys.argv[2])}}).fetchall()
"""

TEKST = """De Cliëntenraad heeft kennisgenomen van het voorstel (versie {n}).

We vragen u daarom:

- per activering te registreren uit welk programma zij voortkomt;
- jaarlijks te rapporteren over de **armoedeval**.

Terecht stelt het college dat *werken moet lonen*.
"""


class Meetfout(Exception):
    pass


def voer_uit(opdracht: Sequence[str], omgeving: dict[str, str], vang: bool = False) -> subprocess.CompletedProcess[str]:
    uitkomst = subprocess.run(
        list(opdracht),
        env=omgeving,
        stdout=subprocess.PIPE if vang else subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    if uitkomst.returncode != 0:
        raise Meetfout(f"{' '.join(opdracht)} stopte met {uitkomst.returncode}: {uitkomst.stderr.strip()}")
    return uitkomst


def tijd(opdracht: Sequence[str], omgeving: dict[str, str]) -> float:
    begin = time.perf_counter()
    voer_uit(opdracht, omgeving)
    return (time.perf_counter() - begin) * 1000


def paar(
    naam: str,
    opdracht: Sequence[str],
    vloer: Sequence[str],
    omgeving: dict[str, str],
    rondes: int,
    reeks: list[Sequence[str]] | None = None,
) -> dict[str, Any]:
    """Warm up once, then alternate the command and its floor for `rondes` rounds.

    `reeks`, when given, are the commands to take in turn instead of `opdracht` (for `concept`: a
    new file each run), the first one for the warm-up.
    """
    reeks = reeks or [opdracht] * (rondes + 1)
    tijd(reeks[0], omgeving)
    tijd(vloer, omgeving)
    eigen: list[float] = []
    basis: list[float] = []
    for ronde in range(rondes):
        stap = reeks[ronde + 1]
        if ronde % 2 == 0:
            a = tijd(stap, omgeving)
            b = tijd(vloer, omgeving)
        else:
            b = tijd(vloer, omgeving)
            a = tijd(stap, omgeving)
        eigen.append(a)
        basis.append(b)
    uitkomst = {
        "naam": naam,
        "mediaan_ms": round(statistics.median(eigen), 1),
        "vloer_ms": round(statistics.median(basis), 1),
        "verhouding": round(statistics.median(a / b for a, b in zip(eigen, basis, strict=True)), 2),
        "rondes": rondes,
        "ms": [round(t, 1) for t in eigen],
        "vloer_ms_alle": [round(t, 1) for t in basis],
    }
    print(
        f"  {naam:<54} {uitkomst['mediaan_ms']:>8.1f} {uitkomst['vloer_ms']:>8.1f} {uitkomst['verhouding']:>6.2f}",
        flush=True,
    )
    return uitkomst


def omgeving_voor(map_: Path) -> dict[str, str]:
    omgeving = {k: v for k, v in os.environ.items() if not k.startswith(("ADVIES_", "PYTHON"))}
    omgeving["ADVIES_HOME"] = str(map_)
    omgeving["ADVIES_GEBRUIKER"] = "bench"
    return omgeving


def database(map_: Path, aantal: int) -> tuple[dict[str, str], float | None]:
    """A database with `aantal` generated advices; returns its environment and the generation time in s."""
    omgeving = omgeving_voor(map_)
    bestaat = (map_ / "advies.db").exists()
    voer_uit([ADVIES, "init"], omgeving)  # creates it, or brings a kept one to the current schema
    if bestaat:
        return omgeving, None
    begin = time.perf_counter()
    voer_uit([ADVIES, "demo", "--aantal", str(aantal)], omgeving)
    return omgeving, time.perf_counter() - begin


def url(map_: Path) -> str:
    return f"sqlite:///{map_ / 'advies.db'}"


def gelijke_uitvoer(opdracht: Sequence[str], vloer: Sequence[str], omgeving: dict[str, str]) -> tuple[bool, int]:
    """Whether the command and its floor print the same bytes; and how many rows that is."""
    eigen = voer_uit(opdracht, omgeving, vang=True).stdout
    basis = voer_uit(vloer, omgeving, vang=True).stdout
    return eigen == basis, len(json.loads(eigen))


def meet_database(map_: Path, aantal: int, omgeving: dict[str, str], rondes: int) -> dict[str, Any]:
    vandaag = date.today().isoformat()
    db = url(map_)
    xlsx = str(map_ / "jaaroverzicht.xlsx")
    metingen = {
        "lijst": (
            [ADVIES, "lijst", "--jaar", str(JAAR), "--json"],
            [PYTHON, "-c", VLOER_LIJST, db, str(JAAR)],
        ),
        "achterstallig": (
            [ADVIES, "achterstallig", "--json"],
            [PYTHON, "-c", VLOER_ACHTERSTALLIG, db, vandaag],
        ),
        "jaaroverzicht": (
            [ADVIES, "jaaroverzicht", str(JAAR), "--formaat", "xlsx", "--uit", xlsx],
            [PYTHON, "-c", VLOER_JAAR, db, str(JAAR)],
        ),
        "lijst_leeg": (
            [ADVIES, "lijst", "--jaar", "2099", "--json"],
            [PYTHON, "-c", VLOER_LIJST, db, "2099"],
        ),
        "achterstallig_leeg": (
            [ADVIES, "achterstallig", "--peildatum", "2000-01-01", "--json"],
            [PYTHON, "-c", VLOER_ACHTERSTALLIG, db, "2000-01-01"],
        ),
    }
    titels = {
        "lijst": f"lijst --jaar {JAAR} --json",
        "achterstallig": "achterstallig --json",
        "jaaroverzicht": f"jaaroverzicht {JAAR} --formaat xlsx",
        "lijst_leeg": "lijst --jaar 2099 --json (geen rijen)",
        "achterstallig_leeg": "achterstallig --peildatum 2000-01-01 (geen)",
    }
    uitkomst: dict[str, Any] = {}
    for sleutel, (opdracht, vloer) in metingen.items():
        if sleutel == "jaaroverzicht":  # writes a file; the year's rows are those of `lijst --jaar`
            gelijk, rijen = None, uitkomst["lijst"]["rijen"]
        else:
            gelijk, rijen = gelijke_uitvoer(opdracht, vloer, omgeving)
        meting = paar(f"{titels[sleutel]} [{aantal:,}]".replace(",", "."), opdracht, vloer, omgeving, rondes)
        meting.update(rijen=rijen, uitvoer_gelijk=gelijk)
        if gelijk is False:
            print(f"  LET OP: de uitvoer van '{titels[sleutel]}' verschilt van die van de vloer", flush=True)
        uitkomst[sleutel] = meting
    return uitkomst


def meet_concept(map_: Path, omgeving: dict[str, str], rondes: int) -> dict[str, Any]:
    aanvraag = voer_uit(
        [ADVIES, "aanvraag", "Snelheidsmeting conceptbrief", "--ontvangen", date.today().isoformat(), "--json"],
        omgeving,
        vang=True,
    )
    kenmerk = json.loads(aanvraag.stdout)["kenmerk"]
    teksten = map_ / f"teksten-{kenmerk.replace(' ', '-')}"
    teksten.mkdir(exist_ok=True)
    opdrachten: list[Sequence[str]] = []
    for n in range(rondes + 1):
        pad = teksten / f"versie-{n + 1}.md"
        pad.write_text(TEKST.format(n=n + 1), encoding="utf-8")
        opdrachten.append([ADVIES, "concept", kenmerk, "--tekst", str(pad)])
    vloer = [PYTHON, "-c", "import sqlmodel, docxtpl"]
    return paar(f"concept (nieuwe versie van {kenmerk})", opdrachten[0], vloer, omgeving, rondes, opdrachten)


def meet_render(rondes: int) -> dict[str, Any]:
    uitvoer = voer_uit([PYTHON, str(HIER / "brieven.py"), "--rondes", str(rondes)], os.environ.copy(), vang=True)
    gegevens = json.loads(uitvoer.stdout.strip().splitlines()[-1])
    mediaan = gegevens["mediaan_ms"]
    uitkomst = {
        "naam": "conceptbrief renderen in het proces",
        "mediaan_ms": mediaan["render()"],
        "vloer_ms": mediaan["docxtpl kaal"],
        "verhouding": gegevens["verhouding"]["render()"],
        "adviesbrief_ms": mediaan["adviesbrief()"],
        "adviesbrief_verhouding": gegevens["verhouding"]["adviesbrief()"],
        "rondes": gegevens["rondes"],
    }
    print(
        f"  {uitkomst['naam']:<54} {uitkomst['mediaan_ms']:>8.1f} {uitkomst['vloer_ms']:>8.1f} "
        f"{uitkomst['verhouding']:>6.2f}",
        flush=True,
    )
    return uitkomst


def _getal(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def oordeel(verhouding: float, grens: float) -> str:
    return "ok" if verhouding <= grens else "niet ok"


def tabel(uitkomst: dict[str, Any]) -> str:
    groot = uitkomst["per_aantal"][str(max(uitkomst["aantallen"]))]
    grootst = f"{max(uitkomst['aantallen']):,}".replace(",", ".")
    regels = [
        ("advies --help | python -c 'import click'", uitkomst["help"], GRENZEN["help"]),
        (f"lijst --jaar {JAAR} --json ({grootst}) | sqlmodel-vloer", groot["lijst"], GRENZEN["lijst"]),
        (f"achterstallig --json ({grootst}) | sqlmodel-vloer", groot["achterstallig"], GRENZEN["achterstallig"]),
        (f"jaaroverzicht {JAAR} xlsx ({grootst}) | sqlmodel-vloer", groot["jaaroverzicht"], GRENZEN["jaaroverzicht"]),
        ("conceptbrief renderen | kaal docxtpl", uitkomst["render"], GRENZEN["render"]),
        ("concept (heel proces) | import sqlmodel, docxtpl", uitkomst["concept"], GRENZEN["concept"]),
    ]
    breed = max(len(r[0]) for r in regels) + 2
    uit = [f"{'meting | vloer':<{breed}}{'ms':>9}{'vloer ms':>10}{'×':>7}{'grens':>7}  oordeel"]
    for titel, m, grens in regels:
        uit.append(
            f"{titel:<{breed}}{m['mediaan_ms']:>9.1f}{m['vloer_ms']:>10.1f}{m['verhouding']:>7.2f}"
            f"{grens:>7.1f}  {oordeel(m['verhouding'], grens)}"
        )
    demo = uitkomst.get("demo_s")
    if demo is not None:
        uit.append(
            f"{f'demo --aantal {grootst} (s)':<{breed}}{demo:>9.1f}{'':>10}{'':>7}{GRENZEN['demo_s']:>7.0f}  "
            f"{oordeel(demo, GRENZEN['demo_s'])}"
        )
    else:
        uit.append(f"{f'demo --aantal {grootst} (s)':<{breed}}{'(hergebruikte database, niet gemeten)':>40}")
    uit.append("")
    uit.append("Groei (mediaan ms; tussen haakjes de vloer; rijen = wat de opdracht teruggeeft)")
    uit.append(f"{'opdracht':<44}" + "".join(f"{_getal(a) + ' adviezen':>26}" for a in uitkomst["aantallen"]))
    for sleutel, titel in (
        ("lijst", f"lijst --jaar {JAAR} --json"),
        ("achterstallig", "achterstallig --json"),
        ("jaaroverzicht", f"jaaroverzicht {JAAR} --formaat xlsx"),
        ("lijst_leeg", "lijst --jaar 2099 --json (geen rijen)"),
        ("achterstallig_leeg", "achterstallig --peildatum 2000-01-01"),
    ):
        cellen = []
        for a in uitkomst["aantallen"]:
            m = uitkomst["per_aantal"][str(a)][sleutel]
            cellen.append(f"{m['mediaan_ms']:.0f} ({m['vloer_ms']:.0f}) {m['verhouding']:.2f}× {m['rijen']}r")
        uit.append(f"{titel:<44}" + "".join(f"{c:>26}" for c in cellen))
    return "\n".join(uit)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rondes", type=int, default=11, help="gemeten rondes per paar na het opwarmen (standaard 11)")
    parser.add_argument("--snel", action="store_true", help="5 rondes per paar: voor tussendoor, niet voor de tabel")
    parser.add_argument("--map", type=Path, help="bewaar de databases hier en hergebruik ze de volgende keer")
    parser.add_argument(
        "--uit", type=Path, default=HIER / "resultaten" / "bench.json", help="waar de JSON komt (standaard %(default)s)"
    )
    args = parser.parse_args()
    rondes = 5 if args.snel else max(args.rondes, 11)
    if not Path(ADVIES).exists():
        sys.exit(f"{ADVIES} ontbreekt; draai dit met de Python van de venv (make bench)")

    begin = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="advies-bench-") as tijdelijk:
        basis = args.map.resolve() if args.map else Path(tijdelijk)
        print(f"Databases in {basis}; {rondes} rondes per paar na één keer opwarmen.", flush=True)
        omgevingen: dict[int, dict[str, str]] = {}
        demo_s = None
        for aantal in AANTALLEN:
            omgeving, duur = database(basis / str(aantal), aantal)
            omgevingen[aantal] = omgeving
            if duur is not None:
                print(f"  demo --aantal {aantal}: {duur:.1f} s", flush=True)
            if aantal == max(AANTALLEN):
                demo_s = duur

        print(f"  {'meting':<54} {'ms':>8} {'vloer':>8} {'×':>6}", flush=True)
        uitkomst: dict[str, Any] = {
            "datum": time.strftime("%Y-%m-%d %H:%M"),
            "machine": {
                "platform": platform.platform(),
                "python": platform.python_version(),
                "processors": os.cpu_count(),
            },
            "rondes": rondes,
            "aantallen": list(AANTALLEN),
            "grenzen": GRENZEN,
            "demo_s": round(demo_s, 2) if demo_s is not None else None,
        }
        klein = omgevingen[min(AANTALLEN)]
        uitkomst["help"] = paar("advies --help", [ADVIES, "--help"], [PYTHON, "-c", "import click"], klein, rondes)
        uitkomst["per_aantal"] = {str(a): meet_database(basis / str(a), a, omgevingen[a], rondes) for a in AANTALLEN}
        grootst = max(AANTALLEN)
        uitkomst["concept"] = meet_concept(basis / str(grootst), omgevingen[grootst], rondes)
        uitkomst["render"] = meet_render(max(rondes, 21))

    uitkomst["duur_s"] = round(time.perf_counter() - begin, 1)
    print()
    print(tabel(uitkomst))
    print(f"\nOpnieuw meten: make bench  (of .venv/bin/python benchmarks/bench.py); duur {uitkomst['duur_s']:.0f} s")
    args.uit.parent.mkdir(parents=True, exist_ok=True)
    args.uit.write_text(json.dumps(uitkomst, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"JSON: {args.uit}")


if __name__ == "__main__":
    try:
        main()
    except Meetfout as fout:
        sys.exit(f"Meting mislukt: {fout}")
