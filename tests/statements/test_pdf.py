"""The MG11 PDF, read back with pypdf: the declaration's page count is the real one, every
statement page is signed and numbered, and the rear page goes only where it may."""

import io
import re

import pytest
from pypdf import PdfReader

from frontline.audit.models import AuditEvent
from frontline.statements.pdf import statement_pdf
from frontline.statements.selectors import statement_get
from tests.statements.helpers import REASON, take_statement, upload_signature

PARAGRAPHS = 40
LONG_TEXT = "\n\n".join(
    f"Paragraph {n}. I then saw the man walk back along King Street towards the Broadway, "
    "looking into each parked car as he passed it, and trying the handle of the third one."
    for n in range(1, PARAGRAPHS + 1)
)
DECLARATION = re.compile(r"This statement \(consisting of (\d+) page\(s\) each signed by me\)")
REAR_TITLE = "WITNESS CONTACT DETAILS"


def pages_of(pdf: bytes) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages]


def pdf_of(statement, *, restricted=False) -> list[str]:
    return pages_of(
        statement_pdf(statement=statement_get(statement_id=statement.pk), restricted=restricted)
    )


def statement_pages(pages):
    return [page for page in pages if REAR_TITLE not in page]


@pytest.mark.parametrize(("text", "expected_pages"), [("I saw him run.", 1), (LONG_TEXT, None)])
def test_the_declared_page_count_is_the_number_of_pages_printed(officer, text, expected_pages):
    # Given a short statement and a long one
    statement = take_statement(officer, text=text)

    # When the MG11 is printed without its rear page
    pages = pdf_of(statement)

    # Then the declaration states exactly how many pages there are
    declared = int(DECLARATION.search(pages[0]).group(1))
    assert declared == len(pages)
    if expected_pages:
        assert len(pages) == expected_pages
    else:
        assert len(pages) >= 3


def test_every_page_is_numbered_signed_and_witnessed(officer):
    statement = take_statement(officer, text=LONG_TEXT, witnessed_by="Denise Cole")

    pages = pdf_of(statement)

    total = len(pages)
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {total}" in page
        assert "Signature witnessed by: Denise Cole" in page
        assert "Signature:" in page
        assert f"URN: {statement.urn}" in page


def test_the_signature_image_is_drawn_on_every_page(officer):
    statement = take_statement(officer, text=LONG_TEXT)
    reader = PdfReader(
        io.BytesIO(
            statement_pdf(statement=statement_get(statement_id=statement.pk), restricted=False)
        )
    )

    drawn = []
    for page in reader.pages:
        images = page["/Resources"].get("/XObject", {})
        content = page.get_contents().get_data()
        drawn.append(
            any(
                name.encode() + b" Do" in content
                for name in images
                if images[name].get_object().get("/Subtype") == "/Image"
            )
        )
    assert drawn == [True] * len(reader.pages)


def test_the_header_cites_the_statutes_and_the_statement_is_all_there(officer):
    statement = take_statement(officer, text=LONG_TEXT, witness_age=15, birth_date=None)

    pages = pdf_of(statement)

    first = pages[0]
    assert "Criminal Justice Act 1967, s. 9" in first
    assert "Magistrates' Courts Act 1980, ss. 5A(3)(a) and 5B" in first
    assert "Criminal Procedure Rules, r. 16.2" in first
    assert "Statement of Margaret Ellen Doyle" in first
    assert "Age if under 18 15" in first
    assert f"Paragraph {PARAGRAPHS}." in pages[-1]
    assert "Statement taken by: Police Constable Test Officer (PC1)" in pages[-1]
    assert "if I have wilfully stated anything in it which I know to be false" in first


def test_an_adult_witness_is_shown_as_over_18(officer):
    pages = pdf_of(take_statement(officer))
    assert "Age if under 18 Over 18" in pages[0]


