"""A chat-bot-style loop on ``spotlite.aio``: commands arrive on a queue and are answered concurrently.

    python examples/async_bot.py ["!search valse triste" "!track 3hHWhvw2hjwfngWcFjIzqr" ...]

Commands: ``!search WORDS`` (the top three tracks) and ``!track ID`` (a track's name, artists and
album); anything else gets help. With no commands given it answers a few examples. The bot answers
what waits in its inbox at once, with ``asyncio.gather`` of ``aio.search`` and ``aio.track`` calls.
Reading the catalogue needs only the app's credentials, SPOTIFY_CLIENT_ID and SPOTIFY_CLIENT_SECRET
(no scope); ``RefreshingToken.for_client`` renews the client token, for a bot that runs for days.
Without them it replays examples/cassettes/async_bot.yaml.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Sequence

import _offline

import spotlite
from spotlite import aio

EXAMPLES = ("!search finlandia", "!track 3hHWhvw2hjwfngWcFjIzqr", "!search valse triste",
            "!track 0000000000000000000000", "!play")
HELP = "commands: !search WORDS, !track ID"


async def answer(token: spotlite.TokenLike, command: str) -> str:
    """The bot's reply to one command."""
    verb, _, words = command.strip().partition(" ")
    try:
        if verb == "!search" and words:
            page = (await aio.search(token, words, types=("track",), limit=3)).tracks
            found = [f"{t.name} - {', '.join(a.name for a in t.artists)} ({t.id})" for t in page.items] if page else []
            return "\n".join(found) or f"nothing found for {words!r}"
        if verb == "!track" and words:
            track = await aio.track(token, words)
            album = f", from {track.album.name}" if track.album else ""
            return f"{track.name} - {', '.join(a.name for a in track.artists)}{album}"
    except (spotlite.NotFound, spotlite.BadRequest, spotlite.InvalidInput):  # no such ID, or no ID at all
        return f"no track {words!r}"
    return HELP


async def bot(token: spotlite.TokenLike, inbox: asyncio.Queue[str | None]) -> None:
    """Answer the commands waiting in the inbox, all at once, until None (the end) arrives."""
    while True:
        batch = [await inbox.get()]
        while not inbox.empty():
            batch.append(inbox.get_nowait())
        commands = [command for command in batch if command is not None]
        for command, reply in zip(commands, await asyncio.gather(*(answer(token, c) for c in commands))):
            print(f"> {command}\n{reply}")
        if None in batch:
            return


async def run(client_id: str, client_secret: str, commands: Sequence[str]) -> None:
    # RefreshingToken.for_client asks for its first token as it is made: in a worker thread, not on the loop
    token = await asyncio.to_thread(spotlite.RefreshingToken.for_client, client_id, client_secret)
    inbox: asyncio.Queue[str | None] = asyncio.Queue()
    for command in commands:  # a real bot gets these from its chat service, as they come
        inbox.put_nowait(command)
    inbox.put_nowait(None)
    await bot(token, inbox)


def main(argv: Sequence[str] | None = None) -> int:
    commands = list(sys.argv[1:] if argv is None else argv) or list(EXAMPLES)
    with _offline.configuration(__file__) as conf:
        asyncio.run(run(conf.client_id, conf.client_secret, commands))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
