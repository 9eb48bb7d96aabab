"""Records mentioning one person across every record type, made through the apps' services."""

from datetime import date

from django.db import connection

from frontline.common.clock import now
from frontline.common.ids import uuid7
from frontline.notebook.services import notebook_entry_create
from tests.incidents.helpers import PERSON, submitted
from tests.statements.helpers import take_statement
from tests.stopsearch.helpers import record as stop_search_made

NAME = "Jolanta Wierzbicka"
BIRTH = date(1988, 6, 2)
ADDRESS = "17 Bulwer Street, London W12 8AR"
REASON = "Scheduled MoPI review of the group 3 records"


def records_about_person(officer) -> dict:
    entry = notebook_entry_create(
        officer=officer,
        entry_id=uuid7(),
        kind="entry",
        occurred_at=now(),
        text=f"Spoke to {NAME} outside the pharmacy on King Street.",
    ).entry
    search = stop_search_made(
        officer,
        person_name=NAME,
        person_address=ADDRESS,
        person_date_of_birth=BIRTH.isoformat(),
    )
    statement = take_statement(officer, witness_name=NAME, birth_date=BIRTH, address=ADDRESS)
    report = submitted(
        officer,
        address=ADDRESS,
        persons=[
            {
                "id": PERSON,
                "roles": ["victim"],
                "name": NAME,
                "date_of_birth": BIRTH.isoformat(),
                "description": "",
            }
        ],
    )
    return {
        "notebook.entry": entry,
        "stopsearch.record": search,
        "statement.mg11": statement,
        "incident.report": report,
    }


def database_holds(value: str) -> list[str]:
    """Every table.column whose stored text contains `value` (case-insensitive)."""
    found = []
    needle = value.lower()
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f'SELECT * FROM "{table}"')  # names from the schema itself
            columns = [column[0] for column in cursor.description]
            for row in cursor.fetchall():
                for column, cell in zip(columns, row, strict=True):
                    if cell is not None and needle in str(cell).lower():
                        found.append(f"{table}.{column}")
    return found


def tamper(sql: str, params: list) -> None:
    """Change a row behind the application's back, as an attacker with database access would
    (on PostgreSQL, past the append-only triggers, as only a superuser could)."""
    from django.db import transaction

    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL session_replication_role = replica")
        else:  # SQLite holds UUIDs as 32 hex digits
            params = [getattr(value, "hex", value) for value in params]
        cursor.execute(sql, params)
