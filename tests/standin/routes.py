"""Imports every route module, so each registers its handlers."""

from . import accounts, albums, artists, tracks  # noqa: F401
