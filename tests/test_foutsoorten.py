"""The kinds of refusal (adviesfouten): told apart by type, never by wording.

Every kind through the CLI (exit 1, one `Fout:` line, the kind that was raised) and through HTTP
(its status code); the one table of each face; the number clash told by the constraint's name
from the driver; and the import rules that make adviesfouten a leaf and sjablonen free of workflow.
"""

from __future__ import annotations

import ast
import io
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError
from starlette.testclient import TestClient

import adviesfouten
from adviesfouten import SOORTEN, AdviesFout, Conflict, GeenRecht, NietGevonden, OngeldigeInvoer, Storing
from tests.conftest import Advies, momentopname, weiger
from tests.databanken import als_gebruiker
from tests.webhulp import SLEUTEL, VASTE_DAG, ingericht, log_in, verborgen
from workflow.register import Register
from workflow.web.app import maak_app

WORTEL = Path(__file__).resolve().parent.parent
PROJECT = ("adviesfouten", "workflow", "opslag", "sjablonen", "tests", "benchmarks")


def _geimporteerd(pad: Path) -> set[str]:
    """Every module name `pad` imports, at any depth of its code (lazy imports in functions too)."""
    namen: set[str] = set()
    for knoop in ast.walk(ast.parse(pad.read_text(encoding="utf-8"), str(pad))):
        if isinstance(knoop, ast.Import):
            namen.update(alias.name for alias in knoop.names)
        elif isinstance(knoop, ast.ImportFrom) and knoop.level == 0 and knoop.module:
            namen.add(knoop.module)
    return namen


def _van(namen: set[str], pakket: str) -> set[str]:
    return {naam for naam in namen if naam == pakket or naam.startswith(pakket + ".")}


# --- the module and the import rules --------------------------------------------------------------


def test_sjablonen_importeert_niets_uit_workflow() -> None:
    bestanden = sorted((WORTEL / "sjablonen").rglob("*.py"))
    assert len(bestanden) > 10
    gevonden = {str(pad.relative_to(WORTEL)): _van(_geimporteerd(pad), "workflow") for pad in bestanden}
    assert {pad: namen for pad, namen in gevonden.items() if namen} == {}


def test_adviesfouten_importeert_niets_van_het_project() -> None:
    namen = _geimporteerd(WORTEL / "adviesfouten.py")
    assert {naam for naam in namen if naam.split(".")[0] in PROJECT} == set()
    assert namen <= {"__future__"}


def test_de_soorten_overlappen_niet() -> None:
    """A face's table needs no order among the kinds: none is a kind of another."""
    assert SOORTEN == (NietGevonden, GeenRecht, Conflict, OngeldigeInvoer, Storing)
    for soort in SOORTEN:
        assert issubclass(soort, AdviesFout)
        assert [ander for ander in SOORTEN if ander is not soort and issubclass(soort, ander)] == []


def test_fouten_van_opslag_en_sjablonen_zijn_een_soort() -> None:
    from sjablonen.controle import SjabloonFout
    from sjablonen.werker import Werkerfout

    assert issubclass(adviesfouten.OpslagFout, Storing)
    assert issubclass(Werkerfout, Storing)
    assert issubclass(SjabloonFout, OngeldigeInvoer)


def test_elk_gezicht_heeft_een_tabel_met_elke_soort() -> None:
    from workflow.cli.basis import AFSLUITCODE, afsluitcode
    from workflow.web.paginas import STATUS, status_voor

    assert set(AFSLUITCODE) == set(STATUS) == {*SOORTEN, AdviesFout}
    # docs/cli.md: every refusal exits 1, whatever its kind; 2 is wrong usage only.
    assert {afsluitcode(soort("x")) for soort in (*SOORTEN, AdviesFout, adviesfouten.OpslagFout)} == {1}
    assert afsluitcode(RuntimeError("x")) == 1
    assert {soort.__name__: status_voor(soort("x")) for soort in (*SOORTEN, AdviesFout)} == {
        "NietGevonden": 404,
        "GeenRecht": 403,
        "Conflict": 409,
        "OngeldigeInvoer": 400,
        "Storing": 503,
        "AdviesFout": 400,
    }
    assert status_voor(adviesfouten.OpslagFout("x")) == 503


def test_een_soort_komt_heel_door_het_hulpproces() -> None:
    """A job's refusal crosses the pipe as plain data and is raised again as its kind."""
    from sjablonen import werker

    with pytest.raises(OngeldigeInvoer, match="geen leesbare PNG- of JPG-afbeelding"):
        werker.voer_uit("afbeelding", {"inhoud": b"\x89PNG\r\n\x1a\nkapot"})


# --- the number clash, by the constraint's name ---------------------------------------------------


