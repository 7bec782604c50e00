"""Hoe snel `advies` is: hele processen, elk tegen de vloer van wat het minstens nodig heeft.

    make bench
    .venv/bin/python benchmarks/bench.py [--snel] [--rondes N] [--aantallen 1000 100000] [--vers] [--uit BESTAND]
    .venv/bin/python benchmarks/bench.py --alleen xlsx --aantallen 100000   # één meting, zonder tabel

Een CLI start voor elke opdracht opnieuw; wat telt is de tijd van het hele proces. Een meting zet
een opdracht naast haar vloeren; na één keer opwarmen draaien ze om en om (elke ronde schuift de
volgorde één plaats op), zodat ruis op de machine ze gelijk treft. Per opdracht en vloer: de mediaan
van de wandkloktijd, de mediaan van de processortijd (user + sys van het kindproces, minder gevoelig
voor andere processen op een drukke machine) en de mediaan van de verhouding per ronde.

Drie vloeren voor elke leesopdracht, zodat zowel de overhead als het werk te zien is:
- de kale vloer van issue #16: een proces dat click, sqlmodel en orjson importeert, verbindt en één
  triviale vraag stelt (`SELECT 1`); voor `--help` `python -c "import click"`. De grens van issue
  #16 geldt tegen deze vloer;
- de kernvloer: hetzelfde met alleen wat de leesopdrachten nu laden (click, sqlalchemy, orjson;
  geen sqlmodel, pydantic of ORM, zie opslag/leestabellen.py). Tegen deze vloer staat de verhouding
  ernaast: wat een leesopdracht kost boven het minste dat een proces met deze bibliotheken kost;
- de werkvloer: de kernvloer die bovendien hetzelfde werk doet (dezelfde rijen opvragen en als
  dezelfde JSON schrijven); de benchmark controleert dat die uitvoer byte voor byte gelijk is. Het
  verschil tussen werkvloer en kernvloer is het werk zelf, vooral dat van de database.

Gemeten worden `advies --help`, `lijst --jaar 2020 --json`, `achterstallig --json`,
`signalen --json` en `toon KENMERK --json` (bij elk aantal adviezen een advies met dezelfde
geschiedenis, zodat te zien is dat één advies bij 1.000 en 100.000 adviezen even veel kost), een
lijst en een achterstallig zonder rijen, `jaaroverzicht 2020 --formaat xlsx`, één conceptbrief
renderen (`benchmarks/brieven.py`: in het proces tegen kale docxtpl, en wat het begrensde
hulpproces per brief kost) en `advies concept` als heel proces (met zijn hulpproces).

De databases (`advies demo --aantal N`) worden bewaard in benchmarks/resultaten/databases en de
volgende keer hergebruikt; de tijd van `demo --aantal 100000` staat erbij zoals die was toen de
database werd gemaakt. `--vers` maakt ze opnieuw in een tijdelijke map (en meet demo dus opnieuw).
Alleen de standaardbibliotheek; de opdrachten draaien met de Python van deze venv. De uitkomst komt
op het scherm en als JSON in benchmarks/resultaten/bench.json.
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
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

HIER = Path(__file__).resolve().parent
RESULTATEN = HIER / "resultaten"
PYTHON = sys.executable
ADVIES = str(Path(sys.executable).parent / "advies")
AANTALLEN = (1_000, 10_000, 100_000)
JAAR = 2020
PEILDATUM = "2026-11-23"  # fixed, so the rows of achterstallig do not change from day to day

GRENZEN = {
    "help": 1.5,
    "lijst": 1.3,
    "achterstallig": 1.3,
    "toon": 1.3,
    "signalen": 1.3,
    "jaaroverzicht": 3.0,
    "render": 1.3,
    "concept": 1.6,
    "demo_s": 60.0,
}
LEESOPDRACHTEN = ("lijst", "achterstallig", "signalen", "toon")
# What `--alleen` can pick; "xlsx" is short for "jaaroverzicht".
METINGEN = ("help", *LEESOPDRACHTEN, "lijst_leeg", "achterstallig_leeg", "jaaroverzicht", "concept", "render")
AFKORTINGEN = {"xlsx": "jaaroverzicht"}

# The floors. Each gets the database URL and its parameters as arguments.
VLOER_CLICK = "import click"
VLOER_KAAL = """
import sys, click, orjson, sqlmodel
e = sqlmodel.create_engine(sys.argv[1])
with e.connect() as c:
    c.execute(sqlmodel.text("SELECT 1")).scalar()
