"""Uploaded files are recognised by their content; pictures are re-encoded small and clean."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from danvan.core import files
from danvan.core.errors import ValidationFailed


def _picture(fmt: str, size=(3000, 2000), exif: bytes | None = None) -> bytes:
    buffer = io.BytesIO()
    image = Image.new("RGB", size, (200, 30, 30))
    kwargs = {"exif": exif} if exif else {}
    image.save(buffer, format=fmt, **kwargs)
    return buffer.getvalue()


def test_a_large_photo_is_shrunk_and_loses_its_metadata():
    exif = Image.Exif()
    exif[0x010F] = "Camera maker"  # Make
    upload = SimpleUploadedFile("ảnh mô hình.jpg", _picture("JPEG", exif=exif.tobytes()))
    prepared = files.prepare_image(files.check_file(upload))
    assert (prepared.width, prepared.height) == (1600, 1067)
    with Image.open(io.BytesIO(prepared.content.read())) as stored:
        assert stored.size == (1600, 1067)
        assert not stored.getexif()
    assert prepared.content.name == "ảnh mô hình.jpg"


def test_a_png_stays_a_png():
    upload = SimpleUploadedFile("so-do.png", _picture("PNG", size=(400, 300)))
    prepared = files.prepare_image(files.check_file(upload))
    assert (prepared.kind, prepared.width, prepared.height) == ("png", 400, 300)
    assert prepared.content.read().startswith(b"\x89PNG")


def test_a_file_that_only_starts_like_a_picture_is_refused():
    upload = SimpleUploadedFile("anh.jpg", b"\xff\xd8\xff" + b"MZ not a picture" * 20)
    checked = files.check_file(upload)
    with pytest.raises(ValidationFailed) as error:
        files.prepare_image(checked)
    assert error.value.code == "image_unreadable"


def test_a_document_is_not_a_picture():
    upload = SimpleUploadedFile("bao-cao.pdf", b"%PDF-1.7\n" + b"0" * 100)
    with pytest.raises(ValidationFailed) as error:
        files.prepare_image(files.check_file(upload))
    assert error.value.code == "file_type"


def test_a_program_renamed_as_a_photo_is_refused_before_decoding():
    upload = SimpleUploadedFile("anh.png", b"MZ\x90\x00" + b"\x00" * 200)
    with pytest.raises(ValidationFailed) as error:
        files.check_file(upload)
    assert error.value.code == "file_disguised"
