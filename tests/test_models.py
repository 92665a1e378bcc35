"""What every model offers: a readable str and plain data back."""

from __future__ import annotations

import json

from standin.catalogue import MAIN_ALBUM

import spotlite
from spotlite.models import FullAlbum, Image, to_dict


def test_str_is_an_indented_tree(token: str) -> None:
    text = str(spotlite.album(token, MAIN_ALBUM))
    lines = text.splitlines()
    assert lines[0] == "FullAlbum("
    assert "    name='Sibelius: Finlandia, Karelia Suite & Symphony No. 2'," in lines
    assert "        Image(url='https://i.scdn.co/image/" in text
    assert "... 9 more" in text  # twelve tracks, three shown
    assert "available_markets=('AD', 'AE', 'AG', ... 182 more)," in text
    assert lines[-1] == ")"


def test_to_dict_gives_plain_json_ready_data(token: str) -> None:
    album = spotlite.album(token, MAIN_ALBUM)
    data = album.to_dict()
    assert json.loads(json.dumps(data)) == data
    assert data["tracks"]["items"][0]["name"] == "Finlandia, Op. 26"
    assert data["images"][0] == {"url": album.images[0].url, "height": 640, "width": 640}
    assert to_dict((Image(url="u"),)) == [{"url": "u", "height": None, "width": None}]
    assert spotlite.to_dict(album) == data


def test_small_models_print_on_one_line() -> None:
    assert str(Image(url="u", width=64, height=64)) == "Image(url='u', height=64, width=64)"
    assert str(FullAlbum(id="i", name="n", uri="u", type="album")) == "FullAlbum(id='i', name='n', uri='u', type='album')"
