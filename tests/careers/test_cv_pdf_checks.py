"""CVs are read with pypdf: anything that acts (scripts, actions, embedded files) is refused,
a damaged PDF gets a clear error, and an ordinary PDF, links included, still goes through."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    FloatObject,
    NameObject,
    NumberObject,
    TextStringObject,
)

from careers.models import Application
from tests.careers.test_careers import application_data
from tests.support.uploads import PDF, pdf_bytes

ACTIVE = "contains scripts, automatic actions or embedded files"


def _action(kind: str, **entries) -> DictionaryObject:
    action = DictionaryObject({NameObject("/S"): NameObject(kind)})
    for key, value in entries.items():
        action[NameObject(f"/{key}")] = value
    return action


def _root(key, value):
    def build(writer):
        writer._root_object[NameObject(key)] = writer._add_object(value)

    return build


def _js_open_action(writer):
    _root("/OpenAction", _action("/JavaScript", JS=TextStringObject("app.alert(1)")))(writer)


def _launch_open_action(writer):
    _root("/OpenAction", _action("/Launch", F=TextStringObject("calc.exe")))(writer)


def _page_additional_action(writer):
    page_open = DictionaryObject(
        {NameObject("/O"): _action("/JavaScript", JS=TextStringObject("this.print()"))}
    )
    writer.pages[0][NameObject("/AA")] = page_open


def _document_javascript(writer):
    names = DictionaryObject(
        {
            NameObject("/JavaScript"): DictionaryObject(
                {
                    NameObject("/Names"): ArrayObject(
                        [TextStringObject("x"), _action("/JavaScript", JS=TextStringObject("1"))]
                    )
                }
            )
        }
    )
    _root("/Names", names)(writer)


def _embedded_file(writer):
    writer.add_attachment("invoice.exe", b"MZ\x90\x00 not really a program")


def _link_with_javascript(writer):
    annotation = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/Link"),
            NameObject("/Rect"): ArrayObject([NumberObject(0)] * 4),
            NameObject("/A"): _action("/JavaScript", JS=TextStringObject("app.launchURL('x')")),
        }
    )
    writer.pages[0][NameObject("/Annots")] = ArrayObject([writer._add_object(annotation)])


@pytest.mark.parametrize(
    "build",
    [
        _js_open_action,
        _launch_open_action,
        _page_additional_action,
        _document_javascript,
        _embedded_file,
        _link_with_javascript,
    ],
)
def test_active_pdf_is_refused_with_a_clear_message(public_client, build):
    upload = SimpleUploadedFile("cv.pdf", pdf_bytes(build), content_type="application/pdf")
    response = public_client.post("/careers/apply/", application_data(upload))
    assert response.status_code == 400
    assert ACTIVE in response.content.decode()
    assert 'value="Carla Candidate"' in response.content.decode()  # nothing typed is lost
    assert not Application.objects.exists()


def _open_at_first_page(writer):
    fit = ArrayObject([writer.pages[0].indirect_reference, NameObject("/Fit")])
    writer._root_object[NameObject("/OpenAction")] = fit


def _web_link(writer):
    annotation = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/Link"),
            NameObject("/Rect"): ArrayObject([FloatObject(0)] * 4),
            NameObject("/A"): _action("/URI", URI=TextStringObject("https://example.org/me")),
        }
    )
    writer.pages[0][NameObject("/Annots")] = ArrayObject([writer._add_object(annotation)])


@pytest.mark.parametrize("build", [None, _open_at_first_page, _web_link])
def test_ordinary_pdf_is_accepted(public_client, build):
    upload = SimpleUploadedFile("cv.pdf", pdf_bytes(build), content_type="application/pdf")
    assert public_client.post("/careers/apply/", application_data(upload)).status_code == 302
    assert Application.objects.count() == 1


@pytest.mark.parametrize(
    "content",
    [
        b"%PDF-1.7\n this is not a PDF at all\n%%EOF\n",
        PDF[: len(PDF) // 2],  # cut in the middle
        PDF.replace(b"/Pages", b"/Oops!"),
    ],
)
def test_damaged_pdf_gets_a_clear_error(public_client, content):
    upload = SimpleUploadedFile("cv.pdf", content, content_type="application/pdf")
    response = public_client.post("/careers/apply/", application_data(upload))
    assert response.status_code == 400
    assert "could not be read: the PDF seems damaged" in response.content.decode()
    assert not Application.objects.exists()


def test_password_protected_pdf_is_refused(public_client):
    upload = SimpleUploadedFile(
        "cv.pdf", pdf_bytes(lambda w: w.encrypt("secret")), content_type="application/pdf"
    )
    response = public_client.post("/careers/apply/", application_data(upload))
    assert response.status_code == 400
    assert "protected by a password" in response.content.decode()


def test_message_is_translated(public_client):
    upload = SimpleUploadedFile("cv.pdf", pdf_bytes(_js_open_action))
    response = public_client.post(
        "/careers/apply/", application_data(upload), HTTP_ACCEPT_LANGUAGE="nl"
    )
    assert response.status_code == 400
    assert "scripts, automatische acties of ingesloten bestanden" in response.content.decode()


@pytest.mark.parametrize("seed", range(30))
def test_corrupted_pdfs_are_judged_never_crash(seed):
    import random

    from django.core.exceptions import ValidationError

    from careers.validators import validate_pdf

    rng = random.Random(seed)
    data = bytearray(pdf_bytes(_web_link if seed % 2 else None))
    for _ in range(1 + seed):
        data[rng.randrange(8, len(data))] = rng.randrange(256)
    if seed % 3 == 0:
        data = data[: rng.randrange(9, len(data))]
    try:
        validate_pdf(SimpleUploadedFile("cv.pdf", bytes(data)))
    except ValidationError as exc:
        assert exc.code in {"pdf_unreadable", "pdf_active_content", "pdf_encrypted"}
