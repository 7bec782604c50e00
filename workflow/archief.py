"""The archive: everything in the register (advices, versions, history, documents, settings,
users) in one zip file, and back into an empty database of either backend.

Layout: `manifest.json` lists every other file with its sha256; `tabellen/<tabel>.jsonl` holds
one row per line, ordered by key; every binary value (a document, a draft's source file, the
logo, the template) is a file of its own under `bestanden/`.

An import admits only a register the engine itself could have made. Before anything is
committed it checks every hash, and the hashes the register itself keeps (documents, approved
texts); every row against the rules of the command that writes it (`archiefcontrole`); the
register as a whole (`naspelen`: who took each step, the letters the steps left, the prefixes);
and, on the rows inserted inside the import's own transaction, the register's invariants
(`invarianten`: every advice's history a path of the state machine from its registration to
its status). An export runs the same checks on the archive it wrote, before it says it is done;
`controleer` runs them without importing and lists every problem.

An archive of an earlier release (an older schema version) is read into a scratch SQLite
database at its own version, brought up to date by the migrations, and read out again: the same
migrations that update a council's database update its archive.
"""

from __future__ import annotations

import hashlib
import json
import tempfile
import zipfile
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, MetaData, Table, create_engine, func, insert, select
from sqlmodel import Session, SQLModel

import opslag.modellen  # noqa: F401  (registers the tables)
from adviesfouten import AdviesFout, Conflict, OngeldigeInvoer, Storing
from opslag.database import zet_reeksen_bij
from opslag.schema import MIGRATIES, SCHEMAVERSIE
from workflow import archiefcontrole, invarianten, tekst
from workflow.bestanden import MB, Zipgrenzen, controleer_zip, open_gewoon_bestand, schrijf_veilig
from workflow.domein.rechten import Rechten

FORMAAT = "advieswerk-archief"
FORMAATVERSIE = 1


# What the web page keeps about logins (sessions, attempt counters, password-reset links) belongs to
# that server, not to the register: an archive read into another database must not open a session
# or set a password there. So do the
# effects still to perform (workflow.uitgaand): another database must not write this one's files.
VLUCHTIG = frozenset({"websessie", "inlogteller", "wachtwoordherstel", "uitgaand"})
# Likewise a person's calendar address is a key to that server's feed: an archive never carries it,
# so a copy of an archive opens no calendar (archiefcontrole refuses an archive that has one).
VLUCHTIGE_KOLOMMEN = frozenset({("gebruiker", "agenda_token")})


def tabellen() -> list[Table]:
    """All tables of the register, parents before children."""
    return [tabel for tabel in SQLModel.metadata.sorted_tables if tabel.name not in VLUCHTIG]


def exporteer(
    sessie: Session, rechten: Rechten, doel: Path, nu: datetime | None = None, *, overschrijf: bool = False
) -> dict[str, int]:
    """Write the archive to `doel` (via a temporary file, so nothing half-written remains).

    `sessie` must be one read snapshot (a reading transaction): every table is then read as of
    the same moment, however many others change the register meanwhile. The written archive is
    read back and checked as an import would before it takes the place of `doel`; a register
    that fails those checks gives no archive but the first problem.
    """
    rechten.vereis_secretaris()
    aantallen: dict[str, int] = {}

    def schrijf(tijdelijk: Path) -> None:
        bestanden: dict[str, str] = {}
        with zipfile.ZipFile(tijdelijk, "w", zipfile.ZIP_DEFLATED) as archief:
            for tabel in tabellen():
                regels = []
                for rij in _rijen(sessie, tabel):
                    regels.append(json.dumps(_naar_json(tabel, rij, archief, bestanden), **_JSON))
                naam = f"tabellen/{tabel.name}.jsonl"
                _schrijf(archief, bestanden, naam, ("\n".join(regels) + "\n" if regels else "").encode("utf-8"))
                aantallen[tabel.name] = len(regels)
            manifest = {
                "formaat": FORMAAT,
                "formaatversie": FORMAATVERSIE,
                "schemaversie": SCHEMAVERSIE,
                "gemaakt_op": datetime.now(UTC).isoformat(),
                "rijen": aantallen,
                "bestanden": dict(sorted(bestanden.items())),
            }
            archief.writestr("manifest.json", json.dumps(manifest, indent=2, **_JSON))
        _controleer_geschreven(tijdelijk, nu)

    schrijf_veilig(doel, schrijf, overschrijf=overschrijf)
    return aantallen


def _controleer_geschreven(tijdelijk: Path, nu: datetime | None) -> None:
    """An export is done only when the import's own checks accept what was written."""
    try:
        inhoud = _lees_archief(tijdelijk, nu)
        gebroken = _in_kladdatabase(inhoud.rijen, zonder_bestanden=True)
        if gebroken:
            raise OngeldigeInvoer(_ongeldig(tijdelijk, _register_klopt_niet(gebroken[0])))
    except AdviesFout as fout:
        raise Storing(
            f"het geschreven archief doorstaat de controle niet ({fout}); er is geen archief geschreven"
        ) from None


