"""Hoe snel de webpagina is: `advies web` als echte server, naast een kale Starlette-server als vloer.

    make bench   (na benchmarks/bench.py)
    .venv/bin/python benchmarks/web.py [--snel] [--uit BESTAND]

Op een kopie van de database met 100.000 adviezen van benchmarks/bench.py (die wordt zo nodig eerst
gemaakt en blijft zelf onveranderd) start dit `advies web` op een vrije poort van 127.0.0.1, en als
vloer een kale Starlette-app met één eindpunt dat "Hallo" teruggeeft, door uvicorn geserveerd zoals
`advies web` dat doet (één proces, dezelfde instellingen; het eindpunt is een gewone functie en
draait dus net als de pagina's in de threadpool van Starlette).

Gemeten worden "Mijn werk" van de secretaris (met de signalen), de registerpagina van één jaar
(`/adviezen?jaar=2020`) en een adviespagina (hetzelfde advies als `toon` in bench.py), elk met 1 en
met 10 gelijktijdige clients (httpx, een thread per client, keep-alive). Na één keer opwarmen
wisselen vloer en pagina elkaar per ronde af (de volgorde draait elke ronde om), zodat ruis op de
machine ze gelijk treft; per pagina en aantal clients de mediaan en het 95e percentiel van de
responstijd, en de verhouding tot die van de vloer in dezelfde rondes. Aantallen en tijd zijn
begrensd. Daarna: vaststellen door de voorzitter (de POST van het formulier met zijn CSRF-token en
sha256, tot en met het antwoord 303) op adviezen die hiervoor ter vaststelling zijn gezet.

Tot slot een aanval: 40 clients die zo snel als ze kunnen inloggen met willekeurige namen (vanaf
127.0.0.1, net als de secretaris; in een eigen proces, zodat hun threads de client van de
secretaris niet ophouden). Het 95e percentiel van de pagina's van de secretaris (Mijn werk
en de adviespagina, om en om) zonder en tijdens die vloed; de grens is 3× (issue 21). `--vloed`
meet alleen dit.

De uitkomst komt op het scherm en als JSON in benchmarks/resultaten/web.json. Elk proces dat dit
start wordt ook bij een fout weer gestopt.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import platform
import re
import secrets
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import bench  # noqa: E402

AANTAL = 100_000
WACHTWOORD = "snelheidsmeting-wachtwoord"
SECRETARIS, VOORZITTER = "bench", "hans"
GRENS_P95_10 = 3.0  # × the floor's p95 under 10 clients
GRENS_VASTSTELLEN_MS = 100.0  # median of one approval
OPSTARTEN_S = 60.0
VLOED_CLIENTS = 40
GRENS_VLOED_P95 = 3.0  # × the secretary's p95 without the flood
VLOED_VERZOEKEN = 100  # the secretary's requests in each of the two measurements
CLIENTS = (1, 10)

# The floor: the same framework and server as `advies web`, with nothing of Advieswerk.
VLOER = """
import sys, uvicorn
from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Route

def hallo(request):
    return PlainTextResponse("Hallo")

app = Starlette(routes=[Route("/", hallo)])
uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[1]), log_level="warning", server_header=False)
"""

# Advices ter_vaststelling for the approvals: registered, a draft, on today's agenda.
KLAARZETTEN = """
import json, sys
from datetime import date
from workflow import levensloop, registratie
from workflow.register import Register

register = Register()
vandaag = date.today()
tekst = "De raad adviseert **positief**.\\n\\n- eerste punt\\n- tweede punt\\n".encode()
kenmerken = []
for n in range(int(sys.argv[1])):
    onderwerp = f"Snelheidsmeting vaststellen {n + 1}"
    advies = register.wijzigen(lambda s, wie: registratie.registreer_aanvraag(s, wie, onderwerp, vandaag))
    k = advies.kenmerk
    register.wijzig_advies(k, lambda s, wie: levensloop.sla_concept_op(s, wie, k, "tekst.md", tekst))
    register.wijzig_advies(k, lambda s, wie: levensloop.agendeer(s, wie, k, vandaag))
    kenmerken.append(k)
