"""Identity tests use the boot/admin/demo fixtures of tests/unit/conftest.py."""
