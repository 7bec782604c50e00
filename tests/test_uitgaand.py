"""The outbox (workflow/uitgaand.py): an effect outside the database is recorded in the unit of
work's transaction and performed after its commit, once. On both backends."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlmodel import Session, select

from adviesfouten import AdviesFout
from opslag.modellen import Advies as AdviesModel
from tests.conftest import Advies, als_json
from tests.termijnen_hulp import verzend
from workflow import registratie, uitgaand
from workflow.domein.rechten import Rechten
from workflow.register import Register

T0 = datetime(2020, 4, 1, 9, 0, tzinfo=UTC)
UITGEVOERD: list[tuple[int, str]] = []  # what the test kind `proef` performed: (id, its text)
_SLOT = threading.Lock()
FALEN: dict[str, int] = {}  # text -> how many more attempts fail
WACHT: dict[str, Callable[[], None]] = {}  # text -> what the performer waits for first


class Gedaan:
    def __init__(self, tekst: str) -> None:
        self.tekst = tekst

    def beschrijving(self) -> list[str]:
        return [f"Proef {self.tekst} gedaan"]


def proef(opdracht: uitgaand.Opdracht) -> Gedaan:
    """A performer for the tests: counts what it did; fails while FALEN says so."""
    tekst = str(opdracht.gegevens["tekst"])
    if tekst in WACHT:
        WACHT[tekst]()
    if FALEN.get(tekst, 0) > 0:
        FALEN[tekst] -= 1
        raise AdviesFout(f"kan {tekst} niet afleveren: de schijf is vol")
    with _SLOT:
        UITGEVOERD.append((opdracht.id, tekst))
    return Gedaan(tekst)


@pytest.fixture
def register(advies: Advies, monkeypatch: pytest.MonkeyPatch) -> Iterator[Register]:
    monkeypatch.setitem(uitgaand.UITVOERDERS, "proef", "tests.test_uitgaand:proef")
    UITGEVOERD.clear()
    FALEN.clear()
    WACHT.clear()
    register = Register()
    yield register
    register.sluit()


def neem_op(tekst: str, kenmerk: str | None = None) -> Callable[[Session, Rechten], int]:
    return lambda s, _wie: uitgaand.neem_op(s, "proef", {"tekst": tekst}, kenmerk=kenmerk, nu=T0)


def openstaand(register: Register) -> list[uitgaand.Openstaand]:
    with register.inzien() as (verbinding, _wie):
        return uitgaand.openstaand(verbinding)


def test_na_de_commit_een_keer(register: Register) -> None:
    nummer = register.wijzigen(neem_op("brief"))
    assert [o.id for o in openstaand(register)] == [nummer]
    uitkomsten = uitgaand.verwerk(register, nu=T0)
    assert [(u.id, u.gelukt, u.pogingen) for u in uitkomsten] == [(nummer, True, 1)]
    assert uitgaand.regels(uitkomsten) == ["Proef brief gedaan"]
    assert uitgaand.verwerk(register, nu=T0 + timedelta(days=1)) == []
    assert uitgaand.verwerk_een(register, nummer, nu=T0) is None  # done is done
    assert UITGEVOERD == [(nummer, "brief")]
    assert openstaand(register) == []


def test_een_teruggedraaide_transactie_laat_niets_na(register: Register) -> None:
    def werk(s: Session, wie: Rechten) -> None:
        neem_op("nooit")(s, wie)
        raise AdviesFout("geweigerd na het opnemen")

    with pytest.raises(AdviesFout):
        register.wijzigen(werk)
    assert openstaand(register) == []
    assert uitgaand.verwerk(register, nu=T0) == []
    assert UITGEVOERD == []


def test_een_herhaalde_transactie_neemt_een_keer_op(register: Register) -> None:
    """Register._transactie runs a unit of work again after a numbering race: the first attempt's
    row is rolled back with it, so only one effect is performed."""
    register.wijzigen(lambda s, wie: registratie.registreer_ongevraagd(s, wie, "Eerste", date(2020, 2, 1)))
    pogingen: list[int] = []

    def werk(s: Session, wie: Rechten) -> int:
        nummer = neem_op("een keer")(s, wie)
        pogingen.append(nummer)
        if len(pogingen) == 1:  # as if another process had taken number 01 in between: a real clash
            eerste = s.exec(select(AdviesModel)).one()
            s.add(AdviesModel(**eerste.model_dump(exclude={"id"})))
            s.flush()
        return nummer

    nummer = register.wijzigen(werk)
    assert len(pogingen) == 2
    assert [o.id for o in openstaand(register)] == [nummer]
    uitgaand.verwerk(register, nu=T0)
    assert UITGEVOERD == [(nummer, "een keer")]


def test_mislukt_wordt_opnieuw_geprobeerd_met_wachttijd(register: Register, advies: Advies) -> None:
    nummer = register.wijzigen(neem_op("vol", kenmerk="CRB 2020-01"))
    FALEN["vol"] = 3
    eerste = uitgaand.verwerk(register, nu=T0)
    assert [(u.gelukt, u.pogingen, u.fout) for u in eerste] == [(False, 1, "kan vol niet afleveren: de schijf is vol")]
    assert uitgaand.regels(eerste) == [
        f"Let op: kan vol niet afleveren: de schijf is vol (poging 1 van {uitgaand.MAX_POGINGEN}; "
        "er volgt een nieuwe poging)"
    ]
    signalen = als_json(advies("signalen", "--peildatum", "2020-04-01", "--json"))
    assert signalen == [
        {
            "kenmerk": "CRB 2020-01",
            "onderwerp": "proef CRB 2020-01",
            "signaal": "uitgaand_mislukt",
            "uiterlijk": None,
            "dagen": None,
            "pogingen": 1,
            "fout": "kan vol niet afleveren: de schijf is vol",
        }
    ]
    tekst = advies("signalen", "--peildatum", "2020-04-01").stdout
    assert "Uitgaand werk dat mislukte" in tekst and "kan vol niet afleveren: de schijf is vol" in tekst
    # 1 minute after the first failure, then 2, then 4.
    moment = T0
    for poging, wacht in ((2, 1), (3, 2), (4, 4)):
        assert uitgaand.verwerk(register, nu=moment + timedelta(minutes=wacht) - timedelta(seconds=1)) == []
        moment += timedelta(minutes=wacht)
        [uitkomst] = uitgaand.verwerk(register, nu=moment)
        assert (uitkomst.id, uitkomst.pogingen, uitkomst.gelukt) == (nummer, poging, poging == 4)
    assert UITGEVOERD == [(nummer, "vol")]
    assert als_json(advies("signalen", "--peildatum", "2020-04-01", "--json")) == []


def test_na_de_laatste_poging_blijft_het_mislukt(register: Register, advies: Advies) -> None:
    register.wijzigen(neem_op("kapot"))
    FALEN["kapot"] = 100
    moment = T0
    for poging in range(1, uitgaand.MAX_POGINGEN + 1):
        [uitkomst] = uitgaand.verwerk(register, nu=moment)
        assert (uitkomst.pogingen, uitkomst.opgegeven) == (poging, poging == uitgaand.MAX_POGINGEN)
        moment += uitgaand.wachttijd(poging)
    assert uitgaand.wachttijd(uitgaand.MAX_POGINGEN) == uitgaand.LANGSTE_WACHTTIJD
    assert uitgaand.verwerk(register, nu=moment + timedelta(days=365)) == []
    assert UITGEVOERD == []
    [rij] = openstaand(register)
    assert rij.toestand == f"opgegeven na {uitgaand.MAX_POGINGEN} pogingen"
    assert "opgegeven na 8 pogingen" in advies("uitgaand").stdout
    assert advies("uitgaand", "--json").stdout.count('"pogingen": 8') == 1


def test_alleen_op_de_eigen_plek(register: Register) -> None:
    """A file is written where the command that recorded it ran; a row without a plek is anyone's."""
    register.wijzigen(lambda s, _wie: uitgaand.neem_op(s, "proef", {"tekst": "hier"}, plek="elders:1", nu=T0))
    assert uitgaand.verwerk(register, nu=T0) == []
    assert [u.gelukt for u in uitgaand.verwerk(register, nu=T0, plek="elders:1")] == [True]


