"""A drawn signature as a PNG, for the demo and the tests: the officer app captures the real
one with pointer events and uploads it as a blob."""

import math
import struct
import zlib


def signature_png(seed: int = 1, width: int = 240, height: int = 80) -> bytes:
    """A greyscale PNG of a looping pen stroke, different for each seed."""
    ink = set()
    for step in range(1200):
        t = step / 1200
        x = 12 + t * (width - 24)
        y = height / 2 + math.sin(t * (9 + seed) * math.pi) * (18 + 6 * math.cos(t * 5 + seed))
        for dx in (0, 1):
            for dy in (0, 1):
                ink.add((int(x) + dx, int(y) + dy))
    rows = b"".join(
        b"\x00" + bytes(0 if (col, row) in ink else 255 for col in range(width))
        for row in range(height)
    )

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows, 9))
        + chunk(b"IEND", b"")
    )
