"""The year overview on the web page: pick a year, read its figures, download it in the four formats
of `advies jaaroverzicht --formaat` (Word, Excel, CSV, JSON).

The same service as the command: `workflow.jaaroverzicht.maak` in one reading transaction, then
`workflow.jaaroverzicht.inhoud`, which makes the Word report in the bounded worker process
(`sjablonen.werker`), as the command does. Like the command, anyone registered may read it. A Word
report or a workbook takes a core for a moment: beyond TEGELIJK of them at once, a request is
answered "bezig" with Retry-After at once (as the PDFs of `workflow/web/pdfs.py`), rather than
joining a queue that grows."""

from __future__ import annotations

import threading
from typing import Any

from sqlmodel import Session
from starlette.requests import Request
from starlette.responses import Response

from adviesfouten import AdviesFout
from workflow import overzichten
from workflow.domein.rechten import Rechten
from workflow.web import paginas
from workflow.web.pdfs import OPNIEUW_NA

TEGELIJK = 2  # Word reports and workbooks made at once by one server
ZWAAR = ("docx", "xlsx")  # what takes the worker or seconds of a core; csv and json are cheap
SOORTEN = {
    "docx": ("Word-rapport", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "xlsx": ("Excel-werkboek", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "csv": ("CSV voor Excel", "text/csv; charset=utf-8"),
    "json": ("JSON", "application/json"),
}


class Tegelijk:
    """A count of renders in progress, refused beyond a bound instead of queued."""

    def __init__(self, hoogstens: int) -> None:
        self.hoogstens = hoogstens
        self._slot = threading.Lock()
        self._bezig = 0

    def neem(self) -> bool:
        with self._slot:
            if self._bezig >= self.hoogstens:
                return False
            self._bezig += 1
            return True

    def geef_terug(self) -> None:
        with self._slot:
            self._bezig -= 1


def _jaar(tekst: str | None) -> int | None:
    """A year as `advies jaaroverzicht` takes it (1900 to 2999), or None."""
    tekst = (tekst or "").strip()
    geldig = tekst.isascii() and tekst.isdigit() and len(tekst) == 4 and 1900 <= int(tekst) <= 2999
    return int(tekst) if geldig else None


def pagina(request: Request) -> Response:
    """The years with advices, the chosen one's figures in sentences and its four downloads."""
    from sjablonen.jaaroverzicht.kerncijfers import zinnen
    from workflow import jaaroverzicht

    vandaag = paginas._dag(request)

    def maak(s: Session, wie: Rechten) -> paginas.Uitkomst:
        jaren = overzichten.jaren(s.connection())
        jaar = _jaar(request.query_params.get("jaar")) or (jaren[0] if jaren else vandaag.year)
        overzicht = jaaroverzicht.maak(s, jaar, vandaag)
        return "jaaroverzicht.html", {
            "jaar": jaar,
            "jaren": sorted({*jaren, jaar, vandaag.year}, reverse=True),
            "zinnen": zinnen(overzicht),
            "peildatum": vandaag,
            "downloads": [
                (f"/jaaroverzicht/{jaaroverzicht.standaardnaam(jaar, formaat)}", naam, formaat)
                for formaat, (naam, _) in SOORTEN.items()
            ],
        }

    return paginas._lezen(request, maak)


def download(request: Request) -> Response:
    """`/jaaroverzicht/jaaroverzicht-2020.xlsx`: the file `advies jaaroverzicht 2020 --formaat xlsx`
    writes, with the page's today as the peildatum."""
    from workflow import jaaroverzicht

    jaar, formaat = request.path_params["jaar"], request.path_params["formaat"]
    if formaat not in SOORTEN or _jaar(str(jaar)) is None:
        return paginas._fout(request, "Deze pagina bestaat niet.", 404)
    gevonden: dict[str, Any] = {}

    def lees(s: Session, wie: Rechten) -> paginas.Uitkomst:
        gevonden["overzicht"] = jaaroverzicht.maak(s, jaar, paginas._dag(request))
        return Response()

    antwoord = paginas._lezen(request, lees)
    if "overzicht" not in gevonden:
        return antwoord
    teller: Tegelijk = request.app.state.jaaroverzichten
    zwaar = formaat in ZWAAR
    if zwaar and not teller.neem():
        bezig = paginas._fout(
            request,
            "De server maakt al andere overzichten. Probeer het over een paar seconden opnieuw, "
            "of download het overzicht als CSV.",
            503,
        )
        bezig.headers["Retry-After"] = str(OPNIEUW_NA)
        return bezig
    try:
        inhoud = jaaroverzicht.inhoud(gevonden["overzicht"], formaat)
    except AdviesFout as fout:
        return paginas._fout(request, paginas._zin(str(fout)), paginas.status_voor(fout))
    finally:
        if zwaar:
            teller.geef_terug()
    naam = jaaroverzicht.standaardnaam(jaar, formaat)
    return Response(
        inhoud,
        media_type=SOORTEN[formaat][1],
        headers={"Content-Disposition": f'attachment; filename="{naam}"'},
    )
