"""Aware datetimes reach PostgreSQL in UTC.

Python accepts UTC offsets up to ±23:59 and an API client may send one (ISO 8601 does not
forbid it); PostgreSQL refuses offsets beyond ±15:59 with a DataError, which would surface as a
server error. Converting to UTC before the value is written into SQL is exact and keeps every
comparison the same. Registered once, from accounts' AppConfig.ready().
"""

from contextlib import suppress
from datetime import UTC, datetime


def utc_datetimes_for_postgresql() -> None:
    try:
        import psycopg
        from psycopg.types.datetime import DatetimeDumper
    except ImportError:  # SQLite-only installation
        return

    class UtcDatetimeDumper(DatetimeDumper):
        def dump(self, obj):
            if obj.utcoffset():
                # within a day of year 1 or 9999 the conversion overflows: leave it to the server
                with suppress(OverflowError):
                    obj = obj.astimezone(UTC)
            return super().dump(obj)

    psycopg.adapters.register_dumper(datetime, UtcDatetimeDumper)
