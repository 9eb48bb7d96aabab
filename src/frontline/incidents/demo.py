"""Demo incident reports by Hammersmith & Fulham officers: one returned then approved, some
waiting for review, and a draft."""

from datetime import timedelta

from frontline.common.clock import now
from frontline.common.ids import uuid7
from frontline.incidents.schemas import ReportContent
from frontline.incidents.services import incident_report_create, incident_report_update
from frontline.incidents.workflow import (
    incident_report_approve,
    incident_report_return,
    incident_report_submit,
)


def demo_load(*, officers, stations, teams) -> None:
    hassan, barker, okafor = officers["PC1001"], officers["PC1002"], officers["PC1003"]
    sharma, reynolds, begum = officers["PC1005"], officers["PS2001"], officers["PS2002"]
    start = now() - timedelta(days=1)

    # Returned for a missing detail, corrected, resubmitted and approved: two versions.
    burglary = _draft(hassan, _burglary(start, narrative=BURGLARY_FIRST))
    incident_report_submit(officer=hassan, report_id=burglary.pk, base_version=burglary.version)
    incident_report_return(
        supervisor=reynolds,
        report_id=burglary.pk,
        comments="Add how entry was gained and the victim's date of birth, then resubmit.",
    )
    corrected = incident_report_update(
        officer=hassan,
        report_id=burglary.pk,
        base_version=burglary.version + 2,
        content=_burglary(start, narrative=BURGLARY_FIRST + BURGLARY_ADDED, born="1958-03-14"),
    ).report
    incident_report_submit(officer=hassan, report_id=burglary.pk, base_version=corrected.version)
    incident_report_approve(supervisor=reynolds, report_id=burglary.pk, comments="Thorough.")

    # Waiting for PS2001's review.
    shoplifting = _draft(barker, _shoplifting(start + timedelta(hours=5)))
    incident_report_submit(
        officer=barker, report_id=shoplifting.pk, base_version=shoplifting.version
    )
    # Waiting for PS2002's review (Response Team B).
    vehicle = _draft(sharma, _vehicle_crime(start + timedelta(hours=8)))
    incident_report_submit(officer=sharma, report_id=vehicle.pk, base_version=vehicle.version)
    # Still a draft on PC1003's handset.
    _draft(okafor, _welfare(now() - timedelta(hours=2)))
    del stations, teams, begum


BURGLARY_FIRST = (
    "Called to a report of a burglary at the home of the victim, who returned from shopping to "
    "find the rear door open and a laptop and jewellery box missing. "
)
BURGLARY_ADDED = (
    "Entry was gained by forcing the rear kitchen door with a flat tool; pry marks photographed. "
    "A neighbour saw a man leave by the side passage on a grey bicycle."
)


def _draft(officer, content):
    return incident_report_create(officer=officer, report_id=uuid7(), content=content).report


def _burglary(start, *, narrative, born=None):
    return ReportContent(
        category="burglary",
        occurred_from=start,
        occurred_to=start + timedelta(hours=2),
        address="Brackenbury Road, London W6",
        latitude=51.4985,
        longitude=-0.2301,
        narrative=narrative,
        persons=[
            {
                "id": uuid7(),
                "roles": ["victim", "reporting-person"],
                "name": "Margaret Ellis",
                "date_of_birth": born,
            },
            {"id": uuid7(), "roles": ["witness"], "name": "Joseph Adeyemi"},
            {
                "id": uuid7(),
                "roles": ["suspect"],
                "description": "White male, about 30, dark hooded top, grey bicycle",
            },
        ],
        objects=[
            {"id": uuid7(), "kind": "property", "description": "Silver laptop, 13 inch"},
            {"id": uuid7(), "kind": "property", "description": "Wooden jewellery box"},
        ],
        locations=[
            {"id": uuid7(), "address": "Side passage, Brackenbury Road", "description": "exit"}
        ],
    )


def _shoplifting(start):
    return ReportContent(
        category="shoplifting",
        occurred_from=start,
        address="King Street, Hammersmith W6",
        narrative="Store security detained a woman who left without paying for cosmetics.",
        persons=[
            {"id": uuid7(), "roles": ["reporting-person"], "name": "Store security officer"},
            {"id": uuid7(), "roles": ["suspect"], "name": "Jane Doe", "description": "aged 40s"},
        ],
        objects=[{"id": uuid7(), "kind": "property", "description": "Cosmetics worth £85"}],
    )


def _vehicle_crime(start):
    return ReportContent(
        category="vehicle-crime",
        occurred_from=start,
        occurred_to=start + timedelta(hours=9),
        address="Fulham Palace Road, London W6",
        narrative="Nearside rear window smashed overnight; satnav taken from the glovebox.",
        persons=[{"id": uuid7(), "roles": ["victim"], "name": "Ahmed Karim"}],
        objects=[
            {
                "id": uuid7(),
                "kind": "vehicle",
                "registration": "LK19 XRT",
                "make": "Toyota",
                "model": "Prius",
                "colour": "Silver",
            }
        ],
    )


def _welfare(start):
    return ReportContent(
        category="concern-for-welfare",
        occurred_from=start,
        address="Shepherd's Bush Green, W12",
        narrative="",
        persons=[{"id": uuid7(), "roles": ["reporting-person"], "name": "Bus driver"}],
    )
