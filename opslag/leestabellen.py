"""The tables as the read commands see them: plain SQLAlchemy Core clauses, no ORM.

`lijst`, `toon`, `achterstallig` and `signalen` each start a new process to read and print. Defining
the SQLModel classes of `opslag.modellen` (pydantic schemas, ORM mappers) costs more than most of
their work, so those commands select from these lightweight clauses instead and never import
sqlmodel, pydantic or the ORM. Only the columns they read are named here; a date column carries
its type so a `date` compared with it is bound as the database expects. `opslag.modellen` stays the
one definition of the schema: tests/test_leestabellen.py checks every column here against it.
"""

from __future__ import annotations

from sqlalchemy import Date, DateTime, Integer, LargeBinary, String, Text, column, table

advies = table(
    "advies",
    column("id", Integer),
    column("kenmerk", String),
    column("jaar", Integer),
    column("volgnummer", Integer),
    column("achtervoegsel", String),
    column("onderwerp", Text),
    column("soort", String),
    column("status", String),
    column("geregistreerd_op", Date),
    column("ontvangen_op", Date),
    column("uw_kenmerk", String),
    column("adviestermijn", Date),
    column("vergadering_op", Date),
    column("vastgesteld_op", Date),
    column("verzonden_op", Date),
    column("reactie_uiterlijk", Date),
    column("reactie_ontvangen_op", Date),
    column("oordeel", String),
    column("reactie_samenvatting", Text),
    column("rijversie", Integer),
)

tekstversie = table(
    "tekstversie",
    column("id", Integer),
    column("advies_id", Integer),
    column("versie", Integer),
    column("sha256", String),
    column("bron_naam", String),
    column("aangemaakt_op", DateTime),
    column("door", String),
    column("blokken", Text),
)

document = table(
    "document",
    column("id", Integer),
    column("advies_id", Integer),
    column("soort", String),
    column("tekstversie", Integer),
    column("kenmerk", String),
    column("datum", Date),
    column("bestandsnaam", String),
    column("sha256", String),
    column("inhoud", LargeBinary),
)

geschiedenis = table(
    "geschiedenis",
    column("id", Integer),
    column("advies_id", Integer),
    column("gebeurtenis", String),
    column("van", String),
    column("naar", String),
    column("door", String),
    column("op", DateTime),
    column("notitie", Text),
)

gebruiker = table(
    "gebruiker",
    column("naam", String),
    column("rol", String),
)

instelling = table(
    "instelling",
    column("sleutel", String),
    column("waarde", Text),
    column("inhoud", LargeBinary),
)

termijnwijziging = table(
    "termijnwijziging",
    column("id", Integer),
    column("advies_id", Integer),
    column("soort", String),
    column("van", Date),
    column("tot", Date),
    column("reden", Text),
    column("uiterlijk_was", Date),
    column("uiterlijk_werd", Date),
    column("door", String),
    column("op", DateTime),
)

# The outbox (workflow.uitgaand): what `advies signalen` and `advies uitgaand` list.
uitgaand = table(
    "uitgaand",
    column("id", Integer),
    column("soort", String),
    column("kenmerk", String),
    column("pogingen", Integer),
    column("laatste_fout", Text),
    column("afgehandeld", DateTime),
)

ALLE = (advies, tekstversie, document, geschiedenis, gebruiker, instelling, termijnwijziging, uitgaand)
