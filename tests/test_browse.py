"""Browse endpoints, replayed from cassettes."""

from __future__ import annotations

from typing import Any

import pytest

import spotlite
from spotlite.errors import Forbidden, InvalidInput, NotFound

DEV_MODE_TOKEN = "dummy-dev-mode-token"  # the stand-in answers as to a development-mode app


def test_categories(token: str) -> None:
    found = spotlite.categories(token, limit=3)
    page = found.categories
    assert [c.id for c in page.items] == ["toplists", page.items[1].id, "party"]
    assert [c.name for c in page.items] == ["Charts", "Classical", "Party"]
    assert len(page.items[1].id) == 22
    assert (page.total, page.limit, page.offset) == (7, 3, 0)
    assert page.items[2].icons[0].width == 274
    assert page.items[2].href == "https://api.spotify.com/v1/browse/categories/party"


def test_categories_all_items_in_finnish(token: str, cassette: Any) -> None:
    first = spotlite.categories(token, locale="fi_FI", limit=2, offset=1)
    names = [c.name for c in spotlite.all_items(token, first.categories)]
    assert names == ["Klassinen", "Juhlat", "Tunnelma", "Keskittyminen", "Pohjoismaiset äänet", "Uni"]
    assert "locale=fi_FI" in cassette.requests[-1].uri


def test_categories_forbidden_in_development_mode() -> None:
    with pytest.raises(Forbidden, match="deprecated this endpoint"):
        spotlite.categories(DEV_MODE_TOKEN)


def test_categories_check_input(token: str) -> None:
    with pytest.raises(InvalidInput, match="between 1 and 50"):
        spotlite.categories(token, limit=0)
    with pytest.raises(InvalidInput, match="offset"):
        spotlite.categories(token, offset=-5)


def test_category(token: str) -> None:
    party = spotlite.category(token, "party", locale="fi_FI")
    assert (party.id, party.name) == ("party", "Juhlat")
    assert party.icons[0].height == 274 and party.icons[0].url.startswith("https://t.scdn.co/media/derived/party")


def test_category_not_found(token: str) -> None:
    with pytest.raises(NotFound, match="Specified id doesn't exist"):
        spotlite.category(token, "humppa")


def test_category_refuses_bad_id(token: str) -> None:
    with pytest.raises(InvalidInput, match="not a valid category ID"):
        spotlite.category(token, "party/playlists")


def test_featured_playlists(token: str, cassette: Any) -> None:
    featured = spotlite.featured_playlists(token, locale="fi_FI", limit=2)
    assert featured.message == "Huomenta! Aamun klassikot"
    first, hidden = featured.playlists.items
    assert hidden is None  # a Spotify playlist hidden from the app comes as null
    assert first is not None and first.name == "Finlandia & Friends"
    assert (first.owner.id, first.owner.display_name, first.public) == ("spotify", "Spotify", None)
    assert first.items is not None and first.items.total == 48 and first.tracks == first.items
    assert first.images[0].width is None
    assert (featured.playlists.total, featured.playlists.next is not None) == (3, True)
    rest = spotlite.next_page(token, featured.playlists)
    assert rest is not None and [p.name for p in rest.items if p] == ["Morning Sibelius"]
    assert "locale=fi_FI" in cassette.requests[1].uri


def test_featured_playlists_removed_for_new_apps() -> None:
    with pytest.raises(NotFound, match="deprecated this endpoint; development-mode apps get 403 or 404"):
        spotlite.featured_playlists(DEV_MODE_TOKEN)


def test_category_playlists(token: str) -> None:
    classical = spotlite.categories(token, limit=2).categories.items[1]
    found = spotlite.category_playlists(token, classical.id, limit=10)
    assert found.message is None
    assert [p.name if p else None for p in found.playlists.items] == [
        "Finlandia & Friends", None, "Finnish Choirs", "Sauna Classics", "Morning Sibelius"]
    choirs = found.playlists.items[2]
    assert choirs is not None and (choirs.owner.display_name, choirs.public, choirs.description) == (
        "Aino Virtanen", True, "")
    society = found.playlists.items[3]
    assert society is not None and society.owner.display_name is None


def test_category_playlists_empty(token: str) -> None:
    found = spotlite.category_playlists(token, "party")
    assert (found.playlists.items, found.playlists.total) == ((), 0)


def test_category_playlists_check_input(token: str) -> None:
    with pytest.raises(InvalidInput, match="between 1 and 50"):
        spotlite.category_playlists(token, "party", limit=100)
    with pytest.raises(InvalidInput, match="not a valid category ID"):
        spotlite.category_playlists(token, "")
