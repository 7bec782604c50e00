"""begin: advices, draft versions, documents, history, users and settings

Revision ID: 0001
Revises:
Create Date: 2026-11-23 02:32:06.648376
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "advies",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kenmerk", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("jaar", sa.Integer(), nullable=False),
        sa.Column("volgnummer", sa.Integer(), nullable=False),
        sa.Column("achtervoegsel", sqlmodel.sql.sqltypes.AutoString(length=2), nullable=False),
        sa.Column("ouder_id", sa.Integer(), nullable=True),
        sa.Column("onderwerp", sa.Text(), nullable=False),
        sa.Column("soort", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("geregistreerd_op", sa.Date(), nullable=False),
        sa.Column("ontvangen_op", sa.Date(), nullable=True),
        sa.Column("uw_kenmerk", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
        sa.Column("adviestermijn", sa.Date(), nullable=True),
        sa.Column("vergadering_op", sa.Date(), nullable=True),
        sa.Column("vastgesteld_op", sa.Date(), nullable=True),
        sa.Column("vastgestelde_versie", sa.Integer(), nullable=True),
        sa.Column("vastgestelde_sha256", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
        sa.Column("verzonden_op", sa.Date(), nullable=True),
        sa.Column("reactie_uiterlijk", sa.Date(), nullable=True),
        sa.Column("reactie_ontvangen_op", sa.Date(), nullable=True),
        sa.Column("oordeel", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=True),
        sa.Column("reactie_samenvatting", sa.Text(), nullable=True),
        sa.Column("rijversie", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["ouder_id"], ["advies.id"], name=op.f("fk_advies_ouder_id_advies")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_advies")),
        sa.UniqueConstraint("jaar", "volgnummer", "achtervoegsel", name="uq_advies_nummer"),
        sa.UniqueConstraint("kenmerk", name=op.f("uq_advies_kenmerk")),
    )
    with op.batch_alter_table("advies", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_advies_ouder_id"), ["ouder_id"], unique=False)
        batch_op.create_index("ix_advies_status_adviestermijn", ["status", "adviestermijn"], unique=False)
        batch_op.create_index("ix_advies_status_reactie_uiterlijk", ["status", "reactie_uiterlijk"], unique=False)

    op.create_table(
        "gebruiker",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("naam", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("rol", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("aangemaakt_op", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_gebruiker")),
        sa.UniqueConstraint("naam", name=op.f("uq_gebruiker_naam")),
    )
    op.create_table(
        "instelling",
        sa.Column("sleutel", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column("waarde", sa.Text(), nullable=False),
        sa.Column("inhoud", sa.LargeBinary(), nullable=True),
        sa.Column("gewijzigd_op", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("gewijzigd_door", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.PrimaryKeyConstraint("sleutel", name=op.f("pk_instelling")),
    )
    op.create_table(
        "document",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("advies_id", sa.Integer(), nullable=False),
        sa.Column("soort", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("tekstversie", sa.Integer(), nullable=True),
        sa.Column("kenmerk", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True),
        sa.Column("reeks_jaar", sa.Integer(), nullable=True),
        sa.Column("reeks_nummer", sa.Integer(), nullable=True),
        sa.Column("datum", sa.Date(), nullable=False),
        sa.Column("bestandsnaam", sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
        sa.Column("inhoud", sa.LargeBinary(), nullable=False),
        sa.Column("sha256", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("aangemaakt_op", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("door", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.ForeignKeyConstraint(["advies_id"], ["advies.id"], name=op.f("fk_document_advies_id_advies")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document")),
        sa.UniqueConstraint("reeks_jaar", "reeks_nummer", name="uq_document_reeks"),
    )
    with op.batch_alter_table("document", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_document_advies_id"), ["advies_id"], unique=False)

    op.create_table(
        "tekstversie",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("advies_id", sa.Integer(), nullable=False),
        sa.Column("versie", sa.Integer(), nullable=False),
        sa.Column("blokken", sa.Text(), nullable=False),
        sa.Column("sha256", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("bron_naam", sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
        sa.Column("bron", sa.LargeBinary(), nullable=False),
        sa.Column("aangemaakt_op", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("door", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.ForeignKeyConstraint(["advies_id"], ["advies.id"], name=op.f("fk_tekstversie_advies_id_advies")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tekstversie")),
        sa.UniqueConstraint("advies_id", "versie", name="uq_tekstversie_advies_versie"),
    )
    with op.batch_alter_table("tekstversie", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_tekstversie_advies_id"), ["advies_id"], unique=False)

    op.create_table(
        "geschiedenis",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("advies_id", sa.Integer(), nullable=False),
        sa.Column("gebeurtenis", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.Column("van", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=True),
        sa.Column("naar", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("door", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("op", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("notitie", sa.Text(), nullable=True),
        sa.Column("document_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["advies_id"], ["advies.id"], name=op.f("fk_geschiedenis_advies_id_advies")),
        sa.ForeignKeyConstraint(["document_id"], ["document.id"], name=op.f("fk_geschiedenis_document_id_document")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_geschiedenis")),
    )
    with op.batch_alter_table("geschiedenis", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_geschiedenis_advies_id"), ["advies_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("geschiedenis", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_geschiedenis_advies_id"))

    op.drop_table("geschiedenis")
    with op.batch_alter_table("tekstversie", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_tekstversie_advies_id"))

    op.drop_table("tekstversie")
    with op.batch_alter_table("document", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_document_advies_id"))

    op.drop_table("document")
    op.drop_table("instelling")
    op.drop_table("gebruiker")
    with op.batch_alter_table("advies", schema=None) as batch_op:
        batch_op.drop_index("ix_advies_status_reactie_uiterlijk")
        batch_op.drop_index("ix_advies_status_adviestermijn")
        batch_op.drop_index(batch_op.f("ix_advies_ouder_id"))

    op.drop_table("advies")
