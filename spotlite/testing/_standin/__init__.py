"""The stand-in Spotify behind ``spotlite.testing.FakeSpotify``: routes by part of the API, one ``State`` per fake."""
