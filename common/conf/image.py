"""[image] options of the built-in image service (Glance v2 subset)."""
from oslo_config import cfg

opts = [
    cfg.StrOpt('filesystem_store_datadir', default='$state_path/images',
               help='Directory holding the image files, one file per image '
                    'named by its id. Put it on a volume with room for the '
                    'images; it must not be shared by two clouds.'),
    cfg.IntOpt('image_size_cap', default=1099511627776, min=1,
               help='Largest image, in bytes, an upload may store (1 TiB '
                    'by default, as glance). Larger uploads answer 413. '
                    'Lower it to protect the disk of the store.'),
    cfg.StrOpt('user_storage_quota', default='0',
               regex=r'^(\d+)((K|M|G|T)?B)?$',
               help='Most image data a project may keep in the store, '
                    'over all its images (glance\'s option): a whole '
                    'number, optionally followed by B, KB, MB, GB or TB '
                    '(powers of 1024) without a space. 0: no limit. An '
                    'upload past it answers 413.'),
    cfg.IntOpt('limit_param_default', default=25, min=1,
               help='Images per page of an image list when the request '
                    'gives no limit (glance\'s default).'),
    cfg.IntOpt('api_limit_max', default=1000, min=1,
               help='Largest page an image list returns, whatever limit '
                    'the request asks for.'),
    cfg.StrOpt('custom_properties_file',
               help='JSON file of the extra image properties the image '
                    'schema defines and image changes are checked against, '
                    'in the format of glance\'s schema-image.json. Unset: '
                    'a schema-image.json in the configuration directories, '
                    'else stratus\'s definitions of the properties devstack '
                    'installs.'),
    cfg.IntOpt('image_property_quota', default=128,
               help='Most extra properties an image may have (glance\'s '
                    'option); negative: no limit.'),
    cfg.IntOpt('image_member_quota', default=128,
               help='Most members an image may have (glance\'s option); '
                    'negative: no limit.'),
    cfg.IntOpt('image_tag_quota', default=128,
               help='Most tags an image may have (glance\'s option); '
                    'negative: no limit.'),
]


def list_opts():
    return [('image', opts)]