def importeer(sessie: Session, rechten: Rechten, bron: Path, nu: datetime | None = None) -> dict[str, int]:
    """Read an archive into an empty database; refuses a damaged or altered archive, and a register
    the engine could not have made, importing nothing. `nu` is the moment the archive's dates may
    not lie after (the clock, unless a test gives one)."""
    rechten.vereis_secretaris()
    inhoud = _lees_archief(bron, nu)
    _zeker_leeg(sessie)
    aantallen = _voeg_in(sessie, inhoud.rijen)
    zet_reeksen_bij(sessie)
    # The last wall, inside the import's transaction: the caller rolls back on this refusal.
    gebroken = invarianten.overtredingen(sessie)
    if gebroken:
        raise OngeldigeInvoer(_ongeldig(bron, _register_klopt_niet(gebroken[0])))
    return aantallen


def controleer(bron: Path, nu: datetime | None = None) -> tuple[list[str], dict[str, int]]:
    """Every problem of an archive, without importing it (none: it would import), and its rows per
    table. A damaged archive stops at its damage; otherwise the rows' problems, or else the register's."""
    inhoud = _lees_archief(bron, nu, alle=True)
    aantallen = {naam: len(rijen) for naam, rijen in inhoud.rijen.items()}
    if inhoud.problemen:
        return inhoud.problemen, aantallen
    return [_register_klopt_niet(m) for m in _in_kladdatabase(inhoud.rijen, zonder_bestanden=True)], aantallen


def _voeg_in(sessie: Session, rijen: dict[str, list[dict[str, Any]]]) -> dict[str, int]:
    aantallen: dict[str, int] = {}
    for tabel in tabellen():
        for begin in range(0, len(rijen[tabel.name]), 5_000):
            sessie.execute(insert(tabel), rijen[tabel.name][begin : begin + 5_000])
        aantallen[tabel.name] = len(rijen[tabel.name])
    return aantallen


def _in_kladdatabase(rijen: dict[str, list[dict[str, Any]]], *, zonder_bestanden: bool) -> list[str]:
    """The invariants of `rijen` as a register, in a scratch SQLite database in memory. The files'
    contents say nothing about them (their hashes were checked), so they are left out."""
    if zonder_bestanden:
        rijen = {naam: [_zonder_bestanden(rij) for rij in lijst] for naam, lijst in rijen.items()}
    engine = create_engine("sqlite://")
    try:
        SQLModel.metadata.create_all(engine)
        with Session(engine) as sessie:
            _voeg_in(sessie, rijen)
            return invarianten.overtredingen(sessie)
    finally:
        engine.dispose()


def _zonder_bestanden(rij: dict[str, Any]) -> dict[str, Any]:
    return {k: (b"" if isinstance(v, bytes) else v) for k, v in rij.items()}


def _register_klopt_niet(melding: str) -> str:
    return f"het register klopt niet: {melding}"


def _ongeldig(bron: Path, melding: str) -> str:
    return f"'{bron.name}' is ongeldig: {melding}; er is niets ingelezen"


_JSON: dict[str, Any] = {"ensure_ascii": False, "sort_keys": True}


def _rijen(sessie: Session | Connection, tabel: Table) -> Iterator[Any]:
    sleutel = list(tabel.primary_key.columns)
    yield from sessie.execute(select(tabel).order_by(*sleutel)).mappings()


def _naar_json(tabel: Table, rij: Any, archief: zipfile.ZipFile, bestanden: dict[str, str]) -> dict[str, Any]:
    uit: dict[str, Any] = {}
    sleutel = "-".join(str(rij[k.name]) for k in tabel.primary_key.columns)
    for kolom in tabel.columns:
        waarde = rij[kolom.name]
        if waarde is None or (tabel.name, kolom.name) in VLUCHTIGE_KOLOMMEN:
            uit[kolom.name] = None
        elif archiefcontrole.pythontype(kolom) is bytes:
            naam = f"bestanden/{tabel.name}/{sleutel}-{kolom.name}"
            _schrijf(archief, bestanden, naam, bytes(waarde))
            uit[kolom.name] = {"bestand": naam}
        elif isinstance(waarde, datetime):
            uit[kolom.name] = waarde.astimezone(UTC).isoformat()
        elif isinstance(waarde, date):
            uit[kolom.name] = waarde.isoformat()
        else:
            uit[kolom.name] = waarde
    return uit


def _schrijf(archief: zipfile.ZipFile, bestanden: dict[str, str], naam: str, inhoud: bytes) -> None:
    archief.writestr(naam, inhoud)
    bestanden[naam] = hashlib.sha256(inhoud).hexdigest()


