"""termijnen: the decree a calendar correction records, and each person's calendar feed token

Revision ID: 0008
Revises: 0007
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("feestdagcorrectie", schema=None) as batch_op:
        batch_op.add_column(sa.Column("bron", sa.Text(), nullable=True))
    with op.batch_alter_table("gebruiker", schema=None) as batch_op:
        batch_op.add_column(sa.Column("agenda_token", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True))
        batch_op.create_unique_constraint(batch_op.f("uq_gebruiker_agenda_token"), ["agenda_token"])
        # A sized column's length check, as migration 0005 adds for the others (opslag.modellen._lengtegrenzen).
        batch_op.create_check_constraint(batch_op.f("ck_gebruiker_agenda_token_lengte"), "length(agenda_token) <= 64")


def downgrade() -> None:
    with op.batch_alter_table("gebruiker", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_gebruiker_agenda_token_lengte"), type_="check")
        batch_op.drop_constraint(batch_op.f("uq_gebruiker_agenda_token"), type_="unique")
        batch_op.drop_column("agenda_token")
    with op.batch_alter_table("feestdagcorrectie", schema=None) as batch_op:
        batch_op.drop_column("bron")
