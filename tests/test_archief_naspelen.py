"""An archive imports only when the engine itself could have made its register: one tampered archive
per rule, each refused with its own message and nothing changed; `--controleer` lists every
problem; an archive of every earlier release still imports.

The archives under tests/archieven/ were exported by the releases named in their schema version
(the last commit of the main line with that version: 0001 a818001, 0004 a24832b, 0005 2adbdc7,
0006 9b76a84; 0007 and 0008 by the merges of the web sessions and the decrees; 0009 by the outbox; 0010 by the
password-reset links),
all by the same walk (tests/archieven/maak.sh):
two requests, an unsolicited advice and a supplement, through approval, sending, an extension, a
reminder, a response and a withdrawal, and (from 0004 on) a suspension and a calendar correction.
Every archive format has version 1; what differs between releases is the schema of the tables.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from opslag.schema import SCHEMAVERSIE
from tests.conftest import als_json, voer_uit, weiger
from workflow import archief

ARCHIEVEN = Path(__file__).parent / "archieven"
HUIDIG = ARCHIEVEN / f"schema-{SCHEMAVERSIE}.zip"
KENMERKEN = ["CRA 2020-03A", "CRA 2020-03", "CRA 2020-02", "CRA 2020-01"]

Tabellen = dict[str, list[dict[str, Any]]]


def vervals(bron: Path, doel: Path, wijzig: Callable[[Tabellen], None]) -> Path:
    """A deliberate edit: rows changed through `wijzig`, the manifest's counts and hashes made to match."""
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
        data = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rijen).encode()
        bestanden[f"tabellen/{tabel}.jsonl"] = data
        manifest["rijen"][tabel] = len(rijen)
        manifest["bestanden"][f"tabellen/{tabel}.jsonl"] = hashlib.sha256(data).hexdigest()
    bestanden["manifest.json"] = json.dumps(manifest).encode()
    with zipfile.ZipFile(doel, "w") as nieuw:
        for naam, data in bestanden.items():
            nieuw.writestr(naam, data)
    return doel


def rij(tabellen: Tabellen, tabel: str, id_: int) -> dict[str, Any]:
    return next(r for r in tabellen[tabel] if r["id"] == id_)


def zet(tabel: str, id_: int, **waarden: Any) -> Callable[[Tabellen], None]:
    def wijzig(tabellen: Tabellen) -> None:
        rij(tabellen, tabel, id_).update(waarden)

    return wijzig


def zonder(tabel: str, *ids: int) -> Callable[[Tabellen], None]:
    def wijzig(tabellen: Tabellen) -> None:
        tabellen[tabel] = [r for r in tabellen[tabel] if r["id"] not in ids]

    return wijzig


def samen(*wijzigingen: Callable[[Tabellen], None]) -> Callable[[Tabellen], None]:
    def wijzig(tabellen: Tabellen) -> None:
        for wijziging in wijzigingen:
            wijziging(tabellen)

    return wijzig


@pytest.fixture
def leeg(ingericht: Path) -> None:
    """A fresh, initialised and otherwise empty register to import into."""


def niets_ingelezen() -> None:
    assert als_json(voer_uit("lijst", "--json")) == []
    assert als_json(voer_uit("gebruiker", "lijst", "--json")) == []
    assert [d for d in als_json(voer_uit("feestdag", "lijst", "2027", "--json")) if d["bron"] == "raad"] == []


