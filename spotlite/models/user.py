"""Users: the public profile anyone sees, and the private one of ``current_user``."""

from __future__ import annotations

from ._base import Model, dataclass
from .common import ExternalUrls, Followers, Image

__all__ = ["ExplicitContent", "PrivateUser", "PublicUser"]


@dataclass(frozen=True, slots=True, kw_only=True)
class PublicUser(Model):
    """A user's public profile (also a playlist's owner, without images and followers)."""

    id: str
    uri: str | None = None
    type: str = "user"
    display_name: str | None = None
    href: str | None = None
    external_urls: ExternalUrls | None = None
    images: tuple[Image, ...] = ()
    followers: Followers | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class ExplicitContent(Model):
    """The user's explicit-content settings."""

    filter_enabled: bool | None = None
    filter_locked: bool | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class PrivateUser(PublicUser):
    """The current user's profile.

    ``country``, ``email``, ``explicit_content``, ``followers`` and ``product``
    are no longer sent to development-mode apps (2026); ``account_id`` was
    added in May 2026. ``email`` needs ``user-read-email``, the others
    ``user-read-private``; ``birthdate`` only came in old answers.
    """

    account_id: str | None = None
    country: str | None = None
    email: str | None = None
    product: str | None = None
    explicit_content: ExplicitContent | None = None
    birthdate: str | None = None
