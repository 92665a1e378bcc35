"""OAuth scopes: one constant per scope, and the sets ``every``, ``read``, ``write``.

``spotlite.scope.user_top_read == "user-top-read"``; functions taking a
``scope`` accept one of these, any iterable of them, or a space-separated str.
"""

from __future__ import annotations

__all__ = [
    "app_remote_control",
    "every",
    "playlist_modify_private",
    "playlist_modify_public",
    "playlist_read_collaborative",
    "playlist_read_private",
    "read",
    "streaming",
    "ugc_image_upload",
    "user_follow_modify",
    "user_follow_read",
    "user_library_modify",
    "user_library_read",
    "user_modify_playback_state",
    "user_read_currently_playing",
    "user_read_email",
    "user_read_playback_position",
    "user_read_playback_state",
    "user_read_private",
    "user_read_recently_played",
    "user_top_read",
    "write",
]

app_remote_control = "app-remote-control"
playlist_modify_private = "playlist-modify-private"
playlist_modify_public = "playlist-modify-public"
playlist_read_collaborative = "playlist-read-collaborative"
playlist_read_private = "playlist-read-private"
streaming = "streaming"
ugc_image_upload = "ugc-image-upload"
user_follow_modify = "user-follow-modify"
user_follow_read = "user-follow-read"
user_library_modify = "user-library-modify"
user_library_read = "user-library-read"
user_modify_playback_state = "user-modify-playback-state"
user_read_currently_playing = "user-read-currently-playing"
user_read_email = "user-read-email"
user_read_playback_position = "user-read-playback-position"
user_read_playback_state = "user-read-playback-state"
user_read_private = "user-read-private"
user_read_recently_played = "user-read-recently-played"
user_top_read = "user-top-read"

every: frozenset[str] = frozenset(
    {
        app_remote_control,
        playlist_modify_private,
        playlist_modify_public,
        playlist_read_collaborative,
        playlist_read_private,
        streaming,
        ugc_image_upload,
        user_follow_modify,
        user_follow_read,
        user_library_modify,
        user_library_read,
        user_modify_playback_state,
        user_read_currently_playing,
        user_read_email,
        user_read_playback_position,
        user_read_playback_state,
        user_read_private,
        user_read_recently_played,
        user_top_read,
    }
)
"""Every scope Spotify's spec defines."""
read: frozenset[str] = frozenset(s for s in every if "read" in s)
"""Every scope that lets an app read the user's data."""
write: frozenset[str] = frozenset(s for s in every if "modify" in s or s == ugc_image_upload)
"""Every scope that lets an app change the user's data."""
