"""os-migrations response bodies (2.1: no uuid, type or links, which came
with 2.23 and 2.59)."""
from stratus.api import timefmt


def migration(row):
    return {
        'id': row['id'],
        'instance_uuid': row['instance_uuid'],
        'source_compute': row['source_compute'],
        'dest_compute': row['dest_compute'],
        'source_node': row['source_node'],
        'dest_node': row['dest_node'],
        # nova-network's destination address: never set without it.
        'dest_host': None,
        'old_instance_type_id': row['old_instance_type_id'],
        'new_instance_type_id': row['new_instance_type_id'],
        'status': row['status'],
        'created_at': timefmt.iso_us(row['created_at']),
        'updated_at': timefmt.iso_us(row['updated_at']),
    }
