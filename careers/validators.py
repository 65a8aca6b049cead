from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MAX_CV_BYTES = 5 * 1024 * 1024


def validate_pdf(upload) -> None:
    """Judge the content, not the name: a PDF starts with %PDF- and ends with %%EOF."""
    if upload.size > MAX_CV_BYTES:
        raise ValidationError(_("The CV is larger than 5 MB."), code="too_large")
    upload.seek(0)
    head = upload.read(1024)
    upload.seek(max(upload.size - 2048, 0))
    tail = upload.read()
    upload.seek(0)
    if not head.startswith(b"%PDF-") or b"%%EOF" not in tail:
        raise ValidationError(_("The CV must be a PDF file."), code="not_pdf")
