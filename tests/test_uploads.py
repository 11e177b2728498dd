"""The upload attack matrix: every file-upload endpoint against every attack.

The endpoints (grep FileField / request.FILES): the kernel's attachment upload (core:attachment_upload,
any record with a jurisdiction) and the Excel import of the enforcement registers (enforcement:import).
The attacks: an oversized file, a wrong extension, content that is not what its name says (an EXE
renamed .docx / .xlsx, HTML renamed .pdf), an XLSX zip bomb, a path-traversal name, a NUL byte in
the name, an empty file. Each is refused in Chinese with nothing stored — no file on disk, no row,
no audit entry — and never a 500. A good file through the same door is accepted (the matrix
would otherwise pass on an endpoint that refuses everything).

Formula injection: a cell typed as "=cmd|' /C calc'!A0" (or +, -, @) imported into the register is
stored as the text it is and exported as a text cell, never as a formula (core/exports.py).
"""

from __future__ import annotations

import io
import zlib
from pathlib import Path

import pytest
from auditlog.models import LogEntry
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from core.attachments import ZIP_MAX_TOTAL_UNCOMPRESSED
from core.models import Attachment
from enforcement import imports
from enforcement.models import Officer

from .core.factories import EXE, HTML, PDF, make_deadline
from .core.test_attachments import _deflated, _raw_zip
from .enforcement.factories import enforcement_world

pytestmark = pytest.mark.django_db

AGENCY = "天水市市场监督管理局"


def officers_xlsx(rows=((AGENCY, "孙悦", "620501199203040015", "科员", "否"),), *, text_cells=True) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(list(imports.KINDS["officers"].headers))
    for row in rows:
        ws.append(list(row))
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, str) and cell.value.startswith("=") and text_cells:
                cell.data_type = "s"  # typed as text (a user's "=…" in a text cell), not a formula
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def xlsx_bomb(mebibytes: int = 512) -> bytes:
    """An .xlsx-shaped file whose shared strings declare `mebibytes` MiB (≈1 KB per MiB on disk):
    openpyxl would inflate them into memory on opening."""
    chunk = b"<si><t>" + b"A" * ((1 << 20) - 15) + b"</t></si>"
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    stream = block * mebibytes + zlib.compressobj(9, zlib.DEFLATED, -15).flush()
    crc = 0
    for _ in range(mebibytes):
        crc = zlib.crc32(chunk, crc)
    members = [
        ("[Content_Types].xml", 8, *_deflated(b"<Types/>")),
        ("xl/workbook.xml", 8, *_deflated(b"<workbook/>")),
        ("xl/sharedStrings.xml", 8, stream, crc, mebibytes * len(chunk)),
    ]
    return _raw_zip(members)


def test_the_xlsx_bomb_declares_more_than_the_limit():
    import zipfile

    infos = zipfile.ZipFile(io.BytesIO(xlsx_bomb())).infolist()
    assert sum(i.file_size for i in infos) > ZIP_MAX_TOTAL_UNCOMPRESSED
    assert len(xlsx_bomb()) < 1024 * 1024


# --- the endpoints -----------------------------------------------------------------------------------


class Attachments:
    """core:attachment_upload on a 秦州区 deadline, as fuyi_qinzhou; good file: a PDF."""

    name = "attachment"
    good = ("决定书.pdf", PDF)

    def __init__(self, tree, users, client):
        self.record = make_deadline(tree.qinzhou_justice)
        client.force_login(users.fuyi_qinzhou, backend="accounts.backends.AccountsBackend")
        self.client = client

    def post(self, name, body):
        url = reverse(
            "core:attachment_upload",
            args=(ContentType.objects.get_for_model(self.record).pk, self.record.pk),
        )
        return self.client.post(url, {"files": [SimpleUploadedFile(name, body)], "next": "/"})

    def stored(self):
        root = Path(settings.MEDIA_ROOT)
        files = [p for p in root.rglob("*") if p.is_file()] if root.exists() else []
        return Attachment.objects.count(), len(files)

    def accepted(self, response):
        return response.status_code == 302 and Attachment.objects.exists()


class Import:
    """enforcement:import of officers, as zhifa_scj; good file: one officer row."""

    name = "import"
    good = ("执法人员.xlsx", officers_xlsx())

    def __init__(self, tree, users, client):
        self.w = enforcement_world(tree, users)
        client.force_login(users.zhifa_scj, backend="accounts.backends.AccountsBackend")
        self.client = client

    def post(self, name, body):
        return self.client.post(
            reverse("enforcement:import"),
            {"kind": "officers", "file": SimpleUploadedFile(name, body), "dry_run": ""},
        )

    def stored(self):
        return Officer.objects.count(), 0

    def accepted(self, response):
        return response.status_code == 200 and "已导入 1 行" in response.content.decode()


ENDPOINTS = [Attachments, Import]

