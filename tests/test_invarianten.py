"""The register's invariants (workflow/invarianten.py) hold for what the commands and `advies demo`
write and name the first advice that breaks them; the demo's paths are the machine's own."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, text
from sqlmodel import Session

from adviesfouten import AdviesFout
from opslag.configuratie import database_url
from opslag.database import maak_engine, sessie
from tests.conftest import Advies, als_json, voer_uit, weiger
from workflow import demo, invarianten
from workflow.domein.rechten import Rechten
from workflow.domein.toestanden import BEGINSTATUS, STATUSSEN, Toestand, paden_vanaf, toegestane_stappen
from workflow.domein.toestanden import voer_uit as stap_uit


def _overtredingen() -> list[str]:
    engine = maak_engine(database_url())
    with sessie(engine, schrijven=False) as s:
        gevonden = invarianten.overtredingen(s)
    engine.dispose()
    return gevonden


def _wijzig(*opdrachten: str) -> None:
    engine = maak_engine(database_url())
    with engine.begin() as verbinding:
        for opdracht in opdrachten:
            verbinding.execute(text(opdracht))
    engine.dispose()


@pytest.mark.parametrize("soort", sorted(BEGINSTATUS))
def test_het_pad_naar_elke_status_volgt_de_machine(soort: str) -> None:
    """Each step of each derived path is one the machine itself takes, from where the one before ended."""
    begin: str = BEGINSTATUS[soort]
    iedereen = Rechten("demo", None, eenpersoonsmodus=True)
    for status, pad in paden_vanaf(begin).items():
        waar = begin
        for stap, van, naar in pad:
            assert van == waar and (stap, van, naar) in toegestane_stappen()
            assert stap_uit(Toestand("CRA 2020-01", van, iedereen, heeft_concepttekst=True), stap) == naar
            waar = naar
        assert waar == status


def test_de_paden_zijn_de_kortste() -> None:
    gevraagd = paden_vanaf("aangevraagd")
    assert set(gevraagd) == set(STATUSSEN)
    assert [stap for stap, _, _ in gevraagd["beantwoord"]] == [
        "concept",
        "agenderen",
        "vaststellen",
        "verzenden",
        "reactie",
    ]
    assert gevraagd["ingetrokken"] == [("intrekken", "aangevraagd", "ingetrokken")]
    assert gevraagd["aangevraagd"] == []
    assert "aangevraagd" not in paden_vanaf("concept")  # an unsolicited advice never was a request
    assert [stap for stap, _, _ in paden_vanaf("concept")["verzonden"]] == ["agenderen", "vaststellen", "verzenden"]


def test_demo_aantal_houdt_zich_aan_de_invarianten(advies: Advies) -> None:
    advies("demo", "--aantal", "300")
    assert _overtredingen() == []
    # Every other advice is unsolicited: it begins in concept, one step shorter.
    ongevraagd = als_json(advies("toon", "2016-07", "--json"))
    assert (ongevraagd["soort"], ongevraagd["status"]) == ("ongevraagd", "ingetrokken")
    assert [(g["gebeurtenis"], g["van"], g["naar"]) for g in ongevraagd["geschiedenis"]] == [
        ("registreren", None, "concept"),
        ("intrekken", "concept", "ingetrokken"),
    ]
    gevraagd = als_json(advies("toon", "2016-06", "--json"))
    assert [(g["gebeurtenis"], g["op"][:10]) for g in gevraagd["geschiedenis"]] == [
        ("registreren", gevraagd["geregistreerd_op"]),
        ("concept", "2016-02-28"),
        ("agenderen", gevraagd["vergadering_op"]),
        ("vaststellen", gevraagd["vastgesteld_op"]),
        ("verzenden", gevraagd["verzonden_op"]),
        ("reactie", gevraagd["reactie_ontvangen_op"]),
    ]


def test_de_rondleiding_houdt_zich_aan_de_invarianten(advies: Advies) -> None:
    """Built by the services: every step, a reminder, a draft sent back, a correction."""
    advies("demo")
    eerste = als_json(advies("lijst", "--json"))[0]["kenmerk"]
    advies("corrigeer", eerste, "--onderwerp", "Gecorrigeerd onderwerp", "--reden", "Tikfout")
    assert _overtredingen() == []


@pytest.mark.parametrize(
    ("opdrachten", "melding"),
    [
        (
            ["UPDATE advies SET status = 'verzonden' WHERE kenmerk = 'CRA 2016-02'"],
            "CRA 2016-02 staat op 'verzonden', maar de laatste regel van zijn geschiedenis eindigt op 'concept'",
        ),
        (
            [
                "DELETE FROM geschiedenis WHERE id = "
                "(SELECT min(id) FROM geschiedenis WHERE advies_id = "
                "(SELECT id FROM advies WHERE kenmerk = 'CRA 2016-02'))"
            ],
            "de geschiedenis van CRA 2016-02 begint niet met 'registreren' naar 'aangevraagd' maar met 'concept' "
            "van 'aangevraagd' naar 'concept'",
        ),
        (
            [
                "UPDATE geschiedenis SET van = 'concept' WHERE gebeurtenis = 'verzenden' "
                "AND advies_id = (SELECT id FROM advies WHERE kenmerk = 'CRA 2017-02')"
            ],
            "in de geschiedenis van CRA 2017-02 gaat 'verzenden' uit van 'concept', maar de regel ervoor eindigde op "
            "'vastgesteld'; de geschiedenis van CRA 2017-02 heeft 'verzenden' van 'concept' naar 'verzonden', "
            "en dat is geen stap van de toestandsmachine",
        ),
        (
            ["UPDATE advies SET kenmerk = 'CRA 2019-07' WHERE kenmerk = 'CRA 2017-01'"],
            "het kenmerk CRA 2019-07 past niet bij jaar 2017, volgnummer 1 en letter ''",
        ),
        (
            ["DELETE FROM geschiedenis WHERE advies_id = (SELECT id FROM advies WHERE kenmerk = 'CRA 2016-01')"],
            "CRA 2016-01 heeft geen geschiedenis",
        ),
    ],
)
def test_een_beschadigde_rij_wordt_genoemd(advies: Advies, opdrachten: list[str], melding: str) -> None:
    advies("demo", "--aantal", "30")
    _wijzig(*opdrachten)
    assert _overtredingen() == melding.split("; ")
    engine = maak_engine(database_url())
    with sessie(engine, schrijven=False) as s, pytest.raises(AdviesFout) as fout:
        invarianten.controleer(s)
    engine.dispose()
    assert str(fout.value) == f"het register klopt niet: {melding}"


def test_demo_weigert_rijen_die_de_invarianten_breken(advies: Advies, monkeypatch: pytest.MonkeyPatch) -> None:
    """A path that skips a step is refused before the commit: the register stays empty."""

    def zonder_vaststellen(begin: str) -> dict[str, list[tuple[str, str, str]]]:
        return {s: [stap for stap in pad if stap[0] != "vaststellen"] for s, pad in paden_vanaf(begin).items()}

    monkeypatch.setattr(demo, "paden_vanaf", zonder_vaststellen)
    assert weiger("demo", "--aantal", "30") == (
        "Fout: het register klopt niet: in de geschiedenis van CRA 2017-02 gaat 'verzenden' uit van 'vastgesteld', "
        "maar de regel ervoor eindigde op 'ter_vaststelling'; "
        "CRA 2017-01 staat op 'vastgesteld', maar de laatste regel van zijn geschiedenis eindigt op 'ter_vaststelling'"
    )
    assert voer_uit("lijst", "--json").stdout == "[]\n"


@pytest.fixture
def los_register() -> Iterator[Session]:
    """A register without the schema's unique constraints: only the check itself can see a double kenmerk."""
    engine = create_engine("sqlite://")
    with Session(engine) as s:
        s.execute(
            text(
                "CREATE TABLE advies (id INTEGER PRIMARY KEY, kenmerk TEXT, jaar INTEGER, volgnummer INTEGER, "
                "achtervoegsel TEXT, soort TEXT, status TEXT)"
            )
        )
        s.execute(
            text(
                "CREATE TABLE geschiedenis (id INTEGER PRIMARY KEY, advies_id INTEGER, gebeurtenis TEXT, "
                "van TEXT, naar TEXT)"
            )
        )
        yield s
    engine.dispose()


