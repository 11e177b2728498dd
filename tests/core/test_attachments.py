"""Attachments: content-checked uploads, all or nothing, downloads only inside the jurisdiction."""

import re
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.template import Context, Template
from django.test import Client, RequestFactory
from django.urls import reverse

from core.attachments import detect_kind, sanitize_filename
from core.exceptions import ApplicationError
from core.models import AccessAction, AccessLog, Attachment
from core.services import attachment_delete, attachment_upload

from .factories import (
    EXE,
    HTML,
    JPG,
    PDF,
    PNG,
    docx_bytes,
    make_deadline,
    ofd_bytes,
    plain_zip_bytes,
    upload,
    xlsx_bytes,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def record(tree):
    return make_deadline(tree.qinzhou_justice)


def upload_url(record):
    return reverse("core:attachment_upload", args=(ContentType.objects.get_for_model(record).pk, record.pk))


def stored_files():
    root = Path(settings.MEDIA_ROOT) / "attachments"
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def post_files(client, record, *files, htmx=False, **extra):
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    return client.post(upload_url(record), {"files": list(files), "next": "/"}, **headers, **extra)


# --- content, not name ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "kind"),
    [
        (PDF, "pdf"),
        (PNG, "png"),
        (JPG, "jpg"),
        (docx_bytes(), "docx"),
        (xlsx_bytes(), "xlsx"),
        (ofd_bytes(), "ofd"),
        (HTML, None),
        (EXE, None),
        (plain_zip_bytes(), None),
        (b"", None),
    ],
)
def test_type_is_detected_from_the_bytes(body, kind):
    assert detect_kind(upload("whatever.bin", body)) == kind


def test_html_renamed_pdf_is_refused(login, users, record):
    response = post_files(login(users.fuyi_qinzhou), record, upload("决定书.pdf", HTML, "application/pdf"))
    assert response.status_code == 400
    assert "“决定书.pdf”的内容不是允许的文件类型" in response.content.decode()
    assert not Attachment.objects.exists()
    assert stored_files() == []


def test_exe_renamed_png_is_refused(login, users, record):
    response = post_files(
        login(users.fuyi_qinzhou), record, upload("现场照片.png", EXE, "image/png"), htmx=True
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "“现场照片.png”的内容不是允许的文件类型" in body
    assert 'class="card attachments-panel' in body  # htmx gets the panel back, with the reason
    assert not Attachment.objects.exists()


def test_real_pdf_named_docx_is_refused_as_a_mismatch(login, users, record):
    response = post_files(login(users.fuyi_qinzhou), record, upload("意见书.docx", PDF))
    assert response.status_code == 400
    assert "扩展名与文件内容（PDF 文档）不符" in response.content.decode()
    assert not Attachment.objects.exists()


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("..\\..\\windows\\system32\\a.pdf", "a.pdf"),
        ("C:\\扫描件\\申请书.pdf", "申请书.pdf"),
        ("申请书\x00\x1f.pdf", "申请书.pdf"),
        ("\u202egpj.exe.pdf", "gpj.exe.pdf"),  # right-to-left override would disguise the name
        ('a<b>:"c"|?*.pdf', "a_b___c____.pdf"),
        ("..", "附件"),
        ("", "附件"),
    ],
)
def test_original_names_are_sanitised(raw, clean):
    assert sanitize_filename(raw) == clean


def test_long_names_keep_their_extension_within_200_characters():
    name = sanitize_filename("很" * 300 + ".pdf")
    assert len(name) == 200
    assert name.endswith("很.pdf")


def test_path_traversal_name_is_stored_safely(users, record):
    [attachment] = attachment_upload(
        record=record, files=[upload("../../etc/passwd.pdf", PDF)], user=users.fuyi_qinzhou
    )
    assert attachment.original_name == "passwd.pdf"
    assert re.fullmatch(r"attachments/\d{4}/\d{2}/[0-9a-f]{32}", attachment.file.name)
    path = Path(attachment.file.path).resolve()
    assert path.is_relative_to(Path(settings.MEDIA_ROOT).resolve())
    assert path.read_bytes() == PDF
    assert not Path("/etc/passwd.pdf").exists()


