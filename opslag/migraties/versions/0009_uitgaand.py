"""uitgaand: the outbox of effects outside the database; every status column 64 wide

Revision ID: 0009
Revises: 0008
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Every column holding a Status value (opslag.modellen.STATUSLENGTE), with its old width.
STATUSKOLOMMEN = {"advies": [("status", False)], "geschiedenis": [("van", True), ("naar", False)]}
OUD, NIEUW = 20, 64


def _lengte(tabel: str, kolom: str, lengte: int) -> sa.CheckConstraint:
    # The same length check every sized text column has (migration 0005, opslag/modellen.py).
    return sa.CheckConstraint(f"length({kolom}) <= {lengte}", name=op.f(f"ck_{tabel}_{kolom}_lengte"))


def _verbreed(van: int, naar: int) -> None:
    for tabel, kolommen in STATUSKOLOMMEN.items():
        with op.batch_alter_table(tabel, schema=None) as batch_op:
            for kolom, leeg_mag in kolommen:
                batch_op.drop_constraint(batch_op.f(f"ck_{tabel}_{kolom}_lengte"), type_="check")
                batch_op.alter_column(
                    kolom,
                    existing_type=sqlmodel.sql.sqltypes.AutoString(length=van),
                    type_=sqlmodel.sql.sqltypes.AutoString(length=naar),
                    existing_nullable=leeg_mag,
                )
                batch_op.create_check_constraint(batch_op.f(f"ck_{tabel}_{kolom}_lengte"), f"length({kolom}) <= {naar}")


def upgrade() -> None:
    _verbreed(OUD, NIEUW)
    op.create_table(
        "uitgaand",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("soort", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("kenmerk", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True),
        sa.Column("plek", sqlmodel.sql.sqltypes.AutoString(length=255), nullable=True),
        sa.Column("gegevens", sa.Text(), nullable=False),
        sa.Column("inhoud", sa.LargeBinary(), nullable=True),
        sa.Column("aangemaakt", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("pogingen", sa.Integer(), nullable=False),
        sa.Column("volgende_poging", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("laatste_fout", sa.Text(), nullable=True),
        sa.Column("afgehandeld", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_uitgaand")),
        _lengte("uitgaand", "soort", 20),
        _lengte("uitgaand", "kenmerk", 40),
        _lengte("uitgaand", "plek", 255),
    )
    op.create_index(
        op.f("ix_uitgaand_afgehandeld_volgende_poging"), "uitgaand", ["afgehandeld", "volgende_poging"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_uitgaand_afgehandeld_volgende_poging"), table_name="uitgaand")
    op.drop_table("uitgaand")
    # A status longer than 20 cannot go back; today's statuses all fit.
    _verbreed(NIEUW, OUD)
