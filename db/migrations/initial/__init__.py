"""The tables of revision 0001, one module per area (the revision itself
only calls them; no foreign key crosses two areas)."""