def test_path_traversal_name_through_the_form(login, users, record):
    response = post_files(login(users.fuyi_qinzhou), record, upload("../../etc/passwd.pdf", PDF))
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert attachment.original_name == "passwd.pdf"
    assert Path(attachment.file.path).resolve().is_relative_to(Path(settings.MEDIA_ROOT).resolve())


def test_oversize_file_is_refused(settings, login, users, record):
    settings.ATTACHMENT_MAX_BYTES = 1024
    big = PDF + b"0" * 2048
    response = post_files(login(users.fuyi_qinzhou), record, upload("扫描件.pdf", big))
    assert response.status_code == 400
    assert "超过上限" in response.content.decode()
    assert not Attachment.objects.exists()
    assert stored_files() == []


def test_101_files_in_one_request_answer_400_in_chinese_and_save_nothing(login, users, record):
    files = [upload(f"第{i}页.pdf", PDF) for i in range(101)]
    response = post_files(login(users.fuyi_qinzhou), record, *files)
    assert response.status_code == 400
    assert "一次最多上传 100 个文件" in response.content.decode()
    assert not Attachment.objects.exists()
    assert stored_files() == []


def test_101_files_with_csrf_enforced_still_answer_the_clear_message(users, record):
    client = Client(enforce_csrf_checks=True)
    client.force_login(users.fuyi_qinzhou, backend="accounts.backends.AccountsBackend")
    files = [upload(f"第{i}页.pdf", PDF) for i in range(101)]
    response = client.post(upload_url(record), {"files": files}, HTTP_HX_REQUEST="true")
    assert response.status_code == 400
    assert "一次最多上传 100 个文件" in response.content.decode()
    assert not Attachment.objects.exists()


def test_upload_without_csrf_token_is_refused(users, record):
    client = Client(enforce_csrf_checks=True)
    client.force_login(users.fuyi_qinzhou, backend="accounts.backends.AccountsBackend")
    response = client.post(upload_url(record), {"files": [upload("a.pdf", PDF)]})
    assert response.status_code == 403
    assert not Attachment.objects.exists()


