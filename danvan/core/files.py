"""Uploaded files (evidence of a task, photos of a model, attachments of a case): PDF, Word
(.docx), Excel (.xlsx), JPEG or PNG, at most 10 MB each, recognised by their content and not
only by their name.

A file whose content does not match its name (a program renamed "report.pdf", a .doc saved
as .docx, a picture named .xlsx) is refused with a sentence saying so. Nothing is written
before every file of a report has passed.

Every file is also checked for what it costs to open, although evidence and attachments are
stored as sent and never decoded here: whoever opens them later (an office program, a viewer,
the plan importer) must not meet a bomb. A picture may have at most ``IMAGE_MAX_PIXELS``
(read from its header, not decoded); a Word or Excel file may unpack to at most
``ARCHIVE_MAX_UNPACKED`` bytes — counted while decompressing, member by member, never trusting
the sizes its zip directory claims (``check_archive``).

Pictures shown on pages (``prepare_image``) are decoded with Pillow, turned upright, shrunk to
at most ``IMAGE_MAX_SIDE`` pixels and saved again without their metadata (GPS position, camera):
a file that only starts like a picture is refused.
"""

import io
import struct
import zipfile
import zlib
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from PIL import Image, ImageOps, UnidentifiedImageError

from danvan.core.errors import ValidationFailed

MAX_BYTES = 10 * 1024 * 1024
MAX_FILES = 10
NAME_MAX = 255

KIND_LABELS = {
    "pdf": gettext_lazy("PDF document"),
    "docx": gettext_lazy("Word document (.docx)"),
    "xlsx": gettext_lazy("Excel workbook (.xlsx)"),
    "jpg": gettext_lazy("JPEG picture"),
    "png": gettext_lazy("PNG picture"),
}
EXTENSIONS = {
    "pdf": "pdf",
    "docx": "docx",
    "xlsx": "xlsx",
    "jpg": "jpg",
    "jpeg": "jpg",
    "png": "png",
}
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "jpg": "image/jpeg",
    "png": "image/png",
}
ACCEPT = ".pdf,.docx,.xlsx,.jpg,.jpeg,.png"


@dataclass
class CheckedFile:
    upload: object
    name: str
    kind: str
    size: int


def _size_of(upload) -> int:
    size = getattr(upload, "size", None)
    if size is None:
        upload.seek(0, 2)
        size = upload.tell()
    upload.seek(0)
    return int(size)


def _zip_names(upload) -> set[str]:
    try:
        upload.seek(0)
        with zipfile.ZipFile(upload) as archive:
            return set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return set()
    finally:
        upload.seek(0)


def sniff(upload) -> str | None:
    """The kind the content shows, whatever the name says; None if none of ours."""
    upload.seek(0)
    head = upload.read(1024)
    upload.seek(0)
    if isinstance(head, str):  # a text stream is never one of our binary formats
        return None
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if b"%PDF-" in head:  # readers accept the marker anywhere in the first kilobyte
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        names = _zip_names(upload)
        if "[Content_Types].xml" in names:
            if "word/document.xml" in names:
                return "docx"
            if "xl/workbook.xml" in names:
                return "xlsx"
    return None


def _display_name(upload) -> str:
    name = str(getattr(upload, "name", "") or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if ch.isprintable()).strip()
    return name[:NAME_MAX] or _("file")