def test_sqlite_tabel_van_unieke_beperkingen_volgt_de_modellen() -> None:
    """SQLite names only the columns of a broken unique constraint; the table in opslag.diagnose
    that turns them into the name must list every unique constraint of the models, as SQLite does."""
    from sqlalchemy import UniqueConstraint
    from sqlmodel import SQLModel

    import opslag.modellen  # noqa: F401 - the tables
    from opslag import diagnose

    verwacht = {
        ", ".join(f"{tabel.name}.{kolom.name}" for kolom in beperking.columns): str(beperking.name)
        for tabel in SQLModel.metadata.tables.values()
        for beperking in tabel.constraints
        if isinstance(beperking, UniqueConstraint) and tabel.name not in {"websessie", "inlogteller"}
    }
    assert diagnose._UNIEK_OP_SQLITE == verwacht


def _botsing(sql: str) -> IntegrityError:
    register = Register()
    try:
        with pytest.raises(IntegrityError) as fout, register.engine().begin() as verbinding:
            verbinding.execute(text(sql))
    finally:
        register.sluit()
    return fout.value


def test_nummerconflict_bij_naam_van_de_beperking(advies: Advies) -> None:
    """A real unique violation of the driver, on this backend: the constraint's name tells a number
    clash (retried) from any other (not retried), whatever the message says."""
    from opslag.diagnose import beperking
    from workflow.register import is_nummerconflict

    advies("nieuw", "Eerste", "--datum", "2020-02-01")
    advies("nieuw", "Tweede", "--datum", "2020-02-02")
    advies("gebruiker", "toevoegen", "els", "--rol", "secretaris")
    advies("gebruiker", "toevoegen", "hans", "--rol", "voorzitter")

    kenmerk = _botsing("UPDATE advies SET kenmerk = 'CRA 2020-01' WHERE kenmerk = 'CRA 2020-02'")
    nummer = _botsing("UPDATE advies SET volgnummer = 1 WHERE kenmerk = 'CRA 2020-02'")
    naam = _botsing("UPDATE gebruiker SET naam = 'els' WHERE naam = 'hans'")
    namen = [beperking(f) for f in (kenmerk, nummer, naam)]
    assert namen == ["uq_advies_kenmerk", "uq_advies_nummer", "uq_gebruiker_naam"]
    assert [is_nummerconflict(f) for f in (kenmerk, nummer, naam)] == [True, True, False]


# --- every kind through the CLI -------------------------------------------------------------------


@pytest.fixture
def gezien(monkeypatch: pytest.MonkeyPatch) -> list[type[BaseException]]:
    """The type of each error the CLI turned into its exit status."""
    from workflow.cli import basis

    soorten: list[type[BaseException]] = []
    echt = basis.afsluitcode

    def noteer(fout: Exception) -> int:
        soorten.append(type(fout))
        return echt(fout)

    monkeypatch.setattr(basis, "afsluitcode", noteer)
    return soorten


@pytest.fixture
def raad(advies: Advies, tekst: Callable[..., Path]) -> None:
    """CRA 2020-01 in concept with a text; els secretaris, piet lid."""
    advies("nieuw", "Werkprogramma", "--datum", "2020-01-10")
    advies("concept", "2020-01", "--tekst", str(tekst()))
    advies("gebruiker", "toevoegen", "els", "--rol", "secretaris")
    advies("gebruiker", "toevoegen", "piet", "--rol", "lid")


@pytest.mark.parametrize(
    ("soort", "gebruiker", "args", "omgeving", "melding"),
    [
        (NietGevonden, "els", ["toon", "2020-99"], {}, "Fout: onbekend kenmerk '2020-99'"),
        (
            GeenRecht,
            "piet",
            ["nieuw", "Eigen idee", "--datum", "2020-02-01"],
            {},
            "Fout: dit vraagt de rol secretaris; 'piet' heeft de rol lid",
        ),
        (
            Conflict,
            "els",
            ["verzenden", "2020-01", "--datum", "2020-02-01"],
            {},
            "Fout: CRA 2020-01 staat op 'concept'; 'verzenden' kan daar niet (mogelijk: concept, agenderen, intrekken)",
        ),
        (
            OngeldigeInvoer,
            "els",
            ["nieuw", "Later", "--datum", "2999-01-01"],
            {},
            "Fout: de datum (2999-01-01) ligt in de toekomst; dit is gebeurd, dus uiterlijk vandaag",
        ),
        (
            Storing,
            "els",
            ["lijst"],
            {"ADVIES_WACHTTIJD": "lang"},
            "Fout: ADVIES_WACHTTIJD moet een aantal seconden zijn, niet 'lang'",
        ),
    ],
    ids=lambda waarde: waarde.__name__ if isinstance(waarde, type) else None,
)
def test_elke_soort_via_de_cli(
    raad: None,
    gezien: list[type[BaseException]],
    monkeypatch: pytest.MonkeyPatch,
    soort: type[AdviesFout],
    gebruiker: str,
    args: list[str],
    omgeving: dict[str, str],
    melding: str,
) -> None:
    als_gebruiker(monkeypatch, gebruiker)
    voor = momentopname()
    for sleutel, waarde in omgeving.items():
        monkeypatch.setenv(sleutel, waarde)
    gezien.clear()
    assert weiger(*args) == melding  # exit 1, stdout empty, one Fout line
    assert len(gezien) == 1 and issubclass(gezien[0], soort), gezien
    for sleutel in omgeving:
        monkeypatch.delenv(sleutel)
    assert momentopname() == voor


