"""Hostile and careless input (issue "Veiligheid"): text, dates, files, archives, settings and
input errors are refused in Dutch, and nothing changes."""

from __future__ import annotations

import hashlib
import io
import json
import os
import resource
import subprocess
import sys
import zipfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tests import beginstand
from tests.conftest import Advies, als_json, momentopname, voer_uit, weiger
from workflow.instellingen import DEFINITIES

# What these tests check does not depend on the database: they run in the SQLite half only.
IN_PYTHON = pytest.mark.een_backend(
    reden="Python weigert de invoer; dat een weigering niets verandert, toont test_weigeringen op beide"
)
VIJANDIG_BESTAND = pytest.mark.een_backend(reden="een vijandig bestand wordt geweigerd voordat de database iets krijgt")

ADVIES = str(Path(sys.executable).parent / "advies")
GEHEUGENGRENS = 300 * 1024 * 1024  # far above what a command needs (~100 MB), far below a bomb
BOM_MB = 300


@pytest.fixture
def verzonden(advies: Advies, tekst: Callable[..., Path], home: Path) -> Advies:
    """CRA 2020-01 sent on 2020-01-29 (response due 2020-03-11); CRA 2020-02 on the agenda."""

    def bouw() -> None:
        advies("aanvraag", "Werkprogramma", "--ontvangen", "2020-01-10")
        advies("concept", "2020-01", "--tekst", str(tekst()))
        advies("agenderen", "2020-01", "--vergadering", "2020-01-28")
        advies("vaststellen", "2020-01", "--datum", "2020-01-28")
        advies("verzenden", "2020-01", "--datum", "2020-01-29")
        advies("nieuw", "Armoede", "--datum", "2020-01-15")
        advies("concept", "2020-02", "--tekst", str(tekst()))
        advies("agenderen", "2020-02", "--vergadering", "2020-02-20")

    beginstand.zet_neer("veiligheid", home, bouw)
    return advies


def geweigerd(*args: str) -> str:
    """Refused, and nothing a user can see changed."""
    voor = momentopname()
    regel = weiger(*args)
    assert momentopname() == voor
    return regel


# --- text fields -------------------------------------------------------------------------------


def test_een_geplakte_regelovergang_in_het_onderwerp_wordt_een_spatie(advies: Advies) -> None:
    uit = als_json(advies("nieuw", "Werk\n en\tinkomen ", "--datum", "2020-01-10", "--json"))
    assert uit["onderwerp"] == "Werk en inkomen"


