"""User endpoints, replayed from cassettes."""

from __future__ import annotations

from typing import Any

import pytest

import spotlite
from spotlite.errors import Forbidden, InvalidInput, NotFound, Unauthorised
from spotlite.testing._standin.catalogue import FINLANDIA, ORCHESTRA, SIBELIUS, SINGER

DEV_MODE_TOKEN = "dummy-dev-mode-token"  # the stand-in answers as to a development-mode app


def test_current_user(token: str) -> None:
    me = spotlite.current_user(token)
    assert (me.id, me.display_name, me.uri) == ("smedjan.fi", "Sanna Smedberg", "spotify:user:smedjan.fi")
    assert me.account_id == "4a1f0c2e9b7d4e21a3f85c6d"
    assert (me.country, me.product, me.email) == ("FI", "premium", "sanna.smedberg@example.fi")
    assert me.explicit_content is not None and me.explicit_content.filter_enabled is False
    assert me.followers is not None and me.followers.total == 37
    assert [image.width for image in me.images] == [300, 64]


def test_current_user_without_fields_removed_in_2026() -> None:
    me = spotlite.current_user(DEV_MODE_TOKEN)
    assert (me.id, me.account_id) == ("smedjan.fi", "4a1f0c2e9b7d4e21a3f85c6d")
    assert (me.country, me.email, me.product, me.explicit_content, me.followers) == (None,) * 5


def test_current_user_invalid_token_names_scopes(revoked_token: str) -> None:
    with pytest.raises(Unauthorised, match="user-read-private, user-read-email") as caught:
        spotlite.current_user(revoked_token)
    assert caught.value.scopes == ("user-read-private", "user-read-email")


def test_an_expired_token_names_no_scope(expired_token: str) -> None:
    with pytest.raises(Unauthorised) as caught:
        spotlite.current_user(expired_token)
    assert str(caught.value) == "401: The access token expired (refresh the token, or let spotlite.RefreshingToken do it)"
    assert caught.value.scopes == ()


def test_user(token: str) -> None:
    orchestra = spotlite.user(token, "lahtisymphony")
    assert orchestra.display_name == "Lahti Symphony Orchestra"
    assert orchestra.followers is not None and orchestra.followers.total == 1214
    society = spotlite.user(token, "spotify:user:sibelius.society")
    assert (society.id, society.display_name) == ("sibelius.society", None)


def test_user_not_found(token: str) -> None:
    with pytest.raises(NotFound, match="No such user"):
        spotlite.user(token, "https://open.spotify.com/user/nobody.here")


def test_user_forbidden_in_development_mode() -> None:
    with pytest.raises(Forbidden, match="deprecated this endpoint; development-mode apps get 403"):
        spotlite.user(DEV_MODE_TOKEN, "lahtisymphony")


def test_user_wrong_kind_refused_before_sending(token: str) -> None:
    with pytest.raises(InvalidInput, match="of kind 'user', but .* is of kind 'artist'"):
        spotlite.user(token, f"spotify:artist:{SIBELIUS}")


def test_current_user_top_artists(token: str, cassette: Any) -> None:
    top = spotlite.current_user_top_artists(token)
    assert [artist.id for artist in top.items] == [SIBELIUS, ORCHESTRA, SINGER]
    assert top.items[0].name == "Jean Sibelius" and top.items[0].genres == ("classical", "finnish classical")
    assert (top.total, top.next) == (3, None)
    assert cassette.requests[0].uri.endswith("/me/top/artists?time_range=medium_term&limit=20&offset=0")


def test_current_user_top_artists_short_term(token: str) -> None:
    top = spotlite.current_user_top_artists(token, "short_term", limit=1)
    assert [artist.name for artist in top.items] == ["Aino Virtanen"]
    assert top.total == 2 and top.next is not None and "time_range=short_term" in top.next


def test_current_user_top_tracks_pages(token: str) -> None:
    top = spotlite.current_user_top_tracks(token, time_range="long_term", limit=10)
    assert (top.total, top.limit, len(top.items)) == (30, 10, 10)
    assert top.items[0].id == FINLANDIA and top.items[0].album is not None
    assert top.items[0].album.name == "Sibelius: Finlandia, Karelia Suite & Symphony No. 2"
    tracks = list(spotlite.all_items(token, top))
    assert len(tracks) == 30 and len({track.id for track in tracks}) == 30


def test_current_user_top_checks_input(token: str) -> None:
    with pytest.raises(InvalidInput, match="short_term, medium_term, long_term"):
        spotlite.current_user_top_tracks(token, time_range="all_time")
    with pytest.raises(InvalidInput, match="between 1 and 50"):
        spotlite.current_user_top_artists(token, limit=51)
    with pytest.raises(InvalidInput, match="offset"):
        spotlite.current_user_top_artists(token, offset=-1)
