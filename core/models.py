"""Shared kernel base models: timestamps, optimistic locking, jurisdiction scoping."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.jurisdiction import JurisdictionQuerySet


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        abstract = True


class VersionedModel(models.Model):
    """Optimistic locking: forms carry `version`; services compare it under select_for_update."""

    version = models.PositiveIntegerField(_("版本"), default=1, editable=False)

    class Meta:
        abstract = True


class ScopedModel(TimeStampedModel):
    """A record that belongs to an org unit and is seen only within a user's jurisdiction."""

    org_unit = models.ForeignKey(
        "accounts.OrgUnit",
        verbose_name=_("所属单位"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("创建人"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = JurisdictionQuerySet.as_manager()

    class Meta:
        abstract = True
