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
authorisation, whose state only guards this user's own login. Scope: user-read-private.

Without the three variables it replays examples/cassettes/web_login.yaml instead of serving:
two browsers (Flask test clients) log in side by side and one logs out; it prints what each sees.
"""

from __future__ import annotations

import html
import re
import secrets
from collections.abc import Sequence
from urllib.parse import parse_qs, urlsplit

import _offline

try:
    from flask import Flask, redirect, request, session
    from werkzeug.wrappers import Response
except ModuleNotFoundError:
    raise SystemExit("web_login.py needs Flask: pip install flask") from None

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
        app = create_app(conf.client_id, conf.client_secret, conf.redirect_uri)
        if conf.live:
            app.run(host="127.0.0.1", port=urlsplit(conf.redirect_uri).port or 5000)
        else:
            print("\n".join(two_browsers(app)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
