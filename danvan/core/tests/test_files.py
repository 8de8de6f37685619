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


# -- what a file costs to open: evidence and attachments too ----------------------------------


def _docx(document: bytes | None = None, *, unpacked_mb: int = 0) -> bytes:
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        if unpacked_mb:
            with archive.open("word/document.xml", "w", force_zip64=True) as member:
                block = b"\0" * (1024 * 1024)
                for _ in range(unpacked_mb):
                    member.write(block)
        else:
            archive.writestr("word/document.xml", document or b"<w:document/>")
    return buffer.getvalue()


def test_a_67_megapixel_png_is_refused_as_evidence_from_its_header():
    buffer = io.BytesIO()
    Image.new("1", (8200, 8200)).save(buffer, format="PNG")  # 67 MP, a few kB on disk
    upload = SimpleUploadedFile("ban-do.png", buffer.getvalue())
    with pytest.raises(ValidationFailed) as refused:
        files.check_file(upload)
    assert refused.value.code == "image_too_large"
    assert "8200 × 8200" in str(refused.value.message)


def test_a_docx_that_unpacks_to_300_mb_is_refused_as_an_attachment():
    upload = SimpleUploadedFile("bao-cao.docx", _docx(unpacked_mb=300))
    assert upload.size < files.MAX_BYTES
    with pytest.raises(ValidationFailed) as refused:
        files.check_file(upload)
    assert refused.value.code == "file_too_large"


def test_a_docx_whose_directory_lies_about_sizes_is_refused_without_unpacking_it():
    data = bytearray(_docx(b"<w:document>" + b"A" * 2_000_000 + b"</w:document>"))
    # Make both the local header and the central directory claim 1,000 bytes unpacked.
    real = (2_000_000 + len("<w:document></w:document>")).to_bytes(4, "little")
    count = data.count(real)
    assert count == 2
    data = bytes(data).replace(real, (1000).to_bytes(4, "little"))
    upload = SimpleUploadedFile("ke-hoach.docx", data)
    with pytest.raises(ValidationFailed) as refused:
        files.check_file(upload)
    assert refused.value.code == "file_damaged"
    with pytest.raises(files.ArchiveRefused):
        files.unpacked_size(data)


def test_an_ordinary_docx_passes_and_its_size_is_counted():
    data = _docx(b"<w:document>" + "Kế hoạch".encode() * 100 + b"</w:document>")
    assert files.check_file(SimpleUploadedFile("kh.docx", data)).kind == "docx"
    assert files.unpacked_size(data) > 1000