def test_the_rear_page_follows_the_statement_pages_and_is_not_counted(officer):
    statement = take_statement(officer, text=LONG_TEXT)

    pages = pdf_of(statement, restricted=True)

    body = statement_pages(pages)
    assert REAR_TITLE in pages[-1] and len(body) == len(pages) - 1
    assert int(DECLARATION.search(pages[0]).group(1)) == len(body)
    assert f"Page {len(body)} of {len(body)}" in body[-1]
    rear = pages[-1]
    assert "41 Glenthorne Road" in rear
    assert "020 7946 0381" in rear
    assert "14 March 1971, Dublin" in rear
    assert "Victim personal statement Consents" in rear
    assert "Page " not in rear


def test_without_the_rear_page_no_restricted_detail_is_printed(officer):
    pages = pdf_of(take_statement(officer), restricted=False)
    text = " ".join(pages)
    assert REAR_TITLE not in text
    assert "Glenthorne" not in text and "0381" not in text and "Dublin" not in text


URL = "/api/v1/statements/{}/pdf"


def api_pages(client, statement, **params):
    response = client.get(URL.format(statement.pk), params)
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/pdf"
    return pages_of(response.content)


def test_the_author_gets_the_rear_page_and_nothing_is_logged(api_factory, officer):
    statement = take_statement(officer)
    pages = api_pages(api_factory(officer), statement)
    assert REAR_TITLE in pages[-1]
    assert not AuditEvent.objects.filter(action="consultation").exists()


@pytest.mark.parametrize("reader", ["supervisor", "auditor"])
def test_another_reader_gets_the_rear_page_only_on_request_and_each_print_is_logged(
    request, api_factory, officer, reader
):
    statement = take_statement(officer)
    viewer = request.getfixturevalue(reader)
    client = api_factory(viewer)

    plain = api_pages(client, statement, reason=REASON)
    full = api_pages(client, statement, reason=REASON, restricted="true")

    assert REAR_TITLE not in " ".join(plain)
    assert REAR_TITLE in full[-1]
    logged = AuditEvent.objects.filter(action="consultation").order_by("seq")
    assert [(e.actor_id, e.justification, e.detail) for e in logged] == [
        (viewer.pk, REASON, '{"purpose":"pdf","restricted":false}'),
        (viewer.pk, REASON, '{"purpose":"pdf","restricted":true}'),
    ]


def test_printing_anothers_statement_without_a_reason_is_refused(api_factory, officer, supervisor):
    statement = take_statement(officer)
    response = api_factory(supervisor).get(URL.format(statement.pk))
    assert (response.status_code, response.json()["field"]) == (422, "reason")
    assert not AuditEvent.objects.filter(action="consultation").exists()


def test_a_statement_whose_signature_has_not_arrived_is_not_printed(
    api_factory, officer, supervisor
):
    statement = take_statement(officer, signed=False)

    own = api_factory(officer).get(URL.format(statement.pk))
    other = api_factory(supervisor).get(URL.format(statement.pk), {"reason": REASON})

    assert [(r.status_code, r.json()["error"]) for r in (own, other)] == [
        (409, "signature_awaited")
    ] * 2
    assert not AuditEvent.objects.filter(action="consultation").exists()


@pytest.mark.parametrize("reader", ["team_mate", "other_supervisor", "evaluator"])
def test_others_cannot_print_the_statement(request, api_factory, officer, reader):
    statement = take_statement(officer)
    response = api_factory(request.getfixturevalue(reader)).get(
        URL.format(statement.pk), {"reason": REASON}
    )
    assert response.status_code == 404
    assert not AuditEvent.objects.filter(action="consultation").exists()


def test_a_signature_that_is_not_a_png_is_not_printed(api_factory, officer):
    # Given a statement whose signature blob turns out to be a JPEG
    jpeg = b"\xff\xd8\xff\xe0 not a png"
    statement = take_statement(officer, signed=False, signature_sha256=upload_signature(jpeg))

    # When the author asks for the PDF
    response = api_factory(officer).get(URL.format(statement.pk))

    # Then it is refused by name
    assert (response.status_code, response.json()["error"]) == (409, "signature_not_png")
