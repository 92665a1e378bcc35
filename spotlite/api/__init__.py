"""The endpoint functions, one module per part of Spotify's reference."""
