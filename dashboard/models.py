from django.db import models
from django.utils.translation import gettext_lazy as _


class Dashboard(models.Model):
    """No table: the holder of the permission to open the leaders' dashboard (accounts/roles.py)."""

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [("view_dashboard", _("查看领导驾驶舱"))]

    def __str__(self):
        return str(_("数据看板"))
