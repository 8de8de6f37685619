from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from danvan.accounts import access
from danvan.lib.text import search_terms
from danvan.units import selectors


@login_required
@require_GET
def tree(request):
    return render(request, "units/tree.html", {"roots": selectors.unit_roots(request.user)})


@login_required
@require_GET
def children(request, unit_id: int):
    """The children of one unit, as list items for HTMX lazy expansion."""
    unit = selectors.get_unit_for(request.user, unit_id)
    return render(
        request,
        "units/_children.html",
        {"unit": unit, "children": selectors.unit_children(request.user, unit)},
    )


@login_required
@require_GET
def detail(request, unit_id: int):
    unit = selectors.get_unit_for(request.user, unit_id)
    return render(
        request,
        "units/detail.html",
        {
            "unit": unit,
            "ancestors": selectors.unit_ancestors(unit),
            "children": selectors.unit_children(request.user, unit),
            "can_manage": access.can(request.user, "units.manage", unit),
        },
    )


@login_required
@require_GET
def search(request):
    query = request.GET.get("q", "")
    results = selectors.unit_search(request.user, query)
    template = "units/_search_results.html" if request.htmx else "units/search.html"
    return render(
        request,
        template,
        {"query": query, "results": results, "searched": bool(search_terms(query))},
    )
