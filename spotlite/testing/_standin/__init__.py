"""The stand-in Spotify the recorder records against when no credentials are set."""