ATTACKS = {
    "oversized": ("大文件.pdf", None),  # the endpoint's good body, over a lowered limit
    "wrong_extension": ("程序.exe", None),  # the good body under a name no upload accepts
    "exe_as_docx": ("决定书.docx", EXE),
    "exe_as_xlsx": ("名单.xlsx", EXE),
    "html_as_pdf": ("决定书.pdf", HTML),
    "xlsx_zip_bomb": ("名单.xlsx", None),
    "path_traversal": ("../../etc/passwd", None),
    "empty": ("空.pdf", b""),
}


@pytest.mark.parametrize("attack", list(ATTACKS))
@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=[e.name for e in ENDPOINTS])
def test_an_attack_is_refused_in_chinese_and_stores_nothing(endpoint, attack, tree, users, client, settings):
    door = endpoint(tree, users, client)
    good_name, good_body = door.good
    name, body = ATTACKS[attack]
    if attack == "oversized":
        settings.ATTACHMENT_MAX_BYTES = len(good_body) - 1
        name = good_name
    if attack == "xlsx_zip_bomb":
        body = xlsx_bomb()
    if body is None:
        body = good_body
    before, writes = door.stored(), LogEntry.objects.count()

    response = door.post(name, body)

    assert response.status_code in (200, 302, 400), response.status_code
    assert not door.accepted(response), attack
    assert door.stored() == before
    assert LogEntry.objects.count() == writes
    page = response.content.decode() if response.status_code != 302 else ""
    if response.status_code == 302:
        page = client.get(response["Location"]).content.decode()
    assert "未上传" in page or "未导入" in page or "文件" in page, page[:500]


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=[e.name for e in ENDPOINTS])
def test_the_good_file_passes_the_same_door(endpoint, tree, users, client):
    door = endpoint(tree, users, client)
    response = door.post(*door.good)
    assert door.accepted(response), response.content.decode()[:2000]


def test_a_traversal_name_with_good_content_is_stored_inside_media_under_a_safe_name(tree, users, client):
    door = Attachments(tree, users, client)
    response = door.post("../../etc/passwd.pdf", PDF)
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert attachment.original_name == "passwd.pdf"
    stored = Path(attachment.file.path).resolve()
    assert stored.is_relative_to(Path(settings.MEDIA_ROOT).resolve())
    assert ".." not in attachment.file.name


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=[e.name for e in ENDPOINTS])
def test_a_nul_byte_in_the_name_never_reaches_a_stored_name_or_path(endpoint, tree, users, client):
    """ "evil.exe\x00.pdf": the content decides what the file is (a real PDF / XLSX here, so it may be
    accepted); the NUL — which would cut the name short in C code — is dropped from the display name
    and the file is stored under a generated name."""
    door = endpoint(tree, users, client)
    good_name, good_body = door.good
    response = door.post("evil.exe\x00" + good_name, good_body)
    assert response.status_code in (200, 302)
    for attachment in Attachment.objects.all():
        assert "\x00" not in attachment.original_name and "\x00" not in attachment.file.name
        assert not attachment.original_name.endswith(".exe")


FORMULAS = [
    "=cmd|' /C calc'!A0",
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
]


def test_formula_injection_imported_then_exported_stays_text(tree, users, client):
    door = Import(tree, users, client)
    ids = ["620501199203040015", "620501199203040023", "620501199203040031", "62050119920304004X"]
    rows = [(AGENCY, formula[:50], ids[i], "科员", "否") for i, formula in enumerate(FORMULAS)]
    response = door.post("名单.xlsx", officers_xlsx(rows))
    content = response.content.decode()
    imported = Officer.objects.filter(name__in=[f[:50] for f in FORMULAS]).count()
    assert imported == len(FORMULAS), content[:2000]

    export = client.get(reverse("enforcement:officer_list"), {"export": "xlsx"})
    assert export.status_code == 200
    workbook = load_workbook(io.BytesIO(b"".join(export.streaming_content)))
    cells = [c for row in workbook.active.iter_rows() for c in row if c.value in {f[:50] for f in FORMULAS}]
    assert len(cells) == len(FORMULAS)
    for cell in cells:
        assert cell.data_type == "s", (cell.value, cell.data_type)  # text, not a formula ("f")


def test_a_real_formula_cell_is_refused_at_import(tree, users, client):
    """A formula (not text) in a name cell has no value for the importer (it reads values only):
    the row is refused, and with it the file."""
    door = Import(tree, users, client)
    rows = [(AGENCY, '=HYPERLINK("http://evil","点我")', "620501199203040015", "科员", "否")]
    response = door.post("名单.xlsx", officers_xlsx(rows, text_cells=False))
    assert response.status_code == 200
    assert "未导入" in response.content.decode()
    assert not Officer.objects.filter(name__startswith="=").exists()
