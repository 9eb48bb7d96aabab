"""Demo statements: signed MG11s taken by PC1001 and PC1002, one followed by a further
statement, one of a witness under 18. Signatures are small PNGs drawn here and uploaded as
blobs from a demo handset, the way the officer app sends them."""

from datetime import date, timedelta
from hashlib import sha256

from frontline.accounts.services import device_enrol, enrolment_code_issue
from frontline.common.clock import now
from frontline.common.ids import uuid7
from frontline.statements.services import statement_create
from frontline.statements.signature import signature_png
from frontline.sync import blobs


def signature_upload(*, device, png: bytes) -> str:
    """Upload a signature PNG as a blob, as the app does; returns its SHA-256."""
    digest = sha256(png).hexdigest()
    blob, _ = blobs.upload_start(
        device=device, sha256=digest, size=len(png), media_type="image/png"
    )
    if not blob.complete:
        blobs.upload_append(device=device, sha256=digest, offset=0, chunk=png)
    return digest


FIRST_ACCOUNT = (
    "I live at the address overleaf. On the evening described below I was walking home along "
    "King Street, Hammersmith, towards the Broadway.\n\n"
    "At about 21:40 I saw a man wearing a dark green hooded top and grey jogging bottoms "
    "standing by the door of the phone shop at number 212. He looked up and down the street "
    "twice, then struck the glass of the door with something metal, which I think was a "
    "claw hammer. The glass broke with a loud crack.\n\n"
    "He reached inside, took several boxes from the display by the door and put them into a "
    "black rucksack. He then ran west towards Ravenscourt Park. I would describe him as white, "
    "about 25 years old, about 5 feet 10 inches tall, of slim build with short dark hair.\n\n"
    "The street lights were on and I was about 15 metres away, on the opposite pavement. "
    "Nothing blocked my view. I watched him for about a minute. I have not seen him before "
    "but I think I would recognise him again."
)
FURTHER_ACCOUNT = (
    "This statement adds to my earlier statement about the break-in at the phone shop on King "
    "Street.\n\n"
    "Since making that statement I have remembered that the man had a white logo on the left "
    "side of his hooded top, about the size of my palm, and that he was wearing white trainers "
    "with a red stripe. I did not mention these details before because I had not thought about "
    "them until I saw a similar top in a shop window."
)
YOUNG_ACCOUNT = (
    "I am in Year 10 at school. After school I was at the bus stop on Fulham Palace Road with "
    "my friend. A red car drove past very fast and hit the back of a white van that was "
    "waiting at the lights. The driver of the red car got out, looked at the van, got back in "
    "and drove off down Lillie Road. I saw the number plate started with LD and had a 7 in it."
)


def demo_load(*, officers, stations, teams) -> None:
    code = enrolment_code_issue(actor=None, label="demo: statements handset").code
    device, _ = device_enrol(code=code, label="Demo statements handset", app_version="1.4.0")
    taken = now() - timedelta(days=2, hours=3)
    amira, tom = officers["PC1001"], officers["PC1002"]
    first = statement_create(
        officer=amira,
        statement_id=uuid7(),
        device=device,
        app_version="1.4.0",
        details={
            "urn": "01HS0456726",
            "witness_name": "Margaret Ellen Doyle",
            "occupation": "Pharmacist",
            "text": FIRST_ACCOUNT,
            "signature_sha256": signature_upload(device=device, png=signature_png(1)),
            "signed_at": taken + timedelta(minutes=48),
            "taken_at": taken,
            "taken_place": "Witness's home address, Hammersmith",
            "address": "41 Glenthorne Road, London W6 0LJ",
            "phone": "020 7946 0381",
            "email": "m.doyle@example.org",
            "birth_date": date(1971, 3, 14),
            "birth_place": "Dublin",
            "preferred_contact": "phone",
            "dates_unavailable": "Away 14 to 28 of next month.",
            "consent_victim_personal_statement": None,
            "consent_medical_records": None,
        },
    ).statement
    statement_create(
        officer=amira,
        statement_id=uuid7(),
        device=device,
        app_version="1.4.0",
        details={
            "urn": "01HS0456726",
            "witness_name": "Margaret Ellen Doyle",
            "occupation": "Pharmacist",
            "text": FURTHER_ACCOUNT,
            "signature_sha256": signature_upload(device=device, png=signature_png(1)),
            "signed_at": taken + timedelta(days=1, minutes=20),
            "taken_at": taken + timedelta(days=1),
            "taken_place": "Hammersmith police station",
            "further_to": first.pk,
            "address": "41 Glenthorne Road, London W6 0LJ",
            "phone": "020 7946 0381",
            "preferred_contact": "phone",
        },
    )
    young_taken = now() - timedelta(days=1, hours=5)
    statement_create(
        officer=tom,
        statement_id=uuid7(),
        device=device,
        app_version="1.4.0",
        details={
            "urn": "01FF0457113",
            "witness_name": "Jayden Marcus Cole",
            "witness_age": 15,
            "occupation": "School pupil",
            "text": YOUNG_ACCOUNT,
            "signature_sha256": signature_upload(device=device, png=signature_png(4)),
            "signed_at": young_taken + timedelta(minutes=35),
            "witnessed_by": "Denise Cole (mother, appropriate adult)",
            "taken_at": young_taken,
            "taken_place": "Witness's home, Fulham, with his mother present",
            "address": "Flat 3, 18 Greyhound Road, London W6 8NX",
            "phone": "07700 900461",
            "birth_date": (young_taken - timedelta(days=15 * 365 + 60)).date(),
            "preferred_contact": "phone",
            "needs": "Under 18: contact through his mother. Would prefer to give evidence by "
            "live link (special measures).",
            "consent_victim_personal_statement": None,
            "consent_medical_records": None,
        },
    )
