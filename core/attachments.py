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


#: Limits of a ZIP-based upload (DOCX, XLSX, OFD), read from its central directory — declared sizes,
#: nothing is inflated to check them. A real document stays far below both; a "zip bomb" (a small
#: file that inflates to gigabytes in whatever opens it next) does not.
ZIP_MAX_TOTAL_UNCOMPRESSED = 100 * 1024 * 1024
ZIP_MAX_RATIO = 100
#: Members smaller than this are not held to the ratio: a few kilobytes of repetitive XML compress
#: far beyond 100:1 and inflate to nothing dangerous.
ZIP_RATIO_MIN_SIZE = 1024 * 1024
ZIP_MAX_MEMBERS = 10000
_CONTENT_TYPES = "[Content_Types].xml"
_CONTENT_TYPES_MAX_BYTES = 1024 * 1024


def _zip_infos(fileobj) -> list[zipfile.ZipInfo] | None:
    """Members of a ZIP container (only the central directory is read — nothing is inflated)."""
    try:
        fileobj.seek(0)
        with zipfile.ZipFile(fileobj) as zf:
            return zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return None
    finally:
        fileobj.seek(0)


def _zip_names(fileobj) -> set[str] | None:
    infos = _zip_infos(fileobj)
    return None if infos is None else {info.filename for info in infos}


def _is_macro_part(member: str) -> bool:
    """VBA projects (vbaProject.bin, vbaData.xml) and ActiveX controls' binaries: code, not text."""
    lower = member.lower()
    base = lower.rsplit("/", 1)[-1]
    return base in {"vbaproject.bin", "vbadata.xml", "vbaprojectsignature.bin"} or (
        "/activex/" in f"/{lower}" and base.endswith(".bin")
    )


def _content_types_declare_macros(fileobj) -> bool:
    """[Content_Types].xml of a macro-enabled document (.docm, .xlsm) names macroEnabled / vbaProject."""
    try:
        fileobj.seek(0)
        with zipfile.ZipFile(fileobj) as zf:
            info = zf.getinfo(_CONTENT_TYPES)
            if info.file_size > _CONTENT_TYPES_MAX_BYTES:
                return True  # no real content-types part is that large; refuse rather than inflate it
            with zf.open(info) as member:
                text = member.read(_CONTENT_TYPES_MAX_BYTES).decode("utf-8", "replace").lower()
    except (KeyError, zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError, NotImplementedError):
        return False
    finally:
        fileobj.seek(0)
    return "macroenabled" in text or "vbaproject" in text


def check_container(uploaded, name: str, kind: str) -> None:
    """Refuse a ZIP-based document that would inflate too far or carries macros (AttachmentRejected)."""
    infos = _zip_infos(uploaded) or []
    total = sum(info.file_size for info in infos)
    too_compressed = any(
        info.file_size >= ZIP_RATIO_MIN_SIZE and info.file_size > ZIP_MAX_RATIO * max(info.compress_size, 1)
        for info in infos
    )
    if len(infos) > ZIP_MAX_MEMBERS or total > ZIP_MAX_TOTAL_UNCOMPRESSED or too_compressed:
        raise AttachmentRejected(
            _("“%(name)s”解压后体积异常（超过 %(limit)s 或压缩比超过 %(ratio)d:1），可能是压缩炸弹，未上传。")
            % {"name": name, "limit": filesizeformat(ZIP_MAX_TOTAL_UNCOMPRESSED), "ratio": ZIP_MAX_RATIO}
        )
    if kind in (AttachmentKind.DOCX, AttachmentKind.XLSX) and (
        any(_is_macro_part(info.filename) for info in infos) or _content_types_declare_macros(uploaded)
    ):
        raise AttachmentRejected(
            _("“%(name)s”含有宏或 ActiveX 控件，不能作为附件上传。请另存为不含宏的文档（或 PDF）后再上传。")
            % {"name": name}
        )


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
    if kind in (AttachmentKind.DOCX, AttachmentKind.XLSX, AttachmentKind.OFD):
        check_container(uploaded, name, kind)
    ext = extension_of(name)
    if ext not in file_type.extensions:
        raise AttachmentRejected(
            _("“%(name)s”的扩展名与文件内容（%(kind)s）不符，未上传。")
            % {"name": name, "kind": AttachmentKind(kind).label}
        )
    return file_type


def check_spreadsheet(uploaded, name: str | None = None) -> None:
    """An Excel file uploaded for an import gets the attachment checks before openpyxl opens it: not
    empty, within ATTACHMENT_MAX_BYTES, an XLSX by its bytes with the .xlsx extension, no zip bomb
    (openpyxl would inflate the shared strings into memory), no macros. AttachmentRejected otherwise."""
    name = sanitize_filename(name if name is not None else getattr(uploaded, "name", ""))
    file_type = check_file(uploaded, name)
    if file_type.kind != AttachmentKind.XLSX:
        raise AttachmentRejected(_("“%(name)s”不是 Excel（.xlsx）文件，未导入。") % {"name": name})


def sha256_of(uploaded) -> str:
    digest = hashlib.sha256()
    uploaded.seek(0)
    for chunk in uploaded.chunks():
        digest.update(chunk)
    uploaded.seek(0)
    return digest.hexdigest()