"""
VLOER_KERN = """
import sys, click, orjson, sqlalchemy
e = sqlalchemy.create_engine(sys.argv[1])
with e.connect() as c:
    c.execute(sqlalchemy.text("SELECT 1")).scalar()
"""
_KOLOMMEN = (
    "kenmerk, onderwerp, soort, status, ontvangen_op, adviestermijn, vastgesteld_op, verzonden_op, "
    "reactie_uiterlijk, reactie_ontvangen_op, oordeel, uw_kenmerk, geregistreerd_op, vergadering_op, "
    "reactie_samenvatting"
)
_DRUK = "sys.stdout.buffer.write(orjson.dumps(uit, option=orjson.OPT_INDENT_2) + b'\\n')"
VLOER_LIJST = f"""
import sys, orjson, sqlalchemy
e = sqlalchemy.create_engine(sys.argv[1])
with e.connect() as c:
    r = c.execute(sqlalchemy.text(
        "SELECT {_KOLOMMEN} FROM advies WHERE jaar = :jaar "
        "ORDER BY jaar DESC, volgnummer DESC, achtervoegsel DESC"), {{"jaar": int(sys.argv[2])}})
    k = tuple(r.keys())
    uit = [dict(zip(k, rij)) for rij in r.all()]
{_DRUK}
"""
_UITERLIJK = (
    "CASE WHEN status = 'verzonden' THEN reactie_uiterlijk "
    "WHEN status IN ('aangevraagd', 'concept', 'ter_vaststelling', 'vastgesteld') THEN adviestermijn END"
)
VLOER_ACHTERSTALLIG = f"""
import sys, orjson, sqlalchemy
e = sqlalchemy.create_engine(sys.argv[1])
with e.connect() as c:
    r = c.execute(sqlalchemy.text(
        "SELECT kenmerk, onderwerp, CASE WHEN status = 'verzonden' THEN 'reactie_college' ELSE 'eigen_advies' END "
        "AS soort_achterstand, {_UITERLIJK} AS uiterlijk, "
        "CAST(julianday(:p) - julianday({_UITERLIJK}) AS INTEGER) AS dagen_te_laat "
        "FROM advies WHERE {_UITERLIJK} < :p ORDER BY 4, 1"), {{"p": sys.argv[2]}})
    k = tuple(r.keys())
    uit = [dict(zip(k, rij)) for rij in r.all()]
{_DRUK}
"""
# The default settings: signals 7 days ahead, remind after 14 days, escalate after 2 reminders.
_HERINNERD = (
    "FROM document WHERE advies_id = advies.id AND soort = 'herinnering' "
    "AND datum > advies.reactie_uiterlijk AND datum <= :p"
)
VLOER_SIGNALEN = f"""
import sys, orjson, sqlalchemy
from datetime import date, timedelta
p = date.fromisoformat(sys.argv[2])
dag = lambda n: (p + timedelta(days=n)).isoformat()
SOORTEN = ("escaleren", "herinneren", "te_laat", "eigen_advies_te_laat", "binnenkort")
e = sqlalchemy.create_engine(sys.argv[1])
with e.connect() as c:
    r = c.execute(sqlalchemy.text(
        "SELECT kenmerk, onderwerp, CASE WHEN status != 'verzonden' THEN 3 WHEN {_UITERLIJK} >= :p THEN 4 "
        "WHEN coalesce((SELECT max(datum) {_HERINNERD}), {_UITERLIJK}) > :na THEN 2 "
        "WHEN (SELECT count(*) {_HERINNERD}) >= 2 THEN 0 ELSE 1 END AS rang, {_UITERLIJK} AS uiterlijk, "
        "abs(CAST(julianday(:p) - julianday({_UITERLIJK}) AS INTEGER)) "
        "FROM advies WHERE {_UITERLIJK} <= CASE WHEN status = 'verzonden' THEN :vooruit ELSE :gisteren END "
        "ORDER BY rang, uiterlijk, kenmerk"),
        {{"p": p.isoformat(), "na": dag(-14), "vooruit": dag(7), "gisteren": dag(-1)}})
    uit = [
        {{"kenmerk": k, "onderwerp": o, "signaal": SOORTEN[s], "uiterlijk": u, "dagen": d}}
        for k, o, s, u, d in r.all()
    ]
{_DRUK}
"""
VLOER_TOON = f"""
import sys, orjson, sqlalchemy
from datetime import UTC, date, datetime
def iso(t):  # moments are stored in UTC without an offset
    return None if t is None else datetime.fromisoformat(t).replace(tzinfo=UTC).isoformat()
