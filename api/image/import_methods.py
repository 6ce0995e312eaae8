"""The import methods this cloud enables, as glance's
enabled_import_methods. glance-direct (stage, then import from the
staging area) and web-download (a URL glance's default import filter
allows) are served; copy-image is not enabled: it needs several stores."""
ENABLED = ('glance-direct', 'web-download')


def header_value():
    """The OpenStack-image-import-methods header of an image create."""
    return ','.join(ENABLED)
