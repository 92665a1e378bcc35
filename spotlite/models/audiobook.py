"""Audiobooks and their chapters (one module: each refers to the other).

Spotify gives audiobooks ``spotify:show:`` URIs and chapters
``spotify:episode:`` URIs in real answers, and ``type`` ``audiobook`` and
``chapter``. The 2026 changes removed ``available_markets`` and ``publisher``
of audiobooks and ``available_markets`` of chapters for development-mode
apps; all are optional.
"""

from __future__ import annotations

from typing import Literal

from ._base import Model, dataclass
from .common import Copyright, ExternalUrls, Image, OffsetPaging
from .podcast import SpokenAudio

__all__ = [
    "Author",
    "FullAudiobook",
    "FullChapter",
    "Narrator",
    "SimpleAudiobook",
    "SimpleAudiobookPaging",
    "SimpleChapter",
    "SimpleChapterPaging",
]


@dataclass(frozen=True, slots=True, kw_only=True)
class Author(Model):
    """An author of an audiobook."""

    name: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Narrator(Model):
    """A narrator of an audiobook."""

    name: str


@dataclass(frozen=True, slots=True, kw_only=True)
class SimpleAudiobook(Model):
    """An audiobook as it appears on a chapter, in the user's library or in search.

    ``edition`` is e.g. ``Unabridged``; ``available_markets`` and ``publisher``
    are no longer sent to development-mode apps (2026).
    """

    id: str
    name: str
    uri: str
    type: Literal["audiobook"] = "audiobook"
    authors: tuple[Author, ...] = ()
    narrators: tuple[Narrator, ...] = ()
    publisher: str | None = None
    description: str | None = None
    html_description: str | None = None
    edition: str | None = None
    explicit: bool | None = None
    media_type: str | None = None
    languages: tuple[str | None, ...] = ()
    images: tuple[Image, ...] = ()
    copyrights: tuple[Copyright, ...] = ()
    total_chapters: int | None = None
    is_externally_hosted: bool | None = None
    available_markets: tuple[str, ...] = ()
    href: str | None = None
    external_urls: ExternalUrls | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class SimpleChapter(SpokenAudio):
    """A chapter as listed in an audiobook (the fields of ``SpokenAudio`` and these)."""

    type: Literal["chapter"] = "chapter"
    chapter_number: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class SimpleChapterPaging(OffsetPaging[SimpleChapter]):
    """A page of an audiobook's chapters."""

    items: tuple[SimpleChapter, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class SimpleAudiobookPaging(OffsetPaging[SimpleAudiobook]):
    """A page of audiobooks (the user's saved audiobooks, search).

    Spotify's reference describes saved audiobooks as ``{added_at, audiobook}``
    entries; its real answers are plain audiobooks, as modelled here.
    """

    items: tuple[SimpleAudiobook, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class FullAudiobook(SimpleAudiobook):
    """An audiobook with its first page of chapters (``audiobook.chapters.items``)."""

    chapters: SimpleChapterPaging | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class FullChapter(SimpleChapter):
    """A chapter with its audiobook.

    Spotify's reference calls ``audiobook`` a simplified audiobook, but real
    answers give it an (empty) ``chapters`` page, so it is a ``FullAudiobook``.
    """

    audiobook: FullAudiobook | None = None
