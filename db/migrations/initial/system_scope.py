"""Revision 0001, system scope: the tokens issued for the system."""
from alembic import op
import sqlalchemy as sa


def create():
    op.create_table('system_scoped_tokens',
    sa.Column('digest', sa.String(length=64), nullable=False),
    sa.Column('system', sa.String(length=16), nullable=False),
    sa.ForeignKeyConstraint(['digest'], ['tokens.digest'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('digest')
    )