def check_file(upload) -> CheckedFile:
    name = _display_name(upload)
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    claimed = EXTENSIONS.get(extension)
    if claimed is None:
        raise ValidationFailed(
            _(
                "“%(name)s” cannot be attached: only PDF, Word (.docx), Excel (.xlsx), JPEG and "
                "PNG files are accepted."
            )
            % {"name": name},
            field="files",
            code="file_type",
        )
    size = _size_of(upload)
    if size == 0:
        raise ValidationFailed(
            _("“%(name)s” is empty.") % {"name": name}, field="files", code="file_empty"
        )
    if size > MAX_BYTES:
        raise ValidationFailed(
            _("“%(name)s” is %(size)s; a file can be at most %(max)s.")
            % {"name": name, "size": filesizeformat(size), "max": filesizeformat(MAX_BYTES)},
            field="files",
            code="file_too_large",
        )
    found = sniff(upload)
    if found == claimed and claimed in ARCHIVE_KINDS:
        check_archive(upload, name=name)
    if found == claimed and claimed in IMAGE_KINDS:
        check_image_size(upload, name=name)
    if found != claimed:
        raise ValidationFailed(
            _(
                "“%(name)s” is not really a %(kind)s: its content does not match its name. "
                "Save it in that format and attach it again."
            )
            % {"name": name, "kind": KIND_LABELS[claimed]},
            field="files",
            code="file_disguised",
        )
    return CheckedFile(upload=upload, name=name, kind=claimed, size=size)


def check_files(files) -> list[CheckedFile]:
    files = [f for f in files or () if f is not None]
    if len(files) > MAX_FILES:
        raise ValidationFailed(
            _("Attach at most %(max)d files to one report.") % {"max": MAX_FILES},
            field="files",
        )
    return [check_file(f) for f in files]


IMAGE_MAX_SIDE = 1600
IMAGE_MAX_PIXELS = 60_000_000  # refuse decompression bombs long before Pillow's own limit
IMAGE_KINDS = ("jpg", "png")


@dataclass
class PreparedImage:
    content: ContentFile
    width: int
    height: int
    kind: str


def prepare_image(checked: CheckedFile, *, max_side: int = IMAGE_MAX_SIDE) -> PreparedImage:
    """A checked JPEG or PNG decoded, turned upright, shrunk and stripped of its metadata."""
    if checked.kind not in IMAGE_KINDS:
        raise ValidationFailed(
            _("“%(name)s” is not a picture: only JPEG and PNG pictures are accepted here.")
            % {"name": checked.name},
            field="files",
            code="file_type",
        )
    upload = checked.upload
    upload.seek(0)
    try:
        with Image.open(upload) as image:
            if image.width * image.height > IMAGE_MAX_PIXELS:
                raise ValidationFailed(
                    _("“%(name)s” is too large a picture (%(width)d × %(height)d pixels).")
                    % {"name": checked.name, "width": image.width, "height": image.height},
                    field="files",
                    code="image_too_large",
                )
            image.load()
            picture = ImageOps.exif_transpose(image)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ValidationFailed(
            _("“%(name)s” cannot be read as a picture. Save it again as JPEG or PNG.")
            % {"name": checked.name},
            field="files",
            code="image_unreadable",
        ) from None
    finally:
        upload.seek(0)
    picture.thumbnail((max_side, max_side))
    buffer = io.BytesIO()
    if checked.kind == "png":
        picture.save(buffer, format="PNG", optimize=True)
    else:
        picture.convert("RGB").save(buffer, format="JPEG", quality=85, optimize=True)
    stem = checked.name.rsplit(".", 1)[0]
    name = f"{stem}.{'png' if checked.kind == 'png' else 'jpg'}"
    return PreparedImage(
        content=ContentFile(buffer.getvalue(), name=name),
        width=picture.width,
        height=picture.height,
        kind=checked.kind,
    )


# -- what a file costs to open ----------------------------------------------------------------

ARCHIVE_KINDS = ("docx", "xlsx")
ARCHIVE_MAX_UNPACKED = 60 * 1024 * 1024  # the plan importer's limit, for every .docx/.xlsx
ARCHIVE_MAX_MEMBERS = 5000
_CHUNK = 64 * 1024
_LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")