TOEKOMST = "ligt in de toekomst; dit is al gebeurd"
REGISTER = "het register klopt niet: "
# Advice 1 (CRA 2020-01): registered, concept, agenda, approved, sent (letter 2), extended,
# suspended, reminded (CRB 2020-01, document 3). Advice 2 (CRA 2020-02): requested, withdrawn.
# Advice 3 (CRA 2020-03): unsolicited, through to answered. Advice 4: the supplement 03A.
VERVALSINGEN: list[tuple[str, Callable[[Tabellen], None], str]] = [
    (
        "sprong aangevraagd naar verzonden",
        samen(zonder("geschiedenis", 2, 3, 4), zet("geschiedenis", 5, van="aangevraagd")),
        REGISTER + "de geschiedenis van CRA 2020-01 heeft 'verzenden' van 'aangevraagd' naar 'verzonden', en dat "
        "is geen stap van de toestandsmachine",
    ),
    (
        "gebroken keten",
        zonder("geschiedenis", 13),
        REGISTER + "in de geschiedenis van CRA 2020-03 gaat 'vaststellen' uit van 'ter_vaststelling', maar de regel "
        "ervoor eindigde op 'concept'",
    ),
    ("zonder geschiedenis", zonder("geschiedenis", 9, 10), REGISTER + "CRA 2020-02 heeft geen geschiedenis"),
    (
        "status niet de laatste stap",
        zet("advies", 2, status="concept"),
        REGISTER
        + "CRA 2020-02 staat op 'concept', maar de laatste regel van zijn geschiedenis eindigt op 'ingetrokken'",
    ),
    (
        "begint niet bij registratie",
        zonder("geschiedenis", 9),
        REGISTER + "de geschiedenis van CRA 2020-02 begint niet met 'registreren' naar 'aangevraagd' maar met "
        "'intrekken' van 'aangevraagd' naar 'ingetrokken'",
    ),
    (
        "cijfers over de volle breedte",
        zet("advies", 2, kenmerk="CRA \uff12\uff10\uff12\uff10-\uff10\uff12"),
        "tabel advies, rij 2: kenmerk 'CRA \uff12\uff10\uff12\uff10-\uff10\uff12' heeft niet de vorm 'CRA 2020-02' "
        "(letters A-Z, een spatie, het jaar, een streepje en een volgnummer in de cijfers 0-9)",
    ),
    (
        "onbekend voorvoegsel",
        zet("advies", 2, kenmerk="ZZZ 2020-02"),
        "ZZZ 2020-02: het voorvoegsel 'ZZZ' is niet dat van kenmerk.advies ('CRA'), en het kenmerk werd niet "
        "gegeven voordat die instelling veranderde",
    ),
    (
        "kenmerk past niet bij het nummer",
        zet("advies", 2, kenmerk="CRA 2020-07"),
        REGISTER + "het kenmerk CRA 2020-07 past niet bij jaar 2020, volgnummer 2 en letter ''",
    ),
    (
        "formule als briefkenmerk",
        zet("document", 3, kenmerk='=HYPERLINK("http://x")'),
        "tabel document, rij 3: kenmerk '=HYPERLINK(\"http://x\")' heeft niet de vorm 'CRB 2021-02' (letters A-Z, "
        "een spatie, het jaar, een streepje en een volgnummer in de cijfers 0-9)",
    ),
    (
        "briefkenmerk niet het nummer",
        zet("document", 3, kenmerk="CRB 2020-07"),
        "CRA 2020-01, document 3: het kenmerk 'CRB 2020-07' is niet 'CRB 2020-01'",
    ),
    (
        "verzonden zonder brief",
        zet("geschiedenis", 5, document_id=None),
        "CRA 2020-01: 'verzenden' zonder de verzonden brief",
    ),
    (
        "herinnering zonder herinneringsbrief",
        zet("geschiedenis", 8, document_id=1),
        "CRA 2020-01: 'herinnering' zonder de herinneringsbrief",
    ),
    (
        "brief van een ander advies",
        zet("geschiedenis", 15, document_id=2),
        "CRA 2020-03: de geschiedenis ('verzenden') noemt een document van een ander advies",
    ),
    (
        "feestdag met escape",
        zet("feestdagcorrectie", 1, reden="Besluit \x1b[2J"),
        "tabel feestdagcorrectie, rij 1: de reden bevat een niet-toegestaan teken (\\x1b); typ de tekst opnieuw",
    ),
    (
        "feestdag met U+202E",
        zet("feestdagcorrectie", 1, reden="Besluit \u202e321 .btS"),
        "tabel feestdagcorrectie, rij 1: de reden bevat een niet-toegestaan teken (\\u202e); typ de tekst opnieuw",
    ),
    (
        "feestdag van een onbekende soort",
        zet("feestdagcorrectie", 1, soort="gehackt"),
        "tabel feestdagcorrectie, rij 1: soort 'gehackt' is onbekend; mogelijk: toegevoegd, verwijderd",
    ),
    (
        "feestdag in 1900",
        zet("feestdagcorrectie", 1, datum="1900-01-01"),
        "tabel feestdagcorrectie, rij 1: datum (1900-01-01) ligt vóór 1990-01-01, de vroegst mogelijke datum",
    ),
    (
        "feestdag vastgelegd in 2099",
        zet("feestdagcorrectie", 1, op="2099-01-01T00:00:00+00:00"),
        f"tabel feestdagcorrectie, rij 1: op (2099-01-01T00:00:00+00:00) {TOEKOMST}",
    ),
    (
        "geschiedenis in 2099",
        zet("geschiedenis", 16, op="2099-06-01T12:00:00+00:00"),
        f"tabel geschiedenis, rij 16: op (2099-06-01T12:00:00+00:00) {TOEKOMST}",
    ),
    (
        "rijversie 2^63-1",
        zet("advies", 1, rijversie=2**63 - 1),
        f"tabel advies, rij 1: rijversie is te groot ({2**63 - 1}); een kolom houdt ten hoogste 2147483647",
    ),
    (
        "rijversie aan de grens",
        zet("advies", 1, rijversie=2**31 - 1),
        "tabel advies, rij 1: rijversie 2147483647 ligt niet tussen 1 en 2147483646",
    ),
    (
        "opschorting van een advies dat niet verzonden is",
        zet("termijnwijziging", 2, advies_id=2),
        "CRA 2020-02: een opschorting van de reactietermijn, maar het is niet verzonden",
    ),
    (
        "een versie overgeslagen",
        zet("tekstversie", 2, versie=2),
        "CRA 2020-03: de tekstversies zijn 2, niet 1 tot en met 1",
    ),
    (
        "een agenda-adres",
        zet("gebruiker", 1, agenda_token="a" * 43),
        "tabel gebruiker, rij 1: een archief draagt geen agenda-adres; dat hoort bij de server die het maakte",
    ),
    (
        "opschorting achterstevoren",
        zet("termijnwijziging", 2, van="2020-02-21", tot="2020-02-17"),
        "tabel termijnwijziging, rij 2: een opschorting heeft een eerste en een laatste dag, de eerste vooraan",
    ),
]


