"""SQL expressions that render stored columns in the canonical hash forms.

Verifying a chain of a million rows must be close to the speed of hashing alone, so the database
formats timestamps and UUIDs itself, and can join a row's fields into its canonical form, leaving
Python only to hash. The forms match `frontline.common.hashing`: UUIDs as 32 lower-case hex
digits, times as YYYY-MM-DDTHH:MM:SS.ffffffZ in UTC, fields joined by the separator after the tag.
"""

from frontline.common.hashing import SEPARATOR


def sql_time(column: str, vendor: str) -> str:
    if vendor == "postgresql":
        return f"""to_char({column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')"""
    # Django stores aware datetimes on SQLite as naive UTC text, without the fraction when it is 0.
    return (
        f"CASE WHEN length({column}) = 19 THEN replace({column}, ' ', 'T') || '.000000Z' "
        f"ELSE replace({column}, ' ', 'T') || 'Z' END"
    )


def sql_uuid(column: str, vendor: str) -> str:
    if vendor == "postgresql":
        # The 16 bytes in hex: the same digits as the dashed text form, at half the cost.
        return f"coalesce(encode(uuid_send({column}), 'hex'), '')"
    return f"coalesce({column}, '')"


def sql_text(column: str, vendor: str) -> str:
    if vendor == "postgresql":
        return f"coalesce({column}::text, '')"
    return f"coalesce(CAST({column} AS TEXT), '')"


def sql_canonical(expressions: list[str], vendor: str) -> str:
    """The canonical form of a row: the tag, then each expression, joined by the separator.

    The format string, from `canonical_format`, is the query's first parameter. A NULL renders as
    the empty string. SQLite returns the UTF-8 bytes as a BLOB; PostgreSQL returns text, which
    reaches a client in its client encoding (UTF-8 for Django's connections).
    """
    arguments = ", ".join(expressions)
    if vendor == "postgresql":
        return f"format(%s, {arguments})"
    return f"CAST(printf(%s, {arguments}) AS BLOB)"


def canonical_format(tag: str, count: int) -> str:
    """The format string for `sql_canonical` (printf on SQLite, format() on PostgreSQL)."""
    return tag.replace("%", "%%") + (SEPARATOR + "%s") * count
