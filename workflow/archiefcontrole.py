"""Every row of an archive through the rules the commands apply, before anything is written.

The manifest's hashes show an archive was not damaged; they do not show it was not edited, since
whoever edits a row can recompute them. So an imported row must be one the commands could have
written: known states, kinds and roles, possible dates, well-formed kenmerken, unique keys,
references that exist, safe file names, text without control characters, settings that
`advies instelling` would accept and templates that pass the template check.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Column, Index, String, Table, UniqueConstraint

from workflow import datumgrenzen, instellingen, invoer
from workflow.bestanden import veilige_bestandsnaam
from workflow.fouten import AdviesFout
from workflow.rechten import ROLLEN
from workflow.toestanden import OVERGANGEN, STATUSSEN

Rij = dict[str, Any]
Rijen = dict[str, list[Rij]]

SOORTEN = ("gevraagd", "ongevraagd", "aanvulling")
OORDELEN = ("overgenomen", "deels", "niet")
DOCUMENTSOORTEN = ("concept", "brief", "herinnering", "reactie")
GEBEURTENISSEN = frozenset({"registreren"} | {o["trigger"] for o in OVERGANGEN})
NOTITIE = 5_000
_GROOTSTE_GETAL = 2**63 - 1
_KENMERK = re.compile(r"[A-Z]{1,6} ([0-9]{4})-([0-9]{2,6})([A-Z]?)")
_SHA256 = re.compile(r"[0-9a-f]{64}")


class Ongeldig(Exception):
    """The first problem found, in Dutch."""


def controleer(tabellen: list[Table], rijen: Rijen) -> None:
    """Raise Ongeldig naming the first row that the commands could not have written."""
    for tabel in tabellen:
        for rij in rijen[tabel.name]:
            _kolommen(tabel, rij)
    for tabel in tabellen:
        _uniek(tabel, rijen[tabel.name])
        _verwijzingen(tabel, rijen)
    for naam, regels in _DOMEIN.items():
        for rij in rijen[naam]:
            try:
                regels(rij)
            except AdviesFout as fout:
                raise Ongeldig(f"{_wie(naam, rij)}: {fout}") from None
    _samenhang_instellingen(rijen["instelling"])


def _wie(tabel: str, rij: Rij) -> str:
    sleutel = rij.get("id", rij.get("sleutel"))
    return f"tabel {tabel}, rij {invoer.zichtbaar(str(sleutel))}"


def _kolommen(tabel: Table, rij: Rij) -> None:
    for kolom in tabel.columns:
        waarde = rij[kolom.name]
        if waarde is None:
            if not kolom.nullable:
                raise Ongeldig(f"{_wie(tabel.name, rij)}: {kolom.name} ontbreekt")
            continue
        probleem = _typeprobleem(kolom, waarde)
        if probleem:
            raise Ongeldig(f"{_wie(tabel.name, rij)}: {kolom.name} {probleem}")


def _typeprobleem(kolom: Column[Any], waarde: Any) -> str | None:
    from workflow.archief import _pythontype  # the export's own mapping of column types

    soort = _pythontype(kolom)
    if soort is int:
        if not isinstance(waarde, int) or isinstance(waarde, bool) or abs(waarde) > _GROOTSTE_GETAL:
            return "is geen geldig geheel getal"
    elif soort is str:
        if not isinstance(waarde, str):
            return "is geen tekst"
        lengte = getattr(kolom.type, "length", None) if isinstance(kolom.type, String) else None
        if lengte is not None and len(waarde) > lengte:
            return f"is te lang ({len(waarde)} tekens, ten hoogste {lengte})"
    return None


def _uniek(tabel: Table, rijen: list[Rij]) -> None:
    for kolommen in _unieke_sleutels(tabel):
        gezien: set[tuple[Any, ...]] = set()
        for rij in rijen:
            sleutel = tuple(rij[k] for k in kolommen)
            if None in sleutel:
                continue
            if sleutel in gezien:
                waarde = ", ".join(invoer.zichtbaar(str(s)) for s in sleutel)
                raise Ongeldig(f"tabel {tabel.name}: {'/'.join(kolommen)} '{waarde}' komt twee keer voor")
            gezien.add(sleutel)


def _unieke_sleutels(tabel: Table) -> Iterable[tuple[str, ...]]:
    """The primary key first, then the other unique keys by name: the first problem named is
    the same on every run (a table's constraints are a set)."""
    yield tuple(k.name for k in tabel.primary_key.columns)
    for beperking in sorted(tabel.constraints, key=lambda b: str(b.name)):
        if isinstance(beperking, UniqueConstraint):
            yield tuple(k.name for k in beperking.columns)
    for index in tabel.indexes:
        if isinstance(index, Index) and index.unique:
            yield tuple(k.name for k in index.columns)
    for kolom in tabel.columns:
        if kolom.unique:
            yield (kolom.name,)


def _verwijzingen(tabel: Table, rijen: Rijen) -> None:
    for kolom in tabel.columns:
        for sleutel in kolom.foreign_keys:
            doel = sleutel.column
            bestaand = {r[doel.name] for r in rijen[doel.table.name]}
            for rij in rijen[tabel.name]:
                if rij[kolom.name] is not None and rij[kolom.name] not in bestaand:
                    raise Ongeldig(
                        f"{_wie(tabel.name, rij)}: {kolom.name} verwijst naar {doel.table.name} "
                        f"{rij[kolom.name]}, die niet in het archief staat"
                    )


def _een_van(waarde: Any, toegestaan: Iterable[Any], wat: str) -> None:
    toegestaan = tuple(toegestaan)
    if waarde not in toegestaan:
        raise AdviesFout(f"{wat} '{invoer.zichtbaar(str(waarde))}' is onbekend; mogelijk: {', '.join(toegestaan)}")


def _tekst(waarde: str | None, wat: str, maximum: int, *, leeg_mag: bool = False) -> None:
    if waarde is None:
        return
    probleem = invoer.probleem(waarde, wat, maximum, leeg_mag=leeg_mag)
    if probleem:
        raise AdviesFout(probleem)


def _gebeurd(waarde: date | None, wat: str) -> None:
    if waarde is not None:
        datumgrenzen.gebeurd(waarde, wat)


def _gepland(waarde: date | None, wat: str) -> None:
    if waarde is not None:
        datumgrenzen.gepland(waarde, wat)


def _advies(rij: Rij) -> None:
    _een_van(rij["status"], STATUSSEN, "status")
    _een_van(rij["soort"], SOORTEN, "soort")
    if rij["oordeel"] is not None:
        _een_van(rij["oordeel"], OORDELEN, "oordeel")
    _kenmerk(rij)
    _tekst(rij["onderwerp"], "het onderwerp", invoer.ONDERWERP)
    _tekst(rij["uw_kenmerk"], "uw kenmerk", invoer.UW_KENMERK)
    _tekst(rij["reactie_samenvatting"], "de samenvatting", invoer.SAMENVATTING)
    for kolom in ("geregistreerd_op", "ontvangen_op", "vastgesteld_op", "verzonden_op", "reactie_ontvangen_op"):
        _gebeurd(rij[kolom], kolom)
    for kolom in ("vergadering_op", "adviestermijn"):
        _gepland(rij[kolom], kolom)
    if rij["reactie_uiterlijk"] is not None and rij["verzonden_op"] is not None:
        # At most the longest term (52 weeks) plus a year of extensions after sending.
        if not rij["verzonden_op"] <= rij["reactie_uiterlijk"] <= rij["verzonden_op"] + timedelta(days=2 * 366 + 7):
            raise AdviesFout(f"reactie_uiterlijk ({rij['reactie_uiterlijk'].isoformat()}) past niet bij de verzending")
    if rij["vastgestelde_sha256"] is not None and not _SHA256.fullmatch(rij["vastgestelde_sha256"]):
        raise AdviesFout("vastgestelde_sha256 is geen sha256")
    if rij["rijversie"] < 1:
        raise AdviesFout("rijversie is kleiner dan 1")
    _velden_bij_status(rij)


def _kenmerk(rij: Rij) -> None:
    gevonden = _KENMERK.fullmatch(rij["kenmerk"])
    if gevonden is None or (int(gevonden[1]), int(gevonden[2]), gevonden[3]) != (
        rij["jaar"],
        rij["volgnummer"],
        rij["achtervoegsel"],
    ):
        raise AdviesFout(
            f"kenmerk '{invoer.zichtbaar(rij['kenmerk'])}' heeft niet de vorm 'CRA 2020-02' of past niet bij "
            "jaar, volgnummer en achtervoegsel"
        )
    if rij["volgnummer"] < 1 or not datumgrenzen.EERSTE_DATUM.year <= rij["jaar"] <= rij["geregistreerd_op"].year:
        raise AdviesFout(f"kenmerk '{rij['kenmerk']}' heeft een onmogelijk jaar of volgnummer")
    is_aanvulling = rij["soort"] == "aanvulling"
    if is_aanvulling != (rij["ouder_id"] is not None) or is_aanvulling != bool(rij["achtervoegsel"]):
        raise AdviesFout(f"{rij['kenmerk']}: alleen een aanvulling heeft een letter en een hoofdadvies")


def _velden_bij_status(rij: Rij) -> None:
    status = rij["status"]
    nodig = {
        "vastgesteld": ("vastgestelde_versie", "vastgestelde_sha256", "vastgesteld_op"),
        "verzonden": ("vastgestelde_versie", "vastgestelde_sha256", "verzonden_op", "reactie_uiterlijk"),
        "beantwoord": ("vastgestelde_versie", "verzonden_op", "reactie_ontvangen_op"),
    }.get(status, ())
    ontbreekt = [k for k in nodig if rij[k] is None]
    if ontbreekt:
        raise AdviesFout(f"status '{status}' zonder {', '.join(ontbreekt)}")


def _tekstversie(rij: Rij) -> None:
    if rij["versie"] < 1:
        raise AdviesFout("versie is kleiner dan 1")
    veilige_bestandsnaam(rij["bron_naam"])
    invoer.naam(rij["door"], "door")
    try:
        blokken = json.loads(rij["blokken"])
    except ValueError:
        raise AdviesFout("de blokken zijn geen geldige JSON") from None
    if not isinstance(blokken, list) or not all(isinstance(b, dict) for b in blokken):
        raise AdviesFout("de blokken zijn geen lijst van alinea's")


def _document(rij: Rij) -> None:
    _een_van(rij["soort"], DOCUMENTSOORTEN, "soort")
    veilige_bestandsnaam(rij["bestandsnaam"])
    _gebeurd(rij["datum"], "datum")
    invoer.naam(rij["door"], "door")
    if rij["kenmerk"] is not None:
        _tekst(rij["kenmerk"], "kenmerk", 40)


def _geschiedenis(rij: Rij) -> None:
    _een_van(rij["gebeurtenis"], sorted(GEBEURTENISSEN), "gebeurtenis")
    if rij["van"] is not None:
        _een_van(rij["van"], STATUSSEN, "van")
    _een_van(rij["naar"], STATUSSEN, "naar")
    invoer.naam(rij["door"], "door")
    _tekst(rij["notitie"], "notitie", NOTITIE, leeg_mag=True)


def _gebruiker(rij: Rij) -> None:
    _tekst(rij["naam"], "naam", invoer.NAAM)
    _een_van(rij["rol"], ROLLEN, "rol")


def _instelling(rij: Rij) -> None:
    instellingen.controleer_waarde(rij["sleutel"], rij["waarde"], rij["inhoud"])
    invoer.naam(rij["gewijzigd_door"], "gewijzigd_door")


def _samenhang_instellingen(rijen: list[Rij]) -> None:
    waarden = {sleutel: d.standaard for sleutel, d in instellingen.DEFINITIES.items()}
    waarden.update({r["sleutel"]: r["waarde"] for r in rijen})
    try:
        instellingen.controleer_samenhang(waarden)
    except AdviesFout as fout:
        raise Ongeldig(f"tabel instelling: {fout}") from None


_DOMEIN: dict[str, Callable[[Rij], None]] = {
    "gebruiker": _gebruiker,
    "instelling": _instelling,
    "advies": _advies,
    "tekstversie": _tekstversie,
    "document": _document,
    "geschiedenis": _geschiedenis,
}