@pytest.mark.parametrize("wijzig, melding", [(w, m) for _, w, m in VERVALSINGEN], ids=[n for n, _, _ in VERVALSINGEN])
def test_een_onmogelijk_register_wordt_geweigerd(
    leeg: None, tmp_path: Path, wijzig: Callable[[Tabellen], None], melding: str
) -> None:
    vals = vervals(HUIDIG, tmp_path / "vals.zip", wijzig)
    assert (
        weiger("archief", "importeer", str(vals)) == f"Fout: 'vals.zip' is ongeldig: {melding}; er is niets ingelezen"
    )
    niets_ingelezen()


def test_een_stap_door_wie_toen_nog_geen_gebruiker_was(leeg: None, tmp_path: Path) -> None:
    """Once the first user was registered (els, back-dated here), a step by someone registered only
    later cannot have been taken: the chair approved before he existed."""
    vals = vervals(
        HUIDIG,
        tmp_path / "vals.zip",
        samen(zet("gebruiker", 1, aangemaakt_op="2020-01-01T00:00:00+00:00"), zet("geschiedenis", 4, door="hans")),
    )
    regel = weiger("archief", "importeer", str(vals))
    assert regel.startswith("Fout: 'vals.zip' is ongeldig: CRA 2020-01: 'vaststellen' op 2026-")
    assert "door 'hans', die pas op 2026-" in regel and regel.endswith(" gebruiker werd; er is niets ingelezen")
    niets_ingelezen()


def test_controleer_noemt_elk_probleem_en_leest_niets_in(leeg: None, tmp_path: Path) -> None:
    vals = vervals(
        HUIDIG,
        tmp_path / "vals.zip",
        samen(zet("advies", 2, kenmerk="ZZZ 2020-02"), zet("geschiedenis", 5, document_id=None)),
    )
    uitkomst = voer_uit("archief", "importeer", str(vals), "--controleer", code=1)
    assert uitkomst.stdout == (
        "- CRA 2020-01: 'verzenden' zonder de verzonden brief\n"
        "- ZZZ 2020-02: het voorvoegsel 'ZZZ' is niet dat van kenmerk.advies ('CRA'), en het kenmerk werd niet "
        "gegeven voordat die instelling veranderde\n"
    )
    assert uitkomst.stderr == "Fout: 'vals.zip' heeft 2 problemen; er is niets ingelezen\n"
    niets_ingelezen()
    assert voer_uit("archief", "importeer", str(HUIDIG), "--controleer").stdout == (
        f"Archief {HUIDIG} is in orde (4 adviezen, 2 tekstversies, 5 documenten, 17 regels geschiedenis, "
        "2 gebruikers, 2 instellingen); er is niets ingelezen.\n"
    )
    niets_ingelezen()


def test_controleer_noemt_de_fouten_in_het_register(leeg: None, tmp_path: Path) -> None:
    """Rows that are each fine, in a register that is not: the invariants, in a scratch database."""
    vals = vervals(HUIDIG, tmp_path / "vals.zip", samen(zet("advies", 2, status="concept"), zonder("geschiedenis", 13)))
    uitkomst = voer_uit("archief", "importeer", str(vals), "--controleer", code=1)
    assert uitkomst.stdout == (
        "- het register klopt niet: in de geschiedenis van CRA 2020-03 gaat 'vaststellen' uit van "
        "'ter_vaststelling', maar de regel ervoor eindigde op 'concept'\n"
        "- het register klopt niet: CRA 2020-02 staat op 'concept', maar de laatste regel van zijn geschiedenis "
        "eindigt op 'ingetrokken'\n"
    )
    niets_ingelezen()


