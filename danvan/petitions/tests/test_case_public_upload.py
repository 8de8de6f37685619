"""The public form: a sending cut in the middle of a file saves nothing (not a case without
its attachment and without a code sent); its limits are shared by every web process."""

import io

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from danvan.petitions.models import Case, CaseAttachment

pytestmark = pytest.mark.django_db

BOUNDARY = "----danvan-test"


def _multipart(tree, file_bytes: bytes) -> bytes:
    fields = {
        "kind": "feedback",
        "province": str(tree.province.pk),
        "unit": str(tree.commune_a.pk),
        "content": "Cống thoát nước thôn Đông bị tắc, xin xem ảnh kèm theo",
        "name": "Lê Thị Dân",
        "phone": "0912 000 111",
        "website": "",
    }
    parts = [
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
        for k, v in fields.items()
    ]
    parts.append(
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="files"; filename="anh.pdf"\r\n'
        "Content-Type: application/pdf\r\n\r\n".encode()
        + file_bytes
        + b"\r\n"
    )
    parts.append(f"--{BOUNDARY}--\r\n".encode())
    return b"".join(parts)


def _post(body: bytes, announced: int, client: Client | None = None):
    return (client or Client()).generic(
        "POST",
        reverse("citizen:case-submit"),
        b"",
        CONTENT_TYPE=f"multipart/form-data; boundary={BOUNDARY}",
        CONTENT_LENGTH=str(announced),
        **{"wsgi.input": io.BytesIO(body)},
    )


def test_a_client_that_disconnects_mid_file_leaves_nothing(cast):
    body = _multipart(cast.tree, b"%PDF-1.4 " + b"x" * 300_000)
    response = _post(body[: len(body) // 2], len(body))  # the connection broke half-way
    assert response.status_code == 400
    assert "interrupted" in response.content.decode()
    assert not Case.objects.exists() and not CaseAttachment.objects.exists()


def test_the_whole_sending_saves_the_case_with_its_file(cast, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    body = _multipart(cast.tree, b"%PDF-1.4 " + b"x" * 300_000)
    client = Client()
    response = _post(body, len(body), client)
    assert response.status_code == 302  # to the thank-you page, which shows the code once
    case = Case.objects.get()
    assert case.tracking_code in client.get(response["Location"]).content.decode()
    assert CaseAttachment.objects.filter(case=case).count() == 1


def test_submission_limits_are_shared_by_every_web_process(cast, settings):
    """Each web process has its own memory: without Redis, 2 workers let 10 of 16 through.
    The count lives in the database; clearing this process's cache is another worker."""
    settings.CACHES = {
        **settings.CACHES,
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    }
    codes = []
    for number in range(7):
        client = Client()
        response = client.post(
            reverse("citizen:case-submit"),
            {
                "kind": "feedback",
                "province": cast.tree.province.pk,
                "unit": cast.tree.commune_a.pk,
                "content": f"Đèn đường số {number} ở thôn Đông bị hỏng",
                "name": "Lê Thị Dân",
                "phone": "0912 000 111",
                "website": "",
            },
        )
        codes.append(response.status_code)
        cache.clear()  # the next request lands on another worker, with an empty memory
    assert codes == [302] * 5 + [429, 429]
    assert Case.objects.count() == 5
