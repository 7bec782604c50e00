"""How long one draft letter takes: Advieswerk's rendering against raw docxtpl on the same template.

    python benchmarks/brieven.py [--rondes N]

Three ways to make the same draft advice letter from `sjablonen/adviesbrief.docx`, in process:

- docxtpl kaal: `DocxTemplate(...)`, `render(context)`, `save()` with docxtpl's defaults (no
  autoescaping, lenient undefined variables) and the body as one plain string;
- in het proces: `sjablonen.brieven.render_in_werker` called here, what every letter goes
  through inside the worker: a fresh template, the allowlist, autoescape, strict undefined, the
  body as real Word paragraphs with bold/italic/bullets;
- render(): `sjablonen.brieven.render`, the same in the bounded worker process
  (`sjablonen.werker`): a forked child per letter, the data over a pipe. render() minus "in het
  proces" is what the worker costs per letter;
- adviesbrief(): `workflow.brieven.adviesbrief`, render() plus reading the advice's settings,
  template and logo from a SQLite database, as `concept` and `verzenden` do.

After a warm-up the variants take turns (so drift hits all alike) for N rounds; the table shows
the median, the fastest and the ratio of medians to raw docxtpl.
"""

from __future__ import annotations

import argparse
import io
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

TEKST = """De Cliëntenraad heeft met belangstelling kennisgenomen van het **Werkprogramma 2020-2022**.
De analyse is helder en de voorstellen sluiten daarop aan.

Het programma heeft tot doel 500 mensen extra te activeren. Omdat nergens staat hoeveel mensen met
het bestaande beleid worden geactiveerd, is niet duidelijk of dit een *substantiële* verhoging is.

We vragen u daarom:

- per activering te registreren uit welk programma zij voortkomt;
- jaarlijks te rapporteren over de armoedeval;
- de ervaringen van deelnemers mee te nemen in de evaluatie.

Terecht stelt het college dat werken moet lonen. Voor de Cliëntenraad staat vast dat als werken
loont, dit nooit kan leiden tot een armoedeval. We zien die formulering graag terug in het plan.
"""


def _database(map_: Path) -> tuple[Any, str]:
    from opslag import schema
    from opslag.database import maak_engine, sessie
    from workflow import instellingen, levensloop, registratie
    from workflow.rechten import bepaal

    engine = maak_engine(f"sqlite:///{map_ / 'bench.db'}")
    schema.upgrade(engine)
    with sessie(engine, schrijven=True) as s:
        wie = bepaal(s.connection())
        for sleutel, waarde in {
            "organisatie.adres": "Postbus 30026;9700 RM Groningen",
            "brief.ondertekenaar": "Hans Alderkamp",
            "brief.functie": "Voorzitter a.i. Cliëntenraad Werk & Inkomen",
            "brief.afschrift": "Raadscommissie Werk en Inkomen;Directiecontact",
        }.items():
            instellingen.zet(s, wie, sleutel, waarde)
        advies = registratie.registreer_aanvraag(s, wie, "Werkprogramma 2020-2022", date(2020, 1, 10), "WI/0042")
        levensloop.sla_concept_op(s, wie, advies.kenmerk, "werkprogramma.md", TEKST.encode())
        return engine, advies.kenmerk


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rondes", type=int, default=21, help="gemeten rondes per variant (minstens 11)")
    rondes = max(parser.parse_args().rondes, 11)

    from docxtpl import DocxTemplate
    from sqlmodel import select

    from opslag.database import sessie
    from opslag.modellen import Advies, Tekstversie
    from sjablonen import brieven as opmaak
    from sjablonen.controle import voorbeeldgegevens
    from workflow import brieven, tekst

    sjabloon = opmaak.standaardsjabloon()
    blokken = tekst.blokken_uit(TEKST.encode(), "werkprogramma.md")
    # Every variable of the advice letter filled, as `advies sjabloon controleer` fills a trial letter.
    gegevens = voorbeeldgegevens("adviesbrief.docx")
    kaal_context = {**gegevens, "logo": None, "tekst": tekst.als_platte_tekst(blokken)}

    def kaal() -> bytes:
        tpl = DocxTemplate(io.BytesIO(sjabloon))
        tpl.render(kaal_context)
        uit = io.BytesIO()
        tpl.save(uit)
        return uit.getvalue()

    def in_proces() -> bytes:
        return opmaak.render_in_werker(sjabloon, gegevens, blokken)

    def render() -> bytes:
        return opmaak.render(sjabloon, gegevens, blokken)

    with tempfile.TemporaryDirectory() as map_:
        engine, kenmerk = _database(Path(map_))

        def adviesbrief() -> bytes:
            with sessie(engine, schrijven=False) as s:
                advies = s.exec(select(Advies).where(Advies.kenmerk == kenmerk)).one()
                versie = s.exec(select(Tekstversie).where(Tekstversie.advies_id == advies.id)).one()
                return brieven.adviesbrief(s, advies, versie, date(2020, 1, 28), concept=True)

        varianten: dict[str, Callable[[], bytes]] = {
            "docxtpl kaal": kaal,
            "in het proces": in_proces,
            "render()": render,
            "adviesbrief()": adviesbrief,
        }
        for functie in varianten.values():  # warm-up: imports, caches, first template parse
            for _ in range(3):
                functie()
        tijden: dict[str, list[float]] = {naam: [] for naam in varianten}
        for ronde in range(rondes):
            volgorde = list(varianten.items())
            if ronde % 2:
                volgorde.reverse()
            for naam, functie in volgorde:
                begin = time.perf_counter()
                functie()
                tijden[naam].append((time.perf_counter() - begin) * 1000)
        engine.dispose()

    basis = statistics.median(tijden["docxtpl kaal"])
    print(f"Eén conceptbrief renderen, {rondes} rondes per variant na 3 keer opwarmen (ms)")
    print(f"{'variant':<16}{'mediaan':>10}{'snelste':>10}{'traagste':>10}{'× kaal':>9}")
    for naam, reeks in tijden.items():
        mediaan = statistics.median(reeks)
        print(f"{naam:<16}{mediaan:>10.1f}{min(reeks):>10.1f}{max(reeks):>10.1f}{mediaan / basis:>9.2f}")
    resultaat = {naam: round(statistics.median(reeks), 2) for naam, reeks in tijden.items()}
    # The median of each round's ratio to raw docxtpl: the variants of one round ran side by side.
    verhouding = {
        naam: round(statistics.median(a / b for a, b in zip(reeks, tijden["docxtpl kaal"], strict=True)), 3)
        for naam, reeks in tijden.items()
    }
    # The worker's cost per letter: the median of each round's difference, in the same round.
    werker = round(
        statistics.median(a - b for a, b in zip(tijden["render()"], tijden["in het proces"], strict=True)), 2
    )
    print(f"het hulpproces kost per brief {werker:.1f} ms (mediaan van render() min 'in het proces' per ronde)")
    uitkomst = {"mediaan_ms": resultaat, "verhouding": verhouding, "werker_ms": werker, "rondes": rondes}
    print(json.dumps(uitkomst, ensure_ascii=False))


if __name__ == "__main__":
    main()
