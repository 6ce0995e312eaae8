"""What compute operations carry about an image (plain data): enough to
schedule (properties, minimums) and to fetch and verify it."""

KEYS = ('id', 'name', 'properties', 'min_ram', 'min_disk', 'disk_format',
        'container_format', 'size', 'checksum')


def summary(image):
    facts = {key: image.get(key) for key in KEYS}
    facts['properties'] = dict(image.get('properties') or {})
    facts['min_ram'] = facts['min_ram'] or 0
    facts['min_disk'] = facts['min_disk'] or 0
    return facts