# --- every kind through HTTP ----------------------------------------------------------------------


@pytest.fixture
def client(advies: Advies, home: Path) -> Iterator[Callable[[str], TestClient]]:
    ingericht(advies, home)  # els secretaris, hans voorzitter, piet lid; CRA 2020-01 ter_vaststelling
    register = Register()
    app = maak_app(register, sleutel=SLEUTEL, vandaag=lambda: VASTE_DAG)
    clients: list[TestClient] = []

    def maak(naam: str) -> TestClient:
        nieuw = TestClient(app)
        clients.append(nieuw)
        log_in(nieuw, naam)
        return nieuw

    yield maak
    for oud in clients:
        oud.close()
    register.sluit()


def test_niet_gevonden_is_404(client: Callable[[str], TestClient]) -> None:
    piet = client("piet")
    for pad, zin in (
        ("/adviezen/CRA-2019-99", "Onbekend kenmerk &#39;CRA-2019-99&#39;."),
        ("/adviezen/CRA-2020-01/documenten/999", "CRA 2020-01 heeft geen document 999."),
    ):
        antwoord = piet.get(pad)
        assert (antwoord.status_code, zin in antwoord.text) == (404, True), antwoord.text


def test_geen_recht_is_403(client: Callable[[str], TestClient]) -> None:
    antwoord = client("piet").get("/adviezen/nieuw")
    assert antwoord.status_code == 403
    assert '<p class="fout" role="alert">Dit vraagt de rol secretaris; &#39;piet&#39; heeft de rol lid.</p>' in (
        antwoord.text
    )


def test_conflict_is_409(client: Callable[[str], TestClient]) -> None:
    """A step the advice's status does not allow: the machine's Conflict, from the service."""
    els = client("els")
    velden = verborgen(els.get("/adviezen/CRA-2020-01").text, "intrekken/bevestigen")
    voor = momentopname()
    antwoord = els.post("/adviezen/CRA-2020-01/verzenden", data={**velden, "datum": "2020-02-01"})
    assert antwoord.status_code == 409
    assert "CRA 2020-01 staat op &#39;ter vaststelling&#39;; &#39;verzenden&#39; kan daar niet" in antwoord.text
    assert momentopname() == voor


def test_ongeldige_invoer_is_400(client: Callable[[str], TestClient]) -> None:
    els = client("els")
    velden = verborgen(els.get("/adviezen/CRA-2020-01").text, "intrekken/bevestigen")
    voor = momentopname()
    antwoord = els.post("/adviezen/CRA-2020-01/intrekken", data={**velden, "reden": " "})
    assert antwoord.status_code == 400
    assert "De reden mag niet leeg zijn." in antwoord.text
    zonder_versie = {sleutel: waarde for sleutel, waarde in velden.items() if sleutel != "rijversie"}
    antwoord = els.post("/adviezen/CRA-2020-01/intrekken", data={**zonder_versie, "reden": "dubbel"})
    assert antwoord.status_code == 400
    assert "Het formulier mist de versie van het advies; laad de pagina opnieuw." in antwoord.text
    bestand = {"tekst": ("advies.odt", io.BytesIO(b"tekst"), "application/octet-stream")}
    velden = verborgen(els.get("/adviezen/CRA-2020-01").text, "intrekken/bevestigen")
    antwoord = els.post("/adviezen/CRA-2020-01/concept", data=velden, files=bestand)
    assert antwoord.status_code == 400
    assert "&#39;advies.odt&#39; heeft een onbekend tekstformaat; gebruik .md, .txt of .docx." in antwoord.text
    assert momentopname() == voor


def test_storing_is_503(client: Callable[[str], TestClient], monkeypatch: pytest.MonkeyPatch) -> None:
    """A program outside that fails (here a 'LibreOffice' that always exits 1): Storing, 503."""
    from sjablonen import pdf

    monkeypatch.setattr(pdf, "soffice", lambda: "/bin/false")
    monkeypatch.setattr(pdf, "arial_aanwezig", lambda: True)
    antwoord = client("hans").get("/adviezen/CRA-2020-01/conceptbrief.pdf")
    assert antwoord.status_code == 503
    assert "LibreOffice kon &#39;CRA-2020-01_concept_v1.docx&#39; niet omzetten naar PDF: afsluitcode 1." in (
        antwoord.text
    )
