"""Playlist endpoints, replayed from cassettes."""

from __future__ import annotations

import base64
import json
from collections import Counter
from collections.abc import Iterator
from datetime import datetime, timezone
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

import spotlite
from spotlite.errors import Forbidden, InvalidInput, NotFound, ServiceUnavailable, Unauthorised
from spotlite.models import FullEpisode, FullPlaylist, FullTrack, LocalTrack
from spotlite.testing._standin.bodies import fake_id
from spotlite.testing._standin.catalogue import ALL_TRACKS, FINLANDIA, FLAKY, UNKNOWN
from spotlite.testing._standin.playlists import (
    ESSENTIALS,
    EVENINGS,
    LOCAL_URI,
    ORCHESTRA,
    ORCHESTRA_PICKS,
    SOCIETY,
    SOCIETY_PICKS,
)
from spotlite.testing._standin.podcasts import BIG_SHOW, HALF_HEARD
from spotlite.testing._standin.users import ME

UTC = timezone.utc

API = "https://api.spotify.com/v1"
URIS = [f"spotify:track:{track['id']}" for track in ALL_TRACKS]  # 73 different tracks
EPISODES = [f"spotify:episode:{fake_id(f'episode:{BIG_SHOW}:{n}')}" for n in range(1, 41)]  # as the stand-in has
JPEG = bytes.fromhex("ffd8ffe000104a46494600010100000100010000ffdb004300") + bytes(range(64)) + b"\xff\xd9"


def sent(cassette: Any) -> list[tuple[str, str, Any]]:
    """Method, path with query, and JSON body of every request of the test."""
    return [(r.method, r.uri.removeprefix(API), json.loads(r.body) if r.body else None) for r in cassette.requests]


def query_of(request: Any) -> dict[str, list[str]]:
    return parse_qs(urlsplit(request.uri).query)


def uris_in(token: str, playlist_id: str) -> list[str | None]:
    page = spotlite.playlist_items(token, playlist_id, limit=50)
    return [entry.item.uri if entry.item else None for entry in spotlite.all_items(token, page)]


@pytest.fixture
def scratch(request: pytest.FixtureRequest, token: str, cassette: Any) -> Iterator[FullPlaylist]:
    """A new private playlist of the user, deleted (unfollowed) after the test."""
    created = spotlite.playlist_create(token, f"Scratch for {request.node.name}", public=False)
    yield created
    spotlite.playlist_unfollow(token, created.id)


def test_playlist_in_the_2026_shape(token: str, cassette: Any) -> None:
    playlist = spotlite.playlist(token, EVENINGS)
    assert sent(cassette) == [("GET", f"/playlists/{EVENINGS}?additional_types=track%2Cepisode", None)]
    assert (playlist.name, playlist.description) == ("Finnish Evenings", "Slow music for long light evenings")
    assert (playlist.owner.id, playlist.owner.display_name) == (ME, "Sanna Smedberg")
    assert (playlist.public, playlist.collaborative, playlist.primary_color) == (True, False, None)
    assert playlist.followers is not None and playlist.followers.total == 3
    assert [image.width for image in playlist.images] == [640, 300, 60]
    assert playlist.items is not None and playlist.tracks is playlist.items
    assert (playlist.items.total, playlist.items.limit, len(playlist.items.items)) == (136, 100, 100)
    assert playlist.items.next is not None and "/items?" in playlist.items.next
    entries = playlist.items.items
    first = entries[0]
    assert isinstance(first.item, FullTrack) and first.track is first.item
    assert (first.item.id, first.item.name, first.item.track, first.item.episode) == (
        FINLANDIA, "Finlandia, Op. 26", True, False)
    assert (first.added_at, first.added_by and first.added_by.id, first.is_local) == (datetime(2025, 1, 5, 20, 0, 0, tzinfo=UTC), ME, False)
    assert first.video_thumbnail is not None and first.video_thumbnail.url is None


