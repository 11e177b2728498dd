"""Excel import (openpyxl) of officers, certificates, training attendance and exam results.

Each kind has a template with Chinese headers (`template_bytes`). An import reads every row, checks
each one (row number, column and reason in Chinese, `ImportReport.errors`) and writes **all rows or
none**: one bad row leaves the database unchanged. `dry_run` checks without writing (the preview).
Rows are written in bulk inside the service's transaction (≥ 2,000 rows/s on PostgreSQL, see
`bench/figures/enforcement.py`); large files run as a Celery task with a progress callback
(`enforcement.tasks.import_file`).
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook, load_workbook

from core.exceptions import ApplicationError
from core.workflow import check_actor, is_user, service

from .choices import (
    CERT_WORKFLOW,
    PERM_IMPORT,
    CertificateKind,
    CertificateStatus,
    EventKind,
    ExamKind,
)
from .models import (
    Certificate,
    CertificateEvent,
    EnforcementAgency,
    ExamResult,
    ExamSession,
    Officer,
    TrainingAttendance,
    TrainingCourse,
)
from .services import gates
from .services.training import training_hours_credit

ID_RE = re.compile(r"^\d{17}[\dX]$")
YES = {"是", "有", "Y", "y", "1", "TRUE", "True", "true"}
NO = {"否", "无", "N", "n", "0", "FALSE", "False", "false", ""}
MAX_ROWS = 50000
BATCH = 1000


@dataclass(frozen=True)
class Kind:
    key: str
    label: object
    headers: tuple[str, ...]
    example: tuple


KINDS: dict[str, Kind] = {
    k.key: k
    for k in (
        Kind(
            "officers",
            gettext_lazy("执法人员"),
            ("执法主体", "姓名", "身份证号", "职务岗位", "法律职业资格"),
            ("天水市市场监督管理局", "张三", "620501198001011234", "科员", "否"),
        ),
        Kind(
            "certificates",
            gettext_lazy("执法证件"),
            ("身份证号", "证件类型", "证件编号", "发证日期", "有效期至"),
            ("620501198001011234", "行政执法证", "甘天执2025000001", "2025-03-01", "2030-02-28"),
        ),
        Kind(
            "training",
            gettext_lazy("培训记录"),
            ("身份证号", "培训主题", "主办方", "培训日期", "学时"),
            ("620501198001011234", "行政处罚法专题培训", "天水市司法局", "2025-03-01", "8"),
        ),
        Kind(
            "exams",
            gettext_lazy("考试成绩"),
            ("身份证号", "考试类型", "考试名称", "考试日期", "成绩"),
            ("620501198001011234", "资格考试", "2025年执法资格考试", "2025-03-01", "85"),
        ),
    )
}


@dataclass
class RowError:
    row: int
    column: str
    reason: str


@dataclass
class ImportReport:
    kind: str
    total: int = 0
    created: int = 0
    dry_run: bool = False
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def error(self, row: int, column: str, reason: str) -> None:
        self.errors.append(RowError(row, column, str(reason)))

    def as_dict(self) -> dict:
        return {
            "kind": self.kind,
            "total": self.total,
            "created": self.created,
            "dry_run": self.dry_run,
            "errors": [e.__dict__ for e in self.errors],
        }


class ImportRefused(ApplicationError):
    """The file as a whole cannot be read (not Excel, wrong headers, too many rows)."""


def template_bytes(kind: str) -> bytes:
    spec = KINDS[kind]
    wb = Workbook()
    ws = wb.active
    ws.title = str(spec.label)
    ws.append(list(spec.headers))
    ws.append(list(spec.example))
    for i in range(len(spec.headers)):
        ws.column_dimensions[chr(ord("A") + i)].width = 22
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def read_rows(kind: str, file) -> list[tuple[int, tuple]]:
    """(row number, values) of every non-empty data row; the header row must be the template's."""
    spec = KINDS[kind]
    try:
        wb = load_workbook(file, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise ImportRefused(_("无法读取该文件，请上传 .xlsx 格式的 Excel 文件。")) from exc
    ws = wb.worksheets[0]
    rows = ws.iter_rows(values_only=True)
    header = next(rows, None)
    got = tuple(str(h).strip() if h is not None else "" for h in (header or ()))[: len(spec.headers)]
    if got != spec.headers:
        raise ImportRefused(
            _("表头与模板不一致：应为“%(want)s”。请下载模板后填写。") % {"want": "、".join(spec.headers)}
        )
    out = []
    for number, values in enumerate(rows, start=2):
        values = tuple(values[: len(spec.headers)]) + (None,) * (len(spec.headers) - len(values or ()))
        if all(v is None or str(v).strip() == "" for v in values):
            continue
        out.append((number, values))
        if len(out) > MAX_ROWS:
            raise ImportRefused(_("单个文件最多 %(n)s 行。") % {"n": MAX_ROWS})
    wb.close()
    return out


# --- cell parsers (each returns the value or raises ValueError with the Chinese reason) -------------


def _text(value, *, max_length: int, required: bool = True) -> str:
    text = "" if value is None else str(value).strip()
    if required and not text:
        raise ValueError(_("不能为空"))
    if len(text) > max_length:
        raise ValueError(_("不能超过 %(n)s 个字") % {"n": max_length})
    return text


def _id_number(value) -> str:
    text = _text(value, max_length=18).upper()
    if not ID_RE.match(text):
        raise ValueError(_("身份证号应为18位（末位可为X）"))
    return text


def _date(value) -> date:
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        d = value
    else:
        text = _text(value, max_length=10).replace("/", "-").replace(".", "-")
        try:
            d = date.fromisoformat(text)
        except ValueError as exc:
            raise ValueError(_("日期格式应为 2025-03-01")) from exc
    if d > timezone.localdate():
        raise ValueError(_("不能晚于今天"))
    return d


def _decimal(value, *, low: Decimal, high: Decimal) -> Decimal:
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, AttributeError) as exc:
        raise ValueError(_("应为数字")) from exc
    if not (low <= number <= high):
        raise ValueError(_("应在 %(low)s 至 %(high)s 之间") % {"low": low, "high": high})
    return number


