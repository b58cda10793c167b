"""Clustering measures (issue 3; being filled in)."""

from __future__ import annotations

__all__: list[str] = []
