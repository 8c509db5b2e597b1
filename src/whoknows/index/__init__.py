"""Derived indexes: rebuilt from the store at any time (`whoknows reindex`)."""