def _yes_no(value) -> bool:
    text = "" if value is None else str(value).strip()
    if text in YES:
        return True
    if text in NO:
        return False
    raise ValueError(_("请填写“是”或“否”"))


def _choice(value, choices) -> str:
    text = _text(value, max_length=20)
    for key, label in choices:
        if text in (str(label), key):
            return key
    raise ValueError(_("应为：%(list)s") % {"list": "、".join(str(label) for _k, label in choices)})


class _Row:
    """Parses one row's cells, collecting each bad cell into the report."""

    def __init__(self, report: ImportReport, number: int, headers: tuple[str, ...], values: tuple):
        self.report, self.number, self.values = report, number, dict(zip(headers, values, strict=True))
        self.bad = False

    def get(self, column: str, parse: Callable, **kwargs):
        try:
            return parse(self.values[column], **kwargs)
        except ValueError as exc:
            self.report.error(self.number, column, str(exc))
            self.bad = True
            return None

    def fail(self, column: str, reason) -> None:
        self.report.error(self.number, column, str(reason))
        self.bad = True


# --- the kinds -------------------------------------------------------------------------------------


def _officers_by_id(user, ids: Iterable[str]) -> dict[str, Officer]:
    return {
        o.id_number: o
        for o in Officer.objects.visible_to(user).filter(id_number__in=set(ids)).select_related("agency")
    }


def _ids(rows, index: int) -> list[str]:
    return [str(v[index]).strip().upper() for _n, v in rows if v[index] is not None]