@pytest.mark.parametrize(
    "args, melding",
    [
        (
            ["nieuw", "\x1b]0;gehackt\x07Werk", "--datum", "2020-01-10"],
            "Fout: het onderwerp bevat een niet-toegestaan teken (\\x1b); typ de tekst opnieuw",
        ),
        (
            ["nieuw", "Werk \u202eedis", "--datum", "2020-01-10"],
            "Fout: het onderwerp bevat een niet-toegestaan teken (\\u202e); typ de tekst opnieuw",
        ),
        (
            ["nieuw", "Werk\ufffe", "--datum", "2020-01-10"],
            "Fout: het onderwerp bevat een niet-toegestaan teken (\\ufffe); typ de tekst opnieuw",
        ),
        (["nieuw", "\u200b", "--datum", "2020-01-10"], "Fout: het onderwerp bevat geen zichtbare tekst"),
        (
            ["nieuw", "x" * 100_000, "--datum", "2020-01-10"],
            "Fout: het onderwerp is te lang: 100000 tekens, ten hoogste 300",
        ),
        (
            ["aanvraag", "Werk", "--ontvangen", "2020-01-10", "--uw-kenmerk", "k" * 300],
            "Fout: uw kenmerk is te lang: 300 tekens, ten hoogste 200",
        ),
        (
            ["aanvulling", "2020-01", "\x9bWerk", "--datum", "2020-02-01"],
            "Fout: het onderwerp bevat een niet-toegestaan teken (\\x9b); typ de tekst opnieuw",
        ),
        (
            ["gebruiker", "toevoegen", "e" * 200, "--rol", "secretaris"],
            "Fout: de naam van een gebruiker is te lang: 200 tekens, ten hoogste 100",
        ),
        (
            ["gebruiker", "toevoegen", "els\x1b[2J", "--rol", "secretaris"],
            "Fout: de naam van een gebruiker bevat een niet-toegestaan teken (\\x1b); typ de tekst opnieuw",
        ),
        (
            ["terugsturen", "2020-02", "--reden", "\u2066x"],
            "Fout: de reden bevat een niet-toegestaan teken (\\u2066); typ de tekst opnieuw",
        ),
        (
            ["intrekken", "2020-02", "--reden", "r" * 1001],
            "Fout: de reden is te lang: 1001 tekens, ten hoogste 1000",
        ),
        (
            ["termijn", "2020-01", "--tot", "2020-04-01", "--reden", "\u200d\u00ad"],
            "Fout: de reden bevat geen zichtbare tekst",
        ),
        (
            ["reactie", "2020-01", "--ontvangen", "2020-02-01", "--samenvatting", "\x1b[31mrood"],
            "Fout: de samenvatting bevat een niet-toegestaan teken (\\x1b); typ de tekst opnieuw",
        ),
    ],
    ids=[
        "osc",
        "bidi",
        "noncharacter",
        "nulbreedte",
        "te lang",
        "uw kenmerk",
        "c1",
        "naam te lang",
        "naam escape",
        "reden bidi",
        "reden te lang",
        "reden onzichtbaar",
        "samenvatting",
    ],
)
@IN_PYTHON
def test_vijandige_tekst_wordt_geweigerd(verzonden: Advies, args: list[str], melding: str) -> None:
    assert geweigerd(*args) == melding


@pytest.mark.sqlite  # on PostgreSQL the acting user is the database login, not a variable
def test_advies_gebruiker_met_een_escape_wordt_geweigerd(advies: Advies, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ADVIES_GEBRUIKER", "els\x1b]0;x\x07")
    assert weiger("lijst") == "Fout: ADVIES_GEBRUIKER bevat een niet-toegestaan teken (\\x1b); typ de tekst opnieuw"


@pytest.mark.een_backend(reden="wat de terminal te zien krijgt, is opmaak van de uitvoer")
def test_tabellen_tonen_escapes_en_markup_niet_aan_de_terminal(advies: Advies) -> None:
    """A row stored before these rules (or by hand) still never reaches the terminal raw."""
    from sqlalchemy import create_engine, text

    from opslag.configuratie import database_url

    advies("nieuw", "Werk", "--datum", "2020-01-10")
    engine = create_engine(database_url())
    with engine.begin() as verbinding:
        verbinding.execute(text("UPDATE advies SET onderwerp = :o"), {"o": "\x1b]0;titel\x07[bold red]Werk[/]\u202e"})
    engine.dispose()
    lijst = voer_uit("lijst").stdout
    assert "\\x1b]0;titel\\x07[bold red]Werk[/]\\u202e" in lijst
    assert "\x1b" not in lijst and "\u202e" not in lijst
    toon = voer_uit("toon", "2020-01").stdout
    assert "Onderwerp:" in toon and "\\x1b]0;titel\\x07[bold red]Werk[/]\\u202e" in toon and "\x1b" not in toon


# --- dates ---------------------------------------------------------------------------------------

TOEKOMST = "ligt in de toekomst; dit is gebeurd, dus uiterlijk vandaag"


