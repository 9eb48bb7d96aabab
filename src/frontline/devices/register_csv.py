"""The register as CSV: export it, and import it all or nothing with a report of bad rows."""

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction

from frontline.accounts.models import Officer, Station
from frontline.audit.services import audit_record
from frontline.common.clock import now
from frontline.common.errors import DomainError, InvalidInput
from frontline.devices import lifecycle, validation
from frontline.devices.models import DeviceModel, FleetDevice, LifecycleEvent

COLUMNS = [
    "asset_tag",
    "serial_number",
    "imei",
    "make",
    "model",
    "os_version",
    "purchase_date",
    "purchase_cost_pence",
    "supplier",
    "warranty_end",
    "station",
    "assigned_officer",
    "status",
]
EXPORT_ONLY = ["last_contact_at"]  # written by the export, ignored by the import
REQUIRED = {"asset_tag", "serial_number", "make", "model"}
MAX_ROWS = 50_000
MAX_BYTES = 20 * 1024 * 1024
IMPORT_STATUSES = {"", lifecycle.IN_STOCK, lifecycle.ISSUED}

Progress = Callable[[str, int, int], None]  # (stage, done, total)


@dataclass
class Rejected:
    line: int
    field: str
    message: str


@dataclass
class ImportReport:
    rows: int = 0
    imported: int = 0
    rejected: list[Rejected] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.rejected


