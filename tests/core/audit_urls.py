"""Test-only URLs: plain views that create, change and delete a registered model, so a test can drive
them through the client and the real middleware (auditlog's actor and IP) runs."""

import datetime

from django.http import HttpResponse
from django.urls import include, path
from django.views.decorators.http import require_POST

from accounts.models import OrgUnit
from deadlines.models import Deadline

from .factories import make_deadline


@require_POST
def create(request):
    deadline = make_deadline(OrgUnit.objects.get(pk=request.POST["unit"]), subject=request.POST["subject"])
    return HttpResponse(str(deadline.pk))


@require_POST
def update(request, pk):
    deadline = Deadline.objects.get(pk=pk)
    deadline.due_date = datetime.date.fromisoformat(request.POST["due"])
    deadline.org_unit = OrgUnit.objects.get(pk=request.POST["unit"])
    deadline.status = request.POST.get("status", deadline.status)
    deadline.save()
    return HttpResponse("ok")


@require_POST
def delete(request, pk):
    Deadline.objects.get(pk=pk).delete()
    return HttpResponse("ok")


urlpatterns = [
    path("_test/deadline/", create),
    path("_test/deadline/<int:pk>/", update),
    path("_test/deadline/<int:pk>/delete/", delete),
    path("", include("tianshui_cases.urls")),
]