def test_nu_is_in_te_stellen() -> None:
    """The dates are checked against the moment given, not against today: on 1 March 2020 none of
    the archive's rows had been written yet; in 2099 all of them had."""
    problemen, _ = archief.controleer(HUIDIG, nu=datetime(2020, 3, 1, tzinfo=UTC))
    assert len(problemen) > 10 and all(p.endswith(TOEKOMST) for p in problemen)
    assert archief.controleer(HUIDIG, nu=datetime(2099, 1, 1, tzinfo=UTC))[0] == []


@pytest.mark.parametrize("versie", sorted(p.stem.removeprefix("schema-") for p in ARCHIEVEN.glob("schema-*.zip")))
def test_een_archief_van_een_eerdere_versie_komt_erin(leeg: None, versie: str) -> None:
    """Every release's archive imports, on either backend, and its register is the walk's; the
    extension of 0001 (before the table of due date changes) comes in through migration 0002."""
    voer_uit("archief", "importeer", str(ARCHIEVEN / f"schema-{versie}.zip"))
    lijst = als_json(voer_uit("lijst", "--json"))
    assert [(a["kenmerk"], a["status"]) for a in lijst] == [
        ("CRA 2020-03A", "concept"),
        ("CRA 2020-03", "beantwoord"),
        ("CRA 2020-02", "ingetrokken"),
        ("CRA 2020-01", "verzonden"),
    ]
    eerste = als_json(voer_uit("toon", "CRA 2020-01", "--json"))
    assert [(w["soort"], w["uiterlijk_werd"]) for w in eerste["termijnwijzigingen"]][:1] == [
        ("verlenging", "2020-04-01")
    ]
    assert [d["bestandsnaam"] for d in eerste["documenten"] if d["soort"] == "herinnering"] == [
        "CRB-2020-01_herinnering.docx"
    ]
    assert {g["naam"]: g["rol"] for g in als_json(voer_uit("gebruiker", "lijst", "--json"))} == {
        "els": "secretaris",
        "hans": "voorzitter",
    }


def test_er_is_een_archief_van_deze_versie() -> None:
    """A schema change needs an archive of the release before it: the new release must still read it."""
    assert HUIDIG.exists(), f"maak {HUIDIG.name} met tests/archieven/maak.sh voor de nieuwe schemaversie"
    assert {"0001", "0004", "0005"} <= {p.stem.removeprefix("schema-") for p in ARCHIEVEN.glob("schema-*.zip")}


def test_een_onbekende_schemaversie_wordt_geweigerd(leeg: None, tmp_path: Path) -> None:
    with zipfile.ZipFile(HUIDIG) as oud, zipfile.ZipFile(tmp_path / "nieuw.zip", "w") as nieuw:
        for naam in oud.namelist():
            data = oud.read(naam)
            if naam == "manifest.json":
                manifest = json.loads(data)
                manifest["schemaversie"] = "9999"
                data = json.dumps(manifest).encode()
            nieuw.writestr(naam, data)
    assert weiger("archief", "importeer", str(tmp_path / "nieuw.zip")) == (
        f"Fout: 'nieuw.zip' is beschadigd of gewijzigd: het archief heeft schemaversie 9999, die deze versie van "
        f"advies (schemaversie {SCHEMAVERSIE}) niet kent; lees het in met de versie van advies die het maakte; "
        "er is niets ingelezen"
    )
    niets_ingelezen()


@pytest.mark.parametrize(
    "opdracht, melding",
    [
        (
            "UPDATE geschiedenis SET document_id = NULL WHERE gebeurtenis = 'verzenden'",
            "CRA 2020-01: 'verzenden' zonder de verzonden brief",
        ),
        (
            "UPDATE advies SET status = 'concept' WHERE kenmerk = 'CRA 2020-02'",
            "het register klopt niet: CRA 2020-02 staat op 'concept', maar de laatste regel van zijn geschiedenis "
            "eindigt op 'ingetrokken'",
        ),
    ],
    ids=["brief weg", "status"],
)
def test_een_export_van_een_onmogelijk_register_wordt_gemeld(
    leeg: None, home: Path, tmp_path: Path, opdracht: str, melding: str
) -> None:
    """A register changed past the commands gives no archive that looks fine: the export names the
    first problem and writes nothing."""
    from sqlalchemy import create_engine, text

    from opslag.configuratie import database_url
    from tests import databanken

    voer_uit("archief", "importeer", str(HUIDIG))
    url = databanken.HUIDIGE.beheer if databanken.HUIDIGE is not None else database_url()
    engine = create_engine(url)
    with engine.begin() as verbinding:
        verbinding.execute(text(opdracht))
    engine.dispose()
    doel = tmp_path / "a.zip"
    regel = weiger("archief", "exporteer", "--uit", str(doel))
    assert regel.startswith("Fout: het geschreven archief doorstaat de controle niet (")
    assert regel.endswith(f"is ongeldig: {melding}; er is niets ingelezen); er is geen archief geschreven")
    assert not doel.exists()