def test_twee_verwerkers_tegelijk_doen_alles_een_keer(register: Register) -> None:
    """Two dispatchers started together (a barrier, no sleep) perform every effect exactly once."""
    nummers = register.wijzigen(lambda s, wie: [neem_op(f"brief {i}")(s, wie) for i in range(12)])
    tegelijk = threading.Barrier(2)
    gedaan: list[list[uitgaand.Uitkomst]] = []
    fouten: list[BaseException] = []

    def draai() -> None:
        try:
            tegelijk.wait(30)
            gedaan.append(uitgaand.verwerk(register, nu=T0))
        except BaseException as fout:  # noqa: BLE001 - reported by the test below
            fouten.append(fout)

    draden = [threading.Thread(target=draai) for _ in range(2)]
    for draad in draden:
        draad.start()
    for draad in draden:
        draad.join(60)
    assert fouten == []
    assert sorted(nummer for nummer, _ in UITGEVOERD) == nummers
    assert sorted(u.id for uitkomsten in gedaan for u in uitkomsten) == nummers


def test_een_vastgehouden_effect_slaat_de_ander_over(register: Register) -> None:
    """While one dispatcher performs an effect, a second one does not perform it too: on PostgreSQL
    it skips the locked row at once (SKIP LOCKED), on SQLite it waits for the write lock and then
    finds it done."""
    nummer = register.wijzigen(neem_op("traag"))
    bezig, tweede_klaar = threading.Event(), threading.Event()
    postgresql = register.engine().dialect.name == "postgresql"

    def wacht() -> None:
        bezig.set()
        if postgresql:
            assert tweede_klaar.wait(30)

    WACHT["traag"] = wacht
    eerste: list[list[uitgaand.Uitkomst]] = []
    draad = threading.Thread(target=lambda: eerste.append(uitgaand.verwerk(register, nu=T0)))
    draad.start()
    assert bezig.wait(30)
    tweede = uitgaand.verwerk(register, nu=T0)
    tweede_klaar.set()
    draad.join(60)
    assert tweede == []
    assert [u.id for u in eerste[0]] == [nummer]
    assert UITGEVOERD == [(nummer, "traag")]


