"""Test data for the kernel: records to attach files to, file bodies of each allowed type, log rows."""

import datetime
import io
import zipfile

from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile

from deadlines.models import Deadline

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 40
JPG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 40
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 100


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for name, body in members.items():
            zf.writestr(name, body)
    return buffer.getvalue()


def docx_bytes() -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph("行政复议决定书")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def xlsx_bytes() -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(["案号", "申请人"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def ofd_bytes() -> bytes:
    return _zip(
        {"OFD.xml": b"<ofd:OFD xmlns:ofd='http://www.ofdspec.org/2016'/>", "Doc_0/Document.xml": b"<x/>"}
    )


def plain_zip_bytes() -> bytes:
    return _zip({"readme.txt": b"hello"})


def upload(name: str, body: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, body, content_type=content_type)


def make_deadline(
    unit, *, subject="天复〔2025〕12号 复议决定期限", due=datetime.date(2025, 5, 6), **kwargs
) -> Deadline:
    """A Deadline row of `unit` (a record with org_unit and `objects.visible_to`), made with the ORM."""
    defaults = {
        "content_type": ContentType.objects.get_for_model(unit),
        "object_id": unit.pk,
        "org_unit": unit,
        "rule_code": "recon.decision",
        "subject": subject,
        "trigger_date": datetime.date(2025, 3, 3),
        "raw_end": datetime.date(2025, 5, 2),
        "due_date": due,
        "trace": [
            "起算日 2025-03-03（不计入）",
            "届满日 2025-05-02（劳动节假期）",
            "顺延至 2025-05-06（星期二）",
        ],
    }
    defaults.update(kwargs)
    return Deadline.objects.create(**defaults)
