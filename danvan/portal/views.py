"""The public site: what is public, for anyone without an account (dân biết, dân kiểm tra)."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from danvan.core.pagination import keyset_page
from danvan.lib.text import search_terms
from danvan.plans import selectors as plans

PAGE_SIZE = 30


@require_GET
def home(request):
    latest = keyset_page(plans.public_plan_list(), None, 5)
    return render(request, "portal/home.html", {"latest_plans": latest.items})


@require_GET
def plan_list(request):
    query = request.GET.get("q", "")[:100]
    qs = plans.public_plan_list(query=query if search_terms(query) else "")
    page = keyset_page(qs, request.GET.get("before"), PAGE_SIZE)
    return render(request, "portal/plan_list.html", {"page": page, "query": query})


@require_GET
def plan_detail(request, plan_id: int):
    plan = plans.get_public_plan(plan_id)
    return render(request, "portal/plan_detail.html", {"plan": plan, **plans.plan_detail(plan)})
