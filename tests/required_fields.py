"""Which fields of each model Spotify sends in every answer: the rule, applied to Spotify's OpenAPI spec.

    python tests/required_fields.py path/to/spotify-openapi.yml     # rewrites tests/data/required_fields.json

A field is *required* (its annotation has no ``| None``) when Spotify sends it
in every answer of that object today, and *optional* otherwise. The rule, in
order (the first that applies decides):

1. ``HAND`` below: what the spec does not say (the models of objects the spec
   does not describe, such as local tracks) and what real answers of today's
   shape contradict (a field the spec calls required that real answers send as
   null); each with its evidence.
2. The fields the February 2026 changes stopped sending to development-mode
   apps (``REMOVED_2026``) are optional.
3. A field that is not in the spec's object is optional.
4. A field the spec marks ``nullable``, or describes as sent only at times
   ("Part of the response when ...", "Can be `null`", "only available ...",
   "Deprecated"...), is optional.
5. Where the object (with its ``allOf`` parts) has a ``required`` list, the
   fields in it are required and the others optional.
6. Where it has none, the reference's description decides: a field described
   without any such condition is required.

The result, ``tests/data/required_fields.json``, is committed, so that
``tests/test_required_fields.py`` checks every model against it on any
checkout; run this script again when the spec changes. Real answers are checked
against the same table by that test, where they are at hand.
"""

from __future__ import annotations

import dataclasses
import json
import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
TABLE = ROOT / "tests" / "data" / "required_fields.json"

# Each model, and the spec's object it models: a schema name, an operation whose answer is
# described inline ("GET /path"), or None where the spec has no such object.
SCHEMAS: dict[str, str | None] = {
    "Actions": None,  # the spec's DisallowsObject has the actions as keys; real answers nest them in "disallows"
    "AudioAnalysis": "AudioAnalysisObject",
    "AudioAnalysisMeta": "AudioAnalysisObject.meta",
    "AudioAnalysisTrack": "AudioAnalysisObject.track",
    "AudioFeatures": "AudioFeaturesObject",
    "Author": "AuthorObject",
    "Categories": "GET /browse/categories",
    "Category": "CategoryObject",
    "CategoryPaging": "PagingObject",
    "CategoryPlaylists": "PagingFeaturedPlaylistObject",
    "Context": "ContextObject",
    "Copyright": "CopyrightObject",
    "CurrentlyPlaying": "CurrentlyPlayingContextObject",
    "CurrentlyPlayingContext": "CurrentlyPlayingContextObject",
    "CursorPaging": "CursorPagingObject",
    "Cursors": "CursorObject",
    "Device": "DeviceObject",
    "ExplicitContent": "ExplicitContentSettingsObject",
    "ExternalIds": "ExternalIdObject",
    "ExternalUrls": "ExternalUrlObject",
    "FeaturedPlaylists": "PagingFeaturedPlaylistObject",
    "FollowedArtists": "GET /me/following",
    "Followers": "FollowersObject",
    "FullAlbum": "AlbumObject",
    "FullArtist": "ArtistObject",
    "FullArtistCursorPaging": "CursorPagingObject",
    "FullArtistOffsetPaging": "PagingObject",
    "FullAudiobook": "AudiobookObject",
    "FullChapter": "ChapterObject",
    "FullEpisode": "EpisodeObject",
    "FullPlaylist": "PlaylistObject",
    "FullShow": "ShowObject",
    "FullTrack": "TrackObject",
    "FullTrackPaging": "PagingObject",
    "Image": "ImageObject",
    "LocalAlbum": None,
    "LocalArtist": None,
    "LocalTrack": None,
    "Narrator": "NarratorObject",
    "NewReleases": "GET /browse/new-releases",
    "OffsetPaging": "PagingObject",
    "Paging": "PagingObject",
    "PlayHistory": "PlayHistoryObject",
    "PlayHistoryPaging": "CursorPagingObject",
    "PlaylistItemsRef": "PlaylistTracksRefObject",
    "PlaylistTrack": "PlaylistTrackObject",
    "PlaylistTrackPaging": "PagingObject",
    "PrivateUser": "PrivateUserObject",
    "PublicUser": "PublicUserObject",
    "Queue": "QueueObject",
    "RecommendationSeed": "RecommendationSeedObject",
    "Recommendations": "RecommendationsObject",
    "Restrictions": "TrackRestrictionObject",
    "ResumePoint": "ResumePointObject",
    "SavedAlbum": "SavedAlbumObject",
    "SavedAlbumPaging": "PagingObject",
    "SavedEpisode": "SavedEpisodeObject",
    "SavedEpisodePaging": "PagingObject",
    "SavedShow": "SavedShowObject",
    "SavedShowPaging": "PagingObject",
    "SavedTrack": "SavedTrackObject",
    "SavedTrackPaging": "PagingObject",
    "SearchResult": "GET /search",
    "ShowAsAlbum": None,
    "AlbumSearchResult": "GET /search",
    "ArtistSearchResult": "GET /search",
    "AudiobookSearchResult": "GET /search",
    "EpisodeSearchResult": "GET /search",
    "PlaylistSearchResult": "GET /search",
    "ShowSearchResult": "GET /search",
    "TrackSearchResult": "GET /search",
    "Section": "SectionObject",
    "Segment": "SegmentObject",
    "SimpleAlbum": "SimplifiedAlbumObject",
    "SimpleAlbumPaging": "PagingObject",
    "SimpleArtist": "SimplifiedArtistObject",
    "SimpleAudiobook": "SimplifiedAudiobookObject",
    "SimpleAudiobookPaging": "PagingObject",
    "SimpleChapter": "SimplifiedChapterObject",
    "SimpleChapterPaging": "PagingObject",
    "SimpleEpisode": "SimplifiedEpisodeObject",
    "SimpleEpisodePaging": "PagingObject",
    "SimplePlaylist": "SimplifiedPlaylistObject",
    "SimplePlaylistPaging": "PagingObject",
    "SimpleShow": "SimplifiedShowObject",
    "SimpleShowPaging": "PagingObject",
    "SimpleTrack": "SimplifiedTrackObject",
    "SimpleTrackPaging": "PagingObject",
    "SpokenAudio": "EpisodeBase",
    "TimeInterval": "TimeIntervalObject",
    "TrackLink": "LinkedTrackObject",
    "VideoThumbnail": None,
}

