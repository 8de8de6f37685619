"""PDF through LibreOffice: a clear error without it, a real file with it."""

import json
import os
import re
import time

import pytest
from django.test import RequestFactory

from danvan.core.middleware import DomainErrorMiddleware
from danvan.documents import rendering
from danvan.documents.errors import DocumentRenderingFailed, DocumentRenderingUnavailable
from danvan.documents.rendering import find_soffice, render_docx, render_pdf
from danvan.documents.tests.factories import long_plan, state_plan

HAS_SOFFICE = find_soffice() is not None


def test_missing_binary_raises_a_clear_error():
    with pytest.raises(DocumentRenderingUnavailable) as raised:
        render_pdf(b"not used", binary="danvan-no-such-soffice")
    error = raised.value
    assert "chưa cài đặt LibreOffice" in str(error.message)
    assert "DOCX" in str(error.message)
    assert (error.status, error.code) == (503, "pdf_unavailable")


def test_default_lookup_finds_nothing_when_no_candidate_exists(monkeypatch):
    monkeypatch.setattr(rendering, "SOFFICE_CANDIDATES", ("danvan-missing-a", "danvan-missing-b"))
    with pytest.raises(DocumentRenderingUnavailable):
        render_pdf(render_docx(state_plan(), "state"))


def test_the_error_reaches_an_api_client_as_503_json():
    request = RequestFactory().get("/api/v1/documents/1/pdf/")
    response = DomainErrorMiddleware(lambda r: None).process_exception(
        request, DocumentRenderingUnavailable()
    )
    assert response.status_code == 503
    body = json.loads(response.content)
    assert body["error"]["code"] == "pdf_unavailable"
    assert "LibreOffice" in body["error"]["message"]


def fake_soffice(tmp_path, script: str) -> str:
    path = tmp_path / "fake-soffice"
    path.write_text("#!/bin/sh\n" + script)
    path.chmod(0o755)
    return str(path)


def test_a_converter_that_produces_nothing_is_a_failure(tmp_path):
    binary = fake_soffice(tmp_path, "exit 0\n")
    with pytest.raises(DocumentRenderingFailed) as raised:
        render_pdf(b"docx", binary=binary)
    assert raised.value.code == "pdf_failed"


def test_a_hanging_converter_is_stopped_at_the_timeout(tmp_path):
    pid_file = tmp_path / "pid"
    binary = fake_soffice(tmp_path, f"echo $$ > {pid_file}\nexec sleep 60\n")
    started = time.monotonic()
    with pytest.raises(DocumentRenderingFailed):
        render_pdf(b"docx", binary=binary, timeout=0.5)
    assert time.monotonic() - started < 10
    pid = int(pid_file.read_text())
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)


@pytest.mark.skipif(not HAS_SOFFICE, reason="LibreOffice (soffice) is not installed")
def test_real_conversion_to_pdf():
    pdf = render_pdf(render_docx(state_plan(), "state"))
    assert pdf.startswith(b"%PDF")


@pytest.mark.skipif(not HAS_SOFFICE, reason="LibreOffice (soffice) is not installed")
def test_long_document_is_at_least_twenty_pages():
    pdf = render_pdf(render_docx(long_plan(), "state"))
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf))
    assert pages >= 20
