"""Proof that a browser has signed in to an account before (OWASP's device
pattern against lockout): a value signed with JWT_SECRET that names the
account's email (hashed) and an expiry. A sign-in that carries a valid one
for its email is exempt from the per-email ceiling of failed sign-ins, so
strangers failing on purpose cannot lock the owner's own browser out.
The transport decides how the browser keeps it (app/auth/transport.py).
"""

import base64
import hashlib
import hmac
import time

from app.config import Settings

PURPOSE = b"device-proof\n"


def _signature(settings: Settings, payload: str) -> str:
    digest = hmac.new(
        settings.jwt_secret.encode(), PURPOSE + payload.encode(), hashlib.sha256
    ).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def _email_digest(email: str) -> str:
    return hashlib.sha256(email.encode()).hexdigest()[:32]


def issue(email: str, settings: Settings) -> str:
    expires = int(time.time()) + settings.trusted_device_days * 86400
    payload = f"{_email_digest(email)}.{expires}"
    return f"{payload}.{_signature(settings, payload)}"


def vouches_for(proof: str | None, email: str, settings: Settings) -> bool:
    """Whether `proof` was issued by this app for `email` and is still valid."""
    if not proof or len(proof) > 200:
        return False
    payload, _, signature = proof.rpartition(".")
    email_digest, _, expires = payload.partition(".")
    if not hmac.compare_digest(signature, _signature(settings, payload)):
        return False
    return (
        hmac.compare_digest(email_digest, _email_digest(email))
        and expires.isdigit()
        and int(expires) > time.time()
    )