e = sqlalchemy.create_engine(sys.argv[1])
with e.connect() as c:
    jaar, nummer = sys.argv[2].split("-")
    r = c.execute(sqlalchemy.text(
        "SELECT id, {_KOLOMMEN} FROM advies WHERE jaar = :j AND volgnummer = :n AND achtervoegsel = ''"),
        {{"j": int(jaar), "n": int(nummer)}})
    k = tuple(r.keys())[1:]
    rij = r.one()
    uit = dict(zip(k, rij[1:]))
    i = {{"i": rij[0]}}
    uit["geschiedenis"] = [
        {{"van": v, "naar": n, "door": d, "op": iso(o), "notitie": t, "gebeurtenis": g}}
        for v, n, d, o, t, g in c.execute(sqlalchemy.text(
            "SELECT van, naar, door, op, notitie, gebeurtenis FROM geschiedenis WHERE advies_id = :i ORDER BY id"), i)
    ]
    uit["versies"] = [
        {{"versie": v, "bron": b, "sha256": s, "door": d, "op": iso(o)}}
        for v, b, s, d, o in c.execute(sqlalchemy.text(
            "SELECT versie, bron_naam, sha256, door, aangemaakt_op FROM tekstversie "
            "WHERE advies_id = :i ORDER BY versie"), i)
    ]
    uit["documenten"] = [
        dict(zip(("soort", "versie", "kenmerk", "datum", "bestandsnaam", "sha256"), d))
        for d in c.execute(sqlalchemy.text(
            "SELECT soort, tekstversie, kenmerk, datum, bestandsnaam, sha256 FROM document "
            "WHERE advies_id = :i ORDER BY id"), i)
    ]
    uit["termijnwijzigingen"] = [
        {{"soort": s, "van": v, "tot": t, "dagen": None if v is None or t is None else
          (date.fromisoformat(t) - date.fromisoformat(v)).days + 1,
          "reden": r, "uiterlijk_was": w, "uiterlijk_werd": n, "door": d}}
        for s, v, t, r, w, n, d in c.execute(sqlalchemy.text(
            "SELECT soort, van, tot, reden, uiterlijk_was, uiterlijk_werd, door FROM termijnwijziging "
            "WHERE advies_id = :i ORDER BY id"), i)
    ]
{_DRUK}
"""
VLOER_JAAR = f"""
import sys, sqlmodel
e = sqlmodel.create_engine(sys.argv[1])
with e.connect() as c:
    c.execute(sqlmodel.text(
        "SELECT {_KOLOMMEN} FROM advies WHERE jaar = :jaar ORDER BY volgnummer, achtervoegsel"),
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


def tijd(opdracht: Sequence[str], omgeving: dict[str, str]) -> tuple[float, float]:
    """Wall-clock and processor time (user + sys) of one whole process, in ms."""
    begin = time.perf_counter()
    proces = subprocess.Popen(list(opdracht), env=omgeving, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert proces.stderr is not None
    fouten = proces.stderr.read()
    _, status, gebruik = os.wait4(proces.pid, 0)
    muur = (time.perf_counter() - begin) * 1000
    proces.returncode = os.waitstatus_to_exitcode(status)
    if proces.returncode != 0:
        raise Meetfout(f"{' '.join(opdracht)} stopte met {proces.returncode}: {fouten.decode().strip()}")
    return muur, (gebruik.ru_utime + gebruik.ru_stime) * 1000


def _mediaan(reeks: list[float]) -> float:
    return round(statistics.median(reeks), 1)


def vergelijk(
    naam: str,
    opdracht: Sequence[str],
    vloeren: Mapping[str, Sequence[str]],
    omgeving: dict[str, str],
    rondes: int,
    reeks: list[Sequence[str]] | None = None,
) -> dict[str, Any]:
    """Warm up once, then run the command and its floors in turn for `rondes` rounds.

    Each round starts one place further along (command, floor 1, floor 2; then floor 1, ...), so
    drift on the machine hits all alike. `reeks`, when given, are the commands to take in turn
    instead of `opdracht` (for `concept`: a new file each run), the first one for the warm-up.
    """
    reeks = reeks or [opdracht] * (rondes + 1)
    namen = ["opdracht", *vloeren]
    tijd(reeks[0], omgeving)
    for vloer in vloeren.values():
        tijd(vloer, omgeving)
    muur: dict[str, list[float]] = {n: [] for n in namen}
    cpu: dict[str, list[float]] = {n: [] for n in namen}
    for ronde in range(rondes):
        volgorde = namen[ronde % len(namen) :] + namen[: ronde % len(namen)]
        for n in volgorde:
            m, c = tijd(reeks[ronde + 1] if n == "opdracht" else vloeren[n], omgeving)
            muur[n].append(m)
            cpu[n].append(c)
    uitkomst: dict[str, Any] = {
        "naam": naam,
        "rondes": rondes,
        "mediaan_ms": _mediaan(muur["opdracht"]),
        "cpu_ms": _mediaan(cpu["opdracht"]),
        "ms": [round(t, 1) for t in muur["opdracht"]],
    }
    for v in vloeren:
        uitkomst[v] = {
            "mediaan_ms": _mediaan(muur[v]),
            "cpu_ms": _mediaan(cpu[v]),
            "verhouding": round(statistics.median(a / b for a, b in zip(muur["opdracht"], muur[v], strict=True)), 2),
            "cpu_verhouding": round(statistics.median(a / b for a, b in zip(cpu["opdracht"], cpu[v], strict=True)), 2),
            "ms": [round(t, 1) for t in muur[v]],
        }
    cellen = "".join(
        f"  {v} {m['mediaan_ms']:>7.1f} {m['verhouding']:>5.2f}× (cpu {m['cpu_verhouding']:.2f}×)"
        for v, m in ((v, uitkomst[v]) for v in vloeren)
    )
    print(f"  {naam:<46} {uitkomst['mediaan_ms']:>7.1f}{cellen}", flush=True)
    return uitkomst


def omgeving_voor(map_: Path) -> dict[str, str]:
    # PYTHONPATH stays: a git worktree measures its own code with the main checkout's venv.
    omgeving = {k: v for k, v in os.environ.items() if k == "PYTHONPATH" or not k.startswith(("ADVIES_", "PYTHON"))}
    omgeving["ADVIES_HOME"] = str(map_)
    omgeving["ADVIES_GEBRUIKER"] = "bench"
    return omgeving


def database(map_: Path, aantal: int) -> tuple[dict[str, str], dict[str, Any] | None]:
    """A database with `aantal` generated advices, made once and then kept in `map_`.

    Returns its environment and how long `demo` took when it was made (and on which day).
    """
    omgeving = omgeving_voor(map_)
    bestaat = (map_ / "advies.db").exists() and (map_ / "demo.json").exists()
    voer_uit([ADVIES, "init"], omgeving)  # creates it, or brings a kept one to the current schema
    if not bestaat:
        (map_ / "advies.db").unlink(missing_ok=True)
        voer_uit([ADVIES, "init"], omgeving)
        begin = time.perf_counter()
        voer_uit([ADVIES, "demo", "--aantal", str(aantal)], omgeving)
        gemaakt = {"demo_s": round(time.perf_counter() - begin, 2), "datum": time.strftime("%Y-%m-%d %H:%M")}
        (map_ / "demo.json").write_text(json.dumps(gemaakt) + "\n", encoding="utf-8")
        print(f"  demo --aantal {aantal}: {gemaakt['demo_s']:.1f} s", flush=True)
    return omgeving, json.loads((map_ / "demo.json").read_text(encoding="utf-8"))


def url(map_: Path) -> str:
    return f"sqlite:///{map_ / 'advies.db'}"


def toonbaar_advies(omgeving: dict[str, str]) -> str:
    """An answered requested advice of JAAR: the same history (seven steps, one version) in every database."""
    adviezen = json.loads(
        voer_uit([ADVIES, "lijst", "--jaar", str(JAAR), "--status", "beantwoord", "--json"], omgeving, vang=True).stdout
    )
    return str(next(a["kenmerk"] for a in reversed(adviezen) if a["soort"] == "gevraagd"))


def gelijke_uitvoer(opdracht: Sequence[str], vloer: Sequence[str], omgeving: dict[str, str]) -> tuple[bool, int]:
    """Whether the command and its work floor print the same bytes; and how many rows that is."""
    eigen = voer_uit(opdracht, omgeving, vang=True).stdout
    basis = voer_uit(vloer, omgeving, vang=True).stdout
    gegevens = json.loads(eigen)
    return eigen == basis, len(gegevens) if isinstance(gegevens, list) else 1


def meet_database(
    map_: Path, aantal: int, omgeving: dict[str, str], rondes: int, alleen: set[str] | None = None
) -> dict[str, Any]:
    """Every measurement on this database, or only those in `alleen`."""
    db = url(map_)
    xlsx = str(map_ / "jaaroverzicht.xlsx")
    kenmerk = toonbaar_advies(omgeving) if alleen is None or "toon" in alleen else ""
    kaal = [PYTHON, "-c", VLOER_KAAL, db]
    kern = [PYTHON, "-c", VLOER_KERN, db]
    metingen: dict[str, tuple[str, list[str], dict[str, Sequence[str]]]] = {
        "lijst": (
            f"lijst --jaar {JAAR} --json",
            [ADVIES, "lijst", "--jaar", str(JAAR), "--json"],
            {"kaal": kaal, "kern": kern, "werk": [PYTHON, "-c", VLOER_LIJST, db, str(JAAR)]},
        ),
        "achterstallig": (
            "achterstallig --json",
            [ADVIES, "achterstallig", "--peildatum", PEILDATUM, "--json"],
            {"kaal": kaal, "kern": kern, "werk": [PYTHON, "-c", VLOER_ACHTERSTALLIG, db, PEILDATUM]},
        ),
        "signalen": (
            "signalen --json",
            [ADVIES, "signalen", "--peildatum", PEILDATUM, "--json"],
            {"kaal": kaal, "kern": kern, "werk": [PYTHON, "-c", VLOER_SIGNALEN, db, PEILDATUM]},
        ),
        "toon": (
            f"toon {kenmerk} --json",
            [ADVIES, "toon", kenmerk, "--json"],
            {"kaal": kaal, "kern": kern, "werk": [PYTHON, "-c", VLOER_TOON, db, kenmerk.partition(" ")[2]]},
        ),
        "lijst_leeg": (
            "lijst --jaar 2099 --json (geen rijen)",
            [ADVIES, "lijst", "--jaar", "2099", "--json"],
            {"kaal": kaal, "kern": kern},
        ),
        "achterstallig_leeg": (
            "achterstallig --peildatum 2000-01-01 (geen)",
            [ADVIES, "achterstallig", "--peildatum", "2000-01-01", "--json"],
            {"kaal": kaal, "kern": kern},
        ),
        "jaaroverzicht": (
            f"jaaroverzicht {JAAR} --formaat xlsx",
            [ADVIES, "jaaroverzicht", str(JAAR), "--formaat", "xlsx", "--uit", xlsx, "--overschrijf"],
            {"werk": [PYTHON, "-c", VLOER_JAAR, db, str(JAAR)]},
        ),
    }
    uitkomst: dict[str, Any] = {}
    for sleutel, (titel, opdracht, vloeren) in metingen.items():
        if alleen is not None and sleutel not in alleen:
            continue
        gelijk: bool | None = None
        if sleutel in LEESOPDRACHTEN:
            gelijk, rijen = gelijke_uitvoer(opdracht, vloeren["werk"], omgeving)
        elif sleutel == "jaaroverzicht":  # writes a file; the year's rows are those of `lijst --jaar`
            rijen = len(json.loads(voer_uit(metingen["lijst"][1], omgeving, vang=True).stdout))
        else:
            rijen = len(json.loads(voer_uit(opdracht, omgeving, vang=True).stdout))
        meting = vergelijk(f"{titel} [{_getal(aantal)}]", opdracht, vloeren, omgeving, rondes)
        meting.update(rijen=rijen, uitvoer_gelijk=gelijk)
        if gelijk is False:
            print(f"  LET OP: de uitvoer van '{titel}' verschilt van die van de werkvloer", flush=True)
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
    vloer = {"werk": [PYTHON, "-c", "import sqlmodel, docxtpl"]}
    return vergelijk(f"concept (nieuwe versie van {kenmerk})", opdrachten[0], vloer, omgeving, rondes, opdrachten)


def meet_render(rondes: int) -> dict[str, Any]:
    uitvoer = voer_uit([PYTHON, str(HIER / "brieven.py"), "--rondes", str(rondes)], os.environ.copy(), vang=True)
    gegevens = json.loads(uitvoer.stdout.strip().splitlines()[-1])
    mediaan = gegevens["mediaan_ms"]
    uitkomst = {
        "naam": "conceptbrief renderen in het proces",
        "mediaan_ms": mediaan["in het proces"],
        "werk": {"mediaan_ms": mediaan["docxtpl kaal"], "verhouding": gegevens["verhouding"]["in het proces"]},
        "werker_ms": gegevens["werker_ms"],
        "render_ms": mediaan["render()"],
        "render_verhouding": gegevens["verhouding"]["render()"],
        "adviesbrief_ms": mediaan["adviesbrief()"],
        "adviesbrief_verhouding": gegevens["verhouding"]["adviesbrief()"],
        "rondes": gegevens["rondes"],
    }
    print(
        f"  {uitkomst['naam']:<46} {uitkomst['mediaan_ms']:>7.1f}  werk {mediaan['docxtpl kaal']:>7.1f} "
        f"{gegevens['verhouding']['in het proces']:>5.2f}×",
        flush=True,
    )
    print(
        f"  {'conceptbrief renderen in het hulpproces':<46} {mediaan['render()']:>7.1f}  "
        f"het hulpproces kost {gegevens['werker_ms']:.1f} ms per brief",
        flush=True,
    )
    return uitkomst


def _getal(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def oordeel(verhouding: float, grens: float) -> str:
    return "ok" if verhouding <= grens else "niet ok"


def _cel(meting: dict[str, Any], vloer: str) -> str:
    if vloer not in meting:
        return f"{'':>9}{'':>7}{'':>7}"
    v = meting[vloer]
    cpu = f"{v['cpu_verhouding']:>7.2f}" if "cpu_verhouding" in v else f"{'':>7}"
    return f"{v['mediaan_ms']:>9.1f}{v['verhouding']:>7.2f}{cpu}"


def tabel(uitkomst: dict[str, Any]) -> str:
    grootst = max(uitkomst["aantallen"])
    groot = uitkomst["per_aantal"][str(grootst)]
    n = _getal(grootst)
    regels: list[tuple[str, dict[str, Any], str, float]] = [
        ("advies --help", uitkomst["help"], "kaal", GRENZEN["help"]),
        (f"lijst --jaar {JAAR} --json ({n})", groot["lijst"], "kaal", GRENZEN["lijst"]),
        (f"achterstallig --json ({n})", groot["achterstallig"], "kaal", GRENZEN["achterstallig"]),
        (f"signalen --json ({n})", groot["signalen"], "kaal", GRENZEN["signalen"]),
        (f"toon --json ({n})", groot["toon"], "kaal", GRENZEN["toon"]),
        (f"jaaroverzicht {JAAR} xlsx ({n})", groot["jaaroverzicht"], "werk", GRENZEN["jaaroverzicht"]),
        ("conceptbrief renderen", uitkomst["render"], "werk", GRENZEN["render"]),
        ("concept (heel proces)", uitkomst["concept"], "werk", GRENZEN["concept"]),
    ]
    breed = max(len(r[0]) for r in regels) + 2
    kop = f"{'':>9}{'×':>7}{'cpu×':>7}"
    vloerkop = kop.replace(" " * 9, "  vloer  ", 1)
    uit = [
        f"{'':<{breed}}{'':>9}{'kale vloer (#16)':^23}{'kernvloer':^23}{'werkvloer':^23}",
        f"{'meting':<{breed}}{'ms':>9}{vloerkop * 3}{'grens':>7}  oordeel",
    ]
    for titel, m, tegen, grens in regels:
        uit.append(
            f"{titel:<{breed}}{m['mediaan_ms']:>9.1f}{_cel(m, 'kaal')}{_cel(m, 'kern')}{_cel(m, 'werk')}"
            f"{grens:>7.1f}  {oordeel(m[tegen]['verhouding'], grens)} (tegen {tegen})"
        )
    uit.append(
        f"{'hulpproces per brief (ms)':<{breed}}{uitkomst['render']['werker_ms']:>9.1f}   (render() in het "
        f"hulpproces: {uitkomst['render']['render_ms']:.1f} ms, {uitkomst['render']['render_verhouding']:.2f}× kaal)"
    )
    demo = uitkomst.get("demo")
    if demo:
        uit.append(
            f"{f'demo --aantal {n} (s)':<{breed}}{demo['demo_s']:>9.1f}   (gemeten op {demo['datum']}, "
            f"grens {GRENZEN['demo_s']:.0f} s: {oordeel(demo['demo_s'], GRENZEN['demo_s'])})"
        )
    uit.append("")
    uit.append("Groei (mediaan ms; tussen haakjes de kernvloer; × tegen de kernvloer; rijen)")
    uit.append(f"{'opdracht':<44}" + "".join(f"{_getal(a) + ' adviezen':>28}" for a in uitkomst["aantallen"]))
    for sleutel in ("lijst", "achterstallig", "signalen", "toon", "lijst_leeg", "achterstallig_leeg", "jaaroverzicht"):
        cellen = []
        for a in uitkomst["aantallen"]:
            m = uitkomst["per_aantal"][str(a)][sleutel]
            v = m.get("kern") or m["werk"]
            cellen.append(f"{m['mediaan_ms']:.0f} ({v['mediaan_ms']:.0f}) {v['verhouding']:.2f}× {m['rijen']}r")
        titel = m["naam"].rsplit(" [", 1)[0]
        uit.append(f"{titel[:43]:<44}" + "".join(f"{c:>28}" for c in cellen))
    return "\n".join(uit)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument(
        "--rondes", type=int, default=11, help="gemeten rondes per meting na het opwarmen (standaard 11)"
    )
    parser.add_argument("--snel", action="store_true", help="5 rondes per meting: voor tussendoor, niet voor de tabel")
    parser.add_argument(
        "--aantallen",
        type=int,
        nargs="+",
        default=list(AANTALLEN),
        help="databasegroottes (standaard 1000 10000 100000)",
    )
    parser.add_argument("--vers", action="store_true", help="maak de databases opnieuw, in een tijdelijke map")
    parser.add_argument(
        "--uit", type=Path, default=RESULTATEN / "bench.json", help="waar de JSON komt (standaard %(default)s)"
    )
    parser.add_argument(
        "--alleen",
        nargs="+",
        choices=[*METINGEN, *AFKORTINGEN],
        help="alleen deze metingen (xlsx = jaaroverzicht), zonder de tabel; JSON in resultaten/bench-alleen.json",
    )
    args = parser.parse_args()
    rondes = 5 if args.snel else max(args.rondes, 11)
    aantallen = sorted(set(args.aantallen))
    if not Path(ADVIES).exists():
        sys.exit(f"{ADVIES} ontbreekt; draai dit met de Python van de venv (make bench)")
    if args.alleen:
        alleen = {AFKORTINGEN.get(n, n) for n in args.alleen}
        uit = RESULTATEN / "bench-alleen.json" if args.uit == RESULTATEN / "bench.json" else args.uit
        meet_alleen(alleen, aantallen, rondes, args.vers, uit)
        return

    begin = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="advies-bench-") as tijdelijk:
        basis = Path(tijdelijk) if args.vers else RESULTATEN / "databases"
        print(f"Databases in {basis}; {rondes} rondes per meting na één keer opwarmen.", flush=True)
        omgevingen: dict[int, dict[str, str]] = {}
        demo: dict[str, Any] | None = None
        for aantal in aantallen:
            omgevingen[aantal], demo = database(basis / str(aantal), aantal)

        print(f"  {'meting':<46} {'ms':>7}  vloer ms en verhouding", flush=True)
        uitkomst: dict[str, Any] = {
            "datum": time.strftime("%Y-%m-%d %H:%M"),
            "machine": {
                "platform": platform.platform(),
                "python": platform.python_version(),
                "processors": os.cpu_count(),
                "belasting_begin": os.getloadavg(),
            },
            "rondes": rondes,
            "aantallen": aantallen,
            "grenzen": GRENZEN,
            "demo": demo,
        }
        klein, grootst = min(aantallen), max(aantallen)
        uitkomst["help"] = vergelijk(
            "advies --help", [ADVIES, "--help"], {"kaal": [PYTHON, "-c", VLOER_CLICK]}, omgevingen[klein], rondes
        )
        uitkomst["per_aantal"] = {str(a): meet_database(basis / str(a), a, omgevingen[a], rondes) for a in aantallen}
        uitkomst["concept"] = meet_concept(basis / str(grootst), omgevingen[grootst], rondes)
        uitkomst["render"] = meet_render(max(rondes, 21))
        uitkomst["machine"]["belasting_eind"] = os.getloadavg()

    uitkomst["duur_s"] = round(time.perf_counter() - begin, 1)
    print()
    print(tabel(uitkomst))
    print("Opnieuw meten: make bench  (of .venv/bin/python benchmarks/bench.py)")
    bewaar_uitkomst(uitkomst, args.uit)


def meet_alleen(alleen: set[str], aantallen: list[int], rondes: int, vers: bool, pad: Path) -> None:
    """Only the chosen measurements (for example the xlsx while making it faster): the same rounds
    against the same floors, printed line by line, without the table."""
    begin = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="advies-bench-") as tijdelijk:
        basis = Path(tijdelijk) if vers else RESULTATEN / "databases"
        print(f"Databases in {basis}; {rondes} rondes per meting na één keer opwarmen.", flush=True)
        omgevingen = {a: database(basis / str(a), a)[0] for a in aantallen}
        print(f"  {'meting':<46} {'ms':>7}  vloer ms en verhouding", flush=True)
        uitkomst: dict[str, Any] = {
            "datum": time.strftime("%Y-%m-%d %H:%M"),
            "machine": {"processors": os.cpu_count(), "belasting_begin": os.getloadavg()},
            "rondes": rondes,
            "alleen": sorted(alleen),
        }
        klein, grootst = min(aantallen), max(aantallen)
        if "help" in alleen:
            uitkomst["help"] = vergelijk(
                "advies --help", [ADVIES, "--help"], {"kaal": [PYTHON, "-c", VLOER_CLICK]}, omgevingen[klein], rondes
            )
        if alleen - {"help", "concept", "render"}:
            uitkomst["per_aantal"] = {
                str(a): meet_database(basis / str(a), a, omgevingen[a], rondes, alleen) for a in aantallen
            }
        if "concept" in alleen:
            uitkomst["concept"] = meet_concept(basis / str(grootst), omgevingen[grootst], rondes)
        if "render" in alleen:
            uitkomst["render"] = meet_render(max(rondes, 21))
        uitkomst["machine"]["belasting_eind"] = os.getloadavg()
    uitkomst["duur_s"] = round(time.perf_counter() - begin, 1)
    bewaar_uitkomst(uitkomst, pad)


def bewaar_uitkomst(uitkomst: dict[str, Any], pad: Path) -> None:
    """The machine's load while measuring (a busy machine explains noisy numbers), then the JSON."""
    belasting = uitkomst["machine"]
    print(
        f"\nBelasting van de machine (1 min): {belasting['belasting_begin'][0]:.1f} bij het begin, "
        f"{belasting['belasting_eind'][0]:.1f} aan het eind, op {os.cpu_count()} kernen; "
        f"duur {uitkomst['duur_s']:.0f} s."
    )
    pad.parent.mkdir(parents=True, exist_ok=True)
    pad.write_text(json.dumps(uitkomst, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"JSON: {pad}")


if __name__ == "__main__":
    try:
        main()
    except Meetfout as fout:
        sys.exit(f"Meting mislukt: {fout}")