def test_playlist_entries_local_episode_and_null(token: str) -> None:
    playlist = spotlite.playlist(token, EVENINGS)
    assert playlist.items is not None
    local, episode, gone = (playlist.items.items[i] for i in (2, 4, 6))
    assert local.is_local and isinstance(local.item, LocalTrack)
    assert (local.item.id, local.item.name, local.item.uri, local.item.duration_ms) == (
        None, "Midsummer Waltz", LOCAL_URI, 214_000)
    assert local.item.album is not None and (local.item.album.name, local.item.album.id) == ("Home Recordings", None)
    assert [(a.name, a.id) for a in local.item.artists] == [("Aino Virtanen", None)]
    assert isinstance(episode.item, FullEpisode) and not episode.is_local
    assert (episode.item.id, episode.item.episode, episode.item.track) == (HALF_HEARD, True, False)
    assert episode.item.show is not None and episode.item.show.name == "Notes from the Concert Hall"
    assert gone.item is None and gone.track is None and gone.added_at == datetime(2025, 1, 7, 14, 0, 0, tzinfo=UTC)


def test_playlist_in_the_old_shape(token: str) -> None:
    playlist = spotlite.playlist(token, ESSENTIALS)
    assert playlist.items is not None and playlist.tracks is playlist.items
    assert playlist.items.total == 12 and playlist.items.href is not None and "/tracks?" in playlist.items.href
    names = [entry.item.name for entry in playlist.items.items if isinstance(entry.item, FullTrack)]
    assert names[:2] == ["Finlandia, Op. 26", "Valse triste, Op. 44 No. 1"] and len(names) == 12
    assert playlist.items.items[0].track is playlist.items.items[0].item
    assert [(image.height, image.width) for image in playlist.images] == [(None, None)]


def test_playlist_not_owned_comes_without_items(token: str) -> None:
    playlist = spotlite.playlist(token, ORCHESTRA_PICKS)
    assert (playlist.name, playlist.owner.id, playlist.owner.display_name) == (
        "Orchestra Picks", ORCHESTRA, "Lahti Symphony Orchestra")
    assert playlist.items is None and playlist.tracks is None
    assert (playlist.public, playlist.images) == (None, ())
    assert playlist.snapshot_id is not None


def test_playlist_with_fields_is_a_dict(token: str, cassette: Any) -> None:
    found = spotlite.playlist(token, EVENINGS, fields="name,items(total,items(is_local,item(name)))")
    assert query_of(cassette.requests[0]) == {
        "fields": ["name,items(total,items(is_local,item(name)))"], "additional_types": ["track,episode"]}
    assert isinstance(found, dict) and set(found) == {"name", "items"}
    assert (found["name"], found["items"]["total"]) == ("Finnish Evenings", 136)
    assert found["items"]["items"][:3] == [
        {"is_local": False, "item": {"name": "Finlandia, Op. 26"}},
        {"is_local": False, "item": {"name": "Valse triste, Op. 44 No. 1"}},
        {"is_local": True, "item": {"name": "Midsummer Waltz"}},
    ]
    assert found["items"]["items"][6] == {"is_local": False, "item": None}


def test_playlist_as_tracks(token: str, cassette: Any) -> None:
    all_as_tracks = spotlite.playlist(token, EVENINGS, as_tracks=True)
    spotlite.playlist(token, EVENINGS, as_tracks=["episode"])
    assert [query_of(r) for r in cassette.requests] == [{}, {"additional_types": ["track"]}]
    assert all_as_tracks.items is not None
    episode = all_as_tracks.items.items[4].item
    assert isinstance(episode, FullEpisode) and episode.id == HALF_HEARD
    assert episode.album is not None and episode.album.name == "Notes from the Concert Hall"
    assert [artist.id for artist in episode.artists] == [BIG_SHOW]


def test_playlist_as_tracks_refuses_unknown_types(token: str) -> None:
    with pytest.raises(InvalidInput, match="as_tracks takes"):
        spotlite.playlist(token, EVENINGS, as_tracks=["chapter"])


