"""Plumbing shared by every stratus daemon; imports nothing from services."""
