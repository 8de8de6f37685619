from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from danvan.audit import selectors
from danvan.core.pagination import keyset_page

PAGE_SIZE = 50


@login_required
@require_GET
def entry_list(request):
    action = request.GET.get("action", "").strip()
    qs = selectors.audit_list(request.user, action=action)
    page = keyset_page(qs, request.GET.get("before"), PAGE_SIZE)
    return render(request, "audit/list.html", {"page": page, "action": action})


@login_required
@require_GET
def history(request, model_label: str, object_id: int):
    obj = selectors.object_for_history(request.user, model_label, object_id)
    qs = selectors.history_for(request.user, obj)
    page = keyset_page(qs, request.GET.get("before"), PAGE_SIZE)
    return render(request, "audit/history.html", {"object": obj, "page": page})
