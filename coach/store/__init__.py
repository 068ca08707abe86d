"""Saved progress: the SQLite database and the one place SQL lives."""
