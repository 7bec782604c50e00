"""web: the web page's password hashes and the failed logins that lock a name

Revision ID: 0004
Revises: 0002
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0004"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("gebruiker", schema=None) as batch_op:
        batch_op.add_column(sa.Column("wachtwoord_hash", sqlmodel.sql.sqltypes.AutoString(length=255), nullable=True))
    op.create_table(
        "mislukt_inloggen",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("naam", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("op", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mislukt_inloggen")),
    )
    with op.batch_alter_table("mislukt_inloggen", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_mislukt_inloggen_naam"), ["naam"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("mislukt_inloggen", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_mislukt_inloggen_naam"))
    op.drop_table("mislukt_inloggen")
    with op.batch_alter_table("gebruiker", schema=None) as batch_op:
        batch_op.drop_column("wachtwoord_hash")