@pytest.mark.parametrize(
    "args, melding",
    [
        (["verzenden", "2020-02", "--datum", "2099-12-31"], f"Fout: de verzenddatum (2099-12-31) {TOEKOMST}"),
        (
            ["vaststellen", "2020-02", "--datum", "2099-01-01"],
            f"Fout: de datum van vaststelling (2099-01-01) {TOEKOMST}",
        ),
        (
            ["reactie", "2020-01", "--ontvangen", "2099-01-01"],
            f"Fout: de ontvangstdatum van de reactie (2099-01-01) {TOEKOMST}",
        ),
        (["aanvraag", "Werk", "--ontvangen", "2099-01-01"], f"Fout: de ontvangstdatum (2099-01-01) {TOEKOMST}"),
        (
            ["nieuw", "Werk", "--datum", "0001-01-01"],
            "Fout: de datum (0001-01-01) ligt vóór 1990-01-01, de vroegst mogelijke datum",
        ),
        (
            ["aanvulling", "2020-01", "Werk", "--datum", "1989-12-31"],
            "Fout: de datum (1989-12-31) ligt vóór 1990-01-01, de vroegst mogelijke datum",
        ),
        (
            ["aanvraag", "Werk", "--ontvangen", "2020-01-10", "--termijn", "2099-01-01"],
            "Fout: de adviestermijn (2099-01-01) ligt te ver vooruit; ten hoogste 2 jaar na vandaag",
        ),
        (
            ["termijn", "2020-01", "--tot", "9999-12-31", "--reden", "afgesproken"],
            "Fout: de nieuwe termijn (9999-12-31) ligt meer dan een jaar na de huidige (2020-03-11); "
            "ten hoogste tot en met 2021-03-11",
        ),
    ],
    ids=["verzenden", "vaststellen", "reactie", "aanvraag", "jaar 1", "voor 1990", "adviestermijn", "termijn"],
)
@IN_PYTHON
def test_onmogelijke_datums_worden_geweigerd(verzonden: Advies, args: list[str], melding: str) -> None:
    assert geweigerd(*args) == melding


class _Dag(date):
    """A `date` whose today is 1 January 2100: later than any real day these tests run on (so
    every default date, today, is in the past), and the same on every run."""

    @classmethod
    def today(cls) -> _Dag:
        return cls(2100, 1, 1)


def test_vergadering_mag_in_de_toekomst_maar_niet_te_ver(verzonden: Advies, monkeypatch: pytest.MonkeyPatch) -> None:
    from workflow import datumgrenzen

    monkeypatch.setattr(datumgrenzen, "date", _Dag)  # the day the limits count from
    verzonden("terugsturen", "2020-02", "--reden", "Nog niet")
    assert geweigerd("agenderen", "2020-02", "--vergadering", "2102-01-02") == (
        "Fout: de vergaderdatum (2102-01-02) ligt te ver vooruit; ten hoogste 2 jaar na vandaag"
    )
    grens = "2102-01-01"  # two years after today: the last day allowed
    assert als_json(verzonden("agenderen", "2020-02", "--vergadering", grens, "--json"))["vergadering_op"] == grens


def test_termijn_binnen_een_jaar_mag(verzonden: Advies) -> None:
    uit = als_json(verzonden("termijn", "2020-01", "--tot", "2021-03-11", "--reden", "afgesproken", "--json"))
    assert uit["reactie_uiterlijk"] == "2021-03-11"


# --- files a user hands in ---------------------------------------------------------------------


def draai(*args: str, geheugen: int | None = None) -> subprocess.CompletedProcess[str]:
    """`advies ARGS` in its own process; a command that would hang fails the test after 60 s."""

    def begrens() -> None:
        if geheugen is not None:
            resource.setrlimit(resource.RLIMIT_AS, (geheugen, geheugen))

    return subprocess.run(
        [ADVIES, *args], capture_output=True, text=True, env=os.environ.copy(), timeout=60, preexec_fn=begrens
    )


@pytest.mark.parametrize(
    "args",
    [
        ["concept", "2020-02", "--tekst", "{pijp}.md"],
        ["reactie", "2020-01", "--ontvangen", "2020-02-01", "--document", "{pijp}.pdf"],
        ["instelling", "organisatie.logo", "{pijp}.png"],
        ["archief", "importeer", "{pijp}.zip"],
    ],
    ids=["tekst", "document", "logo", "archief"],
)
@VIJANDIG_BESTAND
def test_een_fifo_wordt_meteen_geweigerd(verzonden: Advies, tmp_path: Path, args: list[str]) -> None:
    pijp = tmp_path / "pijp"
    args = [a.replace("{pijp}", str(pijp)) for a in args]
    os.mkfifo(args[-1])
    voor = momentopname()
    uit = draai(*args)
    assert (uit.returncode, uit.stdout) == (1, "")
    assert uit.stderr == f"Fout: '{args[-1]}' is geen gewoon bestand (maar bijvoorbeeld een pipe of apparaat)\n"
    assert momentopname() == voor


