"""Avatar checks and re-encoding: only real JPEG/PNG/WebP images, re-encoded without metadata."""

from io import BytesIO

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_BYTES = 2 * 1024 * 1024
MAX_SIDE = 4096
STORED_SIDE = 512  # an avatar is shown small; storing less keeps less
ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP"}

ERRORS = {
    "too_big": _("The photo is larger than 2 MB. Choose a smaller file."),
    "not_image": _("This file is not a JPEG, PNG or WebP image."),
    "too_large": _("The photo is larger than 4096 × 4096 pixels."),  # noqa: RUF001
}


def _open_checked(upload) -> Image.Image:
    if upload.size > MAX_BYTES:
        raise ValidationError(ERRORS["too_big"], code="too_big")
    try:
        upload.seek(0)
        image = Image.open(upload)
        if image.format not in ACCEPTED_FORMATS:
            raise ValidationError(ERRORS["not_image"], code="not_image")
        # The header gives the size without decoding: refuse huge images before loading them.
        if image.width > MAX_SIDE or image.height > MAX_SIDE:
            raise ValidationError(ERRORS["too_large"], code="too_large")
        image.load()
        # Inside the check: a corrupt EXIF block raises here, as a form error, not at saving.
        image = ImageOps.exif_transpose(image)
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError):
        raise ValidationError(ERRORS["not_image"], code="not_image") from None
    return image


def avatar_reencode(upload) -> ContentFile:
    """A WebP copy with the orientation applied and every metadata block (EXIF, GPS, XMP) gone."""
    image = _open_checked(upload)
    image.thumbnail((STORED_SIDE, STORED_SIDE))
    mode = "RGBA" if image.mode in ("RGBA", "LA", "P") else "RGB"
    clean = Image.new(mode, image.size)
    clean.paste(image.convert(mode))  # pixels only: the new image carries no info dict
    out = BytesIO()
    clean.save(out, format="WEBP", quality=85)
    return ContentFile(out.getvalue(), name="avatar.webp")


def validate_avatar(upload) -> None:
    _open_checked(upload)
    upload.seek(0)
