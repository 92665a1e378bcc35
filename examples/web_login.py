"""Several users logging in to one web app side by side: a small Flask app.

    pip install flask
    export SPOTIFY_CLIENT_ID=... SPOTIFY_CLIENT_SECRET=...
    export SPOTIFY_REDIRECT_URI=http://127.0.0.1:5000/callback   # registered for your app
    python examples/web_login.py

Open http://127.0.0.1:5000 in two browsers (or a private window) and log in
as two users. ``/login`` begins an authorisation and keeps the pending
authorisation (a dict of str) in the user's Flask session; ``/callback``
finishes it with the URL Spotify redirected to. Each user's token lives on
the server, in a dict keyed by a random session id; only that id is in the
cookie. A real app would keep tokens in a database, not in memory.

Flask's session is a signed cookie the user can read: fine for the pending
authorisation, whose state only guards this user's own login.
"""

from __future__ import annotations

import html
import secrets

from flask import Flask, redirect, request, session
from werkzeug.wrappers import Response

import spotlite


def create_app(client_id: str, client_secret: str, redirect_uri: str) -> Flask:
    """The app, logging users in to the Spotify app of these credentials."""
    app = Flask(__name__)
    app.secret_key = secrets.token_bytes(32)
    tokens: dict[str, spotlite.RefreshingToken] = {}  # session id -> the user's token, refreshed when due

    @app.route("/")
    def index() -> str:
        """The logged-in user's name, or a link to log in."""
        token = tokens.get(session.get("sid", ""))
        if token is None:
            return '<a href="/login">Log in with Spotify</a>'
        user = spotlite.current_user(token)
        return f'Logged in as {html.escape(user.display_name or user.id)}. <a href="/logout">Log out</a>'

    @app.route("/login")
    def login() -> Response:
        """Send the user to Spotify, keeping what is needed to finish in their session."""
        pending = spotlite.begin_authorisation(client_id, redirect_uri, spotlite.scope.user_read_private)
        session["pending"] = pending.to_dict()
        return redirect(pending.url)

    @app.route("/callback")
    def callback() -> Response | tuple[str, int]:
        """Finish the login this user began: check the state, get their token."""
        data = session.pop("pending", None)
        if data is None:
            return 'No login in progress: <a href="/login">start again</a>', 400
        try:
            pending = spotlite.PendingAuthorisation.from_dict(data)
            token = spotlite.finish_authorisation(pending, request.url, client_secret)
        except spotlite.SpotliteError as error:  # refused, a stale tab, a code used twice
            return f'Login failed ({html.escape(str(error))}): <a href="/login">try again</a>', 400
        sid = secrets.token_urlsafe(32)
        tokens[sid] = spotlite.RefreshingToken(token, client_id, client_secret)
        session["sid"] = sid
        return redirect("/")

    @app.route("/logout")
    def logout() -> Response:
        """Forget the user's token."""
        tokens.pop(session.pop("sid", ""), None)
        return redirect("/")

    return app


if __name__ == "__main__":
    client_id, client_secret, redirect_uri = spotlite.config_from_environment()
    if not (client_id and client_secret and redirect_uri):
        raise SystemExit("Set SPOTIFY_CLIENT_ID, SPOTIFY_CLIENT_SECRET and SPOTIFY_REDIRECT_URI first.")
    create_app(client_id, client_secret, redirect_uri).run(host="127.0.0.1", port=5000)