def test_one_bad_file_refuses_the_whole_batch(login, users, record):
    response = post_files(
        login(users.fuyi_qinzhou),
        record,
        upload("好.pdf", PDF),
        upload("坏.pdf", HTML),
        upload("图.png", PNG),
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "“坏.pdf”" in body and "“好.pdf”" not in body
    assert not Attachment.objects.exists()
    assert stored_files() == []


def test_upload_with_no_file_is_refused(login, users, record):
    response = login(users.fuyi_qinzhou).post(upload_url(record), {"next": "/"})
    assert response.status_code == 400
    assert "请选择要上传的文件" in response.content.decode()


# --- a good upload and its download ----------------------------------------------------------------


def test_good_upload_then_download_with_safe_headers(login, users, record):
    client = login(users.fuyi_qinzhou)
    response = post_files(
        client, record, upload("行政复议申请书（张三）.pdf", PDF), upload("照片.jpg", JPG), htmx=True
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "已上传 2 个文件" in body and "行政复议申请书（张三）.pdf" in body

    attachment = Attachment.objects.get(kind="pdf")
    assert attachment.org_unit == record.org_unit  # jurisdiction inherited from the record
    assert attachment.size == len(PDF) and len(attachment.sha256) == 64
    assert attachment.uploaded_by == users.fuyi_qinzhou and attachment.mime_type == "application/pdf"

    download = client.get(reverse("core:attachment_download", args=(attachment.pk,)))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert download["Content-Type"] == "application/pdf"
    assert download["X-Content-Type-Options"] == "nosniff"
    disposition = download["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert f"filename*=UTF-8''{quote('行政复议申请书（张三）.pdf', safe='')}" in disposition
    log = AccessLog.objects.get(action=AccessAction.DOWNLOAD)
    assert log.user == users.fuyi_qinzhou and log.object_id == str(attachment.pk)
    assert log.unit_name == "秦州区司法局"


def test_city_user_with_permission_downloads_county_file(login, users, record):
    [attachment] = attachment_upload(record=record, files=[upload("a.pdf", PDF)], user=users.fuyi_qinzhou)
    response = login(users.fuyi).get(reverse("core:attachment_download", args=(attachment.pk,)))
    assert response.status_code == 200


def test_other_county_gets_404_for_download_and_upload(login, users, record):
    [attachment] = attachment_upload(record=record, files=[upload("a.pdf", PDF)], user=users.fuyi_qinzhou)
    client = login(users.fuyi_maiji)
    assert client.get(reverse("core:attachment_download", args=(attachment.pk,))).status_code == 404
    assert post_files(client, record, upload("b.pdf", PDF)).status_code == 404
    assert Attachment.objects.count() == 1
    assert not AccessLog.objects.exists()


def test_without_permission_inside_jurisdiction_403(login, users, record):
    [attachment] = attachment_upload(record=record, files=[upload("a.pdf", PDF)], user=users.fuyi_qinzhou)
    client = login(users.nobody)
    assert client.get(reverse("core:attachment_download", args=(attachment.pk,))).status_code == 403
    assert post_files(client, record, upload("b.pdf", PDF)).status_code == 403


def test_leader_may_download_but_not_upload(login, users, record):
    [attachment] = attachment_upload(record=record, files=[upload("a.pdf", PDF)], user=users.fuyi_qinzhou)
    client = login(users.leader)
    assert client.get(reverse("core:attachment_download", args=(attachment.pk,))).status_code == 200
    assert post_files(client, record, upload("b.pdf", PDF)).status_code == 403


def test_models_without_jurisdiction_cannot_carry_attachments(login, users):
    client = login(users.fuyi_qinzhou)
    user_ct = ContentType.objects.get_for_model(users.fuyi_qinzhou)  # User has no org_unit
    url = reverse("core:attachment_upload", args=(user_ct.pk, users.fuyi_qinzhou.pk))
    assert client.post(url, {"files": [upload("a.pdf", PDF)]}).status_code == 404
    assert client.post(reverse("core:attachment_upload", args=(999999, 1)), {}).status_code == 404


# --- soft delete -------------------------------------------------------------------------------------


def test_delete_is_soft_and_hides_the_file(login, users, record, tree, make_user):
    [attachment] = attachment_upload(record=record, files=[upload("a.pdf", PDF)], user=users.fuyi_qinzhou)
    manager = make_user("att_manager", unit=tree.qinzhou_justice, roles=["复议工作人员"])
    manager.user_permissions.add(Permission.objects.get(codename="delete_attachment"))
    client = login(manager)
    response = client.post(
        reverse("core:attachment_delete", args=(attachment.pk,)), {"next": "/"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert "已删除附件" in response.content.decode()
    attachment.refresh_from_db()
    assert attachment.is_deleted and attachment.deleted_by == manager and attachment.deleted_at
    assert Path(attachment.file.path).exists()  # the file is kept for the record
    assert client.get(reverse("core:attachment_download", args=(attachment.pk,))).status_code == 404


def test_deleting_twice_is_refused(users, record):
    [attachment] = attachment_upload(record=record, files=[upload("a.pdf", PDF)], user=users.fuyi_qinzhou)
    attachment_delete(attachment=attachment, user=users.fuyi_qinzhou)
    with pytest.raises(ApplicationError):
        attachment_delete(attachment=attachment, user=users.fuyi_qinzhou)


# --- the reusable panel -----------------------------------------------------------------------------


def _render_panel(user, record):
    request = RequestFactory().get("/deadlines/1/")
    request.user = user
    return Template("{% load attachment_tags %}{% attachments_panel record %}").render(
        Context({"request": request, "record": record})
    )


def test_panel_lists_files_and_offers_upload_to_permitted_user(users, record, tree):
    attachment_upload(record=record, files=[upload("申请书.pdf", PDF)], user=users.fuyi_qinzhou)
    other = make_deadline(tree.qinzhou_justice, subject="另一期限")
    attachment_upload(record=other, files=[upload("别的.pdf", PDF)], user=users.fuyi_qinzhou)
    html = _render_panel(users.fuyi_qinzhou, record)
    assert "申请书.pdf" in html and "别的.pdf" not in html
    assert f'hx-post="{upload_url(record)}"' in html
    assert 'name="next" value="/deadlines/1/"' in html


def test_panel_for_read_only_user_has_no_upload_form(users, record):
    attachment_upload(record=record, files=[upload("申请书.pdf", PDF)], user=users.fuyi_qinzhou)
    html = _render_panel(users.leader, record)
    assert "申请书.pdf" in html
    assert "hx-post" not in html


# --- OOXML containers: zip bombs and macros ---------------------------------------------------------


def _raw_zip(entries) -> bytes:
    """A ZIP written byte by byte: entries are (name, method, data as stored, crc32, uncompressed size),
    so a member may declare what a real zip bomb declares without the test inflating a gigabyte."""
    import struct

    out, central = bytearray(), bytearray()
    for name, method, stored, crc, size in entries:
        encoded = name.encode()
        offset = len(out)
        out += struct.pack(
            "<4s5H3L2H", b"PK\x03\x04", 20, 0, method, 0, 0x21, crc, len(stored), size, len(encoded), 0
        )
        out += encoded + stored
        central += struct.pack(
            "<4s6H3L5HLL",
            b"PK\x01\x02",
            20,
            20,
            0,
            method,
            0,
            0x21,
            crc,
            len(stored),
            size,
            len(encoded),
            0,
            0,
            0,
            0,
            0,
            offset,
        )
        central += encoded
    eocd = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(entries), len(entries), len(central), len(out), 0)
    return bytes(out + central + eocd)


def _deflated(body: bytes):
    import zlib

    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    return compressor.compress(body) + compressor.flush(), zlib.crc32(body), len(body)


def zip_bomb_docx(mebibytes: int = 1024) -> bytes:
    """A .docx-shaped file whose media member inflates to `mebibytes` MiB of zeros (≈1 KB per MiB).

    Each MiB is deflated once and repeated: a full flush forgets the history, so the blocks chain
    into one valid stream (ended by an empty final block)."""
    import zlib

    chunk = b"\0" * (1 << 20)
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    stream = block * mebibytes + zlib.compressobj(9, zlib.DEFLATED, -15).flush()
    crc = 0
    for _ in range(mebibytes):
        crc = zlib.crc32(chunk, crc)
    members = [
        ("[Content_Types].xml", 8, *_deflated(b"<Types/>")),
        ("word/document.xml", 8, *_deflated("<w:document>行政复议决定书</w:document>".encode())),
        ("word/media/image1.png", 8, stream, crc, mebibytes << 20),
    ]
    return _raw_zip(members)


def _with_members(
    body: bytes, extra: dict[str, bytes], replace: dict[str, tuple[str, str]] | None = None
) -> bytes:
    import io
    import zipfile

    source, target = zipfile.ZipFile(io.BytesIO(body)), io.BytesIO()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            data = source.read(info.filename)
            if replace and info.filename in replace:
                old, new = replace[info.filename]
                data = data.replace(old.encode(), new.encode())
            out.writestr(info.filename, data)
        for name, data in extra.items():
            out.writestr(name, data)
    return target.getvalue()


OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512


def test_the_zip_bomb_factory_really_inflates():
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(zip_bomb_docx(mebibytes=3))) as zf:
        assert zf.read("word/media/image1.png") == b"\0" * (3 << 20)  # CRC and sizes check out


def test_a_zip_bomb_named_docx_is_refused(login, users, record):
    body = zip_bomb_docx()
    assert len(body) < 2 * 1024 * 1024  # 1 GiB inflated from about 1 MB
    response = post_files(login(users.fuyi_qinzhou), record, upload("决定书.docx", body))
    assert response.status_code == 400
    assert "压缩炸弹" in response.content.decode()
    assert not Attachment.objects.exists() and not stored_files()


def test_a_highly_compressed_member_is_refused_even_below_the_total(login, users, record):
    body = zip_bomb_docx(mebibytes=20)  # 20 MiB in ≈20 KB: far beyond 100:1
    response = post_files(login(users.fuyi_qinzhou), record, upload("决定书.docx", body))
    assert response.status_code == 400
    assert not Attachment.objects.exists()


@pytest.mark.parametrize(
    ("name", "body"),
    [
        ("决定书.docx", _with_members(docx_bytes(), {"word/vbaProject.bin": OLE})),
        ("台账.xlsx", _with_members(xlsx_bytes(), {"xl/vbaProject.bin": OLE})),
        ("决定书.docx", _with_members(docx_bytes(), {"word/activeX/activeX1.bin": OLE})),
        (
            "台账.xlsx",
            _with_members(
                xlsx_bytes(),
                {},
                replace={
                    "[Content_Types].xml": (
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
                        "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
                    )
                },
            ),
        ),
    ],
    ids=["docx-vba", "xlsx-vba", "docx-activex", "xlsx-macro-enabled-content-type"],
)
def test_office_files_with_macros_are_refused(login, users, record, name, body):
    response = post_files(login(users.fuyi_qinzhou), record, upload(name, body))
    assert response.status_code == 400
    assert "含有宏" in response.content.decode()
    assert not Attachment.objects.exists()


def test_ordinary_office_files_still_pass_the_container_checks(login, users, record):
    response = post_files(
        login(users.fuyi_qinzhou),
        record,
        upload("决定书.docx", docx_bytes()),
        upload("台账.xlsx", xlsx_bytes()),
    )
    assert response.status_code == 302
    assert Attachment.objects.count() == 2


# --- a clock's files are its case's files -------------------------------------------------------------


@pytest.fixture
def case_clock(tree, users):
    from deadlines.models import Deadline
    from reconsideration.choices import CaseStatus

    from ..reconsideration.factories import case_at

    case = case_at(
        CaseStatus.UNDER_REVIEW,
        officer=users.fuyi,
        head=users.fuyi_head,
        body=tree.city,
        respondent=tree.city_market,
    )
    clock = Deadline.objects.filter(
        content_type=ContentType.objects.get_for_model(case), object_id=case.pk
    ).first()
    assert clock is not None
    return clock


def test_without_reconsideration_permission_no_upload_to_a_case_clock(login, users, case_clock):
    # 法制审核人员 may see deadlines, but not reconsideration cases: the clock's files are the case's.
    assert users.fzsh.has_perm("deadlines.view_deadline") and users.fzsh.has_perm("core.add_attachment")
    assert not users.fzsh.has_perm("reconsideration.view_reconsiderationcase")
    response = post_files(login(users.fzsh), case_clock, upload("材料.pdf", PDF))
    assert response.status_code == 403
    assert not Attachment.objects.exists()


def test_without_reconsideration_permission_no_download_of_a_case_clock_file(client, users, case_clock):
    [attachment] = attachment_upload(record=case_clock, files=[upload("申请书.pdf", PDF)], user=users.fuyi)
    client.force_login(users.fzsh, backend="accounts.backends.AccountsBackend")
    assert client.get(reverse("core:attachment_download", args=(attachment.pk,))).status_code == 403
    assert not AccessLog.objects.filter(action=AccessAction.DOWNLOAD).exists()
    html = _render_panel(users.fzsh, case_clock)
    assert "申请书.pdf" not in html and "hx-post" not in html


def test_the_case_handler_attaches_to_and_downloads_from_the_clock(login, users, case_clock):
    client = login(users.fuyi)
    assert post_files(client, case_clock, upload("材料.pdf", PDF)).status_code == 302
    attachment = Attachment.objects.get()
    assert client.get(reverse("core:attachment_download", args=(attachment.pk,))).status_code == 200


def test_the_leader_reads_the_clock_files_but_does_not_attach(login, users, case_clock):
    [attachment] = attachment_upload(record=case_clock, files=[upload("申请书.pdf", PDF)], user=users.fuyi)
    client = login(users.leader)
    assert client.get(reverse("core:attachment_download", args=(attachment.pk,))).status_code == 200
    assert post_files(client, case_clock, upload("b.pdf", PDF)).status_code == 403


# --- an archived case is closed ---------------------------------------------------------------------


def test_uploads_are_refused_on_an_archived_case(login, users, tree):
    from reconsideration.choices import CaseStatus
    from tests.reconsideration.factories import case_at

    case = case_at(
        CaseStatus.ARCHIVED,
        officer=users.fuyi,
        head=users.fuyi_head,
        body=tree.city,
        respondent=tree.city_market,
    )
    with pytest.raises(ApplicationError):
        attachment_upload(record=case, files=[upload("补充材料.pdf", PDF)], user=users.fuyi)
    response = post_files(login(users.fuyi), case, upload("补充材料.pdf", PDF), htmx=True)
    assert response.status_code == 400
    assert "已归档，不能再上传附件" in response.content.decode()
    assert not Attachment.objects.filter(object_id=case.pk).exists()
    html = _render_panel(users.fuyi, case)
    assert "hx-post" not in html and "已归档" in html
