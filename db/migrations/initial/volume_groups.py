"""Revision 0001, block storage: Generic volume groups, group types and group snapshots."""


def create():
    pass
