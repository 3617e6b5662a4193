"""Whom reminder letters address at each region or agency: position, name and greeting, in Russian
and Kazakh (all optional, empty in existing rows).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

COLUMNS = (
    ("addressee_position_ru", 300),
    ("addressee_position_kk", 300),
    ("addressee_name_ru", 200),
    ("addressee_name_kk", 200),
    ("salutation_ru", 200),
    ("salutation_kk", 200),
)


def upgrade() -> None:
    with op.batch_alter_table("executor") as batch:
        for name, length in COLUMNS:
            batch.add_column(sa.Column(name, sa.String(length=length), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("executor") as batch:
        for name, _length in reversed(COLUMNS):
            batch.drop_column(name)
