"""Query functions by area; each returns plain dicts."""
