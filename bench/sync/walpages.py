"""The pages a SQLite push writes to the write-ahead log, and which table or index each is.

On SQLite a push's commit writes every page its inserts dirtied to the log and syncs it while
it holds the single write lock; every other writer waits for it. This counts those pages for
pushes of notebook entries through the real view, and names the B-tree each belongs to:

    .venv/bin/python bench/sync/walpages.py
    .venv/bin/python bench/sync/walpages.py --officers 40 --warm 20 --pushes 40

It makes a fresh database in a temporary directory, enrols one device for each of a few
officers, pushes --warm batches for each (so the tables and indexes have depth), then for each
measured push empties the log (a TRUNCATE checkpoint), pushes one batch and reads the page
number of every frame in the log. Nothing is timed: the figures do not depend on the machine.
"""

import argparse
import collections
import os
import shutil
import statistics
import struct
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
WAL_HEADER = 32
FRAME_HEADER = 24


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--officers", type=int, default=4, help="devices, one per officer")
    parser.add_argument("--batch", type=int, default=50)
    parser.add_argument("--warm", type=int, default=40, help="pushes per device before measuring")
    parser.add_argument("--pushes", type=int, default=20, help="pushes measured")
    args = parser.parse_args(argv)
    for name in ("officers", "batch", "warm", "pushes"):
        if getattr(args, name) < 1:
            parser.error(f"--{name} must be at least 1")
    work = Path(tempfile.mkdtemp(prefix="frontline-walpages-"))
    try:
        return _run(args, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _run(args, work: Path) -> int:
    os.environ["FRONTLINE_ENVIRONMENT"] = "demo"
    os.environ["FRONTLINE_DATA_DIR"] = str(work)
    os.environ.pop("FRONTLINE_DATABASE_URL", None)
    sys.path.insert(0, str(HERE))
    import inprocess  # the same devices and mutations as the in-process benchmark

    sys.path.insert(0, str(inprocess.ROOT / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "frontline.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", verbosity=0)
    devices = inprocess._devices(args.officers)
    client = Client()

    def push(device):
        response = client.post(
            "/api/v1/sync/push",
            {"mutations": [device.mutation() for _ in range(args.batch)]},
            content_type="application/json",
            **device.headers,
        )
        assert response.status_code == 200, response.content[:300]

    for _ in range(args.warm):
        for device in devices:
            push(device)
    log = Path(connection.settings_dict["NAME"] + "-wal")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA page_size")
        page_size = cursor.fetchone()[0]
    counts, owners_seen = [], collections.Counter()
    frames_per_push = []
    for index in range(args.pushes):
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        push(devices[index % len(devices)])
        pages = _logged_pages(log.read_bytes(), page_size)
        frames_per_push.append(len(pages))
        counts.append(pages)
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        cursor.execute("SELECT pageno, name FROM dbstat")
        owner = dict(cursor.fetchall())
    for pages in counts:
        owners_seen.update(owner.get(page, "(freed or new)") for page in pages)
    print(
        f"pushes of {args.batch} measured: {args.pushes}; log pages per push: median "
        f"{statistics.median(frames_per_push):.0f} (min {min(frames_per_push)}, max "
        f"{max(frames_per_push)}), {page_size}-byte pages"
    )
    print("pages per push, by table or index (mean):")
    for name, total in owners_seen.most_common():
        print(f"  {total / args.pushes:5.1f}  {name}")
    return 0


def _logged_pages(log: bytes, page_size: int) -> list[int]:
    pages, offset = [], WAL_HEADER
    while offset + FRAME_HEADER <= len(log):
        pages.append(struct.unpack(">I", log[offset : offset + 4])[0])
        offset += FRAME_HEADER + page_size
    return pages


if __name__ == "__main__":
    sys.exit(main())
