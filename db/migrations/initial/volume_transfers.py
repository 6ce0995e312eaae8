"""Revision 0001, block storage: Volume transfers."""


def create():
    pass
