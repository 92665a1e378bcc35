"""Album endpoints, replayed from cassettes."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

import spotlite
from spotlite.errors import InvalidInput, NotFound
from spotlite.testing._standin.catalogue import BIG_ALBUM, FINLANDIA, MAIN_ALBUM, SINGLE, UNKNOWN

UTC = timezone.utc


def test_album(token: str) -> None:
    album = spotlite.album(token, MAIN_ALBUM)
    assert album.name == "Sibelius: Finlandia, Karelia Suite & Symphony No. 2"
    assert album.release_date == "2001-09-10"
    assert [a.name for a in album.artists] == ["Jean Sibelius", "Lahti Symphony Orchestra"]
    assert album.tracks is not None and album.tracks.total == 12
    assert album.tracks.items[0].id == FINLANDIA
    assert album.tracks.items[0].name == "Finlandia, Op. 26"
    assert album.copyrights[0].text == "2001 Lahti Records"
    assert album.images[0].width == 640


def test_album_from_url_with_market(token: str) -> None:
    url = f"https://open.spotify.com/intl-fi/album/{SINGLE}?si=4f1c2a"
    album = spotlite.album(token, url, market="FI")
    assert (album.album_type, album.total_tracks) == ("single", 1)
    assert album.tracks is not None and album.tracks.href is not None and "market=FI" in album.tracks.href


def test_album_not_found(token: str) -> None:
    with pytest.raises(NotFound) as caught:
        spotlite.album(token, UNKNOWN)
    assert caught.value.message == "Resource not found"
    assert caught.value.status == 404


def test_album_wrong_kind_refused_before_sending(token: str) -> None:
    with pytest.raises(ValueError, match="of kind .album., but .* is of kind .track."):
        spotlite.album(token, f"spotify:track:{FINLANDIA}")


def test_albums_with_unknown_id_gives_none(token: str) -> None:
    found = spotlite.albums(token, [MAIN_ALBUM, UNKNOWN, f"spotify:album:{SINGLE}"])
    assert found[1] is None
    assert found[0] is not None and found[0].id == MAIN_ALBUM
    assert found[2] is not None and found[2].name == "Finlandia (Choral Version)"


def test_albums_chunked_by_20(token: str) -> None:
    ids = [MAIN_ALBUM, SINGLE] * 12
    found = spotlite.albums(token, ids)
    assert [a.id for a in found if a] == ids


def test_album_tracks_pages(token: str) -> None:
    first = spotlite.album_tracks(token, BIG_ALBUM, limit=25, offset=10)
    assert (first.offset, first.limit, first.total) == (10, 25, 60)
    assert first.items[0].name == "Song No. 11"
    assert [t.track_number for t in spotlite.all_items(token, first)] == list(range(11, 61))


def test_album_tracks_limit_checked(token: str) -> None:
    with pytest.raises(InvalidInput, match="between 1 and 50"):
        spotlite.album_tracks(token, BIG_ALBUM, limit=51)


def test_saved_albums(token: str) -> None:
    saved = spotlite.saved_albums(token, limit=10)
    assert saved.total == 2
    assert saved.items[0].added_at == datetime(2024, 1, 14, 9, 12, 45, tzinfo=UTC)
    assert saved.items[0].album.label == "Lahti Records"


def test_saved_albums_add_contains_delete(token: str) -> None:
    spotlite.saved_albums_add(token, [BIG_ALBUM])
    assert spotlite.saved_albums_contains(token, [BIG_ALBUM, UNKNOWN, MAIN_ALBUM]) == [True, False, True]
    spotlite.saved_albums_delete(token, [BIG_ALBUM])
    assert spotlite.saved_albums_contains(token, [BIG_ALBUM]) == [False]


def test_saved_albums_contains_refuses_empty_list(token: str) -> None:
    with pytest.raises(InvalidInput, match="at least one album ID"):
        spotlite.saved_albums_contains(token, [])


def test_new_releases(token: str) -> None:
    releases = spotlite.new_releases(token, limit=2)
    assert [a.name for a in releases.albums.items] == ["Finlandia (Choral Version)", "Sibelius: The Complete Songs"]
    assert releases.albums.next is not None
    rest = spotlite.next_page(token, releases.albums)
    assert rest is not None and rest.items[0].id == MAIN_ALBUM
