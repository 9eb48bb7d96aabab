"""SQL expressions that render stored columns in the canonical hash forms.

Verifying a chain of a million rows must be close to the speed of hashing alone, so the database
formats timestamps and UUIDs itself and Python only joins and hashes. The forms match
`frontline.common.hashing`: UUIDs as 32 lower-case hex digits, times as
YYYY-MM-DDTHH:MM:SS.ffffffZ in UTC.
"""


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
        return f"coalesce(replace({column}::text, '-', ''), '')"
    return f"coalesce({column}, '')"


def sql_text(column: str, vendor: str) -> str:
    if vendor == "postgresql":
        return f"coalesce({column}::text, '')"
    return f"coalesce(CAST({column} AS TEXT), '')"