class _Archief:
    def __init__(self, rijen: dict[str, list[dict[str, Any]]], problemen: list[str]) -> None:
        self.rijen = rijen
        self.problemen = problemen


# What an archive may unpack to. Documents are Word files and PDFs; tables compress well, so
# the ratio limit is generous (it catches zip bombs, which compress a thousandfold).
ARCHIEF_MAXIMUM = 2 * 1024 * MB
ARCHIEF_GRENZEN = Zipgrenzen(per_bestand=256 * MB, totaal=2 * 1024 * MB, aantal=1_000_000, verhouding=200)


def _lees_archief(bron: Path, nu: datetime | None, *, alle: bool = False) -> _Archief:
    """The archive's rows, their hashes and rules checked: the first problem refused, or with
    `alle` every problem of the rules listed (damage still stops at the first)."""
    try:
        with open_gewoon_bestand(bron, ARCHIEF_MAXIMUM) as bestand, zipfile.ZipFile(bestand) as archief:
            gelezen, manifest = _lees_leden(archief, bron.name)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError):
        raise OngeldigeInvoer(f"'{bron.name}' is geen geldig archief van advies") from None
    except _Beschadigd as fout:
        raise OngeldigeInvoer(f"'{bron.name}' is beschadigd of gewijzigd: {fout}; er is niets ingelezen") from None
    try:
        rijen = _rijen_uit(gelezen, manifest)
        problemen = archiefcontrole.problemen(tabellen(), rijen, nu) if alle else []
        if not alle:
            archiefcontrole.controleer(tabellen(), rijen, nu)
        if not problemen:
            _controleer_eigen_hashes(rijen)
    except _Beschadigd as fout:
        raise OngeldigeInvoer(f"'{bron.name}' is beschadigd of gewijzigd: {fout}; er is niets ingelezen") from None
    except archiefcontrole.Ongeldig as fout:
        raise OngeldigeInvoer(_ongeldig(bron, str(fout))) from None
    return _Archief(rijen, problemen)