register.sluit()
print(json.dumps(kenmerken))
"""


@dataclass(frozen=True)
class Instellingen:
    rondes: int  # measured rounds per page and number of clients, after one warm-up
    per_client: dict[int, int]  # requests per client in one round
    max_s: float  # a page and number of clients stop after this many seconds (at least 3 rounds)
    vaststellingen: int


VOLLEDIG = Instellingen(rondes=6, per_client={1: 10, 10: 3}, max_s=90.0, vaststellingen=15)
SNEL = Instellingen(rondes=3, per_client={1: 5, 10: 2}, max_s=30.0, vaststellingen=5)


# --- processes -----------------------------------------------------------------------------------


def vrije_poort() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def server(naam: str, opdracht: Sequence[str], poort: int, omgeving: dict[str, str], log: Path) -> Iterator[str]:
    """Start a server process, wait until it answers on 127.0.0.1:`poort`, and always stop it again."""
    basis = f"http://127.0.0.1:{poort}"
    with open(log, "wb") as uitvoer:
        proces = subprocess.Popen(list(opdracht), env=omgeving, stdout=uitvoer, stderr=subprocess.STDOUT)
        try:
            wacht_op(naam, proces, basis, log)
            yield basis
        finally:
            stop(proces)


def wacht_op(naam: str, proces: subprocess.Popen[bytes], basis: str, log: Path) -> None:
    einde = time.monotonic() + OPSTARTEN_S
    while time.monotonic() < einde:
        if proces.poll() is not None:
            raise bench.Meetfout(f"{naam} stopte met {proces.returncode}: {log.read_text(errors='replace').strip()}")
        try:
            httpx.get(basis + "/", timeout=2.0)
            return
        except httpx.TransportError:
            time.sleep(0.1)
    raise bench.Meetfout(f"{naam} antwoordde niet binnen {OPSTARTEN_S:.0f} s")


def stop(proces: subprocess.Popen[bytes]) -> None:
    if proces.poll() is None:
        proces.terminate()
        try:
            proces.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proces.kill()
            proces.wait()


def met_invoer(opdracht: Sequence[str], omgeving: dict[str, str], invoer: str) -> None:
    uitkomst = subprocess.run(list(opdracht), env=omgeving, input=invoer, capture_output=True, text=True)
    if uitkomst.returncode != 0:
        raise bench.Meetfout(f"{' '.join(opdracht)} stopte met {uitkomst.returncode}: {uitkomst.stderr.strip()}")


# --- the database --------------------------------------------------------------------------------


def kopie_van_database(map_: Path) -> tuple[dict[str, str], str]:
    """A copy of bench.py's 100,000-advice database in `map_`, with users and passwords for the web page;
    and the advice `toon` measures there."""
    bron_map = bench.RESULTATEN / "databases" / str(AANTAL)
    bron_omgeving, _ = bench.database(bron_map, AANTAL)
    kenmerk = bench.toonbaar_advies(bron_omgeving)
    with sqlite3.connect(bron_map / "advies.db") as bron, sqlite3.connect(map_ / "advies.db") as doel:
        bron.backup(doel)
    bron.close()
    doel.close()
    (map_ / "advies.db").chmod(0o600)  # advies web refuses a database others can read
    omgeving = bench.omgeving_voor(map_)
    omgeving["ADVIES_GEBRUIKER"] = SECRETARIS
    bench.voer_uit([bench.ADVIES, "gebruiker", "toevoegen", SECRETARIS, "--rol", "secretaris"], omgeving)
    bench.voer_uit([bench.ADVIES, "gebruiker", "toevoegen", VOORZITTER, "--rol", "voorzitter"], omgeving)
    for naam in (SECRETARIS, VOORZITTER):
        met_invoer([bench.ADVIES, "gebruiker", "wachtwoord", naam, "--wachtwoord-stdin"], omgeving, WACHTWOORD + "\n")
    return omgeving, kenmerk


def zet_klaar(omgeving: dict[str, str], aantal: int) -> list[str]:
    uitvoer = bench.voer_uit([bench.PYTHON, "-c", KLAARZETTEN, str(aantal)], omgeving, vang=True).stdout
    kenmerken: list[str] = json.loads(uitvoer.strip().splitlines()[-1])
    return kenmerken


# --- HTTP ----------------------------------------------------------------------------------------


def csrf(html: str) -> str:
    gevonden = re.search(r'name="csrf" value="([^"]+)"', html)
    if not gevonden:
        raise bench.Meetfout("geen CSRF-token op de pagina")
    return gevonden.group(1)


def formulier(html: str, actie: str) -> dict[str, str]:
    """The filled-in fields of the form that posts to `actie` (as tests/webhulp.py reads them)."""
    gevonden = re.search(rf'<form method="post" action="[^"]*/{actie}".*?</form>', html, re.S)
    if not gevonden:
        raise bench.Meetfout(f"geen formulier voor {actie} op de pagina")
    return dict(re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', gevonden.group(0)))


def client(basis: str) -> httpx.Client:
    return httpx.Client(base_url=basis, timeout=60.0, follow_redirects=False)


def ingelogd(basis: str, naam: str) -> httpx.Client:
    klant = client(basis)
    pagina = klant.get("/inloggen")
    velden = {"csrf": csrf(pagina.text), "gebruikersnaam": naam, "wachtwoord": WACHTWOORD}
    antwoord = klant.post("/inloggen", data=velden)
    if antwoord.status_code != 303:
        raise bench.Meetfout(f"inloggen als {naam} gaf {antwoord.status_code}")
    return klant


def kopie(ingelogde: httpx.Client, basis: str) -> httpx.Client:
    """Another client with the same session (one login, several browsers' worth of requests)."""
    klant = client(basis)
    klant.cookies.update(ingelogde.cookies)
    return klant


def reeks(klant: httpx.Client, pad: str, aantal: int) -> list[float]:
    """`aantal` GETs one after the other; the time of each until its whole body is read, in ms."""
    tijden: list[float] = []
    for _ in range(aantal):
        begin = time.perf_counter()
        antwoord = klant.get(pad)
        tijden.append((time.perf_counter() - begin) * 1000)
        if antwoord.status_code != 200:
            raise bench.Meetfout(f"GET {pad} gaf {antwoord.status_code}")
    return tijden


def ronde(pool: ThreadPoolExecutor, klanten: Sequence[httpx.Client], pad: str, per_client: int) -> list[float]:
    """All clients at once, each `per_client` requests in a row."""
    reeksen = pool.map(lambda k: reeks(k, pad, per_client), klanten)
    return [t for r in reeksen for t in r]


# --- measuring -----------------------------------------------------------------------------------


def p95(tijden: Sequence[float]) -> float:
    return statistics.quantiles(tijden, n=20, method="inclusive")[18]


def samenvatting(tijden: Sequence[float]) -> dict[str, Any]:
    return {
        "verzoeken": len(tijden),
        "mediaan_ms": round(statistics.median(tijden), 1),
        "p95_ms": round(p95(tijden), 1),
    }


def vergelijk(
    pagina: Sequence[httpx.Client],
    vloer: Sequence[httpx.Client],
    pad: str,
    instellingen: Instellingen,
) -> dict[str, Any]:
    """The page and the floor with len(pagina) clients: one warm-up, then rounds in turn."""
    clients = len(pagina)
    per_client = instellingen.per_client[clients]
    tijden: dict[str, list[float]] = {"pagina": [], "vloer": []}
    begin = time.monotonic()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        ronde(pool, pagina, pad, 1)
        ronde(pool, vloer, "/", 1)
        rondes = 0
        while rondes < instellingen.rondes and (rondes < 3 or time.monotonic() - begin < instellingen.max_s):
            volgorde = ("pagina", "vloer") if rondes % 2 == 0 else ("vloer", "pagina")
            for naam in volgorde:
                klanten, doel = (pagina, pad) if naam == "pagina" else (vloer, "/")
                tijden[naam].extend(ronde(pool, klanten, doel, per_client))
            rondes += 1
    eigen, kaal = samenvatting(tijden["pagina"]), samenvatting(tijden["vloer"])
    return {
        "clients": clients,
        "rondes": rondes,
        **eigen,
        "vloer": kaal,
        "verhouding_mediaan": round(eigen["mediaan_ms"] / kaal["mediaan_ms"], 2),
        "verhouding_p95": round(eigen["p95_ms"] / kaal["p95_ms"], 2),
        "duur_s": round(time.monotonic() - begin, 1),
    }


def meet_pagina(
    titel: str,
    pad: str,
    ingelogde: httpx.Client,
    basis: str,
    vloer_basis: str,
    instellingen: Instellingen,
    kenmerkend: str,
) -> dict[str, Any]:
    eerste = ingelogde.get(pad)
    if eerste.status_code != 200 or kenmerkend not in eerste.text:
        raise bench.Meetfout(f"GET {pad} gaf {eerste.status_code} zonder '{kenmerkend}'")
    uitkomst: dict[str, Any] = {"titel": titel, "pad": pad, "bytes": len(eerste.content)}
    for clients in CLIENTS:
        with ExitStack() as klanten:
            pagina = [klanten.enter_context(kopie(ingelogde, basis)) for _ in range(clients)]
            vloer = [klanten.enter_context(client(vloer_basis)) for _ in range(clients)]
            meting = vergelijk(pagina, vloer, pad, instellingen)
        uitkomst[str(clients)] = meting
        print(
            f"  {titel:<34} {clients:>2} client(s): mediaan {meting['mediaan_ms']:>7.1f} ms "
            f"p95 {meting['p95_ms']:>7.1f} ms   vloer {meting['vloer']['mediaan_ms']:>6.1f} / "
            f"{meting['vloer']['p95_ms']:>6.1f} ms   × {meting['verhouding_mediaan']:.2f} / "
            f"{meting['verhouding_p95']:.2f}",
            flush=True,
        )
    return uitkomst


def meet_vaststellen(voorzitter: httpx.Client, kenmerken: Sequence[str]) -> dict[str, Any]:
    """The chair approves each advice in turn: read its page and its confirmation (not timed), post
    the confirmation's form, the step itself (timed)."""
    tijden: list[float] = []
    for kenmerk in kenmerken:
        pad = "/adviezen/" + kenmerk.replace(" ", "-")
        bevestiging = voorzitter.post(
            pad + "/vaststellen/bevestigen", data=formulier(voorzitter.get(pad).text, "vaststellen/bevestigen")
        )
        velden = formulier(bevestiging.text, "vaststellen")
        begin = time.perf_counter()
        antwoord = voorzitter.post(pad + "/vaststellen", data=velden)
        tijden.append((time.perf_counter() - begin) * 1000)
        if antwoord.status_code != 303 or "Het advies is vastgesteld." not in voorzitter.get(pad).text:
            raise bench.Meetfout(f"vaststellen van {kenmerk} gaf {antwoord.status_code}")
    gemeten = tijden[1:]  # the first one warms up
    uitkomst = {**samenvatting(gemeten), "ms": [round(t, 1) for t in gemeten]}
    print(
        f"  {'vaststellen (POST, voorzitter)':<34}  1 client   : mediaan {uitkomst['mediaan_ms']:>7.1f} ms "
        f"p95 {uitkomst['p95_ms']:>7.1f} ms ({uitkomst['verzoeken']} keer)",
        flush=True,
    )
    return uitkomst


def vloed(basis: str, stop: Any, tellers: Counter[int], verzonden: Any) -> None:
    """One attacking client: logins with a random name, one after the other, until `stop`."""
    with client(basis) as klant:
        token = csrf(klant.get("/inloggen").text)
        while not stop.is_set():
            velden = {"csrf": token, "gebruikersnaam": secrets.token_hex(6), "wachtwoord": "geraden-wachtwoord"}
            tellers[klant.post("/inloggen", data=velden).status_code] += 1
            with verzonden.get_lock():
                verzonden.value += 1


def aanvallers(basis: str, stop: Any, verzonden: Any, uitkomst: Any) -> None:
    """The 40 attacking clients, in a process of their own: their threads do not share the
    interpreter lock with the secretary's client, whose times are measured."""
    tellers: Counter[int] = Counter()
    draden = [threading.Thread(target=vloed, args=(basis, stop, tellers, verzonden)) for _ in range(VLOED_CLIENTS)]
    for draad in draden:
        draad.start()
    for draad in draden:
        draad.join()
    uitkomst.put(dict(tellers))


def secretaris_reeks(secretaris: httpx.Client, paden: Sequence[str], aantal: int) -> list[float]:
    tijden: list[float] = []
    for i in range(aantal):
        tijden.extend(reeks(secretaris, paden[i % len(paden)], 1))
    return tijden


def meet_vloed(secretaris: httpx.Client, basis: str, kenmerk: str) -> dict[str, Any]:
    """The secretary's pages without, then during, a flood of logins from 40 clients."""
    paden = ["/", "/adviezen/" + kenmerk.replace(" ", "-")]
    secretaris_reeks(secretaris, paden, 4)  # warm up
    zonder = secretaris_reeks(secretaris, paden, VLOED_VERZOEKEN)
    context = multiprocessing.get_context("fork")
    stop, verzonden, statussen = context.Event(), context.Value("i", 0), context.Queue()
    proces = context.Process(target=aanvallers, args=(basis, stop, verzonden, statussen))
    proces.start()
    try:
        while verzonden.value < 2 * VLOED_CLIENTS:  # the flood is running before measuring
            time.sleep(0.05)
        begin, voor = time.monotonic(), verzonden.value
        tijdens = secretaris_reeks(secretaris, paden, VLOED_VERZOEKEN)
        duur, aantal = time.monotonic() - begin, verzonden.value - voor
    finally:
        stop.set()
        tellers: dict[int, int] = statussen.get(timeout=120)
        proces.join()
    uitkomst: dict[str, Any] = {
        "zonder": samenvatting(zonder),
        "tijdens": samenvatting(tijdens),
        "verhouding_p95": round(p95(tijdens) / p95(zonder), 2),
        "aanval_per_s": round(aantal / duur, 1),
        "aanval_statussen": {str(k): v for k, v in sorted(tellers.items())},
    }
    print(
        f"  {'secretaris tijdens 40 inlogclients':<34}  p95 zonder {uitkomst['zonder']['p95_ms']:.1f} ms, "
        f"tijdens {uitkomst['tijdens']['p95_ms']:.1f} ms (× {uitkomst['verhouding_p95']:.2f}); "
        f"{uitkomst['aanval_per_s']:.0f} aanvallen/s, statussen {uitkomst['aanval_statussen']}",
        flush=True,
    )
    return uitkomst


def meet(map_: Path, instellingen: Instellingen, alleen_vloed: bool = False) -> dict[str, Any]:
    print(f"Database met {bench._getal(AANTAL)} adviezen kopiëren en gebruikers inrichten ...", flush=True)
    omgeving, kenmerk = kopie_van_database(map_)
    klaar = zet_klaar(omgeving, instellingen.vaststellingen + 1)
    web_poort, vloer_poort = vrije_poort(), vrije_poort()
    web_opdracht = [bench.ADVIES, "web", "--host", "127.0.0.1", "--poort", str(web_poort)]
    vloer_opdracht = [bench.PYTHON, "-c", VLOER, str(vloer_poort)]
    with (
        server("advies web", web_opdracht, web_poort, omgeving, map_ / "web.log") as basis,
        server("de vloer", vloer_opdracht, vloer_poort, omgeving, map_ / "vloer.log") as vloer_basis,
        closing(ingelogd(basis, SECRETARIS)) as secretaris,
        closing(ingelogd(basis, VOORZITTER)) as voorzitter,
    ):
        print(f"Servers op {basis} (advies web) en {vloer_basis} (vloer); tijden per verzoek.", flush=True)
        if alleen_vloed:
            return {"vloed": meet_vloed(secretaris, basis, kenmerk)}
        paginas = {
            "mijn_werk": meet_pagina(
                "Mijn werk (secretaris)", "/", secretaris, basis, vloer_basis, instellingen, "<h1>Mijn werk</h1>"
            ),
            "register_jaar": meet_pagina(
                f"register {bench.JAAR} (/adviezen?jaar={bench.JAAR})",
                f"/adviezen?jaar={bench.JAAR}",
                secretaris,
                basis,
                vloer_basis,
                instellingen,
                "<table>",
            ),
            "advies": meet_pagina(
                f"adviespagina {kenmerk}",
                "/adviezen/" + kenmerk.replace(" ", "-"),
                secretaris,
                basis,
                vloer_basis,
                instellingen,
                kenmerk,
            ),
        }
        vaststellen = meet_vaststellen(voorzitter, klaar)
        aanval = meet_vloed(secretaris, basis, kenmerk)
    return {"paginas": paginas, "vaststellen": vaststellen, "vloed": aanval}


# --- report --------------------------------------------------------------------------------------


def oordeel(waarde: float, grens: float) -> str:
    return "ok" if waarde <= grens else "niet ok"


def vloedregel(v: dict[str, Any]) -> str:
    return (
        f"{'secretaris tijdens 40 inlogclients':<40}{1:>8}{v['tijdens']['mediaan_ms']:>9.1f}"
        f"{v['tijdens']['p95_ms']:>9.1f}  zonder {v['zonder']['p95_ms']:.1f} ms p95, × {v['verhouding_p95']:.2f}"
        f"  grens {GRENS_VLOED_P95:.0f}× p95: {oordeel(v['verhouding_p95'], GRENS_VLOED_P95)}"
    )


def tabel(uitkomst: dict[str, Any]) -> str:
    if "paginas" not in uitkomst:
        return vloedregel(uitkomst["vloed"])
    kop = f"{'pagina':<40}{'clients':>8}{'mediaan':>9}{'p95':>9}{'vloer':>9}{'vloer p95':>10}{'×':>7}{'× p95':>7}"
    regels = [kop]
    for meting in uitkomst["paginas"].values():
        for clients in CLIENTS:
            m = meting[str(clients)]
            regel = (
                f"{meting['titel']:<40}{clients:>8}{m['mediaan_ms']:>9.1f}{m['p95_ms']:>9.1f}"
                f"{m['vloer']['mediaan_ms']:>9.1f}{m['vloer']['p95_ms']:>10.1f}"
                f"{m['verhouding_mediaan']:>7.2f}{m['verhouding_p95']:>7.2f}"
            )
            if clients == 10:
                regel += f"  grens {GRENS_P95_10:.0f}× p95: {oordeel(m['verhouding_p95'], GRENS_P95_10)}"
            regels.append(regel)
    v = uitkomst["vaststellen"]
    regels.append(
        f"{'vaststellen (POST)':<40}{1:>8}{v['mediaan_ms']:>9.1f}{v['p95_ms']:>9.1f}"
        f"{'':>35}  grens {GRENS_VASTSTELLEN_MS:.0f} ms mediaan: {oordeel(v['mediaan_ms'], GRENS_VASTSTELLEN_MS)}"
    )
    regels.append(vloedregel(uitkomst["vloed"]))
    return "\n".join(regels)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--snel", action="store_true", help="minder rondes en verzoeken: voor tussendoor")
    parser.add_argument("--vloed", action="store_true", help="alleen de secretaris tijdens een vloed van inlogpogingen")
    parser.add_argument(
        "--uit", type=Path, default=bench.RESULTATEN / "web.json", help="waar de JSON komt (standaard %(default)s)"
    )
    args = parser.parse_args()
    if not Path(bench.ADVIES).exists():
        sys.exit(f"{bench.ADVIES} ontbreekt; draai dit met de Python van de venv (make bench)")
    instellingen = SNEL if args.snel else VOLLEDIG
    begin = time.perf_counter()
    uitkomst: dict[str, Any] = {
        "datum": time.strftime("%Y-%m-%d %H:%M"),
        "machine": {
            "platform": platform.platform(),
            "python": platform.python_version(),
            "processors": os.cpu_count(),
            "belasting_begin": os.getloadavg(),
        },
        "aantal": AANTAL,
        "instellingen": {
            "rondes": instellingen.rondes,
            "per_client": instellingen.per_client,
            "max_s": instellingen.max_s,
        },
        "grenzen": {
            "p95_10_clients_x_vloer": GRENS_P95_10,
            "vaststellen_mediaan_ms": GRENS_VASTSTELLEN_MS,
            "vloed_p95_x_zonder": GRENS_VLOED_P95,
        },
    }
    with tempfile.TemporaryDirectory(prefix="advies-web-bench-") as tijdelijk:
        uitkomst.update(meet(Path(tijdelijk), instellingen, alleen_vloed=args.vloed))
    uitkomst["machine"]["belasting_eind"] = os.getloadavg()
    uitkomst["duur_s"] = round(time.perf_counter() - begin, 1)
    print()
    print(tabel(uitkomst))
    bench.bewaar_uitkomst(uitkomst, args.uit)


if __name__ == "__main__":
    try:
        main()
    except bench.Meetfout as fout:
        sys.exit(f"Meting mislukt: {fout}")
