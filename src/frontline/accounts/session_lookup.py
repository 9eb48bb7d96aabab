"""The device session behind a bearer token, with its device, officer and team, in one query.

Every API request starts here. Built by the ORM (`select_related` over four tables), the query
cost more CPU to compile than a sync pull page spends on the rest of its SQL; here its text is
built once per database vendor, and the rows are converted with the same converters the ORM
uses, so the instances are the ones `select_related` would give.
"""

from django.db import connection

from frontline.accounts.models import Device, DeviceSession, Officer, Team
from frontline.common.prepared import rows_fetch

# (model, table alias, how it is joined), in the order of the selected columns.
_JOINS = (
    (DeviceSession, "s", ""),
    (Device, "d", "JOIN {table} d ON d.id = s.device_id"),
    (Officer, "o", "JOIN {table} o ON o.id = s.officer_id"),
    (Team, "t", "LEFT JOIN {table} t ON t.id = o.team_id"),
)
_prepared: dict[str, tuple[str, list]] = {}


def device_session_by_token_hash(token_hash: str) -> DeviceSession | None:
    """The session whose token hashes to `token_hash`, or None. Nothing is cached between
    calls: a revoked device or officer, or an ended session, shows at the next request."""
    sql, layout = _query()
    rows = rows_fetch(sql, [token_hash])  # on PostgreSQL, planned once per connection
    if not rows:
        return None
    row = rows[0]
    instances = []
    start = 0
    for model, fields, converters in layout:
        values = list(row[start : start + len(fields)])
        start += len(fields)
        for index, (column, chain) in enumerate(converters):
            for convert in chain:
                values[index] = convert(values[index], column, connection)
        if values[0] is None:  # an officer in no team
            instances.append(None)
            continue
        instances.append(model.from_db(connection.alias, [f.attname for f in fields], values))
    session, device, officer, team = instances
    officer.team = team
    session.device = device
    session.officer = officer
    return session


def _query() -> tuple[str, list]:
    key = connection.vendor
    if key not in _prepared:
        columns, joins, layout = [], [], []
        quote = connection.ops.quote_name
        for model, alias, join in _JOINS:
            fields = list(model._meta.concrete_fields)
            columns += [f"{alias}.{quote(field.column)}" for field in fields]
            if join:
                joins.append(join.format(table=quote(model._meta.db_table)))
            converters = []
            for field in fields:
                column = field.get_col(alias)
                chain = connection.ops.get_db_converters(column)
                chain += column.get_db_converters(connection)
                converters.append((column, chain))
            layout.append((model, fields, converters))
        # Only the models' own table and column names go into the text; the hash is a parameter.
        sql = (
            f"SELECT {', '.join(columns)} "  # noqa: S608
            f"FROM {quote(DeviceSession._meta.db_table)} s {' '.join(joins)} "
            "WHERE s.token_hash = %s"
        )
        _prepared[key] = (sql, layout)
    return _prepared[key]
