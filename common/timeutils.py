"""Naive-UTC clock and the ISO strings times travel as over RPC."""
import datetime


def utcnow():
    return datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)


def to_iso(value):
    return value.isoformat() if value is not None else None


def from_iso(text):
    return datetime.datetime.fromisoformat(text) if text else None