def test_de_webserver_verwerkt_op_de_achtergrond(register: Register) -> None:
    from starlette.testclient import TestClient

    from tests.webhulp import SLEUTEL, VASTE_DAG
    from workflow.web.app import maak_app

    eerste = register.wijzigen(neem_op("voor de start"))
    app = maak_app(register, sleutel=SLEUTEL, vandaag=lambda: VASTE_DAG)
    achtergrond: uitgaand.Achtergrond = app.state.uitgaand
    with TestClient(app) as client:  # the lifespan starts the dispatcher
        assert achtergrond.wacht_op_ronde(0, 30)
        assert UITGEVOERD == [(eerste, "voor de start")]
        tweede = register.wijzigen(neem_op("na een verzoek"))
        client.post("/uitloggen")  # a write request wakes the dispatcher
        for _ in range(3):  # a round begun before the row was there does not count
            if len(UITGEVOERD) == 2:
                break
            assert achtergrond.wacht_op_ronde(achtergrond.rondes, 30)
        assert UITGEVOERD == [(eerste, "voor de start"), (tweede, "na een verzoek")]
    assert achtergrond._draad is None  # stopped with the app


def test_de_herinnering_staat_na_de_opdracht_in_het_bestand(
    advies: Advies, tekst: Callable[..., Path], home: Path
) -> None:
    kenmerk = verzend(advies, tekst, "Stadjerspas", "2020-01-20")
    pad = home / "documenten" / "CRB-2020-01_herinnering.docx"
    uit = advies("herinnering", kenmerk, "--datum", "2020-04-01")
    assert uit.stdout == f"Herinnering CRB 2020-01 voor {kenmerk} opgeslagen en geschreven naar {pad}\n"
    assert pad.read_bytes()[:2] == b"PK"
    assert advies("uitgaand").stdout == "Er wacht geen uitgaand werk.\n"
    assert advies("uitgaand", "--verwerk").stdout == "Er wacht geen uitgaand werk.\n"


def test_de_webpagina_toont_wat_mislukte(register: Register, advies: Advies, home: Path) -> None:
    from starlette.testclient import TestClient

    from tests.webhulp import SLEUTEL, VASTE_DAG, ingericht, log_in
    from workflow.web.app import maak_app

    ingericht(advies, home)
    register.wijzigen(neem_op("vol", kenmerk="CRB 2020-01"))
    FALEN["vol"] = 1
    uitgaand.verwerk(register, nu=T0)
    client = TestClient(
        maak_app(register, sleutel=SLEUTEL, vandaag=lambda: VASTE_DAG)
    )  # no lifespan: no background dispatcher here
    log_in(client, "els")
    pagina = client.get("/").text
    assert "Uitgaand werk dat mislukte" in pagina
    assert "proef CRB 2020-01: <strong>mislukt (1 van 8 pogingen), wordt opnieuw geprobeerd</strong>" in pagina
    assert "(kan vol niet afleveren: de schijf is vol)" in pagina
    client.close()
