"""The work calendar: which days count as working days for statutory periods."""

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..notices import state_council_notice


class CalendarSource(models.TextChoices):
    STATE_COUNCIL = "state_council", _("国务院办公厅通知")
    PACKAGE = "package", _("chinesecalendar 数据")
    MANUAL = "manual", _("手工录入")


class CalendarDay(models.Model):
    """工作日历中的一天: an official holiday or make-up working day (or any other override).

    Rows override the `chinesecalendar` package; days without a row fall back to it, then to a
    weekends-only calendar flagged as unverified (docs/law/counting.md, rule 10).
    """

    date = models.DateField(_("日期"), unique=True)
    is_workday = models.BooleanField(_("是否工作日"))
    name = models.CharField(_("名称"), max_length=50, blank=True, help_text=_("如：春节、国庆节、调休上班"))
    source = models.CharField(
        _("来源"), max_length=20, choices=CalendarSource.choices, default=CalendarSource.MANUAL
    )
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("更新人"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("工作日历")
        verbose_name_plural = _("工作日历")
        ordering = ["date"]

    def __str__(self):
        kind = _("工作日") if self.is_workday else _("休息日")
        return f"{self.date:%Y-%m-%d} {kind} {self.name}".strip()


auditlog.register(CalendarDay)


class CalendarYear(models.Model):
    """一年的放假安排: marks a year's schedule as entered from the State Council notice.

    A year with a row here (or known to `chinesecalendar`) is *verified*; other years fall back to
    weekends only and every deadline computed in them is flagged unverified (docs/law/counting.md, rule 10).
    """

    year = models.PositiveSmallIntegerField(_("年份"), unique=True)
    notice = models.CharField(
        _("通知文号"), max_length=100, blank=True, help_text=_("如：国办发明电〔2026〕7号")
    )
    entered_at = models.DateTimeField(_("录入时间"), auto_now=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("录入人"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("年度放假安排")
        verbose_name_plural = _("年度放假安排")
        ordering = ["-year"]

    def __str__(self):
        return f"{self.year}"

    @property
    def notice_number(self) -> str:
        """The notice the year's schedule comes from, as a 文号. Rows synchronised by an earlier
        release stored the library's name ("chinesecalendar 1.x"), which is no notice: those show
        the year's State Council notice number instead."""
        if self.notice.startswith("chinesecalendar"):
            return state_council_notice(self.year)
        return self.notice


auditlog.register(CalendarYear)
