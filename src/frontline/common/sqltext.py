"""SQL expressions that render stored columns as the strings an API response carries.

A pull page of a thousand changes spent most of its time turning stored UUIDs and times into
Python objects (the ORM's converters) and then back into strings. The database can write the
strings itself, in C, exactly as Python would: `str(uuid)` (lower-case, dashed) and
`datetime.isoformat()` of a UTC time (`2026-11-28T16:30:00.123456+00:00`, the fraction left
out when it is zero). A NULL stays NULL.
"""

from uuid import UUID

from django.db import connection


def sql_uuid_text(column: str) -> str:
    """The dashed text form of a UUID column, as `str(uuid)` gives it."""
    if connection.vendor == "postgresql":
        return f"{column}::text"
    # Django stores UUIDs on SQLite as 32 lower-case hex digits.
    parts = [(1, 8), (9, 4), (13, 4), (17, 4), (21, 12)]
    return " || '-' || ".join(f"substr({column}, {start}, {length})" for start, length in parts)


def sql_time_iso(column: str) -> str:
    """An aware time column as `value.astimezone(UTC).isoformat()` gives it."""
    if connection.vendor == "postgresql":
        local = f"({column} AT TIME ZONE 'UTC')"
        return (
            f"""to_char({local}, 'YYYY-MM-DD"T"HH24:MI:SS') || """
            f"CASE WHEN to_char({local}, 'US') = '000000' THEN '' "
            f"ELSE to_char({local}, '.US') END || '+00:00'"
        )
    # Django stores aware times on SQLite as naive UTC text, without the fraction when it is 0.
    return f"replace({column}, ' ', 'T') || '+00:00'"


def uuid_param(value: UUID | str) -> UUID | str:
    """A UUID as a query parameter compared with a stored UUID column."""
    if not isinstance(value, UUID):
        value = UUID(value)
    return value if connection.features.has_native_uuid_field else value.hex


def uuid_params(values) -> list:
    """`uuid_param` of each value, for the ids of a pull page (up to 1,000, as the database
    rendered them): on SQLite, which stores 32 hex digits, the dashed text only loses its
    dashes, without a UUID built for each (a sixth of a page's CPU). A value that is not a
    UUID matches nothing there; it is a parameter, never part of the SQL text."""
    if connection.features.has_native_uuid_field:
        return [value if isinstance(value, UUID) else UUID(value) for value in values]
    return [
        value.hex if isinstance(value, UUID) else value.replace("-", "").lower() for value in values
    ]


def placeholders(count: int) -> str:
    return ", ".join(["%s"] * count)
