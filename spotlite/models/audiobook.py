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
    """The author's name."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Narrator(Model):
    """A narrator of an audiobook."""

    name: str
    """The narrator's name."""


@dataclass(frozen=True, slots=True, kw_only=True)
class SimpleAudiobook(Model):
    """An audiobook as it appears on a chapter, in the user's library or in search.

    ``edition`` is e.g. ``Unabridged``; ``available_markets`` and ``publisher``
    are no longer sent to development-mode apps (2026).
    """

    id: str
    """The Spotify ID."""
    name: str
    """The audiobook's title."""
    uri: str
    """The Spotify URI (``spotify:<type>:<id>``)."""
    type: Literal["audiobook"] = "audiobook"
    """``audiobook``."""
    authors: tuple[Author, ...] = ()
    """The authors."""
    narrators: tuple[Narrator, ...] = ()
    """The narrators."""
    publisher: str | None = None
    """The publisher; not sent to development-mode apps since 2026."""
    description: str | None = None
    """The description, plain text."""
    html_description: str | None = None
    """The description, with HTML tags."""
    edition: str | None = None
    """The edition, e.g. ``Unabridged``."""
    explicit: bool
    """Whether it has explicit content (None when unknown)."""
    media_type: str
    """``audio`` or ``mixed``."""
    languages: tuple[str | None, ...] = ()
    """Languages used, as ISO 639 codes."""
    images: tuple[Image, ...] = ()
    """Cover art, largest first."""
    copyrights: tuple[Copyright, ...] = ()
    """Copyright notices."""
    total_chapters: int | None = None
    """How many chapters the audiobook has."""
    is_externally_hosted: bool | None = None
    """Whether the audiobook is hosted outside Spotify."""
    available_markets: tuple[str, ...] = ()
    """Country codes (ISO 3166-1 alpha-2) of the markets where it is available; empty for development-mode apps since
    2026."""
    href: str
    """The Web API URL of the full object."""
    external_urls: ExternalUrls
    """Web pages of the item; ``external_urls.spotify`` is its open.spotify.com page."""


@dataclass(frozen=True, slots=True, kw_only=True)
class SimpleChapter(SpokenAudio):
    """A chapter as listed in an audiobook (the fields of ``SpokenAudio`` and these)."""

    type: Literal["chapter"] = "chapter"
    """``chapter``."""
    chapter_number: int
    """The chapter's number in its audiobook."""


@dataclass(frozen=True, slots=True, kw_only=True)
class SimpleChapterPaging(OffsetPaging[SimpleChapter]):
    """A page of an audiobook's chapters."""

    items: tuple[SimpleChapter, ...]
    """The items of this page."""


@dataclass(frozen=True, slots=True, kw_only=True)
class SimpleAudiobookPaging(OffsetPaging[SimpleAudiobook]):
    """A page of audiobooks (the user's saved audiobooks, search).

    Spotify's reference describes saved audiobooks as ``{added_at, audiobook}``
    entries; its real answers are plain audiobooks, as modelled here.
    """

    items: tuple[SimpleAudiobook, ...]
    """The items of this page."""


@dataclass(frozen=True, slots=True, kw_only=True)
class FullAudiobook(SimpleAudiobook):
    """An audiobook with its first page of chapters (``audiobook.chapters.items``)."""

    chapters: SimpleChapterPaging | None = None
    """The first page of the audiobook's chapters."""


@dataclass(frozen=True, slots=True, kw_only=True)
class FullChapter(SimpleChapter):
    """A chapter with its audiobook.

    ``audiobook`` is a simplified audiobook, as Spotify's reference says (real
    answers add an empty, partly null ``chapters`` page: ``spotlite.audiobook``
    gets the chapters).
    """

    audiobook: SimpleAudiobook
    """The audiobook the chapter belongs to."""
