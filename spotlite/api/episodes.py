"""Episodes: one, several, and the user's saved episodes."""

from __future__ import annotations

from collections.abc import Iterable

from .._endpoint import endpoint
from .._http import send
from .._mapper import to_model
from .._token import TokenLike
from ..ids import segment
from ..models.podcast import FullEpisode, SavedEpisodePaging
from ..scope import user_library_modify, user_library_read, user_read_playback_position
from ._helpers import change_library, contains, get_many, get_page, query

__all__ = [
    "episode",
    "episodes",
    "saved_episodes",
    "saved_episodes_add",
    "saved_episodes_contains",
    "saved_episodes_delete",
]

_POSITION = ("user-read-playback-position",)


@endpoint(user_read_playback_position)
def episode(token: TokenLike, episode_id: str, market: str | None = None) -> FullEpisode:
    """Get an episode with its show.

    ``resume_point`` needs ``user-read-playback-position``.

    Args:
        episode_id: ID, URI or URL of the episode.
        market: country code or ``"from_token"``; Spotify answers 404 for an
            episode not available there.

    Returns:
        The episode, with its show.
    """
    params = query(market=market)
    body = send("GET", f"/episodes/{segment(episode_id, 'episode')}", token=token, params=params, scopes=_POSITION)
    return to_model(FullEpisode, body)


@endpoint(user_read_playback_position, deprecated="development-mode apps call ``episode`` for each ID.")
def episodes(token: TokenLike, episode_ids: Iterable[str], market: str | None = None) -> list[FullEpisode | None]:
    """Get several episodes, 50 per request, in the order asked.

    ``resume_point`` needs ``user-read-playback-position``.

    Args:
        episode_ids: IDs, URIs or URLs of the episodes, as many as wanted (sent 50 per request).
        market: ISO 3166-1 country code, or ``"from_token"`` for the user's: the market the content must be
            available in.

    Returns:
        One episode per ID; None where Spotify knows no episode of that ID.
    """
    return get_many(token, "/episodes", "episode", episode_ids, FullEpisode, 50, market, _POSITION)


@endpoint(user_library_read, user_read_playback_position)
def saved_episodes(
    token: TokenLike, market: str | None = None, limit: int = 20, offset: int = 0
) -> SavedEpisodePaging:
    """Get a page of the episodes saved in the user's library (``limit`` 1 to 50).

    ``resume_point`` needs ``user-read-playback-position``. An episode Spotify no longer has comes back with every
    field None (``id`` included).

    Args:
        market: ISO 3166-1 country code, or ``"from_token"`` for the user's: the market the content must be
            available in.
        limit: items per page, 1 to 50.
        offset: index of the first item (0 for the first page).

    Returns:
        A page of saved episodes, each with ``added_at`` and ``episode``.
    """
    body = get_page(token, "/me/episodes", limit, offset, scopes=("user-library-read", *_POSITION), market=market)
    return to_model(SavedEpisodePaging, body)


@endpoint(user_library_modify, deprecated="development-mode apps get 403 and use ``library_add``.")
def saved_episodes_add(token: TokenLike, episode_ids: Iterable[str]) -> None:
    """Save episodes to the user's library, 50 per request.

    Args:
        episode_ids: IDs, URIs or URLs of the episodes, as many as wanted (sent 50 per request).

    If a later request fails, raises ``PartialWriteError`` saying what was
    written; see its docs.
    """
    change_library("saved_episodes_add", "PUT", token, "/me/episodes", "episode", episode_ids, 50)


@endpoint(user_library_modify, deprecated="development-mode apps get 403 and use ``library_delete``.")
def saved_episodes_delete(token: TokenLike, episode_ids: Iterable[str]) -> None:
    """Remove episodes from the user's library, 50 per request.

    Args:
        episode_ids: IDs, URIs or URLs of the episodes, as many as wanted (sent 50 per request).

    If a later request fails, raises ``PartialWriteError`` saying what was
    written; see its docs.
    """
    change_library("saved_episodes_delete", "DELETE", token, "/me/episodes", "episode", episode_ids, 50)


@endpoint(user_library_read, deprecated="development-mode apps get 403 and use ``library_contains``.")
def saved_episodes_contains(token: TokenLike, episode_ids: Iterable[str]) -> list[bool]:
    """Tell which episodes are saved in the user's library, 50 per request.

    Args:
        episode_ids: IDs, URIs or URLs of the episodes, as many as wanted (sent 50 per request).

    Returns:
        One bool per ID, in the order asked.
    """
    return contains(token, "/me/episodes/contains", "episode", episode_ids, 50, "user-library-read")