def test_playlist_not_found_explains_editorial_playlists(token: str) -> None:
    with pytest.raises(NotFound) as caught:
        spotlite.playlist(token, f"https://open.spotify.com/playlist/{UNKNOWN}?si=1a2b")
    assert caught.value.message.startswith("Resource not found. ")
    assert "editorial and algorithmic playlists" in caught.value.message


def test_playlist_wrong_kind_refused_before_sending(token: str) -> None:
    with pytest.raises(InvalidInput, match="of kind .playlist., but .* is of kind .album."):
        spotlite.playlist(token, f"spotify:album:{EVENINGS}")


def test_playlist_items_pages(token: str, cassette: Any) -> None:
    first = spotlite.playlist_items(token, EVENINGS, limit=50)
    assert sent(cassette)[0] == (
        "GET", f"/playlists/{EVENINGS}/items?additional_types=track%2Cepisode&limit=50&offset=0", None)
    assert (first.total, first.limit, first.offset, len(first.items)) == (136, 50, 0, 50)
    entries = list(spotlite.all_items(token, first))
    assert len(entries) == 136 and len(cassette.requests) == 3
    kinds = Counter(type(entry.item).__name__ for entry in entries)
    assert kinds == {"FullTrack": 133, "LocalTrack": 1, "FullEpisode": 1, "NoneType": 1}
    assert entries[-1].item is not None and entries[-1].item.name == "Song No. 48"


def test_playlist_items_in_the_old_shape(token: str) -> None:
    page = spotlite.playlist_items(token, ESSENTIALS, market="FI", offset=10)
    assert (page.total, page.offset, len(page.items)) == (12, 10, 2)
    assert page.href is not None and f"/playlists/{ESSENTIALS}/tracks?" in page.href
    assert [entry.track.name for entry in page.items if entry.track] == [
        "Symphony No. 2 in D Major, Op. 43: IV. Finale. Allegro moderato", "Spring Song, Op. 16"]


def test_playlist_items_of_a_playlist_not_owned_is_forbidden(token: str) -> None:
    with pytest.raises(Forbidden) as caught:
        spotlite.playlist_items(token, ORCHESTRA_PICKS)
    assert caught.value.message == (
        "Forbidden (this endpoint needs the scope playlist-read-private). "
        "Since 2026 Spotify gives the items only of playlists the user owns or collaborates on")


def test_playlist_items_limit_checked(token: str) -> None:
    with pytest.raises(InvalidInput, match="between 1 and 50"):
        spotlite.playlist_items(token, EVENINGS, limit=51)


def test_playlist_items_with_fields_is_a_dict(token: str, cassette: Any) -> None:
    found = spotlite.playlist_items(token, EVENINGS, fields="total,items(is_local,item(type))", limit=7)
    assert query_of(cassette.requests[0])["fields"] == ["total,items(is_local,item(type))"]
    assert found["total"] == 136
    assert [entry["item"] and entry["item"]["type"] for entry in found["items"]] == [
        "track", "track", "track", "track", "episode", "track", None]
    assert found["items"][2]["is_local"] is True


def test_followed_playlists(token: str, cassette: Any) -> None:
    page = spotlite.followed_playlists(token, limit=10)
    assert sent(cassette) == [("GET", "/me/playlists?limit=10&offset=0", None)]
    assert [p.name for p in page.items] == ["Finnish Evenings", "Sibelius Essentials", "Orchestra Picks"]
    assert [p.items.total if p.items else None for p in page.items] == [136, 12, None]
    evenings, essentials, picks = page.items
    assert evenings.items is not None and evenings.items.href == f"{API}/playlists/{EVENINGS}/items"
    assert essentials.tracks is essentials.items and essentials.items is not None
    assert essentials.items.href == f"{API}/playlists/{ESSENTIALS}/tracks"
    assert (picks.images, picks.public, picks.tracks) == ((), None, None)