def test_een_dubbel_kenmerk_wordt_genoemd(los_register: Session) -> None:
    for id_ in (1, 2):
        los_register.execute(
            text(f"INSERT INTO advies VALUES ({id_}, 'CRA 2020-01A', 2020, 1, 'A', 'aanvulling', 'concept');")
        )
        los_register.execute(text(f"INSERT INTO geschiedenis VALUES ({id_}, {id_}, 'registreren', NULL, 'concept')"))
    assert invarianten.overtredingen(los_register) == ["het kenmerk CRA 2020-01A komt 2 keer voor"]


def test_elke_overgang_is_een_getypeerde_regel_van_de_machine() -> None:
    """The records are the one definition: each condition is a check of `Toestand`, each role one
    the machine can test, and the `transitions` form says the same as the record."""
    from workflow.domein.toestanden import OVERGANGEN, machineregels, rol_voor
    from workflow.domein.woorden import Rol, Status

    for overgang, regel in zip(OVERGANGEN, machineregels(), strict=True):
        assert all(isinstance(v, Status) for v in overgang.van) and overgang.van
        assert overgang.rol in (Rol.SECRETARIS, Rol.VOORZITTER) and rol_voor(overgang.stap) == overgang.rol
        assert all(callable(getattr(Toestand, naam, None)) for naam in regel["conditions"])
        assert (regel["trigger"], regel["source"], regel["dest"]) == (
            overgang.stap,
            [v.value for v in overgang.van],
            overgang.naar,
        )
