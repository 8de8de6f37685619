"""Errors of document rendering, mapped to HTTP like every other DomainError."""

from django.utils.translation import gettext_lazy as _

from danvan.core.errors import DomainError


class DocumentRenderingUnavailable(DomainError):
    """The server cannot convert to PDF: LibreOffice is not installed or cannot be found."""

    status = 503
    code = "pdf_unavailable"
    default_message = _(
        "PDF export is not available because LibreOffice is not installed on the server. "
        "Download the Word (DOCX) file instead."
    )


class DocumentRenderingFailed(DomainError):
    """LibreOffice was found but did not produce a PDF in time."""

    status = 503
    code = "pdf_failed"
    default_message = _(
        "The PDF file could not be produced. Try again later, or download the Word (DOCX) "
        "file instead."
    )
