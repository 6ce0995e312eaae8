"""Database access: models, sessions, migrations and query functions.

Only stratus-api, stratus-scheduler, stratus-conductor and stratus-volume use
it; stratus-compute goes through the conductor.
"""
