"""CPU per call of the per-record work a push does outside the database, on the shapes a push
of notebook entries hands it: a mutation's payload hash (canonical JSON, then SHA-256), the
walk for half a surrogate pair that the set-based path no longer makes, and an audit event's
detail. Each figure is the least of --repeat timings (the machine may be shared):

    .venv/bin/python bench/sync/percall.py

"json module" is the text canonical_json gave before it used orjson (and still gives for
values orjson would write differently); tests/common/test_hashing.py holds the two equal.
"""

import argparse
import hashlib
import timeit
import uuid

from frontline.common.hashing import _CANONICAL_ENCODER, canonical_json
from frontline.common.text import unpaired_surrogate_at


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--number", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args(argv)
    hashed = {
        "type": "notebook.entry",
        "op": "create",
        "id": str(uuid.uuid4()),
        "base_version": None,
        "payload": {
            "kind": "entry",
            "occurred_at": "2026-11-29T10:00:00+00:00",
            "text": "Attended King Street, spoke to the informant about the damage (12).",
            "supersedes": None,
        },
    }
    detail = {"officer": uuid.uuid4().hex, "seq": 1234}
    cases = [
        ("payload hash, json module", lambda: _sha(_CANONICAL_ENCODER.encode(hashed))),
        ("payload hash, canonical_json", lambda: _sha(canonical_json(hashed))),
        ("surrogate walk of the payload", lambda: unpaired_surrogate_at(hashed["payload"], "p")),
        ("audit detail, json module", lambda: _CANONICAL_ENCODER.encode(detail)),
        ("audit detail, canonical_json", lambda: canonical_json(detail)),
    ]
    assert canonical_json(hashed) == _CANONICAL_ENCODER.encode(hashed)
    assert canonical_json(detail) == _CANONICAL_ENCODER.encode(detail)
    for name, call in cases:
        best = min(timeit.repeat(call, number=args.number, repeat=args.repeat))
        print(f"{name:32} {best / args.number * 1e6:6.2f} us")
    return 0


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


if __name__ == "__main__":
    raise SystemExit(main())
