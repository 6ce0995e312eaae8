"""The import methods this cloud enables, as glance's
enabled_import_methods. glance-direct is served (stage, then import from
the staging area); web-download and copy-image are not enabled: fetching
arbitrary URLs is not offered, and copy-image needs several stores."""
ENABLED = ('glance-direct',)


def header_value():
    """The OpenStack-image-import-methods header of an image create."""
    return ','.join(ENABLED)
