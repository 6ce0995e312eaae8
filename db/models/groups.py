"""Generic volume groups, group types and group snapshots."""
__all__ = []
