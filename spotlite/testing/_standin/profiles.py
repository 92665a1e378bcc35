"""The users the fake knows at the start, as ``State.users`` holds them: their private profile's fields."""

from __future__ import annotations

from .bodies import Json, fake_id
from .users import ACCOUNT_ID, ME, USERS


def profile(ident: str, display_name: str | None, *, followers: int = 0, country: str = "FI",
            email: str | None = None, product: str = "free") -> Json:
    """What the fake knows of a user, as ``State.users`` holds it: their private profile's fields."""
    return {"display_name": display_name, "followers": followers, "country": country,
            "email": email or f"{ident}@example.com", "product": product,
            "explicit_content": {"filter_enabled": False, "filter_locked": False},
            "account_id": ACCOUNT_ID if ident == ME else fake_id(f"account:{ident}")[:24].lower()}


PROFILES = {
    ME: profile(ME, USERS[ME], followers=37, email="sanna.smedberg@example.fi", product="premium"),
    "lahtisymphony": profile("lahtisymphony", USERS["lahtisymphony"], followers=1_214),
    "sibelius.society": profile("sibelius.society", None),
}
