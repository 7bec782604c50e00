"""wachtwoordherstel: one-time links to set a new web password (only the token's hash is kept)

Revision ID: 0010
Revises: 0009
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _lengte(tabel: str, kolom: str, lengte: int) -> sa.CheckConstraint:
    # The same length check every sized text column has (migration 0005, opslag/modellen.py).
    return sa.CheckConstraint(f"length({kolom}) <= {lengte}", name=op.f(f"ck_{tabel}_{kolom}_lengte"))


def upgrade() -> None:
    op.create_table(
        "wachtwoordherstel",
        sa.Column("sleutel", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("gebruiker", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("door", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("aangemaakt_op", sa.Integer(), nullable=False),
        sa.Column("verloopt_op", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("sleutel", name=op.f("pk_wachtwoordherstel")),
        _lengte("wachtwoordherstel", "sleutel", 64),
        _lengte("wachtwoordherstel", "gebruiker", 100),
        _lengte("wachtwoordherstel", "door", 100),
    )
    op.create_index(op.f("ix_wachtwoordherstel_gebruiker"), "wachtwoordherstel", ["gebruiker"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_wachtwoordherstel_gebruiker"), table_name="wachtwoordherstel")
    op.drop_table("wachtwoordherstel")
