"""Documents (issue 3 item 9): DOCX from docxtpl templates, PDF from HTML through WeasyPrint.

DOCX is for official documents staff go on editing (审查意见书, 通知书, 决定书); PDF is for reports
and explanations. Templates live in `templates/documents/`: `<name>.docx` (jinja tags inside Word
text) and `<name>.html` (a Django template). Both render with Noto CJK fonts and fetch nothing from
the network — the intranet has none, and a template must never be a way to reach other hosts.

Filters available inside .docx templates: `cn_date` (2025年5月6日), `cn_datetime` (2025年5月6日 09:30).
"""

from __future__ import annotations

import datetime
import io
import unicodedata
from pathlib import Path
from urllib.parse import quote, urlsplit
from urllib.request import url2pathname

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF_CONTENT_TYPE = "application/pdf"
DOCUMENTS_DIR = Path(settings.BASE_DIR) / "templates" / "documents"


# --- HTTP ------------------------------------------------------------------------------------------


def content_disposition(filename: str, *, disposition: str = "attachment") -> str:
    """`attachment; filename="ascii fallback"; filename*=UTF-8''<RFC 5987 encoded>`.

    Every current browser uses `filename*` and so shows the Chinese name; the ASCII fallback keeps the
    extension for very old clients. Quotes, backslashes and control characters never reach the header.
    """
    name = "".join(ch for ch in filename if unicodedata.category(ch)[0] != "C").strip() or "download"
    stem, dot, ext = name.rpartition(".")
    if not dot:
        stem, ext = name, ""
    ascii_stem = "".join(ch for ch in stem if ch.isascii() and ch not in '"\\;').strip() or "download"
    ascii_ext = "".join(ch for ch in ext if ch.isascii() and ch.isalnum())
    fallback = f"{ascii_stem}.{ascii_ext}" if ascii_ext else ascii_stem
    return f"{disposition}; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"


def _log_print(request, obj, filename):
    if request is None:
        return
    from .audit import log_access
    from .models import AccessAction

    log_access(request=request, action=AccessAction.PRINT, obj=obj, description=filename)


# --- DOCX ------------------------------------------------------------------------------------------


def cn_date(value) -> str:
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        return f"{value.year}年{value.month}月{value.day}日"
    if isinstance(value, datetime.date):
        return f"{value.year}年{value.month}月{value.day}日"
    return "" if value is None else str(value)


def cn_datetime(value) -> str:
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        return f"{value.year}年{value.month}月{value.day}日 {value:%H:%M}"
    return cn_date(value)


def _jinja_env():
    from jinja2.sandbox import SandboxedEnvironment

    # Sandboxed: a template (which an administrator might replace) cannot reach Python internals.
    env = SandboxedEnvironment(autoescape=False)
    env.filters["cn_date"] = cn_date
    env.filters["cn_datetime"] = cn_datetime
    return env


def _docx_path(template_name: str) -> Path:
    name = template_name.removeprefix("documents/")
    if not name.endswith(".docx"):
        name = f"{name}.docx"
    path = (DOCUMENTS_DIR / name).resolve()
    if DOCUMENTS_DIR.resolve() not in path.parents:
        raise ValueError(f"document template outside templates/documents/: {template_name!r}")
    return path


def render_docx_bytes(template_name: str, context: dict) -> bytes:
    from docxtpl import DocxTemplate

    template = DocxTemplate(str(_docx_path(template_name)))
    # autoescape: a "<" or "&" typed by a user must stay text, not break the document's XML.
    template.render(context, jinja_env=_jinja_env(), autoescape=True)
    buffer = io.BytesIO()
    template.save(buffer)
    return buffer.getvalue()


def render_docx(template_name: str, context: dict, filename: str, *, request=None, obj=None) -> HttpResponse:
    """A DOCX download rendered from templates/documents/<template_name>.docx.

    Pass `request` (and the record as `obj`) to record the document in the access log as printed.
    """
    if not filename.lower().endswith(".docx"):
        filename = f"{filename}.docx"
    response = HttpResponse(render_docx_bytes(template_name, context), content_type=DOCX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition(filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    _log_print(request, obj, filename)
    return response


# --- PDF -------------------------------------------------------------------------------------------


def _static_roots() -> list[Path]:
    roots = [Path(p).resolve() for p in getattr(settings, "STATICFILES_DIRS", [])]
    if getattr(settings, "STATIC_ROOT", None):
        roots.append(Path(settings.STATIC_ROOT).resolve())
    return roots


def _url_fetcher():
    from weasyprint.urls import URLFetcher

    class LocalOnlyURLFetcher(URLFetcher):
        """Fetches data: URIs and files under the static directories; refuses http(s) and the rest."""

        def fetch(self, url, headers=None):
            scheme = urlsplit(url).scheme.lower()
            if scheme == "data":
                return super().fetch(url, headers)
            if scheme == "file":
                path = Path(url2pathname(urlsplit(url).path)).resolve()
                if any(root == path or root in path.parents for root in _static_roots()):
                    return super().fetch(url, headers)
            raise ValueError(f"refused to fetch {url!r}: documents are rendered offline")

    return LocalOnlyURLFetcher(allowed_protocols={"data", "file"}, fail_on_errors=False)


def _html_template(template_name: str) -> str:
    if template_name.endswith(".html"):
        return template_name if "/" in template_name else f"documents/{template_name}"
    return f"documents/{template_name}.html"


def render_pdf_bytes(template_name: str, context: dict) -> bytes:
    from weasyprint import HTML

    html = render_to_string(_html_template(template_name), context)
    base_url = (Path(settings.BASE_DIR) / "static").as_uri() + "/"
    return HTML(string=html, base_url=base_url, url_fetcher=_url_fetcher()).write_pdf()


def render_pdf(template_name: str, context: dict, filename: str, *, request=None, obj=None) -> HttpResponse:
    """A PDF download rendered by WeasyPrint from the Django template documents/<template_name>.html."""
    if not filename.lower().endswith(".pdf"):
        filename = f"{filename}.pdf"
    response = HttpResponse(render_pdf_bytes(template_name, context), content_type=PDF_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition(filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    _log_print(request, obj, filename)
    return response
