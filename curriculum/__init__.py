"""curriculum: map training courses onto occupational competency standards and
compute optimal training programmes."""

from __future__ import annotations

__version__ = "0.1.0"
