"""Signing outbound payloads so a receiver can check them.

`X-Frontline-Signature: sha256=<hex>` is HMAC-SHA256 with the destination's secret over
"<timestamp>." followed by the body, where the timestamp (Unix seconds) is sent as
`X-Frontline-Timestamp`. `signature_verify` is what a receiver runs: the reference for theirs.
"""

import hashlib
import hmac
import time

SIGNATURE_TOLERANCE = 300  # seconds a receiver should accept between timestamp and now


def signature_make(secret: str, timestamp: int, body: bytes) -> str:
    """`X-Frontline-Signature`: HMAC-SHA256 over "<timestamp>." followed by the body."""
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return "sha256=" + mac.hexdigest()


def signature_verify(
    secret: str, timestamp: str, body: bytes, signature: str, *, at: float | None = None
) -> bool:
    """What a receiver runs: the signature matches and the timestamp is recent."""
    try:
        stamp = int(timestamp)
    except (TypeError, ValueError):
        return False
    current = time.time() if at is None else at
    if abs(current - stamp) > SIGNATURE_TOLERANCE:
        return False
    return hmac.compare_digest(signature_make(secret, stamp, body), signature or "")
