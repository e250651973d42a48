"""Uploaded evidence (a pay slip, a business licence): a JPEG, PNG or PDF of at most 5 MB,
recognised by its first bytes, not by its name or the browser's word for it."""

from django.utils.translation import gettext as _

from nuanxin.core.errors import InvalidInput

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
_MAGIC = ((b"\x89PNG\r\n\x1a\n", "image/png"), (b"\xff\xd8\xff", "image/jpeg"), (b"%PDF-", "application/pdf"))


def sniff_type(head: bytes) -> str | None:
    return next((kind for magic, kind in _MAGIC if head.startswith(magic)), None)


def check_upload(data: bytes, *, field: str = "file") -> str:
    """The content type of an acceptable upload, or InvalidInput naming the field."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise InvalidInput(fields={field: _("A file may be at most 5 MB.")}, code="file_too_large")
    kind = sniff_type(data[:8])
    if kind is None:
        raise InvalidInput(fields={field: _("Send a photo (JPEG, PNG) or a PDF.")}, code="file_type")
    return kind