def _build_officers(actor, rows, report) -> list:
    spec = KINDS["officers"]
    agencies = {a.name: a for a in EnforcementAgency.objects.visible_to(actor).select_related("org_unit")}
    taken = set(Officer.objects.filter(id_number__in=_ids(rows, 2)).values_list("id_number", flat=True))
    seen: set[str] = set()
    out = []
    for number, values in rows:
        row = _Row(report, number, spec.headers, values)
        agency_name = row.get("执法主体", _text, max_length=100)
        name = row.get("姓名", _text, max_length=50)
        id_number = row.get("身份证号", _id_number)
        post = row.get("职务岗位", _text, max_length=50, required=False)
        qualified = row.get("法律职业资格", _yes_no)
        agency = agencies.get(agency_name) if agency_name else None
        if agency_name and agency is None:
            row.fail("执法主体", _("不是您管辖范围内登记的执法主体"))
        if id_number and (id_number in taken or id_number in seen):
            row.fail("身份证号", _("该身份证号已登记") if id_number in taken else _("与本文件前面的行重复"))
        if id_number:
            seen.add(id_number)
        if not row.bad:
            out.append(
                Officer(
                    agency=agency,
                    name=name,
                    id_number=id_number,
                    post=post or "",
                    has_legal_qualification=qualified,
                )
            )
    return out


def _build_certificates(actor, rows, report) -> list:
    spec = KINDS["certificates"]
    officers = _officers_by_id(actor, _ids(rows, 0))
    numbers = [str(v[2]).strip() for _n, v in rows if v[2] is not None]
    taken = set(Certificate.objects.filter(number__in=numbers).values_list("number", flat=True))
    exams = {}
    for r in ExamResult.objects.filter(
        officer__in=officers.values(), passed=True, session__kind="qualification"
    ).values_list("officer_id", "session__held_on"):
        exams.setdefault(r[0], []).append(r[1])
    seen: set[str] = set()
    today = timezone.localdate()
    out = []
    for number, values in rows:
        row = _Row(report, number, spec.headers, values)
        officer = officers.get(row.get("身份证号", _id_number) or "")
        if officer is None and not row.bad:
            row.fail("身份证号", _("您管辖范围内没有该执法人员，请先导入执法人员"))
        kind = row.get("证件类型", _choice, choices=CertificateKind.choices)
        cert_number = row.get("证件编号", _text, max_length=30)
        issued = row.get("发证日期", _date)
        expires = row.get("有效期至", _to_date_any)
        if cert_number and (cert_number in taken or cert_number in seen):
            row.fail("证件编号", _("证件编号已存在") if cert_number in taken else _("与本文件前面的行重复"))
        if cert_number:
            seen.add(cert_number)
        if issued and expires and expires <= issued:
            row.fail("有效期至", _("须晚于发证日期"))
        if officer and issued:
            since = gates.add_years(issued, -1)
            if not any(since < d <= issued for d in exams.get(officer.pk, ())):
                # 执法证件管理办法 [our rule]: no certificate without a passed qualification exam
                row.fail("发证日期", _("发证日前12个月内没有合格的执法资格考试成绩"))
        if not row.bad:
            status = CertificateStatus.VALID if expires >= today else CertificateStatus.EXPIRED
            out.append(
                Certificate(
                    officer=officer,
                    kind=kind,
                    number=cert_number,
                    applied_on=issued,
                    issued_on=issued,
                    expires_on=expires,
                    status=status,
                    status_changed_on=issued,
                )
            )
    return out


