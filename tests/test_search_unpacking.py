"""Tekore's search idiom: a search result unpacks into its pages, in the order of the types asked."""

from __future__ import annotations

import dataclasses
import pickle
from collections.abc import Callable
from typing import Any

from loopback import Handler, Server, reply

import spotlite
from spotlite._mapper import to_model
from spotlite.models import FullArtistOffsetPaging, FullTrackPaging, SearchResult, SimpleAlbumPaging


def page(name: str, total: int) -> dict[str, Any]:
    return {"href": f"https://api.spotify.com/v1/search?type={name}", "items": [], "limit": 5, "next": None,
            "offset": 0, "previous": None, "total": total}


# Spotify's order, not the one asked
ANSWER = {"tracks": page("track", 1), "albums": page("album", 2), "artists": page("artist", 3)}


def answering(body: Any) -> Handler:
    return lambda request, conn: reply(conn, 200, body)


def test_a_result_unpacks_in_the_order_asked(loopback: Callable[[Handler], Server]) -> None:
    server = loopback(answering(ANSWER))
    artists, tracks, albums = spotlite.search("dummy-token", "finlandia", types=("artist", "track", "album"))
    assert isinstance(artists, FullArtistOffsetPaging) and artists.total == 3
    assert isinstance(tracks, FullTrackPaging) and tracks.total == 1
    assert isinstance(albums, SimpleAlbumPaging) and albums.total == 2
    assert [request.path for request in server.requests] == [
        "/v1/search?q=finlandia&type=artist%2Ctrack%2Calbum&offset=0"]


def test_one_type_unpacks_as_in_tekore(loopback: Callable[[Handler], Server]) -> None:
    loopback(answering({"tracks": page("track", 7)}))
    tracks, = spotlite.search("dummy-token", "q", types=("track",))
    assert isinstance(tracks, FullTrackPaging) and tracks.total == 7
    (only,) = spotlite.search("dummy-token", "q", types="track")  # a lone str is one type
    assert only == tracks


def test_the_result_keeps_its_names_and_shows_nothing_odd(loopback: Callable[[Handler], Server]) -> None:
    loopback(answering(ANSWER))
    result = spotlite.search("dummy-token", "finlandia", types=["album", "artist", "track"])
    assert result.types == ("album", "artist", "track")
    assert list(result) == [result.albums, result.artists, result.tracks]
    assert result.tracks is not None and result.tracks.total == 1
    assert set(result.to_dict()) == {"tracks", "artists", "albums", "playlists", "shows", "episodes", "audiobooks"}
    assert "types" not in str(result) and "types" not in repr(result)
    assert "types" not in spotlite.models.to_dict(result)
    # the order asked is not Spotify's data: it takes no part in ==, hash or a model built from the same answer
    same = dataclasses.replace(result, types=("track",))
    assert same == result and hash(same) == hash(result)
    assert pickle.loads(pickle.dumps(result)).types == result.types


def test_a_result_not_made_by_search_unpacks_into_the_pages_it_holds() -> None:
    made = to_model(SearchResult, {"artists": page("artist", 3), "tracks": page("track", 1)})
    assert made.types == ()
    tracks, artists = made  # the order of the fields
    assert isinstance(tracks, FullTrackPaging) and isinstance(artists, FullArtistOffsetPaging)


def test_a_type_spotify_left_out_unpacks_as_none(loopback: Callable[[Handler], Server]) -> None:
    loopback(answering({"tracks": page("track", 1)}))
    tracks, audiobooks = spotlite.search("dummy-token", "q", types=("track", "audiobook"), market="FI")
    assert tracks is not None and audiobooks is None
