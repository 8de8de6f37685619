"""The democracy home page: what the commune official, the leader or the village head has to do
now, and the way into each part."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from danvan.accounts import access
from danvan.core.errors import NotFoundError
from danvan.democracy import selectors
from danvan.democracy.models import ConsultationStatus, MatterStatus
from danvan.democracy.rules import MANAGE, VIEW

SHOWN = 20


@login_required
@require_GET
def home(request):
    actor = request.user
    if not access.reach(actor, VIEW):
        raise NotFoundError()
    matters = selectors.matter_queryset(actor).filter(
        status__in=[MatterStatus.DRAFT, MatterStatus.VOTING, MatterStatus.DECIDED]
    )
    consultations = selectors.consultation_queryset(actor).filter(
        status__in=[ConsultationStatus.OPEN, ConsultationStatus.ANSWERING]
    )
    return render(
        request,
        "democracy/home.html",
        {
            "matters": list(matters.order_by("-id")[:SHOWN]),
            "to_recognise": list(
                selectors.recognition_inbox(actor).order_by("sent_at", "id")[:SHOWN]
            ),
            "consultations": list(consultations.order_by("closes_on", "id")[:SHOWN]),
            "can_manage": bool(access.reach(actor, MANAGE)),
            "now": timezone.now(),
            "today": timezone.localdate(),
        },
    )