def test_followed_playlists_with_invalid_token(revoked_token: str) -> None:
    with pytest.raises(Unauthorised, match="Invalid access token .this endpoint needs the scope playlist-read"):
        spotlite.followed_playlists(revoked_token)


def test_playlists_of_a_user(token: str) -> None:
    page = spotlite.playlists(token, f"spotify:user:{SOCIETY}")
    assert [p.name for p in page.items] == ["Finnish Evenings", "Sibelius Essentials", "Society Picks"]
    assert page.items[2].owner.display_name is None and page.items[2].items is None


def test_playlist_create(token: str, cassette: Any) -> None:
    created = spotlite.playlist_create(token, "Road Trip North", public=False, description="Songs for the drive")
    spotlite.playlist_unfollow(token, created.id)
    assert sent(cassette) == [
        ("POST", "/me/playlists",
         {"name": "Road Trip North", "public": False, "collaborative": False, "description": "Songs for the drive"}),
        ("DELETE", f"/playlists/{created.id}/followers", None),
    ]
    assert (created.name, created.description, created.public, created.owner.id) == (
        "Road Trip North", "Songs for the drive", False, ME)
    assert created.items is not None and (created.items.total, created.items.items) == (0, ())
    assert created.followers is not None and created.followers.total == 1 and created.images == ()


def test_playlist_create_checks_before_sending(token: str) -> None:
    with pytest.raises(InvalidInput, match="collaborative playlist cannot be public"):
        spotlite.playlist_create(token, "Together", collaborative=True)
    with pytest.raises(InvalidInput, match="non-empty str"):
        spotlite.playlist_create(token, "  ")


def test_playlist_create_for_user(token: str, cassette: Any) -> None:
    created = spotlite.playlist_create_for_user(token, ME, "Old Style")
    spotlite.playlist_unfollow(token, created.id)
    assert sent(cassette)[0] == ("POST", f"/users/{ME}/playlists", {"name": "Old Style", "public": True,
                                                                     "description": ""})
    assert (created.name, created.public, created.collaborative, created.description) == (
        "Old Style", True, False, None)


def test_playlist_change_details(token: str, cassette: Any, scratch: FullPlaylist) -> None:
    spotlite.playlist_change_details(token, scratch.id, name="Renamed", description="Now with a description")
    assert sent(cassette)[1] == (
        "PUT", f"/playlists/{scratch.id}", {"name": "Renamed", "description": "Now with a description"})
    changed = spotlite.playlist(token, scratch.id)
    assert (changed.name, changed.description, changed.public) == ("Renamed", "Now with a description", False)
    assert changed.snapshot_id != scratch.snapshot_id
    with pytest.raises(InvalidInput, match="nothing to change"):
        spotlite.playlist_change_details(token, scratch.id)


def test_playlist_add_keeps_order_with_position(token: str, cassette: Any, scratch: FullPlaylist) -> None:
    first = URIS[:30]
    spotlite.playlist_add(token, scratch.id, first)
    many = [URIS[n % len(URIS)] for n in range(40, 270)]  # 230: three requests
    snapshot = spotlite.playlist_add(token, scratch.id, many, position=10)
    path = f"/playlists/{scratch.id}/items"
    assert sent(cassette)[1:5] == [
        ("POST", path, {"uris": first}),
        ("POST", path, {"uris": many[:100], "position": 10}),
        ("POST", path, {"uris": many[100:200], "position": 110}),
        ("POST", path, {"uris": many[200:], "position": 210}),
    ]
    assert snapshot == json.loads(cassette.responses[4]["body"]["string"])["snapshot_id"]
    assert uris_in(token, scratch.id) == first[:10] + many + first[10:]
    assert spotlite.playlist(token, scratch.id).snapshot_id == snapshot


