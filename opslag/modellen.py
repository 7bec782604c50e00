"""The tables. Every schema change here needs an Alembic migration in `migraties/versions/`."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import CheckConstraint, Column, Dialect, Index, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.types import TypeDecorator
from sqlmodel import Field, SQLModel

from workflow.domein.woorden import Status

# Constraint names must be stable so migrations (and SQLite batch mode) can find them again.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


# Every column that holds a Status value (advies.status, geschiedenis.van/naar): room for longer
# state names than today's (migration 0009 widened them from 20).
STATUSLENGTE = 64


class StatusTekst(TypeDecorator[Status]):
    """An advice's `Status`, stored as its text in a VARCHAR(STATUSLENGTE): the schema (and so the
    migrations) do not see the enum, the code never sees a bare string."""

    impl = String(STATUSLENGTE)
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        return None if value is None else Status(value).value

    def process_result_value(self, value: Any, dialect: Dialect) -> Status | None:
        return None if value is None else Status(value)


# The row version of an advice, shared with the mapper below for optimistic locking.
_advies_rijversie = Column("rijversie", Integer, nullable=False)


class Advies(SQLModel, table=True):
    """One advice: a request, an unsolicited advice or a supplement, with its dates and state."""

    __tablename__ = "advies"
    __table_args__ = (
        UniqueConstraint("jaar", "volgnummer", "achtervoegsel", name="uq_advies_nummer"),
        Index("ix_advies_status_reactie_uiterlijk", "status", "reactie_uiterlijk"),
        Index("ix_advies_status_adviestermijn", "status", "adviestermijn"),
        # The lists of one status, newest first (Mijn werk, the register page), without sorting them all.
        Index("ix_advies_status_nummer", "status", "jaar", "volgnummer", "achtervoegsel"),
    )

    id: int | None = Field(default=None, primary_key=True)
    kenmerk: str = Field(max_length=40, unique=True)
    jaar: int
    volgnummer: int
    achtervoegsel: str = Field(default="", max_length=2)
    ouder_id: int | None = Field(default=None, foreign_key="advies.id", index=True)
    onderwerp: str = Field(sa_column=Column(Text, nullable=False))
    soort: str = Field(max_length=20)
    status: Status = Field(sa_column=Column("status", StatusTekst(), nullable=False))
    geregistreerd_op: date
    ontvangen_op: date | None = None
    uw_kenmerk: str | None = Field(default=None, max_length=200)
    adviestermijn: date | None = None
    vergadering_op: date | None = None
    vastgesteld_op: date | None = None
    vastgestelde_versie: int | None = None
    vastgestelde_sha256: str | None = Field(default=None, max_length=64)
    verzonden_op: date | None = None
    reactie_uiterlijk: date | None = None
    reactie_ontvangen_op: date | None = None
    oordeel: str | None = Field(default=None, max_length=20)
    reactie_samenvatting: str | None = Field(default=None, sa_column=Column(Text))
    # Optimistic locking: every UPDATE checks and raises this, so two people changing
    # the same advice at once cannot silently overwrite each other.
    rijversie: int = Field(default=1, sa_column=_advies_rijversie)

    __mapper_args__ = {"version_id_col": _advies_rijversie}


class Tekstversie(SQLModel, table=True):
    """A stored draft text: the body paragraphs as JSON blocks, with the file it came from."""

    __tablename__ = "tekstversie"
    __table_args__ = (UniqueConstraint("advies_id", "versie", name="uq_tekstversie_advies_versie"),)

    id: int | None = Field(default=None, primary_key=True)
    advies_id: int = Field(foreign_key="advies.id", index=True)
    versie: int
    blokken: str = Field(sa_column=Column(Text, nullable=False))
    sha256: str = Field(max_length=64)
    bron_naam: str = Field(max_length=255)
    bron: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    aangemaakt_op: datetime
    door: str = Field(max_length=100)


class Document(SQLModel, table=True):
    """A stored file of an advice: a draft or final letter, a reminder, the college's response."""

    __tablename__ = "document"
    __table_args__ = (UniqueConstraint("reeks_jaar", "reeks_nummer", name="uq_document_reeks"),)

    id: int | None = Field(default=None, primary_key=True)
    advies_id: int = Field(foreign_key="advies.id", index=True)
    soort: str = Field(max_length=20)
    tekstversie: int | None = None
    kenmerk: str | None = Field(default=None, max_length=40)
    reeks_jaar: int | None = None
    reeks_nummer: int | None = None
    datum: date
    bestandsnaam: str = Field(max_length=255)
    inhoud: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    sha256: str = Field(max_length=64)
    aangemaakt_op: datetime
    door: str = Field(max_length=100)


class Geschiedenis(SQLModel, table=True):
    """One append-only history entry: a transition, a registration or another recorded event."""

    __tablename__ = "geschiedenis"

    id: int | None = Field(default=None, primary_key=True)
    advies_id: int = Field(foreign_key="advies.id", index=True)
    gebeurtenis: str = Field(max_length=30)
    van: str | None = Field(default=None, max_length=STATUSLENGTE)
    naar: str = Field(max_length=STATUSLENGTE)
    door: str = Field(max_length=100)
    op: datetime
    notitie: str | None = Field(default=None, sa_column=Column(Text))
    document_id: int | None = Field(default=None, foreign_key="document.id")


class Gebruiker(SQLModel, table=True):
    """A registered person: the login name and the role that decides what they may do."""

    __tablename__ = "gebruiker"

    id: int | None = Field(default=None, primary_key=True)
    naam: str = Field(max_length=100, unique=True)
    rol: str = Field(max_length=20)
    aangemaakt_op: datetime
    # The web page's password, as an Argon2id hash (argon2-cffi's encoded form); None: no web login.
    wachtwoord_hash: str | None = Field(default=None, max_length=255)
    # The secret of the person's calendar feed (/agenda/<token>.ics), which a calendar reads without a
    # session; None: no feed. Renewing it makes the old address stop working.
    agenda_token: str | None = Field(default=None, max_length=64, unique=True)