# What the February 2026 changes stopped sending to development-mode apps (CHANGES-2026.md, "Response fields").
_TRACK = ("available_markets", "linked_from", "popularity", "external_ids")
_ALBUM = ("album_group", "available_markets", "label", "popularity", "external_ids")
_REMOVAL = "removed for development-mode apps in 2026"
REMOVED_2026: dict[str, tuple[str, ...]] = {
    "SimpleTrack": _TRACK, "FullTrack": _TRACK, "LocalTrack": _TRACK,
    "SimpleAlbum": _ALBUM, "FullAlbum": _ALBUM, "LocalAlbum": _ALBUM,
    "FullArtist": ("followers", "popularity"),
    "SimpleShow": ("available_markets", "publisher"), "FullShow": ("available_markets", "publisher"),
    "SimpleAudiobook": ("available_markets", "publisher"), "FullAudiobook": ("available_markets", "publisher"),
    "SpokenAudio": ("available_markets",), "SimpleEpisode": ("available_markets",),
    "FullEpisode": ("available_markets",), "SimpleChapter": ("available_markets",),
    "FullChapter": ("available_markets",),
    "PrivateUser": ("country", "email", "explicit_content", "followers", "product"),
    # the playlist renames: either key, both or neither come (``items``/``tracks``, ``item``/``track``)
    "SimplePlaylist": ("items",), "FullPlaylist": ("items",), "PlaylistTrack": ("item",),
}

# Where the spec says nothing, or real answers of today's shape contradict it: (model, field) -> (kind, evidence).
HAND: dict[tuple[str, str], tuple[str, str]] = {}


def _hand(models: str, fields: str, kind: str, evidence: str) -> None:
    HAND.update({(model, field): (kind, evidence) for model in models.split() for field in fields.split()})


_SEARCH = "TrackSearchResult ArtistSearchResult AlbumSearchResult PlaylistSearchResult ShowSearchResult " \
          "EpisodeSearchResult AudiobookSearchResult"
_hand("SearchResult " + _SEARCH, "tracks artists albums playlists shows episodes audiobooks", "optional",
      "the search reference: a page for each type asked for, and only for those")
for _kind in _SEARCH.split():
    _hand(_kind, _kind.removesuffix("SearchResult").lower() + "s", "required",
          "the search reference: a page for each type asked for")
_hand("ExternalIds", "isrc ean upc", "optional", "each identifier only where it applies: real answers hold one or two")
_hand("PublicUser PrivateUser", "followers images", "optional",
      "the spec's playlist owner (PlaylistOwnerObject), which this model also is, has neither")
_hand("Cursors", "after", "optional", "null on the last page in real answers")
_hand("Cursors", "before", "optional", "missing from followed artists' cursors in real answers")
_hand("PlayHistoryPaging CursorPaging", "total", "optional", "missing from recently played pages in real answers")
_hand("PlayHistory", "context", "optional", "null in real recently-played answers")
_hand("TrackLink", "id", "optional", "null in real answers of relinked tracks")
_hand("RecommendationSeed", "href", "optional", "null for a genre seed in real answers")
_hand("ExternalUrls", "spotify", "optional", "missing from local files' external_urls in real answers")
_hand("FeaturedPlaylists CategoryPlaylists", "message", "optional", "missing from real category-playlists answers")
_hand("Device", "is_private_session supports_volume", "optional", "missing from real playback answers")
_hand("Context", "external_urls", "optional", "missing from real playback contexts (a user's collection)")
_hand("PrivateUser", "account_id", "optional", "added in May 2026: real answers before then lack it")
_hand("AudioAnalysis", "meta track", "optional", "missing from a real audio analysis")
_hand("SimpleAudiobook FullAudiobook", "total_chapters", "optional", "null in real answers (a chapter's audiobook)")
_hand("FullAudiobook", "chapters", "optional", "the spec's chapter holds a simplified audiobook, without chapters")
_hand("SimpleAudiobook FullAudiobook", "description html_description", "optional",
      "missing from the audiobook of a chapter in our cassettes' player answers (the stand-in's shape)")