def _to_date_any(value) -> date:
    """An expiry date may lie in the future."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = _text(value, max_length=10).replace("/", "-").replace(".", "-")
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise ValueError(_("日期格式应为 2025-03-01")) from exc


def _build_training(actor, rows, report) -> list:
    spec = KINDS["training"]
    officers = _officers_by_id(actor, _ids(rows, 0))
    courses: dict[tuple, TrainingCourse] = {}
    seen = set()
    out = []
    for number, values in rows:
        row = _Row(report, number, spec.headers, values)
        officer = officers.get(row.get("身份证号", _id_number) or "")
        if officer is None and not row.bad:
            row.fail("身份证号", _("您管辖范围内没有该执法人员，请先导入执法人员"))
        topic = row.get("培训主题", _text, max_length=200)
        organiser = row.get("主办方", _text, max_length=100)
        held = row.get("培训日期", _date)
        hours = row.get("学时", _decimal, low=Decimal("0.5"), high=Decimal("200"))
        key = (topic, organiser, held, hours)
        if officer and (key, officer.pk) in seen:
            row.fail("身份证号", _("与本文件前面的行重复"))
        if not row.bad:
            seen.add((key, officer.pk))
            if key not in courses:
                courses[key] = TrainingCourse(
                    org_unit=officer.agency.org_unit,
                    topic=topic,
                    organiser=organiser,
                    held_on=held,
                    hours=hours,
                )
            out.append((courses[key], TrainingAttendance(officer=officer, hours=hours)))
    return out


def _build_exams(actor, rows, report) -> list:
    spec = KINDS["exams"]
    officers = _officers_by_id(actor, _ids(rows, 0))
    sessions: dict[tuple, ExamSession] = {}
    seen = set()
    out = []
    mark = gates.pass_mark()
    for number, values in rows:
        row = _Row(report, number, spec.headers, values)
        officer = officers.get(row.get("身份证号", _id_number) or "")
        if officer is None and not row.bad:
            row.fail("身份证号", _("您管辖范围内没有该执法人员，请先导入执法人员"))
        kind = row.get("考试类型", _choice, choices=ExamKind.choices)
        title = row.get("考试名称", _text, max_length=200)
        held = row.get("考试日期", _date)
        score = row.get("成绩", _decimal, low=Decimal(0), high=Decimal(100))
        key = (kind, title, held)
        if officer and (key, officer.pk) in seen:
            row.fail("身份证号", _("与本文件前面的行重复"))
        if not row.bad:
            seen.add((key, officer.pk))
            if key not in sessions:
                sessions[key] = ExamSession(
                    org_unit=officer.agency.org_unit, kind=kind, title=title, held_on=held, pass_mark=mark
                )
            out.append((sessions[key], ExamResult(officer=officer, score=score, passed=score >= mark)))
    return out


BUILDERS = {
    "officers": _build_officers,
    "certificates": _build_certificates,
    "training": _build_training,
    "exams": _build_exams,
}


def _write(kind: str, objs: list, actor, progress) -> int:
    creator = actor if is_user(actor) else None
    done = 0
    if kind in ("officers", "certificates"):
        for start in range(0, len(objs), BATCH):
            chunk = objs[start : start + BATCH]
            type(chunk[0]).objects.bulk_create(chunk, batch_size=BATCH)
            done += len(chunk)
            if progress:
                progress(done, len(objs))
        if kind == "certificates":
            CertificateEvent.objects.bulk_create(
                [
                    CertificateEvent(
                        certificate=c,
                        kind=EventKind.ISSUE,
                        date=c.issued_on,
                        actor=creator,
                        basis=str(CERT_WORKFLOW["issue"].basis),
                        note=_("批量导入存量证件"),
                        to_status=c.status,
                    )
                    for c in objs
                ],
                batch_size=BATCH,
            )
        return done
    parents = {id(p): p for p, _child in objs}
    for p in parents.values():
        p.created_by = creator
    parent_model = type(next(iter(parents.values())))
    parent_model.objects.bulk_create(list(parents.values()), batch_size=BATCH)
    children = []
    for parent, child in objs:
        if isinstance(child, TrainingAttendance):
            child.course = parent
        else:
            child.session = parent
        child.created_by = creator
        children.append(child)
    for start in range(0, len(children), BATCH):
        chunk = children[start : start + BATCH]
        type(chunk[0]).objects.bulk_create(chunk, batch_size=BATCH)
        done += len(chunk)
        if progress:
            progress(done, len(children))
    if kind == "training":
        training_hours_credit(children)  # the stored hours 培训达标 reads
    return done


@service
def import_records(*, actor, kind: str, file, dry_run: bool = False, progress=None) -> ImportReport:
    """Check every row of `file` and, when all are good and not `dry_run`, write them all."""
    if kind not in KINDS:
        raise ImportRefused(_("不支持的导入类型。"))
    if is_user(actor):
        check_actor(actor, PERM_IMPORT, actor.unit)
    rows = read_rows(kind, file)
    report = ImportReport(kind=kind, total=len(rows), dry_run=dry_run)
    if not rows:
        raise ImportRefused(_("文件中没有数据行。"))
    objs = BUILDERS[kind](actor, rows, report)
    if report.errors or dry_run:
        return report
    report.created = _write(kind, objs, actor, progress)
    return report
