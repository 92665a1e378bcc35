"""Following artists and users (/me/following), replayed from cassettes."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

import spotlite
from spotlite.errors import InvalidInput, Unauthorised
from spotlite.testing._standin.bodies import fake_id
from spotlite.testing._standin.catalogue import FINLANDIA, ORCHESTRA, SIBELIUS, SINGER, UNKNOWN

FOLLOWED = [SIBELIUS, ORCHESTRA, *(fake_id(f"artist:followed:{n}") for n in range(55))]
API = "https://api.spotify.com/v1"


def sent(cassette: Any) -> list[tuple[str, str, dict[str, list[str]]]]:
    """(method, path, query) of every request of the test."""
    return [(r.method, urlsplit(r.uri).path, parse_qs(urlsplit(r.uri).query)) for r in cassette.requests]


def test_followed_artists_first_page(token: str, cassette: Any) -> None:
    followed = spotlite.followed_artists(token)
    page = followed.artists
    assert (page.total, page.limit, len(page.items)) == (57, 20, 20)
    assert [a.name for a in page.items[:2]] == ["Jean Sibelius", "Lahti Symphony Orchestra"]
    assert page.items[0].followers is not None and page.items[0].followers.total == 1_204_311
    assert page.items[0].genres == ("classical", "finnish classical")
    assert page.cursors is not None and page.cursors.after == FOLLOWED[19] == page.items[-1].id
    assert page.next == f"{API}/me/following?type=artist&after={FOLLOWED[19]}&limit=20"
    assert cassette.requests[0].uri == f"{API}/me/following?type=artist&limit=20"


def test_followed_artists_all_items_follows_cursors(token: str, cassette: Any) -> None:
    first = spotlite.followed_artists(token, limit=50)
    assert len(first.artists.items) == 50
    everyone = list(spotlite.all_items(token, first.artists))
    assert [a.id for a in everyone] == FOLLOWED
    last = spotlite.next_page(token, first.artists)
    assert last is not None and last.next is None and last.cursors is not None and last.cursors.after is None
    assert [a.name for a in last.items[-2:]] == ["Revontuli & The Pines", "Ukko Quartet"]
    second = ("GET", "/v1/me/following", {"type": ["artist"], "after": [FOLLOWED[49]], "limit": ["50"]})
    assert sent(cassette) == [("GET", "/v1/me/following", {"type": ["artist"], "limit": ["50"]}), second, second]


def test_followed_artists_after_a_uri(token: str, cassette: Any) -> None:
    page = spotlite.followed_artists(token, limit=5, after=f"spotify:artist:{ORCHESTRA}").artists
    assert [a.id for a in page.items] == FOLLOWED[2:7]
    assert page.items[0].name == "Aurora Quartet"
    assert sent(cassette) == [("GET", "/v1/me/following", {"type": ["artist"], "after": [ORCHESTRA], "limit": ["5"]})]


def test_followed_artists_checks_input(token: str, cassette: Any) -> None:
    with pytest.raises(InvalidInput, match="between 1 and 50, got 51"):
        spotlite.followed_artists(token, limit=51)
    with pytest.raises(InvalidInput, match="between 1 and 50, got 0"):
        spotlite.followed_artists(token, limit=0)
    with pytest.raises(InvalidInput, match="of kind 'artist', but .* is of kind 'track'"):
        spotlite.followed_artists(token, after=f"spotify:track:{FINLANDIA}")
    assert cassette.requests == []


def test_followed_artists_invalid_token_names_scope(revoked_token: str) -> None:
    with pytest.raises(Unauthorised, match="Invalid access token.*user-follow-read"):
        spotlite.followed_artists(revoked_token)


def test_artists_follow_is_following_unfollow(token: str, cassette: Any) -> None:
    spotlite.artists_follow(token, [f"https://open.spotify.com/artist/{SINGER}?si=9a1b"])
    assert spotlite.artists_is_following(token, [SINGER, SIBELIUS, UNKNOWN]) == [True, True, False]
    spotlite.artists_unfollow(token, [f"spotify:artist:{SINGER}"])
    assert spotlite.artists_is_following(token, [SINGER]) == [False]
    assert sent(cassette) == [
        ("PUT", "/v1/me/following", {"type": ["artist"], "ids": [SINGER]}),
        ("GET", "/v1/me/following/contains", {"type": ["artist"], "ids": [f"{SINGER},{SIBELIUS},{UNKNOWN}"]}),
        ("DELETE", "/v1/me/following", {"type": ["artist"], "ids": [SINGER]}),
        ("GET", "/v1/me/following/contains", {"type": ["artist"], "ids": [SINGER]}),
    ]


def test_artists_chunked_by_50(token: str, cassette: Any) -> None:
    spotlite.artists_follow(token, [*FOLLOWED, SINGER])
    answers = spotlite.artists_is_following(token, [UNKNOWN, *FOLLOWED, SINGER, UNKNOWN])
    spotlite.artists_unfollow(token, [SINGER])
    assert answers == [False] + [True] * 58 + [False]
    requests = sent(cassette)
    assert [(method, path) for method, path, _ in requests] == [
        ("PUT", "/v1/me/following"), ("PUT", "/v1/me/following"),
        ("GET", "/v1/me/following/contains"), ("GET", "/v1/me/following/contains"),
        ("DELETE", "/v1/me/following"),
    ]
    assert [q["ids"][0].split(",") for _, _, q in requests[:2]] == [FOLLOWED[:50], [*FOLLOWED[50:], SINGER]]
    assert [len(q["ids"][0].split(",")) for _, _, q in requests[2:4]] == [50, 10]
    assert all(q["type"] == ["artist"] for _, _, q in requests)


def test_users_follow_is_following_unfollow(token: str, cassette: Any) -> None:
    spotlite.users_follow(token, ["spotify:user:sibeliusfan"])
    assert spotlite.users_is_following(token, ["sibeliusfan", "https://open.spotify.com/user/lahtirecords",
                                               "nobody"]) == [True, True, False]
    spotlite.users_unfollow(token, ["sibeliusfan"])
    assert spotlite.users_is_following(token, ["sibeliusfan"]) == [False]
    assert sent(cassette) == [
        ("PUT", "/v1/me/following", {"type": ["user"], "ids": ["sibeliusfan"]}),
        ("GET", "/v1/me/following/contains", {"type": ["user"], "ids": ["sibeliusfan,lahtirecords,nobody"]}),
        ("DELETE", "/v1/me/following", {"type": ["user"], "ids": ["sibeliusfan"]}),
        ("GET", "/v1/me/following/contains", {"type": ["user"], "ids": ["sibeliusfan"]}),
    ]


def test_users_chunked_by_50(token: str, cassette: Any) -> None:
    users = [f"listener{n}" for n in range(75)]
    spotlite.users_follow(token, users)
    assert spotlite.users_is_following(token, ["spotify", *users]) == [True] * 76
    spotlite.users_unfollow(token, users)
    requests = sent(cassette)
    assert [(method, q["ids"][0].split(",")) for method, _, q in requests[:2]] == [
        ("PUT", users[:50]), ("PUT", users[50:])]
    assert [q["ids"][0].split(",") for _, _, q in requests[2:4]] == [["spotify", *users[:49]], users[49:]]
    assert [(method, q["ids"][0].split(",")) for method, _, q in requests[4:]] == [
        ("DELETE", users[:50]), ("DELETE", users[50:])]


def test_follow_functions_check_input(token: str, cassette: Any) -> None:
    with pytest.raises(InvalidInput, match="of kind 'artist', but .* is of kind 'track'"):
        spotlite.artists_follow(token, [f"spotify:track:{FINLANDIA}"])
    with pytest.raises(InvalidInput, match="of kind 'artist', but .* is of kind 'user'"):
        spotlite.artists_is_following(token, ["spotify:user:spotify"])
    with pytest.raises(InvalidInput, match="of kind 'user', but .* is of kind 'artist'"):
        spotlite.users_unfollow(token, [f"spotify:artist:{SIBELIUS}"])
    with pytest.raises(InvalidInput, match="at least one artist ID"):
        spotlite.artists_unfollow(token, [])
    with pytest.raises(InvalidInput, match="at least one user ID"):
        spotlite.users_is_following(token, [])
    with pytest.raises(InvalidInput, match="not a valid artist ID"):
        spotlite.artists_follow(token, ["sibelius"])
    with pytest.raises(InvalidInput, match="a single str"):
        spotlite.users_follow(token, "spotify")
    assert cassette.requests == []
