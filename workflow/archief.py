"""The archive: everything in the register (advices, versions, history, documents, settings,
users) in one zip file, and back into an empty database of either backend.

Layout: `manifest.json` lists every other file with its sha256; `tabellen/<tabel>.jsonl` holds
one row per line, ordered by key; every binary value (a document, a draft's source file, the
logo, the template) is a file of its own under `bestanden/`. Import checks every hash, and the
hashes the register itself keeps (documents, approved texts), before it writes anything.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Column, Table, TypeDecorator, func, insert, select
from sqlmodel import Session, SQLModel

import opslag.modellen  # noqa: F401  (registers the tables)
from opslag.database import zet_reeksen_bij
from opslag.schema import SCHEMAVERSIE
from workflow import archiefcontrole, tekst
from workflow.bestanden import MB, Zipgrenzen, controleer_zip, open_gewoon_bestand, schrijf_veilig
from workflow.fouten import AdviesFout
from workflow.rechten import Rechten

FORMAAT = "advieswerk-archief"
FORMAATVERSIE = 1


# What the web page keeps about logins (sessions, attempt counters) belongs to that server, not to
# the register: an archive read into another database must not open a session there.
VLUCHTIG = frozenset({"websessie", "inlogteller"})


def tabellen() -> list[Table]:
    """All tables of the register, parents before children."""
    return [tabel for tabel in SQLModel.metadata.sorted_tables if tabel.name not in VLUCHTIG]


def exporteer(sessie: Session, rechten: Rechten, doel: Path) -> dict[str, int]:
    """Write the archive to `doel` (via a temporary file, so nothing half-written remains).

    `sessie` must be one read snapshot (a reading transaction): every table is then read as of
    the same moment, however many others change the register meanwhile. The written archive is
    read back and checked as an import would before it takes the place of `doel`.
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
        _controleer_geschreven(tijdelijk)

    schrijf_veilig(doel, schrijf)
    return aantallen


def _controleer_geschreven(tijdelijk: Path) -> None:
    """An export is done only when the import's own checks accept what was written."""
    try:
        _lees_archief(tijdelijk)
    except AdviesFout as fout:
        raise AdviesFout(
            f"het geschreven archief doorstaat de controle niet ({fout}); er is geen archief geschreven"
        ) from None


def importeer(sessie: Session, rechten: Rechten, bron: Path) -> dict[str, int]:
    """Read an archive into an empty database; refuses a damaged or altered archive, importing nothing."""
    rechten.vereis_secretaris()
    inhoud = _lees_archief(bron)
    _zeker_leeg(sessie)
    aantallen: dict[str, int] = {}
    for tabel in tabellen():
        rijen = inhoud.rijen[tabel.name]
        for begin in range(0, len(rijen), 5_000):
            sessie.execute(insert(tabel), rijen[begin : begin + 5_000])
        aantallen[tabel.name] = len(rijen)
    zet_reeksen_bij(sessie)
    return aantallen


_JSON: dict[str, Any] = {"ensure_ascii": False, "sort_keys": True}


def _rijen(sessie: Session, tabel: Table) -> Iterator[Any]:
    sleutel = list(tabel.primary_key.columns)
    yield from sessie.execute(select(tabel).order_by(*sleutel)).mappings()


def _naar_json(tabel: Table, rij: Any, archief: zipfile.ZipFile, bestanden: dict[str, str]) -> dict[str, Any]:
    uit: dict[str, Any] = {}
    sleutel = "-".join(str(rij[k.name]) for k in tabel.primary_key.columns)
    for kolom in tabel.columns:
        waarde = rij[kolom.name]
        if waarde is None:
            uit[kolom.name] = None
        elif _pythontype(kolom) is bytes:
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


def _pythontype(kolom: Column[Any]) -> type:
    """The Python type a column holds, looking through sqlmodel's decorated types."""
    soort = kolom.type
    if isinstance(soort, TypeDecorator):
        soort = soort.impl_instance
    try:
        return soort.python_type
    except NotImplementedError:
        return object


def _schrijf(archief: zipfile.ZipFile, bestanden: dict[str, str], naam: str, inhoud: bytes) -> None:
    archief.writestr(naam, inhoud)
    bestanden[naam] = hashlib.sha256(inhoud).hexdigest()


class _Archief:
    def __init__(self, rijen: dict[str, list[dict[str, Any]]]) -> None:
        self.rijen = rijen


# What an archive may unpack to. Documents are Word files and PDFs; tables compress well, so
# the ratio limit is generous (it catches zip bombs, which compress a thousandfold).
ARCHIEF_MAXIMUM = 2 * 1024 * MB
ARCHIEF_GRENZEN = Zipgrenzen(per_bestand=256 * MB, totaal=2 * 1024 * MB, aantal=1_000_000, verhouding=200)


def _lees_archief(bron: Path) -> _Archief:
    try:
        with open_gewoon_bestand(bron, ARCHIEF_MAXIMUM) as bestand, zipfile.ZipFile(bestand) as archief:
            gelezen, manifest = _lees_leden(archief, bron.name)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError):
        raise AdviesFout(f"'{bron.name}' is geen geldig archief van advies") from None
    except _Beschadigd as fout:
        raise AdviesFout(f"'{bron.name}' is beschadigd of gewijzigd: {fout}; er is niets ingelezen") from None
    try:
        rijen = {tabel.name: _tabel_uit(tabel, gelezen, manifest) for tabel in tabellen()}
        archiefcontrole.controleer(tabellen(), rijen)
        _controleer_eigen_hashes(rijen)
    except _Beschadigd as fout:
        raise AdviesFout(f"'{bron.name}' is beschadigd of gewijzigd: {fout}; er is niets ingelezen") from None
    except archiefcontrole.Ongeldig as fout:
        raise AdviesFout(f"'{bron.name}' is ongeldig: {fout}; er is niets ingelezen") from None
    return _Archief(rijen)


def _lees_leden(archief: zipfile.ZipFile, naam: str) -> tuple[dict[str, bytes], dict[str, Any]]:
    """Every member named in the manifest, its hash checked; sizes are checked before any is read."""
    try:
        controleer_zip(archief, ARCHIEF_GRENZEN, naam)
    except AdviesFout as fout:
        raise AdviesFout(f"{fout}; er is niets ingelezen") from None
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
    if manifest.get("schemaversie") != SCHEMAVERSIE:
        raise _Beschadigd(
            f"het archief heeft schemaversie {manifest.get('schemaversie')}, deze versie van advies {SCHEMAVERSIE}"
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
        soort = _pythontype(kolom)
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
            raise AdviesFout(
                f"de database is niet leeg (tabel {tabel.name}); een archief wordt alleen in een lege database "
                "ingelezen, er is niets ingelezen"
            )