def devices_export() -> str:
    """Every device in the register, in asset-tag order."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS + EXPORT_ONLY)
    rows = (
        FleetDevice.objects.select_related("model", "station", "assigned_officer")
        .order_by("asset_tag")
        .iterator(chunk_size=2000)
    )
    for device in rows:
        writer.writerow(
            [
                device.asset_tag,
                device.serial_number,
                device.imei or "",
                device.model.make,
                device.model.name,
                device.os_version,
                _date(device.purchase_date),
                "" if device.purchase_cost_pence is None else device.purchase_cost_pence,
                device.supplier,
                _date(device.warranty_end),
                device.station.code if device.station_id else "",
                device.assigned_officer.collar_number if device.assigned_officer_id else "",
                device.status,
                device.last_contact_at.isoformat() if device.last_contact_at else "",
            ]
        )
    return out.getvalue()


def devices_import(
    *, data: bytes, actor: Officer | None, source: str, progress: Progress | None = None
) -> ImportReport:
    """Check every row first; import them all in one transaction only if none is rejected."""
    progress = progress or (lambda stage, done, total: None)
    report = ImportReport()
    rows = _rows(data, report)
    if rows is None:
        return report
    report.rows = len(rows)
    lookups = _lookups(rows)
    prepared, seen = [], {"asset_tag": {}, "serial_number": {}, "imei": {}}
    for index, (line, row) in enumerate(rows, start=1):
        try:
            item = _row_check(row, lookups)
            _duplicates_check(item, line, seen, lookups)
        except DomainError as exc:
            report.rejected.append(Rejected(line, exc.field or "", exc.message))
        else:
            prepared.append(item)
        if index % 500 == 0 or index == len(rows):
            progress("checked", index, len(rows))
    if report.rejected:
        return report
    _write(prepared, actor=actor, source=source, progress=progress)
    report.imported = len(prepared)
    return report


def _rows(data: bytes, report: ImportReport):
    if len(data) > MAX_BYTES:
        report.rejected.append(Rejected(0, "file", f"the file is over {MAX_BYTES // 2**20} MB"))
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        report.rejected.append(Rejected(0, "file", "the file is not UTF-8 text"))
        return None
    reader = csv.DictReader(io.StringIO(text))
    header = [name.strip() for name in (reader.fieldnames or [])]
    missing = sorted(REQUIRED - set(header))
    unknown = sorted(set(header) - set(COLUMNS) - set(EXPORT_ONLY))
    if missing or unknown:
        problems = []
        if missing:
            problems.append(f"missing column(s): {', '.join(missing)}")
        if unknown:
            problems.append(f"unknown column(s): {', '.join(unknown)}")
        report.rejected.append(Rejected(1, "header", "; ".join(problems)))
        return None
    reader.fieldnames = header
    rows = []
    try:
        for row in reader:
            if len(rows) >= MAX_ROWS:
                report.rejected.append(Rejected(0, "file", f"more than {MAX_ROWS} rows"))
                return None
            if None in row:
                report.rejected.append(Rejected(reader.line_num, "row", "more values than columns"))
                continue
            rows.append((reader.line_num, {k: (v or "").strip() for k, v in row.items()}))
    except csv.Error as exc:
        report.rejected.append(Rejected(reader.line_num, "file", f"not valid CSV: {exc}"))
        return None
    if report.rejected:
        return None
    if not rows:
        report.rejected.append(Rejected(0, "file", "the file has no rows"))
        return None
    return rows


@dataclass
class _Lookups:
    models: dict
    stations: dict
    officers: dict
    taken: dict  # column -> set of values already in the register


def _lookups(rows) -> _Lookups:
    """Everything the rows refer to, in a fixed number of queries."""
    values = {name: {row.get(name, "").upper() for _, row in rows} - {""} for name in COLUMNS}
    models = {
        (model.make.lower(), model.name.lower()): model for model in DeviceModel.objects.all()
    }
    stations = {
        station.code.upper(): station
        for station in Station.objects.filter(code__in=values["station"])
    }
    officers = {
        officer.collar_number.upper(): officer
        for officer in Officer.objects.filter(collar_number__in=values["assigned_officer"])
    }
    taken = {
        "asset_tag": set(
            FleetDevice.objects.filter(asset_tag__in=values["asset_tag"]).values_list(
                "asset_tag", flat=True
            )
        ),
        "serial_number": set(
            FleetDevice.objects.filter(serial_number__in=values["serial_number"]).values_list(
                "serial_number", flat=True
            )
        ),
        "imei": set(
            FleetDevice.objects.filter(imei__in=values["imei"]).values_list("imei", flat=True)
        ),
    }
    return _Lookups(models, stations, officers, taken)


def _row_check(row: dict, lookups: _Lookups) -> dict:
    model = lookups.models.get((row.get("make", "").lower(), row.get("model", "").lower()))
    if model is None:
        raise InvalidInput(
            "unknown_model",
            f"{row.get('make')} {row.get('model')} is not in the catalogue",
            field="model",
        )
    fields = validation.register_fields(
        asset_tag=row.get("asset_tag", ""),
        serial_number=row.get("serial_number", ""),
        imei=row.get("imei") or None,
        os_version=row.get("os_version", ""),
        purchase_cost_pence=_pence(row.get("purchase_cost_pence", "")),
        supplier=row.get("supplier", ""),
        purchase_date=_parse_date(row.get("purchase_date", ""), "purchase_date"),
        warranty_end=_parse_date(row.get("warranty_end", ""), "warranty_end"),
    )
    station = None
    if row.get("station"):
        station = lookups.stations.get(row["station"].upper())
        if station is None:
            raise InvalidInput(
                "unknown_station", f"no station with code {row['station']}", field="station"
            )
    status = row.get("status", "").lower()
    if status not in IMPORT_STATUSES:
        raise InvalidInput(
            "status_not_importable",
            "import devices in stock or issued; record other events in the register",
            field="status",
        )
    officer = None
    if row.get("assigned_officer"):
        officer = lookups.officers.get(row["assigned_officer"].upper())
        if officer is None or not officer.is_active:
            raise InvalidInput(
                "unknown_officer",
                f"no active officer with collar number {row['assigned_officer']}",
                field="assigned_officer",
            )
    if status == lifecycle.ISSUED and officer is None:
        raise InvalidInput(
            "officer_required", "an issued device needs its officer", field="assigned_officer"
        )
    if status == lifecycle.IN_STOCK and officer is not None:
        raise InvalidInput(
            "officer_not_expected",
            "a device in stock has no assigned officer",
            field="assigned_officer",
        )
    return {**fields, "model": model, "station": station, "officer": officer}


def _duplicates_check(item: dict, line: int, seen: dict, lookups: _Lookups) -> None:
    for name in ("asset_tag", "serial_number", "imei"):
        value = item[name]
        if not value:
            continue
        label = name.replace("_", " ")
        if value in lookups.taken[name]:
            raise InvalidInput(
                f"duplicate_{name}", f"{label} {value} is already registered", field=name
            )
        if value in seen[name]:
            raise InvalidInput(
                f"duplicate_{name}",
                f"{label} {value} is also on line {seen[name][value]}",
                field=name,
            )
    for name in ("asset_tag", "serial_number", "imei"):
        if item[name]:
            seen[name][item[name]] = line


def _write(prepared: list[dict], *, actor, source: str, progress: Progress) -> None:
    at = now()
    reason = f"Imported from {source}"[:500]
    with transaction.atomic():
        devices = []
        for item in prepared:
            officer = item.pop("officer")
            device = FleetDevice(
                **item,
                received_at=at,
                status=lifecycle.ISSUED if officer else lifecycle.IN_STOCK,
                assigned_officer=officer,
            )
            devices.append(device)
        for start in range(0, len(devices), 1000):
            FleetDevice.objects.bulk_create(devices[start : start + 1000])
            progress("imported", min(start + 1000, len(devices)), len(devices))
        events = []
        for device in devices:
            events.append(
                LifecycleEvent(
                    device=device,
                    event=lifecycle.RECEIVED,
                    from_status="",
                    to_status=lifecycle.IN_STOCK,
                    at=at,
                    actor=actor,
                    reason=reason,
                )
            )
            if device.assigned_officer is not None:
                events.append(
                    LifecycleEvent(
                        device=device,
                        event=lifecycle.ISSUE,
                        from_status=lifecycle.IN_STOCK,
                        to_status=lifecycle.ISSUED,
                        at=at,
                        actor=actor,
                        reason=reason,
                        officer=device.assigned_officer,
                    )
                )
        LifecycleEvent.objects.bulk_create(events, batch_size=1000)
        audit_record(
            action="devices.import",
            object_type="devices.register",
            object_id="import",
            actor=actor,
            justification=reason if len(reason) >= 5 else "",
            detail={"devices": len(devices), "source": source[:200]},
        )


def _pence(value: str):
    if not value:
        return None
    if not value.isdigit():
        raise InvalidInput(
            "invalid_pence", "purchase cost is a whole number of pence", field="purchase_cost_pence"
        )
    return int(value)


def _parse_date(value: str, name: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InvalidInput(
            "invalid_date", f"{value!r} is not a date (YYYY-MM-DD)", field=name
        ) from None


def _date(value: date | None) -> str:
    return value.isoformat() if value else ""