class Websessie(SQLModel, table=True):
    """A browser logged in to the web page. Its cookie holds only a random id; this table keeps the
    id's SHA-256, so a copy of the database opens no session. Times are Unix seconds: compared with
    plain arithmetic on both backends."""

    __tablename__ = "websessie"

    sleutel: str = Field(primary_key=True, max_length=64)
    gebruiker: str = Field(max_length=100, index=True)
    aangemaakt_op: int
    actief_op: int


class Inlogteller(SQLModel, table=True):
    """Login attempts for one name from unknown browsers (`naam:<naam>`) or from one known browser
    (`apparaat:<id>`), counted in the database so several server processes lock together. `tot` is
    the end of the counting window, or of the lock once the attempts went past the limit (Unix seconds)."""

    __tablename__ = "inlogteller"

    sleutel: str = Field(primary_key=True, max_length=200)
    pogingen: int
    tot: int


class Wachtwoordherstel(SQLModel, table=True):
    """A one-time link to set a new web password, made by the secretaris for a user who forgot hers.
    The link holds a random token; this table keeps only its SHA-256 (a copy of the database opens
    nothing), with the user, who made it, and when it expires (Unix seconds). Spending it deletes it;
    a newer link for the same user replaces it."""

    __tablename__ = "wachtwoordherstel"

    sleutel: str = Field(primary_key=True, max_length=64)
    gebruiker: str = Field(max_length=100, index=True)
    door: str = Field(max_length=100)
    aangemaakt_op: int
    verloopt_op: int


class Instelling(SQLModel, table=True):
    """A shared setting. File settings (logo, template) keep the file itself in `inhoud`."""

    __tablename__ = "instelling"

    sleutel: str = Field(primary_key=True, max_length=60)
    waarde: str = Field(sa_column=Column(Text, nullable=False))
    inhoud: bytes | None = Field(default=None, sa_column=Column(LargeBinary))
    gewijzigd_op: datetime
    gewijzigd_door: str = Field(max_length=100)


class Feestdagcorrectie(SQLModel, table=True):
    """The council's correction of the Atw calendar: a day equated (`toegevoegd`) or not (`verwijderd`),
    a decree recorded (`bron`) or the council's own decision. Append-only; the latest entry for a date holds."""

    __tablename__ = "feestdagcorrectie"

    id: int | None = Field(default=None, primary_key=True)
    datum: date = Field(index=True)
    soort: str = Field(max_length=20)
    reden: str = Field(sa_column=Column(Text, nullable=False))
    door: str = Field(max_length=100)
    op: datetime
    # The decree's title (and Staatscourant number) when the correction records a decree; None: the council's own.
    bron: str | None = Field(default=None, sa_column=Column(Text, nullable=True))


class Termijnwijziging(SQLModel, table=True):
    """A moved response due date: a suspension (`opschorting`, van..tot both included) or an
    extension agreed with the college (`verlenging`), with its reason and the dates before and after."""

    __tablename__ = "termijnwijziging"

    id: int | None = Field(default=None, primary_key=True)
    advies_id: int = Field(foreign_key="advies.id", index=True)
    soort: str = Field(max_length=20)
    van: date | None = None
    tot: date | None = None
    reden: str = Field(sa_column=Column(Text, nullable=False))
    uiterlijk_was: date | None = None
    uiterlijk_werd: date
    door: str = Field(max_length=100)
    op: datetime


class Uitgaand(SQLModel, table=True):
    """An effect outside the database (a letter file to write, later an e-mail): recorded in the
    transaction that causes it and performed after its commit by workflow.uitgaand (an outbox).

    It belongs to the server, not to the register: an archive neither exports nor imports it.
    `gegevens` is plain JSON; bytes go in `inhoud`. `plek` names the machine and account that can
    perform it (a file is written where the command ran); None: any dispatcher. Not done while
    `afgehandeld` is None; given up once `pogingen` reached workflow.uitgaand.MAX_POGINGEN."""

    __tablename__ = "uitgaand"
    __table_args__ = (Index("ix_uitgaand_afgehandeld_volgende_poging", "afgehandeld", "volgende_poging"),)

    id: int | None = Field(default=None, primary_key=True)
    soort: str = Field(max_length=20)
    kenmerk: str | None = Field(default=None, max_length=40)
    plek: str | None = Field(default=None, max_length=255)
    gegevens: str = Field(sa_column=Column(Text, nullable=False))
    inhoud: bytes | None = Field(default=None, sa_column=Column(LargeBinary))
    aangemaakt: datetime
    pogingen: int = 0
    volgende_poging: datetime
    laatste_fout: str | None = Field(default=None, sa_column=Column(Text))
    afgehandeld: datetime | None = None


def _lengtegrenzen() -> None:
    """A CHECK on the length of every sized text column (migration 0003).

    SQLite ignores the n of VARCHAR(n); without these checks it would store what PostgreSQL
    refuses, and an archive from SQLite could not be read into PostgreSQL. A new sized column
    needs its check in its migration too.
    """
    for tabel in SQLModel.metadata.tables.values():
        for kolom in list(tabel.columns):
            lengte = getattr(kolom.type, "length", None)
            if lengte:
                tabel.append_constraint(
                    CheckConstraint(f"length({kolom.name}) <= {lengte}", name=f"{kolom.name}_lengte")
                )


_lengtegrenzen()
