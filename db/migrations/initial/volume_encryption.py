"""Revision 0001, block storage: Volume type encryption."""


def create():
    pass
