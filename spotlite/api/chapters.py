"""Chapters of audiobooks: one or several."""

from __future__ import annotations

from collections.abc import Iterable

from .._endpoint import endpoint
from .._http import send
from .._mapper import to_model
from .._token import TokenLike
from ..ids import segment
from ..models.audiobook import FullChapter
from ._helpers import get_many, query

__all__ = ["chapter", "chapters"]


@endpoint()
def chapter(token: TokenLike, chapter_id: str, market: str | None = None) -> FullChapter:
    """Get a chapter with its audiobook.

    Args:
        chapter_id: ID, URI or URL of the chapter.
        market: country code or ``"from_token"``; Spotify answers 404 where
            the audiobook is not sold.

    Returns:
        The chapter; ``restriction`` (e.g. ``payment_required``) says why it
        does not play when ``is_playable`` is False.
    """
    body = send("GET", f"/chapters/{segment(chapter_id, 'chapter')}", token=token, params=query(market=market))
    return to_model(FullChapter, body)


@endpoint(deprecated="development-mode apps call ``chapter`` for each ID.")
def chapters(token: TokenLike, chapter_ids: Iterable[str], market: str | None = None) -> list[FullChapter | None]:
    """Get several chapters, 50 per request, in the order asked.

    Args:
        chapter_ids: IDs, URIs or URLs of the chapters, as many as wanted (sent 50 per request).
        market: ISO 3166-1 country code, or ``"from_token"`` for the user's: the market the content must be
            available in.

    Returns:
        One chapter per ID; None where Spotify knows no chapter of that ID.
    """
    return get_many(token, "/chapters", "chapter", chapter_ids, FullChapter, 50, market)
