"""Shows (podcasts): one, several, a show's episodes, the user's saved shows."""

from __future__ import annotations

from collections.abc import Iterable

from .._endpoint import endpoint
from .._http import send
from .._mapper import to_model
from .._token import TokenLike
from ..ids import segment
from ..models.podcast import FullShow, SavedShowPaging, SimpleEpisodePaging, SimpleShow
from ..scope import user_library_modify, user_library_read, user_read_playback_position
from ._helpers import change_library, contains, get_many, get_page, query

__all__ = [
    "saved_shows",
    "saved_shows_add",
    "saved_shows_contains",
    "saved_shows_delete",
    "show",
    "show_episodes",
    "shows",
]

_POSITION = ("user-read-playback-position",)


@endpoint(user_read_playback_position)
def show(token: TokenLike, show_id: str, market: str | None = None) -> FullShow:
    """Get a show with its first page of episodes.

    The episodes' ``resume_point`` needs ``user-read-playback-position``.

    Args:
        show_id: ID, URI or URL of the show.
        market: country code or ``"from_token"``; Spotify answers 404 for a
            show not available there (and, without a market, for a user token
            whose country lacks it).

    Returns:
        The show; ``show.episodes`` is the first page of its episodes.
    """
    params = query(market=market)
    body = send("GET", f"/shows/{segment(show_id, 'show')}", token=token, params=params, scopes=_POSITION)
    return to_model(FullShow, body)


@endpoint(deprecated="development-mode apps call ``show`` for each ID.")
def shows(token: TokenLike, show_ids: Iterable[str], market: str | None = None) -> list[SimpleShow | None]:
    """Get several shows (without their episodes), 50 per request, in the order asked.

    Args:
        show_ids: IDs, URIs or URLs of the shows, as many as wanted (sent 50 per request).
        market: ISO 3166-1 country code, or ``"from_token"`` for the user's: the market the content must be
            available in.

    Returns:
        One show per ID; None where Spotify knows no show of that ID.
    """
    return get_many(token, "/shows", "show", show_ids, SimpleShow, 50, market)


@endpoint(user_read_playback_position)
def show_episodes(
    token: TokenLike, show_id: str, market: str | None = None, limit: int = 20, offset: int = 0
) -> SimpleEpisodePaging:
    """Get a page of a show's episodes (``limit`` 1 to 50).

    Each episode's ``resume_point`` needs ``user-read-playback-position``.

    Args:
        show_id: ID, URI or URL of the show.
        market: ISO 3166-1 country code, or ``"from_token"`` for the user's: the market the content must be
            available in.
        limit: items per page, 1 to 50.
        offset: index of the first item (0 for the first page).

    Returns:
        A page of episodes; ``spotlite.all_items`` walks the rest.
    """
    path = f"/shows/{segment(show_id, 'show')}/episodes"
    return to_model(SimpleEpisodePaging, get_page(token, path, limit, offset, scopes=_POSITION, market=market))


@endpoint(user_library_read)
def saved_shows(token: TokenLike, limit: int = 20, offset: int = 0) -> SavedShowPaging:
    """Get a page of the shows saved in the user's library (``limit`` 1 to 50).

    Args:
        limit: items per page, 1 to 50.
        offset: index of the first item (0 for the first page).

    Returns:
        A page of saved shows, each with ``added_at`` and ``show``.
    """
    body = get_page(token, "/me/shows", limit, offset, scopes=("user-library-read",))
    return to_model(SavedShowPaging, body)


@endpoint(user_library_modify, deprecated="development-mode apps get 403 and use ``library_add``.")
def saved_shows_add(token: TokenLike, show_ids: Iterable[str]) -> None:
    """Save shows to the user's library, 50 per request.

    Args:
        show_ids: IDs, URIs or URLs of the shows, as many as wanted (sent 50 per request).

    If a later request fails, raises ``PartialWriteError`` saying what was
    written; see its docs.
    """
    change_library("saved_shows_add", "PUT", token, "/me/shows", "show", show_ids, 50)


@endpoint(user_library_modify, deprecated="development-mode apps get 403 and use ``library_delete``.")
def saved_shows_delete(token: TokenLike, show_ids: Iterable[str], market: str | None = None) -> None:
    """Remove shows from the user's library, 50 per request.

    If a later request fails, raises ``PartialWriteError`` saying what was
    written; see its docs.

    Args:
        show_ids: IDs, URIs or URLs of the shows, as many as wanted (sent 50 per request).
        market: country code or ``"from_token"``; only shows available there
            are removed.
    """
    change_library("saved_shows_delete", "DELETE", token, "/me/shows", "show", show_ids, 50, market=market)


@endpoint(user_library_read, deprecated="development-mode apps get 403 and use ``library_contains``.")
def saved_shows_contains(token: TokenLike, show_ids: Iterable[str]) -> list[bool]:
    """Tell which shows are saved in the user's library, 50 per request.

    Args:
        show_ids: IDs, URIs or URLs of the shows, as many as wanted (sent 50 per request).

    Returns:
        One bool per ID, in the order asked.
    """
    return contains(token, "/me/shows/contains", "show", show_ids, 50, "user-library-read")
