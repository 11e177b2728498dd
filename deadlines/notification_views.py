"""通知 pages: a user's own notifications and their reminder settings.

Every logged-in user may open these pages; each shows or changes only the user's own rows (a
notification of someone else answers 404), so no model permission is involved.
"""

from django.contrib import messages
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, ListView

from .models import Notification
from .notification_forms import NotificationSettingsForm
from .notifications import mark_read, notification_list, notification_settings_update


class NotificationListView(ListView):
    """通知: the user's notifications, unread first (bold), 20 a page; ?unread=1 shows unread only.

    The unread total comes from the bell's context processor (`unread_notifications`)."""

    template_name = "deadlines/notifications/list.html"
    context_object_name = "notifications"
    paginate_by = 20

    def unread_only(self):
        return self.request.GET.get("unread") == "1"

    def get_queryset(self):
        return notification_list(user=self.request.user, unread_only=self.unread_only())

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["unread_only"] = self.unread_only()
        return ctx


class NotificationMarkReadView(View):
    """全部标为已读 (POST only)."""

    http_method_names = ["post"]

    def post(self, request):
        count = mark_read(user=request.user)
        if count:
            messages.success(request, _("已将 %(count)d 条通知标为已读。") % {"count": count})
        return redirect("deadlines:notifications")


class NotificationOpenView(View):
    """Open one notification: mark it read and go to the page it is about.

    POST only (a GET answers 405): marking read changes the user's data, so a link in a page or an
    e-mail, a prefetching browser or a crawler must not do it."""

    http_method_names = ["post"]

    def post(self, request, pk):
        try:
            notification = Notification.objects.only("pk", "url", "recipient_id").get(
                pk=pk, recipient=request.user
            )
        except Notification.DoesNotExist as exc:
            raise Http404 from exc
        mark_read(user=request.user, ids=[notification.pk])
        target = notification.url
        if not target or not url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            target = reverse("deadlines:notifications")
        return HttpResponseRedirect(target)


class NotificationSettingsView(FormView):
    """提醒设置: switch e-mail reminders on or off."""

    template_name = "deadlines/notifications/settings.html"
    form_class = NotificationSettingsForm

    def get_initial(self):
        return {"email_notifications": self.request.user.email_notifications}

    def form_valid(self, form):
        user = notification_settings_update(
            user=self.request.user, email_notifications=form.cleaned_data["email_notifications"]
        )
        if user.email_notifications:
            messages.success(self.request, _("已开启邮件提醒。"))
        else:
            messages.success(self.request, _("已关闭邮件提醒，您仍会收到站内通知。"))
        return redirect("deadlines:notification_settings")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["has_email"] = bool(self.request.user.email)
        return ctx
