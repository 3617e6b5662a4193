"""Case-folded copy of decision texts, so searches ignore case in any alphabet on any database.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

decision_text = sa.table(
    "decision_text", sa.column("id", sa.Integer), sa.column("text", sa.Text), sa.column("folded", sa.Text)
)


def upgrade() -> None:
    with op.batch_alter_table("decision_text") as batch_op:
        batch_op.add_column(sa.Column("folded", sa.Text(), nullable=False, server_default=""))
    connection = op.get_bind()
    rows = connection.execute(sa.select(decision_text.c.id, decision_text.c.text)).all()
    if rows:
        connection.execute(
            decision_text.update().where(decision_text.c.id == sa.bindparam("row_id")),
            [{"row_id": row_id, "folded": (text or "").casefold()} for row_id, text in rows],
        )


def downgrade() -> None:
    with op.batch_alter_table("decision_text") as batch_op:
        batch_op.drop_column("folded")
