"""Klantbeleving core: content model, validation and cross-references.

This package is engine-neutral: it never imports ``mkdocs``. The MkDocs hook
adapters in ``hooks/*.py`` translate MkDocs events into calls to this package.
"""

from __future__ import annotations

__all__ = ["__version__"]

__version__ = "0.1.0"
