"""Initial schema: forums, decisions and their texts, directories, assignments, progress, audit.

Revision ID: 0001
Revises: 
Create Date: 2026-11-25 13:11:28.750444
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('audit_log',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('actor', sa.String(length=200), nullable=False),
    sa.Column('source', sa.String(length=20), nullable=False),
    sa.Column('table_name', sa.String(length=60), nullable=False),
    sa.Column('record_id', sa.Integer(), nullable=True),
    sa.Column('action', sa.String(length=10), nullable=False),
    sa.Column('changes', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_log'))
    )
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_log_at'), ['at'], unique=False)
        batch_op.create_index('ix_audit_log_record', ['table_name', 'record_id'], unique=False)

    op.create_table('executor',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=True),
    sa.Column('country', sa.String(length=2), nullable=True),
    sa.Column('region_kind', sa.String(length=20), nullable=False),
    sa.Column('name_ru', sa.String(length=300), nullable=False),
    sa.Column('name_kk', sa.String(length=300), nullable=False),
    sa.Column('name_en', sa.String(length=300), nullable=False),
    sa.Column('is_border', sa.Boolean(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("kind IN ('region', 'agency')", name=op.f('ck_executor_kind_known')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_executor')),
    sa.UniqueConstraint('code', name=op.f('uq_executor_code'))
    )
    op.create_table('forum',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('city_ru', sa.String(length=200), nullable=False),
    sa.Column('city_kk', sa.String(length=200), nullable=False),
    sa.Column('country', sa.String(length=2), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('end_date', sa.Date(), nullable=False),
    sa.Column('theme_ru', sa.Text(), nullable=False),
    sa.Column('theme_kk', sa.Text(), nullable=False),
    sa.Column('protocol_number', sa.String(length=100), nullable=False),
    sa.Column('protocol_date', sa.Date(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint('end_date >= start_date', name=op.f('ck_forum_dates_ordered')),
    sa.CheckConstraint('number > 0', name=op.f('ck_forum_number_positive')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_forum')),
    sa.UniqueConstraint('number', name=op.f('uq_forum_number'))
    )
    op.create_table('sector',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('name_ru', sa.String(length=200), nullable=False),
    sa.Column('name_kk', sa.String(length=200), nullable=False),
    sa.Column('name_en', sa.String(length=200), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sector')),
    sa.UniqueConstraint('code', name=op.f('uq_sector_code'))
    )
    op.create_table('decision',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('forum_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('code_sort', sa.String(length=120), nullable=False),
    sa.Column('sector_id', sa.Integer(), nullable=False),
    sa.Column('deadline', sa.Date(), nullable=True),
    sa.Column('own_status', sa.String(length=20), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['forum_id'], ['forum.id'], name=op.f('fk_decision_forum_id_forum'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['sector_id'], ['sector.id'], name=op.f('fk_decision_sector_id_sector'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_decision')),
    sa.UniqueConstraint('forum_id', 'code', name=op.f('uq_decision_forum_id'))
    )
    with op.batch_alter_table('decision', schema=None) as batch_op:
        batch_op.create_index('ix_decision_forum_code_sort', ['forum_id', 'code_sort'], unique=False)
        batch_op.create_index('ix_decision_status_deadline', ['status', 'deadline'], unique=False)

    op.create_table('assignment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('decision_id', sa.Integer(), nullable=False),
    sa.Column('executor_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['decision_id'], ['decision.id'], name=op.f('fk_assignment_decision_id_decision'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['executor_id'], ['executor.id'], name=op.f('fk_assignment_executor_id_executor'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_assignment')),
    sa.UniqueConstraint('decision_id', 'executor_id', name=op.f('uq_assignment_decision_id'))
    )
    with op.batch_alter_table('assignment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_assignment_executor_id'), ['executor_id'], unique=False)

    op.create_table('deadline_change',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('decision_id', sa.Integer(), nullable=False),
    sa.Column('old_deadline', sa.Date(), nullable=True),
    sa.Column('new_deadline', sa.Date(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('changed_at', sa.DateTime(), nullable=False),
    sa.Column('changed_by', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['decision_id'], ['decision.id'], name=op.f('fk_deadline_change_decision_id_decision'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_deadline_change'))
    )
    with op.batch_alter_table('deadline_change', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_deadline_change_decision_id'), ['decision_id'], unique=False)

    op.create_table('decision_link',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('decision_id', sa.Integer(), nullable=False),
    sa.Column('target_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.CheckConstraint('decision_id <> target_id', name=op.f('ck_decision_link_not_self')),
    sa.ForeignKeyConstraint(['decision_id'], ['decision.id'], name=op.f('fk_decision_link_decision_id_decision'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['target_id'], ['decision.id'], name=op.f('fk_decision_link_target_id_decision'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_decision_link')),
    sa.UniqueConstraint('decision_id', 'target_id', name=op.f('uq_decision_link_decision_id'))
    )
    with op.batch_alter_table('decision_link', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_decision_link_target_id'), ['target_id'], unique=False)

    op.create_table('decision_text',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('decision_id', sa.Integer(), nullable=False),
    sa.Column('lang', sa.String(length=5), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('outdated', sa.Boolean(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['decision_id'], ['decision.id'], name=op.f('fk_decision_text_decision_id_decision'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_decision_text')),
    sa.UniqueConstraint('decision_id', 'lang', name=op.f('uq_decision_text_decision_id'))
    )
    op.create_table('progress_entry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('decision_id', sa.Integer(), nullable=False),
    sa.Column('executor_id', sa.Integer(), nullable=True),
    sa.Column('entry_date', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=True),
    sa.Column('letter_number', sa.String(length=200), nullable=False),
    sa.Column('letter_date', sa.Date(), nullable=True),
    sa.Column('entered_by', sa.String(length=200), nullable=False),
    sa.Column('entered_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['decision_id'], ['decision.id'], name=op.f('fk_progress_entry_decision_id_decision'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['executor_id'], ['executor.id'], name=op.f('fk_progress_entry_executor_id_executor'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_progress_entry'))
    )
    with op.batch_alter_table('progress_entry', schema=None) as batch_op:
        batch_op.create_index('ix_progress_entry_decision_date', ['decision_id', 'entry_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_progress_entry_executor_id'), ['executor_id'], unique=False)

    op.create_table('progress_note',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('entry_id', sa.Integer(), nullable=False),
    sa.Column('lang', sa.String(length=5), nullable=False),
    sa.Column('done', sa.Text(), nullable=False),
    sa.Column('obstacles', sa.Text(), nullable=False),
    sa.Column('next_steps', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['entry_id'], ['progress_entry.id'], name=op.f('fk_progress_note_entry_id_progress_entry'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_progress_note')),
    sa.UniqueConstraint('entry_id', 'lang', name=op.f('uq_progress_note_entry_id'))
    )


def downgrade() -> None:
    op.drop_table('progress_note')
    with op.batch_alter_table('progress_entry', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_progress_entry_executor_id'))
        batch_op.drop_index('ix_progress_entry_decision_date')

    op.drop_table('progress_entry')
    op.drop_table('decision_text')
    with op.batch_alter_table('decision_link', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_decision_link_target_id'))

    op.drop_table('decision_link')
    with op.batch_alter_table('deadline_change', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_deadline_change_decision_id'))

    op.drop_table('deadline_change')
    with op.batch_alter_table('assignment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_assignment_executor_id'))

    op.drop_table('assignment')
    with op.batch_alter_table('decision', schema=None) as batch_op:
        batch_op.drop_index('ix_decision_status_deadline')
        batch_op.drop_index('ix_decision_forum_code_sort')

    op.drop_table('decision')
    op.drop_table('sector')
    op.drop_table('forum')
    op.drop_table('executor')
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.drop_index('ix_audit_log_record')
        batch_op.drop_index(batch_op.f('ix_audit_log_at'))

    op.drop_table('audit_log')
