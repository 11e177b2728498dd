"""Attachment file checks: what a file *is* (by its bytes), whether its name agrees, and a safe name.

A file is accepted only if its content is one of the allow-listed types — the name a user gives it
proves nothing (an HTML page renamed .pdf is still HTML). The original name is kept for display and
for the download's Content-Disposition, sanitised; it never reaches the file system.
"""

from __future__ import annotations

import hashlib
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .exceptions import ApplicationError
from .models import AttachmentKind

MAX_NAME_LENGTH = 200


@dataclass(frozen=True)
class FileType:
    kind: str
    mime: str
    extensions: tuple[str, ...]


FILE_TYPES: dict[str, FileType] = {
    AttachmentKind.PDF: FileType(AttachmentKind.PDF, "application/pdf", ("pdf",)),
    AttachmentKind.JPG: FileType(AttachmentKind.JPG, "image/jpeg", ("jpg", "jpeg")),
    AttachmentKind.PNG: FileType(AttachmentKind.PNG, "image/png", ("png",)),
    AttachmentKind.DOCX: FileType(
        AttachmentKind.DOCX,
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ("docx",),
    ),
    AttachmentKind.XLSX: FileType(
        AttachmentKind.XLSX, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ("xlsx",)
    ),
    AttachmentKind.OFD: FileType(AttachmentKind.OFD, "application/ofd", ("ofd",)),
}

ACCEPT_ATTRIBUTE = ",".join(f".{ext}" for t in FILE_TYPES.values() for ext in t.extensions)

# Characters that must not appear in a displayed or downloaded file name.
_WINDOWS_RESERVED = set('<>:"|?*')
_DROP_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}  # controls, bidi overrides, surrogates…


class AttachmentRejected(ApplicationError):
    """One or more files of an upload were refused; `extra["errors"]` lists one message per file."""

    default_message = gettext_lazy("附件未上传。")


def sanitize_filename(name: str | None) -> str:
    """The display name of an uploaded file: basename only, no control or bidi characters, ≤ 200 chars.

    "../../etc/passwd.pdf" → "passwd.pdf"; "C:\\scan\\x.pdf" → "x.pdf"; "\u202egpj.exe" → "gpj.exe".
    """
    value = unicodedata.normalize("NFC", name or "")
    value = value.replace("\\", "/").rsplit("/", 1)[-1]
    value = "".join(
        "_" if ch in _WINDOWS_RESERVED else ch
        for ch in value
        if unicodedata.category(ch) not in _DROP_CATEGORIES
    )
    value = " ".join(value.split())  # tabs, runs of spaces → one space
    value = value.strip(" .")
    if len(value) > MAX_NAME_LENGTH:
        path = PurePosixPath(value)
        suffix = path.suffix if len(path.suffix) <= 10 else ""
        value = path.stem[: MAX_NAME_LENGTH - len(suffix)].rstrip(" .") + suffix
    return value or _("附件")


def extension_of(name: str) -> str:
    return PurePosixPath(name).suffix.lower().lstrip(".")


def _zip_names(fileobj) -> set[str] | None:
    """Member names of a ZIP container (only the central directory is read — nothing is inflated)."""
    try:
        fileobj.seek(0)
        with zipfile.ZipFile(fileobj) as zf:
            return set(zf.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return None
    finally:
        fileobj.seek(0)


def detect_kind(fileobj) -> str | None:
    """The allow-listed kind of a file from its magic bytes (and, for ZIP formats, its members)."""
    fileobj.seek(0)
    head = fileobj.read(8)
    fileobj.seek(0)
    if head.startswith(b"%PDF-"):
        return AttachmentKind.PDF
    if head.startswith(b"\xff\xd8\xff"):
        return AttachmentKind.JPG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return AttachmentKind.PNG
    if head.startswith(b"PK\x03\x04"):
        names = _zip_names(fileobj)
        if not names:
            return None
        if "word/document.xml" in names and "[Content_Types].xml" in names:
            return AttachmentKind.DOCX
        if "xl/workbook.xml" in names and "[Content_Types].xml" in names:
            return AttachmentKind.XLSX
        if "OFD.xml" in names:
            return AttachmentKind.OFD
    return None


def check_file(uploaded, name: str) -> FileType:
    """The file's type, or AttachmentRejected with one Chinese message naming the file."""
    limit = settings.ATTACHMENT_MAX_BYTES
    size = uploaded.size
    if size is None or size <= 0:
        raise AttachmentRejected(_("“%(name)s”是空文件，未上传。") % {"name": name})
    if size > limit:
        raise AttachmentRejected(
            _("“%(name)s”大小为 %(size)s，超过上限 %(limit)s，未上传。")
            % {"name": name, "size": filesizeformat(size), "limit": filesizeformat(limit)}
        )
    kind = detect_kind(uploaded)
    if kind is None:
        raise AttachmentRejected(
            _("“%(name)s”的内容不是允许的文件类型（仅限 PDF、JPG、PNG、DOCX、XLSX、OFD），未上传。")
            % {"name": name}
        )
    file_type = FILE_TYPES[kind]
    ext = extension_of(name)
    if ext not in file_type.extensions:
        raise AttachmentRejected(
            _("“%(name)s”的扩展名与文件内容（%(kind)s）不符，未上传。")
            % {"name": name, "kind": AttachmentKind(kind).label}
        )
    return file_type


def sha256_of(uploaded) -> str:
    digest = hashlib.sha256()
    uploaded.seek(0)
    for chunk in uploaded.chunks():
        digest.update(chunk)
    uploaded.seek(0)
    return digest.hexdigest()