class ArchiveRefused(ValueError):
    """Why an archive is refused: ``reason`` is "too_large" or "damaged"."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def _read_all(upload) -> bytes:
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    return data if isinstance(data, bytes) else b""


def unpacked_size(data: bytes, *, limit: int = ARCHIVE_MAX_UNPACKED) -> int:
    """The bytes a zip archive really unpacks to, decompressing every member in small steps
    and stopping as soon as ``limit`` is passed (``ArchiveRefused("too_large")``).

    A member that unpacks to other than its declared size is refused as damaged: Python's
    ``zipfile`` trusts the declared size and, reading a member at once, asks zlib for up to
    2 GiB — so a member whose directory lies cannot be left for a later reader.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise ArchiveRefused("damaged") from None
    if len(members) > ARCHIVE_MAX_MEMBERS:
        raise ArchiveRefused("too_large")
    total = 0
    for info in members:
        total += _member_size(data, info, limit - total)
        if total > limit:
            raise ArchiveRefused("too_large")
    return total


def _member_size(data: bytes, info: zipfile.ZipInfo, budget: int) -> int:
    offset = info.header_offset
    header = data[offset : offset + _LOCAL_HEADER.size]
    if len(header) < _LOCAL_HEADER.size or header[:4] != b"PK\x03\x04":
        raise ArchiveRefused("damaged")
    fields = _LOCAL_HEADER.unpack(header)
    start = offset + _LOCAL_HEADER.size + fields[10] + fields[11]  # name, extra field
    if info.flag_bits & 0x1:  # encrypted: no Office file we accept is
        raise ArchiveRefused("damaged")
    if info.compress_type == zipfile.ZIP_STORED:
        size = info.compress_size
        if size != info.file_size or start + size > len(data):
            raise ArchiveRefused("damaged")
        return size
    if info.compress_type != zipfile.ZIP_DEFLATED:
        raise ArchiveRefused("damaged")
    inflater = zlib.decompressobj(-15)
    produced, position = 0, start
    while not inflater.eof:
        if inflater.unconsumed_tail:
            piece = inflater.decompress(inflater.unconsumed_tail, _CHUNK)
        else:
            if position >= len(data):
                raise ArchiveRefused("damaged")
            chunk = data[position : position + _CHUNK]
            position += len(chunk)
            try:
                piece = inflater.decompress(chunk, _CHUNK)
            except zlib.error:
                raise ArchiveRefused("damaged") from None
        produced += len(piece)
        if produced > budget:
            raise ArchiveRefused("too_large")
        if produced > info.file_size:
            raise ArchiveRefused("damaged")
    if produced != info.file_size:
        raise ArchiveRefused("damaged")
    return produced


def check_archive(upload, *, name: str, limit: int = ARCHIVE_MAX_UNPACKED) -> None:
    """Refuse a .docx/.xlsx that unpacks past ``limit`` or whose sizes lie."""
    try:
        unpacked_size(_read_all(upload), limit=limit)
    except ArchiveRefused as refused:
        if refused.reason == "too_large":
            raise ValidationFailed(
                _(
                    "“%(name)s” is too large once unpacked (more than %(max)s): save it again "
                    "without embedded pictures or videos, or split it."
                )
                % {"name": name, "max": filesizeformat(limit)},
                field="files",
                code="file_too_large",
            ) from None
        raise ValidationFailed(
            _("“%(name)s” is damaged: open it and save it again, then attach it.") % {"name": name},
            field="files",
            code="file_damaged",
        ) from None


def check_image_size(upload, *, name: str) -> None:
    """Refuse a picture of more than ``IMAGE_MAX_PIXELS`` pixels, from its header alone."""
    upload.seek(0)
    try:
        with Image.open(upload) as image:
            width, height = image.size
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return  # stored as sent, as before; only pages that show pictures decode them
    except Image.DecompressionBombError:
        width = height = IMAGE_MAX_PIXELS  # far beyond: Pillow's own limit refused it
    finally:
        upload.seek(0)
    if width * height > IMAGE_MAX_PIXELS:
        raise ValidationFailed(
            _(
                "“%(name)s” is too large a picture (%(width)d × %(height)d pixels): at most "
                "%(max)d megapixels. Shrink it and attach it again."
            )
            % {
                "name": name,
                "width": width,
                "height": height,
                "max": IMAGE_MAX_PIXELS // 1_000_000,
            },
            field="files",
            code="image_too_large",
        )
