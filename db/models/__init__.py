"""SQLAlchemy 2.0 declarative models, one module per area.

Times are naive UTC. Rows never leave db/api: query functions return
dicts. Importing this package registers every table on Base.metadata.
"""
from stratus.db.models.aggregates import *  # noqa: F401,F403
from stratus.db.models.application_credentials import *  # noqa: F401,F403
from stratus.db.models.backups import *  # noqa: F401,F403
from stratus.db.models.base import Base, Timestamps, utcnow  # noqa: F401
from stratus.db.models.compute import *  # noqa: F401,F403
from stratus.db.models.credentials import *  # noqa: F401,F403
from stratus.db.models.domain_configs import *  # noqa: F401,F403
from stratus.db.models.encryption import *  # noqa: F401,F403
from stratus.db.models.endpoint_filter import *  # noqa: F401,F403
from stratus.db.models.federation import *  # noqa: F401,F403
from stratus.db.models.flavors import *  # noqa: F401,F403
from stratus.db.models.groups import *  # noqa: F401,F403
from stratus.db.models.identity import *  # noqa: F401,F403
from stratus.db.models.identity_groups import *  # noqa: F401,F403
from stratus.db.models.image_tasks import *  # noqa: F401,F403
from stratus.db.models.images import *  # noqa: F401,F403
from stratus.db.models.inherited_grants import *  # noqa: F401,F403
from stratus.db.models.metadefs import *  # noqa: F401,F403
from stratus.db.models.oauth1 import *  # noqa: F401,F403
from stratus.db.models.policies import *  # noqa: F401,F403
from stratus.db.models.project_tags import *  # noqa: F401,F403
from stratus.db.models.qos_specs import *  # noqa: F401,F403
from stratus.db.models.security_groups import *  # noqa: F401,F403
from stratus.db.models.services import *  # noqa: F401,F403
from stratus.db.models.system_scope import *  # noqa: F401,F403
from stratus.db.models.transfers import *  # noqa: F401,F403
from stratus.db.models.trusts import *  # noqa: F401,F403
from stratus.db.models.unified_limits import *  # noqa: F401,F403
from stratus.db.models.volumes import *  # noqa: F401,F403
