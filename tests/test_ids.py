"""IDs, URIs and URLs."""

from __future__ import annotations

import re

import pytest

from spotlite.errors import InvalidInput
from spotlite.ids import parse, segment, to_id, to_ids, to_uri

TRACK = "6rqhFgbbKwnb9MLmUQDhG6"


@pytest.mark.parametrize(
    "value",
    [
        TRACK,
        f"spotify:track:{TRACK}",
        f"https://open.spotify.com/track/{TRACK}",
        f"https://open.spotify.com/track/{TRACK}?si=a1b2c3d4e5f6",
        f"https://open.spotify.com/intl-de/track/{TRACK}?si=x",
        f"https://open.spotify.com/intl-pt_BR/track/{TRACK}/",
        f"open.spotify.com/track/{TRACK}",
        f"  {TRACK}\n",
    ],
)
def test_every_form_gives_the_id(value: str) -> None:
    assert to_id(value, "track") == TRACK


def test_old_user_playlist_uri() -> None:
    assert to_id("spotify:user:someone:playlist:37i9dQZF1DXcBWIGoYBM5M", "playlist") == "37i9dQZF1DXcBWIGoYBM5M"


def test_wrong_kind_names_both() -> None:
    with pytest.raises(ValueError, match="of kind 'album', but 'spotify:track:.*' is of kind 'track'"):
        to_id(f"spotify:track:{TRACK}", "album")
    with pytest.raises(InvalidInput, match="of kind 'track', but .* is of kind 'episode'"):
        to_id(f"https://open.spotify.com/episode/{TRACK}", "track")


@pytest.mark.parametrize("value", ["", "abc", TRACK + "x", "6rqhFgbbKwnb9MLmUQDhG!", "spotify:track:",
                                   "https://example.com/track/" + TRACK, "https://open.spotify.com/"])
def test_malformed_refused(value: str) -> None:
    with pytest.raises(InvalidInput):
        to_id(value, "track")


def test_user_ids_are_free_form() -> None:
    assert to_id("spotify:user:wizzler", "user") == "wizzler"
    assert to_id("smedjan", "user") == "smedjan"


def test_lists_and_uris() -> None:
    assert to_ids([TRACK, f"spotify:track:{TRACK}"], "track") == [TRACK, TRACK]
    with pytest.raises(InvalidInput, match="single str"):
        to_ids(TRACK, "track")
    assert to_uri(TRACK, "track") == f"spotify:track:{TRACK}"
    assert to_uri("spotify:local:a:b:c:120", "track") == "spotify:local:a:b:c:120"
    assert parse(f"spotify:album:{TRACK}") == ("album", TRACK)
    with pytest.raises(InvalidInput, match="as str"):
        parse(42)  # type: ignore[arg-type]


def test_audiobooks_and_chapters_travel_as_shows_and_episodes() -> None:
    assert to_id(f"spotify:show:{TRACK}", "audiobook") == TRACK
    assert to_id(f"https://open.spotify.com/episode/{TRACK}", "chapter") == TRACK
    with pytest.raises(InvalidInput, match="of kind 'show'"):
        to_id(f"spotify:audiobook:{TRACK}", "show")


@pytest.mark.parametrize(
    ("value", "encoded"),
    [
        ("john.smith", "john.smith"),
        ("1234@x", "1234%40x"),
        ("%41", "%2541"),
        ("a%2Fb", "a%252Fb"),
        ("é", "%C3%A9"),
        ("john smith", "john%20smith"),
        ("a+b:c;d", "a%2Bb%3Ac%3Bd"),
        ("...", "..."),
        ("spotify:user:1234@x", "1234%40x"),
        ("https://open.spotify.com/user/john%40x?si=1", "john%40x"),  # a URL's ID is decoded, then encoded once
    ],
)
def test_segment_percent_encodes_one_path_segment(value: str, encoded: str) -> None:
    assert segment(value, "user") == encoded


def test_segment_leaves_base62_ids_alone() -> None:
    assert segment(f"spotify:track:{TRACK}", "track") == TRACK
    assert segment("party", "category") == "party"


@pytest.mark.parametrize("kind", ["user", "category"])
@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("", "it is empty"),
        ("   ", "it is empty"),
        (".", "'.' would change the URL's path"),
        ("..", "'..' would change the URL's path"),
        (" .. ", "'..' would change the URL's path"),
        ("a/b", "it holds one of"),
        ("a?b", "it holds one of"),
        ("a#b", "it holds one of"),
        ("a&b", "it holds one of"),
    ],
)
def test_free_text_ids_refuse_what_would_change_the_url(kind: str, value: str, reason: str) -> None:
    for function in (to_id, segment):
        with pytest.raises(InvalidInput, match=f"is not a valid {kind} ID: {re.escape(reason)}"):
            function(value, kind)


@pytest.mark.parametrize("value", ["spotify:user:..", "https://open.spotify.com/user/%2E%2E",
                                   "https://open.spotify.com/user/a%2Fb"])
def test_uris_and_urls_are_checked_after_decoding(value: str) -> None:
    with pytest.raises(InvalidInput, match="not a valid user ID"):
        segment(value, "user")


def test_free_text_ids_refused_in_lists_too() -> None:
    with pytest.raises(InvalidInput, match=r"'\.\.' is not a valid user ID"):
        to_ids(["smedjan", ".."], "user")


def test_to_uri_in_tekores_order_says_the_arguments_look_swapped() -> None:
    with pytest.raises(InvalidInput, match=r"look swapped; spotlite's order is to_uri\(value, kind\)"):
        to_uri("track", "6rqhFgbbKwnb9MLmUQDhG6")
    with pytest.raises(InvalidInput, match="look swapped"):
        to_id("album", "spotify:album:3RBULTZJ97bvVzZLpxcB0j")
    assert to_uri("6rqhFgbbKwnb9MLmUQDhG6", "track") == "spotify:track:6rqhFgbbKwnb9MLmUQDhG6"


@pytest.mark.parametrize("kind", ["song", "tracks", "Track", "", "local", 5, None])
def test_an_unknown_kind_is_refused(kind: object) -> None:
    for function in (to_uri, to_id):
        with pytest.raises(InvalidInput, match=f"{function.__name__} takes a kind among album, artist"):
            function("6rqhFgbbKwnb9MLmUQDhG6", kind)  # type: ignore[operator]
    with pytest.raises(InvalidInput, match="to_ids takes a kind among"):
        to_ids(["6rqhFgbbKwnb9MLmUQDhG6"], kind)  # type: ignore[arg-type]
    with pytest.raises(InvalidInput, match="to_uri takes a kind"):
        to_uri("spotify:local:artist:album:title:180", kind)  # type: ignore[arg-type]


def test_categories_are_ids_but_have_no_uri() -> None:
    assert to_id("party", "category") == "party" and to_ids(["party", "dinner"], "category") == ["party", "dinner"]
    assert segment("at home", "category") == "at%20home"
    with pytest.raises(InvalidInput, match="to_uri takes a kind among"):
        to_uri("party", "category")


def test_to_ids_refuses_what_is_not_a_list() -> None:
    with pytest.raises(InvalidInput, match="expected a list of track IDs, got int"):
        to_ids(5, "track")  # type: ignore[arg-type]
    with pytest.raises(InvalidInput, match="got a single bytes"):
        to_ids(b"6rqhFgbbKwnb9MLmUQDhG6", "track")  # type: ignore[arg-type]