@VIJANDIG_BESTAND
def test_een_apparaat_en_een_te_groot_bestand_worden_geweigerd(verzonden: Advies, tmp_path: Path) -> None:
    nul = tmp_path / "nul.md"
    nul.symlink_to("/dev/zero")
    assert geweigerd("concept", "2020-02", "--tekst", str(nul)) == (
        f"Fout: '{nul}' is een bestand van het systeem (/dev), geen document; kies een gewoon bestand"
    )
    groot = tmp_path / "groot.md"
    with groot.open("wb") as bestand:
        bestand.truncate(21 * 1024 * 1024)
    assert geweigerd("concept", "2020-02", "--tekst", str(groot)) == (
        f"Fout: het bestand '{groot}' is te groot (ten hoogste 20 MB)"
    )


def schrijf_bom(archief: zipfile.ZipFile, naam: str, megabytes: int = BOM_MB) -> str:
    """A member that unpacks to `megabytes` MB of spaces from about 1 MB; returns its sha256."""
    hash_ = hashlib.sha256()
    blok = b" " * (1024 * 1024)
    with archief.open(naam, "w", force_zip64=True) as lid:
        for _ in range(megabytes):
            lid.write(blok)
            hash_.update(blok)
    return hash_.hexdigest()


@pytest.fixture(scope="session")
def bom_docx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pad = tmp_path_factory.mktemp("bom") / "bom.docx"
    with zipfile.ZipFile(pad, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archief:
        archief.writestr("[Content_Types].xml", "<Types/>")
        schrijf_bom(archief, "word/document.xml")
    return pad


@VIJANDIG_BESTAND
def test_een_docx_bom_wordt_geweigerd_voor_het_uitpakken(verzonden: Advies, bom_docx: Path) -> None:
    verzonden("nieuw", "Derde", "--datum", "2020-02-01")
    voor = momentopname()
    uit = draai("concept", "2020-03", "--tekst", str(bom_docx), geheugen=GEHEUGENGRENS)
    assert (uit.returncode, uit.stdout) == (1, "")
    assert uit.stderr == (
        f"Fout: 'bom.docx' is te groot uitgepakt: 'word/document.xml' wordt {BOM_MB} MB, ten hoogste 50 MB\n"
    )
    assert momentopname() == voor


@VIJANDIG_BESTAND
def test_een_kapotte_docx_wordt_in_het_nederlands_geweigerd(verzonden: Advies, tmp_path: Path) -> None:
    import docx

    goed = io.BytesIO()
    docx.Document().save(goed)
    kapot = tmp_path / "kapot.docx"
    with zipfile.ZipFile(goed) as bron, zipfile.ZipFile(kapot, "w") as doel:
        for naam in bron.namelist():
            doel.writestr(naam, b"<w:document><niet-gesloten" if naam == "word/document.xml" else bron.read(naam))
    verzonden("nieuw", "Derde", "--datum", "2020-02-01")
    assert geweigerd("concept", "2020-03", "--tekst", str(kapot)) == (
        "Fout: 'kapot.docx' is geen geldig Word-document (.docx)"
    )


# --- archives ------------------------------------------------------------------------------------


@pytest.fixture
def archief(verzonden: Advies, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An export of the register, then a fresh, empty register to import into."""
    pad = tmp_path / "archief.zip"
    verzonden("instelling", "organisatie.plaats", "Haren")
    verzonden("archief", "exporteer", "--uit", str(pad))
    leeg = tmp_path / "leeg"
    monkeypatch.setenv("ADVIES_HOME", str(leeg))
    if "ADVIES_DATABASE_URL" in os.environ:  # PostgreSQL: the same database, emptied
        from tests import databanken

        assert databanken.HUIDIGE is not None
        databanken.HUIDIGE.leegmaken()
    voer_uit("init")
    return pad


def vervals(bron: Path, doel: Path, wijzig: Callable[[dict[str, list[dict[str, Any]]]], None]) -> Path:
    """A deliberate edit: rows changed through `wijzig`, and the manifest's counts and hashes made to match."""
    with zipfile.ZipFile(bron) as oud:
        bestanden = {naam: oud.read(naam) for naam in oud.namelist()}
    manifest = json.loads(bestanden["manifest.json"])
    tabellen = {
        naam.removeprefix("tabellen/").removesuffix(".jsonl"): [json.loads(r) for r in data.decode().splitlines() if r]
        for naam, data in bestanden.items()
        if naam.startswith("tabellen/")
    }
    wijzig(tabellen)
    for tabel, rijen in tabellen.items():
        data = "".join(json.dumps(r) + "\n" for r in rijen).encode()
        bestanden[f"tabellen/{tabel}.jsonl"] = data
        manifest["rijen"][tabel] = len(rijen)
        manifest["bestanden"][f"tabellen/{tabel}.jsonl"] = hashlib.sha256(data).hexdigest()
    bestanden["manifest.json"] = json.dumps(manifest).encode()
    with zipfile.ZipFile(doel, "w") as nieuw:
        for naam, data in bestanden.items():
            nieuw.writestr(naam, data)
    return doel


def niets_ingelezen() -> None:
    assert als_json(voer_uit("lijst", "--json")) == []
    assert als_json(voer_uit("gebruiker", "lijst", "--json")) == []
    assert als_json(voer_uit("instelling", "--json"))["organisatie.plaats"] == "Groningen"


def instelling(sleutel: str, waarde: str) -> dict[str, Any]:
    return {"sleutel": sleutel, "waarde": waarde, "inhoud": None, "gewijzigd_op": "2020-01-01T00:00:00+00:00",
            "gewijzigd_door": "els"}  # fmt: skip


def _zet(tabel: str, kolom: str, waarde: Any, rij: int = 0) -> Callable[[dict[str, Any]], None]:
    def wijzig(tabellen: dict[str, Any]) -> None:
        tabellen[tabel][rij][kolom] = waarde

    return wijzig


def _dubbel(tabellen: dict[str, Any]) -> None:
    tabellen["advies"].append(dict(tabellen["advies"][0]))


def _zwevend(tabellen: dict[str, Any]) -> None:
    tabellen["geschiedenis"][0]["advies_id"] = 999


def _instelling(sleutel: str, waarde: str) -> Callable[[dict[str, Any]], None]:
    def wijzig(tabellen: dict[str, Any]) -> None:
        tabellen["instelling"] = [r for r in tabellen["instelling"] if r["sleutel"] != sleutel]
        tabellen["instelling"].append(instelling(sleutel, waarde))

    return wijzig


STATUSSEN = "aangevraagd, concept, ter_vaststelling, vastgesteld, verzonden, beantwoord, ingetrokken"


@pytest.mark.parametrize(
    "wijzig, melding",
    [
        (
            _zet("document", "bestandsnaam", "../../../../tmp/x.sh"),
            "tabel document, rij 1: ongeldige bestandsnaam '../../../../tmp/x.sh': alleen een naam zonder map "
            "is toegestaan",
        ),
        (
            _zet("document", "bestandsnaam", "/tmp/x.sh"),
            "tabel document, rij 1: ongeldige bestandsnaam '/tmp/x.sh': alleen een naam zonder map is toegestaan",
        ),
        (
            _zet("tekstversie", "bron_naam", "a\x1b.md"),
            "tabel tekstversie, rij 1: ongeldige bestandsnaam 'a\\x1b.md': alleen een naam zonder map is toegestaan",
        ),
        (
            _zet("advies", "status", "gehackt"),
            f"tabel advies, rij 1: status 'gehackt' is onbekend; mogelijk: {STATUSSEN}",
        ),
        (
            _zet("advies", "soort", "spam"),
            "tabel advies, rij 1: soort 'spam' is onbekend; mogelijk: gevraagd, ongevraagd, aanvulling",
        ),
        (
            _zet("advies", "kenmerk", "CRA 2021-01"),
            "het register klopt niet: het kenmerk CRA 2021-01 past niet bij jaar 2020, volgnummer 1 en letter ''",
        ),
        (
            _zet("advies", "verzonden_op", "2099-12-31"),
            f"tabel advies, rij 1: verzonden_op (2099-12-31) {TOEKOMST}",
        ),
        (
            _zet("advies", "volgnummer", 2**70),
            f"tabel advies, rij 1: volgnummer is te groot ({2**70}); een kolom houdt ten hoogste 2147483647",
        ),
        (
            _zet("advies", "onderwerp", "\x1b[2J"),
            "tabel advies, rij 1: het onderwerp bevat een niet-toegestaan teken (\\x1b); typ de tekst opnieuw",
        ),
        (
            _zet("geschiedenis", "naar", "gehackt"),
            f"tabel geschiedenis, rij 1: naar 'gehackt' is onbekend; mogelijk: {STATUSSEN}",
        ),
        (_dubbel, "tabel advies: id '1' komt twee keer voor"),
        (_zwevend, "tabel geschiedenis, rij 1: advies_id verwijst naar advies 999, die niet in het archief staat"),
        (
            _instelling("termijn.reactie_weken", "abc"),
            "tabel instelling, rij termijn.reactie_weken: termijn.reactie_weken moet een heel aantal weken van 1 tot "
            "en met 52 zijn, niet 'abc'",
        ),
        (
            _instelling("kenmerk.advies", "CRB"),
            "tabel instelling: kenmerk.advies en kenmerk.brief moeten verschillen (nu beide 'CRB'): anders zijn een "
            "advies en een herinnering niet uit elkaar te houden",
        ),
        (
            _instelling("organisatie.naam", " "),
            "tabel instelling, rij organisatie.naam: organisatie.naam mag niet leeg zijn",
        ),
        (
            _instelling("onbekend.ding", "x"),
            "tabel instelling, rij onbekend.ding: onbekende instelling 'onbekend.ding'; bekend zijn: "
            + ", ".join(DEFINITIES),
        ),
    ],
    ids=[
        "pad omhoog",
        "absoluut pad",
        "escape in naam",
        "status",
        "soort",
        "kenmerk",
        "datum",
        "overloop",
        "onderwerp",
        "geschiedenis",
        "dubbel id",
        "zwevende verwijzing",
        "weken",
        "voorvoegsels gelijk",
        "lege naam",
        "onbekende instelling",
    ],
)
def test_een_vervalst_archief_wordt_geweigerd(
    archief: Path, tmp_path: Path, wijzig: Callable[[dict[str, list[dict[str, Any]]]], None], melding: str
) -> None:
    vals = vervals(archief, tmp_path / "vals.zip", wijzig)
    assert (
        weiger("archief", "importeer", str(vals)) == f"Fout: 'vals.zip' is ongeldig: {melding}; er is niets ingelezen"
    )
    niets_ingelezen()
    assert not (tmp_path / "x.sh").exists() and not Path("/tmp/x.sh").exists()


def test_het_vervalste_archief_zonder_vervalsing_komt_erin(archief: Path, tmp_path: Path) -> None:
    """The forging helper itself produces an archive that imports: the refusals above are the edits'."""
    echt = vervals(archief, tmp_path / "echt.zip", lambda tabellen: None)
    voer_uit("archief", "importeer", str(echt))
    assert [a["kenmerk"] for a in als_json(voer_uit("lijst", "--json"))] == ["CRA 2020-02", "CRA 2020-01"]


@VIJANDIG_BESTAND
def test_een_sjabloon_in_een_archief_gaat_door_de_sjablooncontrole(archief: Path, tmp_path: Path) -> None:
    import docx

    sjabloon = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("{{ bestaat_niet }}")
    document.save(sjabloon)

    def plant(tabellen: dict[str, Any]) -> None:
        rij = instelling("brief.sjabloon", "brief.docx")
        rij["inhoud"] = {"bestand": "bestanden/instelling/brief.sjabloon-inhoud"}
        tabellen["instelling"].append(rij)

    vals = vervals(archief, tmp_path / "tussen.zip", plant)
    with zipfile.ZipFile(vals) as oud:
        bestanden = {n: oud.read(n) for n in oud.namelist()}
    manifest = json.loads(bestanden["manifest.json"])
    bestanden["bestanden/instelling/brief.sjabloon-inhoud"] = sjabloon.getvalue()
    manifest["bestanden"]["bestanden/instelling/brief.sjabloon-inhoud"] = hashlib.sha256(
        sjabloon.getvalue()
    ).hexdigest()
    bestanden["manifest.json"] = json.dumps(manifest).encode()
    with zipfile.ZipFile(tmp_path / "sjabloon.zip", "w") as nieuw:
        for naam, data in bestanden.items():
            nieuw.writestr(naam, data)
    regel = weiger("archief", "importeer", str(tmp_path / "sjabloon.zip"))
    assert regel.startswith("Fout: 'sjabloon.zip' is ongeldig: tabel instelling, rij brief.sjabloon: ")
    assert "bestaat_niet" in regel and regel.endswith("; er is niets ingelezen")
    niets_ingelezen()


@VIJANDIG_BESTAND
def test_een_archiefbom_wordt_geweigerd_voor_het_uitpakken(archief: Path, tmp_path: Path) -> None:
    bom = tmp_path / "bom.zip"
    with zipfile.ZipFile(archief) as oud, zipfile.ZipFile(bom, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as nieuw:
        manifest = json.loads(oud.read("manifest.json"))
        for naam in oud.namelist():
            if naam != "manifest.json":
                nieuw.writestr(naam, oud.read(naam))
        manifest["bestanden"]["bestanden/bom"] = schrijf_bom(nieuw, "bestanden/bom")
        nieuw.writestr("manifest.json", json.dumps(manifest))
    uit = draai("archief", "importeer", str(bom), geheugen=GEHEUGENGRENS)
    assert (uit.returncode, uit.stdout) == (1, "")
    assert uit.stderr == (
        f"Fout: 'bom.zip' is te groot uitgepakt: 'bestanden/bom' wordt {BOM_MB} MB, ten hoogste 256 MB; "
        "er is niets ingelezen\n"
    )
    niets_ingelezen()


# --- overwriting and side effects -----------------------------------------------------------------


def test_exporteer_overschrijft_geen_bestaand_bestand(verzonden: Advies, tmp_path: Path) -> None:
    bestaand = tmp_path / "van-mij.zip"
    bestaand.write_bytes(b"mijn eigen bestand")
    assert weiger("archief", "exporteer", "--uit", str(bestaand)) == (
        f"Fout: '{bestaand}' bestaat al; kies een andere naam met --uit of gebruik --overschrijf"
    )
    assert bestaand.read_bytes() == b"mijn eigen bestand"
    verzonden("archief", "exporteer", "--uit", str(bestaand), "--overschrijf")
    assert zipfile.is_zipfile(bestaand)


@pytest.mark.sqlite
@pytest.mark.parametrize("args", [["lijst"], ["archief", "importeer", "{archief}"]], ids=["lijst", "importeer"])
def test_geen_database_als_bijwerking(home: Path, tmp_path: Path, args: list[str]) -> None:
    archief = tmp_path / "a.zip"
    archief.write_bytes(b"PK")
    args = [a.replace("{archief}", str(archief)) for a in args]
    assert weiger(*args) == "Fout: de database is nog niet ingericht; voer eerst 'advies init' uit"
    assert not home.exists()


# --- settings ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sleutel, waarde, melding",
    [
        (
            "kenmerk.advies",
            "CRB",
            "kenmerk.advies en kenmerk.brief moeten verschillen (nu beide 'CRB'): anders zijn een advies en een "
            "herinnering niet uit elkaar te houden",
        ),
        ("kenmerk.brief", "crä", "een kenmerkvoorvoegsel bestaat uit 1 tot 6 letters A-Z, niet 'CRÄ'"),
        ("kenmerk.advies", "ABCDEFG", "een kenmerkvoorvoegsel bestaat uit 1 tot 6 letters A-Z, niet 'ABCDEFG'"),
        ("organisatie.naam", "", "organisatie.naam mag niet leeg zijn"),
        ("organisatie.plaats", " \u200b ", "organisatie.plaats bevat geen zichtbare tekst"),
        (
            "termijn.reactie_weken",
            "²",
            "termijn.reactie_weken moet een heel aantal weken van 1 tot en met 52 zijn, niet '²'",
        ),
        (
            "termijn.reactie_weken",
            "53",
            "termijn.reactie_weken moet een heel aantal weken van 1 tot en met 52 zijn, niet '53'",
        ),
        ("brief.functie", "\x1b[5m", "brief.functie bevat een niet-toegestaan teken (\\x1b); typ de tekst opnieuw"),
    ],
    ids=["gelijk", "niet-ascii", "te lang", "naam leeg", "plaats leeg", "superscript", "te veel weken", "escape"],
)
def test_instellingen_die_het_register_breken(advies: Advies, sleutel: str, waarde: str, melding: str) -> None:
    assert geweigerd("instelling", sleutel, waarde) == f"Fout: {melding}"


# --- input errors in Dutch -----------------------------------------------------------------------


def test_advies_home_is_een_bestand(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bestand = tmp_path / "bestand"
    bestand.write_text("x")
    monkeypatch.setenv("ADVIES_HOME", str(bestand))
    monkeypatch.delenv("ADVIES_DATABASE_URL", raising=False)
    melding = f"Fout: ADVIES_HOME ({bestand}) is een bestand, geen map; geef een map op"
    assert weiger("init") == melding
    assert weiger("lijst") == melding


def test_kapotte_configuratie(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ADVIES_HOME", str(tmp_path))
    monkeypatch.delenv("ADVIES_DATABASE_URL", raising=False)
    (tmp_path / "advies.toml").write_text('database_url = = "x"\n')
    assert weiger("lijst") == (
        f"Fout: het configuratiebestand {tmp_path / 'advies.toml'} is geen geldige TOML (regel 1, kolom 16); "
        "verbeter of verwijder het"
    )


def test_een_te_groot_getal(advies: Advies) -> None:
    assert weiger("lijst", "--jaar", "99999999999999999999", code=2) == (
        "Fout: Ongeldige waarde voor '--jaar': 99999999999999999999 ligt niet in het bereik vanaf 1 tot en met 9999. "
        "Zie 'advies lijst --help'."
    )
    assert weiger("lijst", "--jaar", "twintig", code=2) == (
        "Fout: Ongeldige waarde voor '--jaar': 'twintig' is geen geldig geheel getal. Zie 'advies lijst --help'."
    )


def test_een_map_waar_een_bestand_hoort(advies: Advies, tmp_path: Path) -> None:
    assert weiger("concept", "2020-01", "--tekst", str(tmp_path), code=2) == (
        f"Fout: Ongeldige waarde voor '--tekst': Bestand '{tmp_path}' is een map. Zie 'advies concept --help'."
    )
    assert weiger("archief", "importeer", str(tmp_path), code=2) == (
        f"Fout: Ongeldige waarde voor 'PAD': Bestand '{tmp_path}' is een map. Zie 'advies archief importeer --help'."
    )


def test_plaatshouders_in_de_hulp_zijn_nederlands() -> None:
    hulp = voer_uit("reactie", "--help").stdout
    assert "--samenvatting TEKST" in hulp and "--document BESTAND" in hulp
    assert "TEXT" not in hulp and "FILE" not in hulp
    assert "--jaar GETAL" in voer_uit("lijst", "--help").stdout