_hand("FullEpisode", "show", "optional", "missing from an episode sent in track form in a playlist")
# Saved episodes and shows Spotify no longer has come as "ghosts": every field null (real saved-episodes answers).
_GHOST = "null in a real saved-episodes answer (an episode Spotify no longer has: every field null)"
_hand("SpokenAudio SimpleEpisode FullEpisode SimpleChapter FullChapter",
      "id name uri description html_description duration_ms is_playable", "optional", _GHOST)
_hand("SimpleEpisode FullEpisode", "is_externally_hosted", "optional", _GHOST)
_hand("SimpleShow FullShow", "id name uri description html_description media_type total_episodes is_externally_hosted",
      "optional", _GHOST)
_hand("ResumePoint", "resume_position_ms", "optional", _GHOST)
_hand(" ".join(model for model, where in SCHEMAS.items() if where in ("PagingObject", "CursorPagingObject")), "items",
      "required", "the spec's page of each kind (Paging...Object) requires its items")
_hand("LocalTrack LocalArtist", "name", "required", "a local file's name, from its tags, in every real answer")
_hand("ShowAsAlbum", "name", "required", "the show's name, in every episode sent in track form")
_hand("LocalTrack", "uri", "required", "spotify:local:... in every real answer")

# Descriptions that make a field conditional.
CONDITIONAL = re.compile(
    r"part of the response when|included in the response when|`null`|\bnull\b|may return"
    r"|only available|only returned|only part of the response|deprecated|if available|set if|always be set to null"
    r"|not returned|when available",
    re.IGNORECASE,
)


def schema_of(spec: dict[str, Any], where: str) -> dict[str, Any]:
    """The object ``where`` names: a schema, a schema's property (``Schema.key``) or an operation's answer."""
    if where.startswith("GET "):
        answer = spec["paths"][where[4:]]["get"]["responses"]["200"]
        if "$ref" in answer:
            answer = spec["components"]["responses"][answer["$ref"].rsplit("/", 1)[1]]
        return resolve(spec, answer["content"]["application/json"]["schema"])
    name, _, key = where.partition(".")
    schema = resolve(spec, spec["components"]["schemas"][name])
    return resolve(spec, schema["properties"][key]) if key else schema


def resolve(spec: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    """A schema with its ``$ref`` followed and its ``allOf`` parts merged: ``properties`` and ``required``."""
    if "$ref" in schema:
        return resolve(spec, spec["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]])
    if "allOf" in schema and len(schema["allOf"]) == 1 and "properties" not in schema:
        return {**resolve(spec, schema["allOf"][0]), **{k: v for k, v in schema.items() if k != "allOf"}}
    properties = dict(schema.get("properties", {}))
    required = set(schema.get("required", ()))
    for part in schema.get("allOf", ()):
        merged = resolve(spec, part)
        properties.update(merged.get("properties", {}))
        required |= set(merged.get("required", ()))
    return {**schema, "properties": properties, "required": sorted(required)}


def decide(spec: dict[str, Any], model: str, field: str, where: str | None) -> str:
    """``required`` or ``optional: <why>`` for one field of one model."""
    if (model, field) in HAND:
        kind, why = HAND[model, field]
        return kind if kind == "required" else f"optional: {why}"
    if field in REMOVED_2026.get(model, ()):
        return f"optional: {_REMOVAL}"
    if where is None:
        return "optional: the spec has no such object"
    schema = schema_of(spec, where)
    described = schema["properties"].get(field)
    if described is None:
        return f"optional: not in the spec's {where}"
    text = " ".join(str(part.get("description", "")) for part in [described, *described.get("allOf", ())])
    if described.get("nullable") or resolve(spec, described).get("nullable"):
        return f"optional: nullable in the spec's {where}"
    if CONDITIONAL.search(text):
        return f"optional: described as conditional in the spec's {where}"
    if schema["required"]:
        return "required" if field in schema["required"] else f"optional: not in the required list of {where}"
    return "required"


def derive(spec: dict[str, Any]) -> dict[str, dict[str, str]]:
    """The table: for each model, each field's ``required`` or ``optional: <why>``."""
    import spotlite.models

    table: dict[str, dict[str, str]] = {}
    for model, where in sorted(SCHEMAS.items()):
        cls = getattr(spotlite.models, model)
        table[model] = {
            f.name: decide(spec, model, f.name, where) for f in dataclasses.fields(cls) if f.repr
        }
    return table


def main(argv: list[str]) -> int:
    import yaml

    if len(argv) != 2:
        print(__doc__.splitlines()[2].strip(), file=sys.stderr)
        return 2
    spec = yaml.safe_load(Path(argv[1]).read_text(encoding="utf-8"))
    TABLE.parent.mkdir(exist_ok=True)
    TABLE.write_text(json.dumps(derive(spec), indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {TABLE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main(sys.argv))
