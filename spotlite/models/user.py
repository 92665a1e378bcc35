"""Users: the public profile anyone sees, and the private one of ``current_user``."""

from __future__ import annotations

from ._base import Model, dataclass
from .common import ExternalUrls, Followers, Image

__all__ = ["ExplicitContent", "PrivateUser", "PublicUser"]


@dataclass(frozen=True, slots=True, kw_only=True)
class PublicUser(Model):
    """A user's public profile (also a playlist's owner, without images and followers)."""

    id: str
    """The user's Spotify ID."""
    uri: str
    """The user's Spotify URI."""
    type: str = "user"
    """``user``."""
    display_name: str | None = None
    """The name shown on the profile; None when not set."""
    href: str
    """The Web API URL of the full object."""
    external_urls: ExternalUrls
    """Web pages of the item; ``external_urls.spotify`` is its open.spotify.com page."""
    images: tuple[Image, ...] = ()
    """Profile pictures."""
    followers: Followers | None = None
    """Follower count; not sent to development-mode apps since 2026."""


@dataclass(frozen=True, slots=True, kw_only=True)
class ExplicitContent(Model):
    """The user's explicit-content settings."""

    filter_enabled: bool
    """Whether explicit content is not to be played."""
    filter_locked: bool
    """Whether the user cannot change that setting."""


@dataclass(frozen=True, slots=True, kw_only=True)
class PrivateUser(PublicUser):
    """The current user's profile.

    ``country``, ``email``, ``explicit_content``, ``followers`` and ``product``
    are no longer sent to development-mode apps (2026); ``account_id`` was
    added in May 2026. ``email`` needs ``user-read-email``, the others
    ``user-read-private``; ``birthdate`` only came in old answers.
    """

    account_id: str | None = None
    """The account's ID (sent since May 2026)."""
    country: str | None = None
    """The account's country, ISO 3166-1 alpha-2 (scope ``user-read-private``); not sent to development-mode apps since
    2026."""
    email: str | None = None
    """The account's email address, unverified (scope ``user-read-email``); not sent to development-mode apps since
    2026."""
    product: str | None = None
    """``premium``, ``free``... (scope ``user-read-private``); not sent to development-mode apps since 2026."""
    explicit_content: ExplicitContent | None = None
    """The explicit content settings (scope ``user-read-private``)."""
    birthdate: str | None = None
    """The birth date, where Spotify sends it."""
