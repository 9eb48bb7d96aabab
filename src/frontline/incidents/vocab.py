"""The words an incident report is written in: categories, roles, object kinds, link types.

Crime categories are the street-crime slugs that data.police.uk publishes, so approved reports
export without translation. Non-crime incidents are the calls a response officer attends that
are recorded without a crime being alleged.
"""

CRIME_CATEGORIES = {
    "anti-social-behaviour": "Anti-social behaviour",
    "bicycle-theft": "Bicycle theft",
    "burglary": "Burglary",
    "criminal-damage-arson": "Criminal damage and arson",
    "drugs": "Drugs",
    "other-theft": "Other theft",
    "possession-of-weapons": "Possession of weapons",
    "public-order": "Public order",
    "robbery": "Robbery",
    "shoplifting": "Shoplifting",
    "theft-from-the-person": "Theft from the person",
    "vehicle-crime": "Vehicle crime",
    "violent-crime": "Violence and sexual offences",
    "other-crime": "Other crime",
}

NON_CRIME_CATEGORIES = {
    "concern-for-welfare": "Concern for welfare",
    "missing-person": "Missing person",
    "road-traffic-collision": "Road traffic collision",
    "sudden-death": "Sudden death",
    "domestic-incident": "Domestic incident (non-crime)",
    "lost-property": "Lost property",
    "suspicious-activity": "Suspicious activity",
}

CATEGORIES = {**CRIME_CATEGORIES, **NON_CRIME_CATEGORIES}

# The parts people play in the event: the role sits on the person-event link in a POLE export.
VICTIM = "victim"
WITNESS = "witness"
SUSPECT = "suspect"
REPORTING_PERSON = "reporting-person"
PERSON_ROLES = {
    VICTIM: "Victim",
    WITNESS: "Witness",
    SUSPECT: "Suspect",
    REPORTING_PERSON: "Reporting person",
}

VEHICLE = "vehicle"
OBJECT_KINDS = {
    VEHICLE: "Vehicle",
    "property": "Property",
    "weapon": "Weapon",
    "drugs": "Drugs",
}
VEHICLE_ONLY_FIELDS = ("registration", "make", "model", "colour")

# Other records a report may point at, by type and id. Only the reference is stored: this app
# never reads those records, so a link cannot leak them.
LINK_TYPES = {
    "statement.mg11": "Witness statement (MG11)",
    "stopsearch.record": "Stop and search record",
    "evidence.item": "Evidence item",
}

# Lifecycle. Drafts and returned reports are editable by their author; the rest are not.
DRAFT = "draft"
SUBMITTED = "submitted"
RETURNED = "returned"
RESUBMITTED = "resubmitted"
APPROVED = "approved"
STATUSES = {
    DRAFT: "Draft",
    SUBMITTED: "Submitted",
    RETURNED: "Returned",
    RESUBMITTED: "Resubmitted",
    APPROVED: "Approved",
}
EDITABLE_STATUSES = {DRAFT, RETURNED}
AWAITING_REVIEW = {SUBMITTED, RESUBMITTED}

# Limits, published by the schema and enforced again by the service.
NARRATIVE_MAX = 20_000
ADDRESS_MAX = 300
NAME_MAX = 200
DESCRIPTION_MAX = 2_000
COMMENTS_MAX = 4_000
ENTITIES_MAX = 50
REGISTRATION_MAX = 10
VEHICLE_DETAIL_MAX = 60
