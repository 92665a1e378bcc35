"""IDs, URIs and URLs."""

from __future__ import annotations

import pytest

from spotlite.errors import InvalidInput
from spotlite.ids import parse, to_id, to_ids, to_uri

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
