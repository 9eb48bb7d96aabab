"""The words of a stop and search: PACE Code A fields and the data.police.uk value lists.

Values are stored as data.police.uk writes them, so an export is a copy, not a translation. The
one exception is self-defined ethnicity, stored as its short code (W1, A2, NS...) because the app
offers the codes; `SELF_DEFINED_ETHNICITY` gives the published text for each.
"""

PERSON_SEARCH = "Person search"
VEHICLE_SEARCH = "Vehicle search"
PERSON_AND_VEHICLE_SEARCH = "Person and Vehicle search"
SEARCH_TYPES = [PERSON_SEARCH, VEHICLE_SEARCH, PERSON_AND_VEHICLE_SEARCH]
# A person was searched (data.police.uk `involved_person`); a vehicle's registration is needed.
PERSON_TYPES = {PERSON_SEARCH, PERSON_AND_VEHICLE_SEARCH}
VEHICLE_TYPES = {VEHICLE_SEARCH, PERSON_AND_VEHICLE_SEARCH}

GENDERS = ["Male", "Female", "Other"]
AGE_RANGES = ["under 10", "10-17", "18-24", "25-34", "over 34"]

# Code -> the text data.police.uk publishes. 18 codes of the 2011 census list, plus "not stated".
SELF_DEFINED_ETHNICITY = {
    "W1": "White - English/Welsh/Scottish/Northern Irish/British",
    "W2": "White - Irish",
    "W3": "White - Gypsy or Irish Traveller",
    "W9": "White - Any other White background",
    "M1": "Mixed/Multiple ethnic groups - White and Black Caribbean",
    "M2": "Mixed/Multiple ethnic groups - White and Black African",
    "M3": "Mixed/Multiple ethnic groups - White and Asian",
    "M9": "Mixed/Multiple ethnic groups - Any other Mixed/Multiple ethnic background",
    "A1": "Asian/Asian British - Indian",
    "A2": "Asian/Asian British - Pakistani",
    "A3": "Asian/Asian British - Bangladeshi",
    "A4": "Asian/Asian British - Chinese",
    "A9": "Asian/Asian British - Any other Asian background",
    "B1": "Black/African/Caribbean/Black British - Caribbean",
    "B2": "Black/African/Caribbean/Black British - African",
    "B9": "Black/African/Caribbean/Black British - Any other Black/African/Caribbean background",
    "O2": "Other ethnic group - Arab",
    "O9": "Other ethnic group - Any other ethnic group",
    "NS": "Other ethnic group - Not stated",
}
OFFICER_DEFINED_ETHNICITIES = ["White", "Black", "Asian", "Other", "Mixed"]

MISUSE_OF_DRUGS = "Misuse of Drugs Act 1971 (section 23)"
PACE_S1 = "Police and Criminal Evidence Act 1984 (section 1)"
CJPOA_S60 = "Criminal Justice and Public Order Act 1994 (section 60)"
FIREARMS_S47 = "Firearms Act 1968 (section 47)"
CJA_S139B = "Criminal Justice Act 1988 (section 139B)"
PSYCHOACTIVE = "Psychoactive Substances Act 2016 (s36(2))"
TERRORISM_S43 = "Terrorism Act 2000 (section 43)"
TERRORISM_S47A = "Terrorism Act 2000 (section 47A)"
LEGISLATION = [
    MISUSE_OF_DRUGS,
    PACE_S1,
    CJPOA_S60,
    FIREARMS_S47,
    CJA_S139B,
    PSYCHOACTIVE,
    TERRORISM_S43,
    TERRORISM_S47A,
]
# Powers used without reasonable suspicion: the record carries the senior officer's
# authorisation instead of grounds.
NO_SUSPICION_POWERS = {CJPOA_S60, TERRORISM_S47A}

OBJECTS_OF_SEARCH = [
    "Controlled drugs",
    "Offensive weapons",
    "Stolen goods",
    "Article for use in theft",
    "Articles for use in criminal damage",
    "Firearms",
    "Anything to threaten or harm anyone",
    "Evidence of offences under the Act",
    "Fireworks",
    "Psychoactive substances",
]

NO_FURTHER_ACTION = "A no further action disposal"
ARREST = "Arrest"
# Outcome -> the outcome_object id; data.police.uk names each outcome with a short slug.
# Checked against data.police.uk's published API examples (docs/method/stops-force,
# stops-street, stops-no-location, 2024-01): bu-no-further-action, bu-community-resolution,
# bu-summons, and bu-arrest in published responses. The penalty notice, caution and khat or
# cannabis warning slugs follow the same pattern but no published example was found to confirm
# them; check them against a live month before a force relies on the ids.
OUTCOMES = {
    NO_FURTHER_ACTION: "bu-no-further-action",
    ARREST: "bu-arrest",
    "Community resolution": "bu-community-resolution",
    "Summons / charged by post": "bu-summons",
    "Penalty Notice for Disorder": "bu-penalty-notice",
    "Caution (simple or conditional)": "bu-caution",
    "Khat or Cannabis warning": "bu-khat-or-cannabis-warning",
}

# What the officer tells the person before searching (PACE Code A 3.8): the app shows these.
GOWISELY = [
    ("G", "Grounds", "the grounds for the search, or the authorisation for a no-suspicion power"),
    ("O", "Object", "what you are looking for"),
    ("W", "Warrant card", "show it if you are not in uniform, or when asked"),
    ("I", "Identity", "your name, or your warrant number if giving the name would put you at risk"),
    ("S", "Station", "the police station you work from"),
    ("E", "Entitlement to a copy", "the person may have a copy of the record or a receipt"),
    ("L", "Legal power", "the law that gives you the power to search"),
    ("Y", "You are detained for a search", "the person is detained while the search is made"),
]

# The full record may be asked for within these months of the search (PACE Code A 4.10A).
RECORD_REQUEST_MONTHS = 3
RECORD_REQUEST_MONTHS_IN_CUSTODY = 12
HOW_TO_REQUEST_RECORD = (
    "Ask for a copy of the full record at any police station, or write to the force's "
    "information rights unit, quoting the reference number above."
)
