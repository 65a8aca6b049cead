import logging

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from pypdf import PdfReader
from pypdf.errors import PyPdfError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

MAX_CV_BYTES = 5 * 1024 * 1024
# Far more objects than any CV has; a file past it is refused rather than walked for minutes.
MAX_PDF_OBJECTS = 50_000

# What makes a PDF act instead of being read: scripts, actions run by the viewer, programs
# launched, files carried inside, forms that post or load data, embedded media.
ACTIVE_KEYS = {"/JS", "/JavaScript", "/AA", "/Launch", "/EmbeddedFiles", "/EF", "/RichMedia"}
ACTIVE_KEYS |= {"/XFA"}  # XFA forms carry their own scripts
ACTIVE_ACTIONS = {
    "/JavaScript",
    "/Launch",
    "/SubmitForm",
    "/ImportData",
    "/Rendition",
    "/GoToE",
    "/RichMediaExecute",
}
ACTIVE_TYPES = {"/EmbeddedFile", "/FileAttachment", "/RichMedia", "/Sound", "/Movie", "/Screen"}

logger = logging.getLogger(__name__)


class _Active(Exception):
    pass


def _value(obj):
    return obj.get_object() if isinstance(obj, IndirectObject) else obj


def _check_dict(obj: DictionaryObject) -> None:
    if ACTIVE_KEYS & set(obj.keys()):
        raise _Active
    if obj.get("/S") in ACTIVE_ACTIONS:
        raise _Active
    if obj.get("/Type") in ACTIVE_TYPES or obj.get("/Subtype") in ACTIVE_TYPES:
        raise _Active
    # Opening at a page (a destination or a GoTo action) is harmless; any other action is not.
    open_action = _value(obj.get("/OpenAction"))
    if isinstance(open_action, DictionaryObject) and open_action.get("/S") != "/GoTo":
        raise _Active


def _walk(reader: PdfReader) -> None:
    """Every object reachable from the trailer, once: what a viewer could ever run."""
    seen: set[tuple[int, int]] = set()
    stack = [reader.trailer]
    while stack:
        obj = stack.pop()
        if isinstance(obj, IndirectObject):
            ref = (obj.idnum, obj.generation)
            if ref in seen:
                continue
            seen.add(ref)
            if len(seen) > MAX_PDF_OBJECTS:
                raise _Active
            obj = obj.get_object()
        if isinstance(obj, DictionaryObject):
            _check_dict(obj)
            stack.extend(obj.values())
        elif isinstance(obj, ArrayObject):
            stack.extend(obj)


def _pdf_refusal(upload) -> ValidationError | None:
    try:
        reader = PdfReader(upload, strict=False)
        if reader.is_encrypted:
            return ValidationError(
                _("The CV is protected by a password. Please upload it without a password."),
                code="pdf_encrypted",
            )
        _walk(reader)
        if len(reader.pages) == 0:
            raise PyPdfError("no pages")
    except _Active:
        return ValidationError(
            _(
                "The CV contains scripts, automatic actions or embedded files, which we do not "
                "accept. Please upload a plain PDF, for example by printing it to PDF again."
            ),
            code="pdf_active_content",
        )
    except Exception as exc:
        # pypdf reports a broken file with its own errors (PyPdfError), or with whatever a
        # hostile file provokes deep inside (KeyError, IndexError, zlib errors, recursion...):
        # all of them mean "cannot be read", never a server error.
        logger.info("unreadable CV upload: %s", type(exc).__name__)
        return ValidationError(
            _("The CV could not be read: the PDF seems damaged. Please export it again as PDF."),
            code="pdf_unreadable",
        )
    return None


def validate_pdf(upload) -> None:
    """Judge the content, not the name: a PDF that pypdf can read, with nothing active inside."""
    if upload.size > MAX_CV_BYTES:
        raise ValidationError(_("The CV is larger than 5 MB."), code="too_large")
    upload.seek(0)
    head = upload.read(1024)
    upload.seek(0)
    if not head.startswith(b"%PDF-"):
        raise ValidationError(_("The CV must be a PDF file."), code="not_pdf")
    refusal = _pdf_refusal(upload)
    upload.seek(0)
    if refusal is not None:
        raise refusal