def _rijen_uit(gelezen: dict[str, bytes], manifest: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """The rows of every table of this release: read as they are, or from an earlier release's
    schema through the migrations."""
    versie = manifest.get("schemaversie")
    if versie == SCHEMAVERSIE:
        return {tabel.name: _tabel_uit(tabel, gelezen, manifest) for tabel in tabellen()}
    if versie not in eerdere_schemaversies():
        raise _Beschadigd(
            f"het archief heeft schemaversie {versie}, die deze versie van advies (schemaversie {SCHEMAVERSIE}) "
            "niet kent; lees het in met de versie van advies die het maakte"
        )
    return _bijgewerkt(gelezen, manifest, str(versie))


def eerdere_schemaversies() -> list[str]:
    """The schema versions before this one: one migration each (opslag/migraties/versions)."""
    namen = sorted(p.name.split("_", 1)[0] for p in (MIGRATIES / "versions").glob("[0-9][0-9][0-9][0-9]_*.py"))
    return [n for n in namen if n < SCHEMAVERSIE]


def _bijgewerkt(gelezen: dict[str, bytes], manifest: dict[str, Any], versie: str) -> dict[str, list[dict[str, Any]]]:
    """An earlier release's rows, through a scratch SQLite database at their schema version that
    the migrations bring up to date (a migration may also move data, as 0002 does)."""
    from opslag import schema

    with tempfile.TemporaryDirectory(prefix="advies-archief-") as map_:
        engine = create_engine(f"sqlite:///{Path(map_) / 'oud.db'}")
        try:
            schema.upgrade(engine, versie)
            oud = MetaData()
            oud.reflect(engine)
            with engine.begin() as verbinding:
                for tabel in oud.sorted_tables:
                    if tabel.name != "alembic_version" and tabel.name not in VLUCHTIG:
                        rijen = _tabel_uit(tabel, gelezen, manifest)
                        if rijen:
                            verbinding.execute(insert(tabel), rijen)
            schema.upgrade(engine)
            with engine.connect() as verbinding:
                return {tabel.name: [dict(r) for r in _rijen(verbinding, tabel)] for tabel in tabellen()}
        finally:
            engine.dispose()


def _lees_leden(archief: zipfile.ZipFile, naam: str) -> tuple[dict[str, bytes], dict[str, Any]]:
    """Every member named in the manifest, its hash checked; sizes are checked before any is read."""
    try:
        controleer_zip(archief, ARCHIEF_GRENZEN, naam)
    except AdviesFout as fout:
        raise OngeldigeInvoer(f"{fout}; er is niets ingelezen") from None
    namen = archief.namelist()
    if len(namen) != len(set(namen)):
        raise _Beschadigd("een bestand staat twee keer in het archief")
    if archief.testzip() is not None:
        raise _Beschadigd("een bestand in het archief is beschadigd")
    manifest = _manifest(archief)
    bestanden = manifest.get("bestanden")
    if not isinstance(bestanden, dict) or not all(isinstance(h, str) for h in bestanden.values()):
        raise _Beschadigd("het manifest noemt zijn bestanden niet goed")
    return {lid: _geverifieerd(archief, lid, hash_) for lid, hash_ in bestanden.items()}, manifest


class _Beschadigd(Exception):
    pass


def _manifest(archief: zipfile.ZipFile) -> dict[str, Any]:
    try:
        manifest = json.loads(archief.read("manifest.json"))
    except KeyError:
        raise zipfile.BadZipFile("no manifest") from None
    except ValueError:
        raise _Beschadigd("het manifest is geen geldige JSON") from None
    if not isinstance(manifest, dict) or manifest.get("formaat") != FORMAAT:
        raise zipfile.BadZipFile("not an advies archive")
    if manifest.get("formaatversie") != FORMAATVERSIE:
        raise _Beschadigd(
            f"het archief heeft formaatversie {manifest.get('formaatversie')}, deze versie van advies kent "
            f"{FORMAATVERSIE}"
        )
    genoemd = set(manifest.get("bestanden", {})) | {"manifest.json"}
    extra = sorted(set(archief.namelist()) - genoemd)
    if extra:
        raise _Beschadigd(f"'{extra[0]}' staat niet in het manifest")
    return manifest


def _geverifieerd(archief: zipfile.ZipFile, naam: str, verwacht: str) -> bytes:
    try:
        inhoud = archief.read(naam)
    except KeyError:
        raise _Beschadigd(f"'{naam}' ontbreekt") from None
    if hashlib.sha256(inhoud).hexdigest() != verwacht:
        raise _Beschadigd(f"de sha256 van '{naam}' klopt niet")
    return inhoud


def _tabel_uit(tabel: Table, gelezen: dict[str, bytes], manifest: dict[str, Any]) -> list[dict[str, Any]]:
    naam = f"tabellen/{tabel.name}.jsonl"
    if naam not in gelezen:
        raise _Beschadigd(f"'{naam}' ontbreekt")
    try:
        regels = [json.loads(r) for r in gelezen[naam].decode("utf-8").splitlines() if r]
        rijen = [_uit_json(tabel, regel, gelezen) for regel in regels]
    except (ValueError, KeyError, TypeError) as fout:
        raise _Beschadigd(f"'{naam}' is onleesbaar ({fout})") from None
    aantallen = manifest.get("rijen")
    if not isinstance(aantallen, dict) or len(rijen) != aantallen.get(tabel.name):
        raise _Beschadigd(f"het aantal rijen van '{tabel.name}' klopt niet met het manifest")
    return rijen


def _uit_json(tabel: Table, regel: dict[str, Any], gelezen: dict[str, bytes]) -> dict[str, Any]:
    rij: dict[str, Any] = {}
    for kolom in tabel.columns:
        waarde = regel[kolom.name]
        soort = archiefcontrole.pythontype(kolom)
        if waarde is None:
            rij[kolom.name] = None
        elif soort is bytes:
            rij[kolom.name] = gelezen[waarde["bestand"]]
        elif soort is datetime:
            rij[kolom.name] = datetime.fromisoformat(waarde)
        elif soort is date:
            rij[kolom.name] = date.fromisoformat(waarde)
        else:
            rij[kolom.name] = waarde
    return rij


def _controleer_eigen_hashes(rijen: dict[str, list[dict[str, Any]]]) -> None:
    """The register's own hashes must hold: each document, each draft text, each approved text."""
    for document in rijen["document"]:
        if hashlib.sha256(document["inhoud"]).hexdigest() != document["sha256"]:
            raise _Beschadigd(f"document '{document['bestandsnaam']}' klopt niet met zijn sha256")
    versies = {}
    for versie in rijen["tekstversie"]:
        if tekst.sha256(json.loads(versie["blokken"])) != versie["sha256"]:
            raise _Beschadigd(f"tekstversie {versie['versie']} klopt niet met haar sha256")
        versies[(versie["advies_id"], versie["versie"])] = versie["sha256"]
    for advies in rijen["advies"]:
        if advies["vastgestelde_versie"] is not None:
            if versies.get((advies["id"], advies["vastgestelde_versie"])) != advies["vastgestelde_sha256"]:
                raise _Beschadigd(f"de vastgestelde tekst van {advies['kenmerk']} klopt niet")


def _zeker_leeg(sessie: Session) -> None:
    for tabel in tabellen():
        if sessie.execute(select(func.count()).select_from(tabel)).scalar_one():
            raise Conflict(
                f"de database is niet leeg (tabel {tabel.name}); een archief wordt alleen in een lege database "
                "ingelezen, er is niets ingelezen"
            )
