"""Targets: how a volume's block device reaches its consumer (local device, NBD export)."""
