"""Tocsin's knowledge, kept as data files; see docs/data-formats.md."""
