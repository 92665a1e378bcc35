"""Several users logging in to one web app side by side: a small Flask app.

    pip install flask
    export SPOTIFY_CLIENT_ID=... SPOTIFY_CLIENT_SECRET=...
    export SPOTIFY_REDIRECT_URI=http://127.0.0.1:5000/callback   # registered for your app
    python examples/web_login.py

Open http://127.0.0.1:5000 in two browsers (or a private window) and log in
as two users. ``/login`` begins an authorisation and keeps the pending
authorisation (a dict of str) in the user's Flask session; ``/callback``
finishes it with the URL Spotify redirected to. Each user's token lives on
the server, in an SQLite database (``web_login.db``) keyed by a random session
id; only that id is in the cookie. Every worker process of the app (gunicorn
-w 4) opens the same database, so a user who logged in on one is known to all,
a restart logs no one out, and a token due for a refresh is refreshed once,
by one worker, whichever serves the user first (``RefreshingToken.from_store``).

Flask's session is a signed cookie the user can read: fine for the pending
authorisation, whose state only guards this user's own login. Scope: user-read-private.

Without the three variables it replays examples/cassettes/web_login.yaml instead of serving:
two browsers (Flask test clients) log in side by side and one logs out; it prints what each sees.
"""

from __future__ import annotations

import html
import re
import secrets
import tempfile
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import _offline

try:
    from flask import Flask, redirect, request, session
    from werkzeug.wrappers import Response
except ModuleNotFoundError:
    raise SystemExit("web_login.py needs Flask: pip install flask") from None

import spotlite


def create_app(client_id: str, client_secret: str, redirect_uri: str, store: spotlite.TokenStore) -> Flask:
    """The app, logging users in to the Spotify app of these credentials, keeping their tokens in ``store``."""
    app = Flask(__name__)
    app.secret_key = secrets.token_bytes(32)  # a real app reads a fixed one, the same in every worker

    def user_token() -> spotlite.RefreshingToken | None:
        """This user's token from the store, refreshed through it when due; None when not logged in."""
        sid = session.get("sid")
        if not sid:
            return None
        try:
            return spotlite.RefreshingToken.from_store(store, sid, client_id, client_secret)
        except spotlite.AuthError:  # logged out (here or in another worker)
            return None

    @app.route("/")
    def index() -> str:
        """The logged-in user's name, or a link to log in."""
        token = user_token()
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
        store.save(sid, token)  # the access and refresh tokens; never the client secret
        session["sid"] = sid
        return redirect("/")

    @app.route("/logout")
    def logout() -> Response:
        """Forget the user's token, in every worker."""
        sid = session.pop("sid", None)
        if sid:
            store.delete(sid)
        return redirect("/")

    return app


def two_browsers(app: Flask) -> list[str]:
    """Two users log in side by side, each in a browser of their own, and the first logs out: what they see."""
    browsers = [app.test_client(), app.test_client()]  # each keeps its own cookies, so its own session
    seen = []
    for n, browser in enumerate(browsers, 1):
        sent_to_spotify = browser.get("/login").location or ""
        state = parse_qs(urlsplit(sent_to_spotify).query)["state"][0]  # Spotify redirects back with it...
        page = browser.get(f"/callback?code=dummy-code-{n}&state={state}", follow_redirects=True)  # ...and a code
        seen.append(f"browser {n}: {page.get_data(as_text=True)}")
    seen.append(f"browser 1 logs out: {browsers[0].get('/logout', follow_redirects=True).get_data(as_text=True)}")
    seen.append(f"browser 2: {browsers[1].get('/').get_data(as_text=True)}")
    return [re.sub(r"<[^>]+>", "", line) for line in seen]  # the text, without the links


def main(argv: Sequence[str] | None = None) -> int:
    with _offline.configuration(__file__, "login") as conf:
        if conf.live:
            app = create_app(conf.client_id, conf.client_secret, conf.redirect_uri, spotlite.SQLiteStore("web_login.db"))
            app.run(host="127.0.0.1", port=urlsplit(conf.redirect_uri).port or 5000)
        else:
            with tempfile.TemporaryDirectory() as folder:
                store = spotlite.SQLiteStore(Path(folder) / "web_login.db")
                print("\n".join(two_browsers(create_app(conf.client_id, conf.client_secret, conf.redirect_uri, store))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
