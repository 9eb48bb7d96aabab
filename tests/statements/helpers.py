"""Building statements the way the officer app does: signature uploaded, then the MG11."""

from datetime import date, timedelta
from hashlib import sha256

from frontline.accounts.services import device_enrol, enrolment_code_issue
from frontline.common.clock import now
from frontline.common.ids import uuid7
from frontline.statements.demo import signature_upload
from frontline.statements.services import statement_create
from frontline.statements.signature import signature_png

SIGNATURE = signature_png(2)
SIGNATURE_SHA = sha256(SIGNATURE).hexdigest()
REASON = "Reviewing the file before charge"
APP = {"X-App-Version": "1.4.0"}


def details(**overrides) -> dict:
    """A complete, valid statement as the service takes it."""
    taken = now() - timedelta(hours=2)
    values = {
        "urn": "01HS0456726",
        "witness_name": "Margaret Ellen Doyle",
        "witness_age": None,
        "occupation": "Pharmacist",
        "text": "I saw a man break the glass of the shop door on King Street.",
        "signature_sha256": SIGNATURE_SHA,
        "signed_at": taken + timedelta(minutes=40),
        "witnessed_by": "",
        "taken_at": taken,
        "taken_place": "Witness's home, Hammersmith",
        "further_to": None,
        "address": "41 Glenthorne Road, London W6 0LJ",
        "phone": "020 7946 0381",
        "email": "m.doyle@example.org",
        "birth_date": date(1971, 3, 14),
        "birth_place": "Dublin",
        "preferred_contact": "phone",
        "dates_unavailable": "Away 14 to 28 of next month.",
        "needs": "",
        "consent_victim_personal_statement": True,
        "consent_medical_records": None,
    }
    values.update(overrides)
    return values


def payload(**overrides) -> dict:
    """The same statement as JSON, for the API and for sync."""
    values = details(**overrides)
    for name in ("signed_at", "taken_at", "birth_date"):
        if values.get(name) is not None and hasattr(values[name], "isoformat"):
            values[name] = values[name].isoformat()
    if values.get("further_to") is not None:
        values["further_to"] = str(values["further_to"])
    return values


def signature_device():
    code = enrolment_code_issue(actor=None, label="test signature pad").code
    device, _ = device_enrol(code=code, app_version="1.4.0")
    return device


def upload_signature(png: bytes = SIGNATURE) -> str:
    return signature_upload(device=signature_device(), png=png)


def take_statement(officer, *, signed=True, **overrides):
    """A stored statement by `officer`; its signature uploaded first unless `signed` is False."""
    if signed:
        upload_signature()
    return statement_create(
        officer=officer, statement_id=uuid7(), details=details(**overrides)
    ).statement
