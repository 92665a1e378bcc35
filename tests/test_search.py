"""Search, replayed from cassettes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest

import spotlite
from spotlite.errors import BadRequest, InvalidInput, MappingError
from spotlite.models import (
    ArtistSearchResult,
    EpisodeSearchResult,
    PlaylistSearchResult,
    SearchResult,
    TrackSearchResult,
    from_dict,
)
from spotlite.testing._standin.catalogue import FINLANDIA, MAIN_ALBUM, SINGER, SINGLE


def sent(cassette: Any, index: int = 0) -> dict[str, str]:
    """The query of a recorded request."""
    return dict(parse_qsl(urlsplit(cassette.requests[index].uri).query))


def test_search_tracks_by_default(token: str, cassette: Any) -> None:
    result = spotlite.search(token, "finlandia")
    assert type(result) is TrackSearchResult and isinstance(result, SearchResult)
    tracks, = result
    assert tracks is result.tracks and list(result) == [tracks]
    assert [t.name for t in result.tracks.items] == ["Finlandia, Op. 26", "Finlandia (Choral Version)"]
    assert result.tracks.items[0].id == FINLANDIA
    assert (result.tracks.total, result.tracks.limit, result.tracks.next) == (2, 5, None)
    assert (result.artists, result.albums, result.playlists, result.episodes) == (None,) * 4
    assert sent(cassette) == {"q": "finlandia", "type": "track", "offset": "0"}  # no limit: Spotify's default


def test_search_several_types(token: str, cassette: Any) -> None:
    result = spotlite.search(token, "Finlandia", types=("track", "album", "artist", "playlist", "show", "episode"),
                             market="FI", limit=10)
    assert type(result) is SearchResult
    assert result.tracks is not None and result.tracks.total == 2
    assert result.albums is not None and [a.id for a in result.albums.items] == [MAIN_ALBUM, SINGLE]
    assert result.artists is not None and (result.artists.total, result.artists.items) == (0, ())
    assert result.playlists is not None and result.playlists.items[0] is not None
    assert result.playlists.items[0].name == "Finlandia & Friends"
    assert result.shows is not None and result.shows.total == 0
    assert result.episodes is not None and result.episodes.total == 32  # both shows
    assert result.audiobooks is None
    assert sent(cassette)["type"] == "track,album,artist,playlist,show,episode"
    assert sent(cassette)["market"] == "FI" and sent(cassette)["limit"] == "10"


def test_search_episodes_with_null_item(token: str) -> None:
    result = spotlite.search(token, "finlandia", types=["episode"], market="FI", limit=4)
    assert type(result) is EpisodeSearchResult  # a list of one type too (typed as a SearchResult)
    first, second, hidden, fourth = result.episodes.items
    assert hidden is None  # Spotify sends null for an episode it cannot show
    assert first is not None and first.name == "#59: Finlandia, part 59"
    assert first.resume_point is not None and first.resume_point.resume_position_ms == 754_000
    assert second is not None and fourth is not None and fourth.name == "#53: Finlandia, part 53"
    assert result.episodes.next is not None and "type=episode" in result.episodes.next


def test_search_playlists_with_null_item(token: str) -> None:
    result = spotlite.search(token, "sibelius", types=("playlist",))
    assert type(result) is PlaylistSearchResult and result.tracks is None
    hidden, morning = result.playlists.items
    assert hidden is None
    assert morning is not None and morning.name == "Morning Sibelius"
    assert morning.owner.id == "spotify" and morning.items is not None and morning.items.total == 35


def test_search_shows_and_audiobooks(token: str) -> None:
    result = spotlite.search(token, "lahti", types=("show", "audiobook"), market="FI")
    assert result.shows is not None and [s.name for s in result.shows.items] == ["Notes from the Concert Hall"]
    assert result.shows.items[0].publisher == "Lahti Radio"
    assert result.audiobooks is not None
    assert [b.name for b in result.audiobooks.items] == ["The Kalevala", "Seven Brothers"]
    assert result.audiobooks.items[0].authors[0].name == "Elias Lönnrot"


def test_search_one_type_as_str(token: str) -> None:
    result = spotlite.search(token, "aino", types="artist")
    assert type(result) is ArtistSearchResult and result == ArtistSearchResult(artists=result.artists)
    assert [a.id for a in result.artists.items] == [SINGER]
    assert result.artists.items[0].genres == ("finnish pop",) and result.tracks is None


def test_search_all_items_follows_next(token: str, cassette: Any) -> None:
    first = spotlite.search(token, "Song No. 1")
    assert first.tracks is not None and (len(first.tracks.items), first.tracks.total) == (5, 11)
    names = [t.name for t in spotlite.all_items(token, first.tracks)]
    assert names == ["Song No. 1", *(f"Song No. {n}" for n in range(10, 20))]
    assert len(cassette.requests) == 2
    assert sent(cassette, 1) == {"q": "Song No. 1", "type": "track", "offset": "5", "limit": "10"}


def test_search_second_page_by_offset(token: str) -> None:
    result = spotlite.search(token, "finlandia", types=["episode"], limit=10, offset=25)
    assert result.episodes is not None and len(result.episodes.items) == 7
    assert (result.episodes.offset, result.episodes.next) == (25, None)
    assert result.episodes.previous is not None and "offset=15" in result.episodes.previous


def test_search_limit_over_10_explains_development_mode(token: str, canned: Callable[[int, Any], None]) -> None:
    canned(400, {"error": {"status": 400, "message": "Invalid limit"}})  # the spec's maximum is 10: no cassette
    with pytest.raises(BadRequest, match="development-mode apps may ask at most 10 items per page"):
        spotlite.search(token, "finlandia", limit=20)


def test_search_checks_input_before_sending(token: str) -> None:
    with pytest.raises(InvalidInput, match="types must be some of album, artist, playlist, track"):
        spotlite.search(token, "finlandia", types=("track", "song"))
    with pytest.raises(InvalidInput, match="types must be some of"):
        spotlite.search(token, "finlandia", types=())
    with pytest.raises(InvalidInput, match="query must be a non-empty str"):
        spotlite.search(token, "  ")
    with pytest.raises(InvalidInput, match="include_external must be 'audio'"):
        spotlite.search(token, "finlandia", include_external="video")
    with pytest.raises(InvalidInput, match="between 1 and 50"):
        spotlite.search(token, "finlandia", limit=51)
    with pytest.raises(InvalidInput, match="at most 1000"):
        spotlite.search(token, "finlandia", offset=1001)


def test_a_search_for_one_type_requires_its_page() -> None:
    with pytest.raises(MappingError, match="'tracks': expected FullTrackPaging, got null or nothing"):
        from_dict(TrackSearchResult, {"albums": None})
