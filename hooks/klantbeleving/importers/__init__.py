"""Importers: turn text as authors send it into Markdown sources (never touching docs/ directly)."""