def test_playlist_add_refuses_what_it_cannot_add(token: str) -> None:
    with pytest.raises(InvalidInput, match="a bare ID does not say"):
        spotlite.playlist_add(token, EVENINGS, [FINLANDIA])
    with pytest.raises(InvalidInput, match="track or an episode, got 'spotify:album:"):
        spotlite.playlist_add(token, EVENINGS, [f"spotify:album:{FINLANDIA}"])
    with pytest.raises(InvalidInput, match="cannot add local files"):
        spotlite.playlist_add(token, EVENINGS, [LOCAL_URI])
    with pytest.raises(InvalidInput, match="at least one URI"):
        spotlite.playlist_add(token, EVENINGS, [])
    with pytest.raises(InvalidInput, match="position must be an int of 0 or more"):
        spotlite.playlist_add(token, EVENINGS, URIS[:1], position=-1)


def test_playlist_replace_more_than_100(token: str, cassette: Any, scratch: FullPlaylist) -> None:
    spotlite.playlist_add(token, scratch.id, URIS[:5])
    wanted = [f"spotify:episode:{HALF_HEARD}", *URIS, *URIS[:76]]  # 150
    snapshot = spotlite.playlist_replace(token, scratch.id, wanted)
    path = f"/playlists/{scratch.id}/items"
    assert sent(cassette)[2:4] == [("PUT", path, {"uris": wanted[:100]}), ("POST", path, {"uris": wanted[100:]})]
    assert uris_in(token, scratch.id) == wanted
    assert spotlite.playlist(token, scratch.id).snapshot_id == snapshot


def test_playlist_clear(token: str, cassette: Any, scratch: FullPlaylist) -> None:
    spotlite.playlist_add(token, scratch.id, URIS[:3])
    snapshot = spotlite.playlist_clear(token, scratch.id)
    assert sent(cassette)[2] == ("PUT", f"/playlists/{scratch.id}/items", {"uris": []})
    emptied = spotlite.playlist(token, scratch.id)
    assert emptied.items is not None and emptied.items.total == 0 and emptied.snapshot_id == snapshot


def test_playlist_reorder(token: str, cassette: Any, scratch: FullPlaylist) -> None:
    five = URIS[:5]
    before = spotlite.playlist_add(token, scratch.id, five)
    after = spotlite.playlist_reorder(token, scratch.id, 0, 5, range_length=2, snapshot_id=before)
    assert sent(cassette)[2] == ("PUT", f"/playlists/{scratch.id}/items",
                                 {"range_start": 0, "insert_before": 5, "range_length": 2, "snapshot_id": before})
    assert after != before
    assert uris_in(token, scratch.id) == five[2:] + five[:2]


def test_playlist_reorder_checks_before_sending(token: str) -> None:
    with pytest.raises(InvalidInput, match="range_length must be an int of 1 or more"):
        spotlite.playlist_reorder(token, EVENINGS, 0, 3, range_length=0)


def test_only_idempotent_writes_are_retried(token: str, cassette: Any) -> None:
    with pytest.raises(ServiceUnavailable):
        spotlite.playlist_reorder(token, FLAKY, 0, 1)  # 503 once: a reorder is never sent twice
    spotlite.playlist_clear(token, FLAKY)  # 503 once, then retried
    assert [(r.method, json.loads(r.body)) for r in cassette.requests] == [
        ("PUT", {"range_start": 0, "insert_before": 1, "range_length": 1}),
        ("PUT", {"uris": []}),
        ("PUT", {"uris": []}),
    ]
    assert [response["status"]["code"] for response in cassette.responses] == [503, 503, 200]


def test_playlist_remove_chains_snapshots(token: str, cassette: Any, scratch: FullPlaylist) -> None:
    spotlite.playlist_replace(token, scratch.id, [*URIS, *EPISODES[:27]])
    start = spotlite.playlist_add(token, scratch.id, EPISODES[27:])  # 113 different items
    gone = [*EPISODES, *URIS[:70]]  # 110: two requests
    final = spotlite.playlist_remove(token, scratch.id, gone, snapshot_id=start)
    path = f"/playlists/{scratch.id}/items"
    first_answer, last_answer = (json.loads(cassette.responses[i]["body"]["string"])["snapshot_id"] for i in (3, 4))
    assert sent(cassette)[3:5] == [
        ("DELETE", path, {"items": [{"uri": uri} for uri in gone[:100]], "snapshot_id": start}),
        ("DELETE", path, {"items": [{"uri": uri} for uri in gone[100:]], "snapshot_id": first_answer}),
    ]
    assert final == last_answer != first_answer
    assert uris_in(token, scratch.id) == URIS[70:]


