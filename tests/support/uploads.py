"""Files a person uploads: a real PDF (made by pypdf) and a PNG that is not one."""

import io

from pypdf import PdfWriter


def pdf_bytes(build=None) -> bytes:
    """A real one-page PDF made by pypdf; `build(writer)` may add to it before it is written."""
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    if build is not None:
        build(writer)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


PDF = pdf_bytes()
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
