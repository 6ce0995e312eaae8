"""Keys of encrypted volumes. cinder asks its key manager (castellan,
Barbican by default) for a new key when a volume of an encrypted type is
created; stratus runs no key manager, so every such request meets what
cinder answers when the key manager cannot give one: 400 'Key manager
error' (after cinder's own check that the type names a cipher)."""
from stratus.common import exception
from stratus.db.api import volume_encryption


def create_key(volume_type):
    """Raise as cinder's create_encryption_key does for an encrypted type;
    None (no key) for any other. `volume_type`: its view (with the
    'encryption' spec the single-type reads add) or its id."""
    if not volume_type:
        return None
    if isinstance(volume_type, dict) and 'encryption' in volume_type:
        spec = volume_type['encryption']
    else:
        spec = volume_encryption.get(volume_type['id'] if isinstance(
            volume_type, dict) else volume_type)
    if spec is None:
        return None
    if not spec['cipher']:
        raise exception.InvalidVolumeType(message='Invalid encryption spec')
    raise exception.Invalid(message='Key manager error')
