"""Audiobooks: one, several, an audiobook's chapters, the user's saved audiobooks.

Spotify sells audiobooks in some markets only; elsewhere it answers 404 (or
an empty ``chapters`` page).
"""

from __future__ import annotations

from collections.abc import Iterable

from .._endpoint import endpoint
from .._http import send
from .._mapper import to_model
from .._token import TokenLike
from ..ids import segment
from ..models.audiobook import FullAudiobook, SimpleAudiobookPaging, SimpleChapterPaging
from ..scope import user_library_modify, user_library_read
from ._helpers import change_library, contains, get_many, get_page, query

__all__ = [
    "audiobook",
    "audiobook_chapters",
    "audiobooks",
    "saved_audiobooks",
    "saved_audiobooks_add",
    "saved_audiobooks_contains",
    "saved_audiobooks_delete",
]


@endpoint()
def audiobook(token: TokenLike, audiobook_id: str, market: str | None = None) -> FullAudiobook:
    """Get an audiobook with its first page of chapters.

    Args:
        audiobook_id: ID, URI or URL of the audiobook.
        market: country code or ``"from_token"``.

    Returns:
        The audiobook; ``audiobook.chapters`` is the first page of its chapters.
    """
    body = send("GET", f"/audiobooks/{segment(audiobook_id, 'audiobook')}", token=token, params=query(market=market))
    return to_model(FullAudiobook, body)


@endpoint(deprecated="development-mode apps call ``audiobook`` for each ID.")
def audiobooks(
    token: TokenLike, audiobook_ids: Iterable[str], market: str | None = None
) -> list[FullAudiobook | None]:
    """Get several audiobooks, 50 per request, in the order asked.

    Args:
        audiobook_ids: IDs, URIs or URLs of the audiobooks, as many as wanted (sent 50 per request).
        market: ISO 3166-1 country code, or ``"from_token"`` for the user's: the market the content must be
            available in.

    Returns:
        One audiobook per ID; None where Spotify knows no audiobook of that ID.
    """
    return get_many(token, "/audiobooks", "audiobook", audiobook_ids, FullAudiobook, 50, market)


@endpoint()
def audiobook_chapters(
    token: TokenLike, audiobook_id: str, market: str | None = None, limit: int = 20, offset: int = 0
) -> SimpleChapterPaging:
    """Get a page of an audiobook's chapters (``limit`` 1 to 50).

    Args:
        audiobook_id: ID, URI or URL of the audiobook.
        market: ISO 3166-1 country code, or ``"from_token"`` for the user's: the market the content must be
            available in.
        limit: items per page, 1 to 50.
        offset: index of the first item (0 for the first page).

    Returns:
        A page of chapters; ``spotlite.all_items`` walks the rest.
    """
    path = f"/audiobooks/{segment(audiobook_id, 'audiobook')}/chapters"
    return to_model(SimpleChapterPaging, get_page(token, path, limit, offset, market=market))


@endpoint(user_library_read)
def saved_audiobooks(token: TokenLike, limit: int = 20, offset: int = 0) -> SimpleAudiobookPaging:
    """Get a page of the audiobooks saved in the user's library (``limit`` 1 to 50).

    Args:
        limit: items per page, 1 to 50.
        offset: index of the first item (0 for the first page).

    Returns:
        A page of audiobooks. Spotify sends the audiobooks themselves, without
        ``added_at`` (its reference says otherwise; its answers do not).
    """
    body = get_page(token, "/me/audiobooks", limit, offset, scopes=("user-library-read",))
    return to_model(SimpleAudiobookPaging, body)


@endpoint(user_library_modify, deprecated="development-mode apps get 403 and use ``library_add``.")
def saved_audiobooks_add(token: TokenLike, audiobook_ids: Iterable[str]) -> None:
    """Save audiobooks to the user's library, 50 per request.

    Args:
        audiobook_ids: IDs, URIs or URLs of the audiobooks, as many as wanted (sent 50 per request).

    If a later request fails, raises ``PartialWriteError`` saying what was
    written; see its docs.
    """
    change_library("saved_audiobooks_add", "PUT", token, "/me/audiobooks", "audiobook", audiobook_ids, 50)


@endpoint(user_library_modify, deprecated="development-mode apps get 403 and use ``library_delete``.")
def saved_audiobooks_delete(token: TokenLike, audiobook_ids: Iterable[str]) -> None:
    """Remove audiobooks from the user's library, 50 per request.

    Args:
        audiobook_ids: IDs, URIs or URLs of the audiobooks, as many as wanted (sent 50 per request).

    If a later request fails, raises ``PartialWriteError`` saying what was
    written; see its docs.
    """
    change_library("saved_audiobooks_delete", "DELETE", token, "/me/audiobooks", "audiobook", audiobook_ids, 50)


@endpoint(user_library_read, deprecated="development-mode apps get 403 and use ``library_contains``.")
def saved_audiobooks_contains(token: TokenLike, audiobook_ids: Iterable[str]) -> list[bool]:
    """Tell which audiobooks are saved in the user's library, 50 per request.

    Args:
        audiobook_ids: IDs, URIs or URLs of the audiobooks, as many as wanted (sent 50 per request).

    Returns:
        One bool per ID, in the order asked.
    """
    return contains(token, "/me/audiobooks/contains", "audiobook", audiobook_ids, 50, "user-library-read")
