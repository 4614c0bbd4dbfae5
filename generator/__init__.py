"""Briefing generator: YAML event records -> Markdown briefs -> a MkDocs site."""

from __future__ import annotations

__version__ = "0.1.0"