def test_playlist_remove_takes_local_files_but_not_shows(token: str) -> None:
    with pytest.raises(InvalidInput, match="track or an episode, got .spotify:show:"):
        spotlite.playlist_remove(token, EVENINGS, [LOCAL_URI, "spotify:show:" + BIG_SHOW])


def test_playlist_cover_image(token: str) -> None:
    covers = spotlite.playlist_cover_image(token, EVENINGS)
    assert [(image.width, image.height) for image in covers] == [(640, 640), (300, 300), (60, 60)]
    assert covers[0].url.startswith("https://mosaic.scdn.co/640/")
    uploaded = spotlite.playlist_cover_image(token, ESSENTIALS)
    assert [(image.width, image.height) for image in uploaded] == [(None, None)]


def test_playlist_cover_image_upload(token: str, cassette: Any, scratch: FullPlaylist) -> None:
    spotlite.playlist_cover_image_upload(token, scratch.id, JPEG)
    text = base64.b64encode(JPEG).decode()
    spotlite.playlist_cover_image_upload(token, scratch.id, text[:40] + "\n" + text[40:])
    for request in cassette.requests[1:3]:
        assert (request.method, request.uri) == ("PUT", f"{API}/playlists/{scratch.id}/images")
        assert request.headers["Content-Type"] == "image/jpeg"
        assert request.body == text.encode()
    covers = spotlite.playlist_cover_image(token, scratch.id)
    assert len(covers) == 1 and covers[0].url.startswith("https://image-cdn-fa.spotifycdn.com/image/")


def test_playlist_cover_image_upload_checks_before_sending(token: str) -> None:
    png = bytes.fromhex("89504e470d0a1a0a") + bytes(32)
    with pytest.raises(InvalidInput, match="must be a JPEG .starting FF D8 FF., got one starting 89 50 4E 47"):
        spotlite.playlist_cover_image_upload(token, EVENINGS, png)
    with pytest.raises(InvalidInput, match="must be a JPEG"):
        spotlite.playlist_cover_image_upload(token, EVENINGS, base64.b64encode(png).decode())
    with pytest.raises(InvalidInput, match="base64 text of a JPEG"):
        spotlite.playlist_cover_image_upload(token, EVENINGS, "not base64!")
    with pytest.raises(InvalidInput, match="is 266668 bytes as base64; Spotify takes at most 262144"):
        spotlite.playlist_cover_image_upload(token, EVENINGS, JPEG + bytes(200_000 - len(JPEG)))


def test_playlist_follow_and_unfollow(token: str, cassette: Any) -> None:
    spotlite.playlist_follow(token, SOCIETY_PICKS, public=False)
    assert spotlite.playlist_is_following(token, SOCIETY_PICKS, [ME, ORCHESTRA, SOCIETY]) == [True, False, True]
    spotlite.playlist_unfollow(token, SOCIETY_PICKS)
    assert spotlite.playlist_is_following(token, SOCIETY_PICKS, [ME]) == [False]
    followers = f"/playlists/{SOCIETY_PICKS}/followers"
    assert sent(cassette) == [
        ("PUT", followers, {"public": False}),
        ("GET", f"{followers}/contains?ids={ME}", None),
        ("GET", f"{followers}/contains?ids={ORCHESTRA}", None),
        ("GET", f"{followers}/contains?ids={SOCIETY}", None),
        ("DELETE", followers, None),
        ("GET", f"{followers}/contains?ids={ME}", None),
    ]
