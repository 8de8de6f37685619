"""Citizens' pages (no account): send a proposal or feedback, follow it with its tracking code
and the phone or e-mail given, read the published answer; public statistics.

Sending is done once: the form carries a once-token (a double click makes one case), the
service makes one case of the same sending (without JavaScript too), and the answer is a
redirect to the thank-you page (a reload sends nothing again); that page shows the tracking
code kept in the session, once.

Abuse: a honeypot field, and limits per address in the database (submissions per hour, lookups
per quarter hour, failed lookups of one code per hour). A lookup answers the same way, in the
same time, for a code that does not exist and for a wrong contact.
"""

from __future__ import annotations

import datetime as dt

from django.core.cache import cache
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from danvan.core import ratelimit
from danvan.core.pickers import LIMIT
from danvan.lib.text import search_terms
from danvan.petitions.cases import public_forms as case_forms
from danvan.petitions.cases import selectors as case_selectors
from danvan.petitions.cases import services as case_services

SUBMIT_LIMIT = (5, 3600)  # per address: 5 an hour
LOOKUP_LIMIT = (10, 900)  # per address: 10 a quarter hour
CODE_FAILURE_LIMIT = (5, 3600)  # per code: 5 wrong contacts an hour
SENT_KEY = "petitions.sent"  # the session's note of the case just sent, shown once


def _address(request) -> str:
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def _over_limit(key: str, limit: tuple[int, int], *, count: bool = True) -> bool:
    """Whether ``key`` has used up ``limit`` (n, seconds); counts this use when ``count``.
    Counted in the database: shared by every web process, with or without Redis."""
    return ratelimit.over_limit(f"petitions:{key}", limit, count=count)


@never_cache
@require_http_methods(["GET", "POST"])
def submit(request):
    form = case_forms.CitizenForm(
        request.POST if request.method == "POST" else None, request.FILES or None
    )
    if request.method == "POST":
        if form.is_spam():
            # Robots are answered as people are, and nothing is saved.
            return redirect("citizen:case-submitted")
        if _over_limit(f"submit:{_address(request)}", SUBMIT_LIMIT):
            form.is_valid()
            form.add_error(
                None, _("Too many submissions from this connection. Please try again in an hour.")
            )
            return render(request, "petitions/case_public_form.html", {"form": form}, status=429)
        if form.save():
            case = form.result
            request.session[SENT_KEY] = {"code": case.tracking_code, "unit": case.unit.name}
            return redirect("citizen:case-submitted")
    return render(
        request,
        "petitions/case_public_form.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


@never_cache
@require_GET
def submitted(request):
    """The thank-you page: the tracking code of the case just sent, shown once (a reload, or
    the back button, shows the thanks without the code and sends nothing again)."""
    sent = request.session.pop(SENT_KEY, None)
    return render(request, "petitions/case_public_sent.html", {"sent": sent})


@require_GET
def communes(request):
    """The commune chooser of a province for the public form (HTMX): a type-ahead over the
    province's communes, never a list of a hundred options."""
    province = case_forms.public_provinces().filter(pk=_number(request.GET.get("province"))).first()
    return render(request, "petitions/case_public_communes.html", {"province": province})


@require_GET
def commune_search(request, province_id: int):
    """At most ``LIMIT`` communes of the province whose name matches what was typed, with or
    without diacritics (JSON for the type-ahead)."""
    communes = case_forms.public_communes(province_id)
    for term in search_terms(request.GET.get("q", "")[:100]):
        communes = communes.filter(name_folded__contains=term)
    results = [
        {"value": str(pk), "text": name}
        for pk, name in communes.order_by("name_folded", "pk").values_list("pk", "name")[:LIMIT]
    ]
    return JsonResponse({"results": results})


def _number(value) -> int | None:
    """A row id from the query string; None for anything else (a number too large for the
    database included)."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if 0 < number < 2**31 else None


@never_cache
@require_http_methods(["GET", "POST"])
def track(request):
    form = case_forms.TrackForm(request.POST if request.method == "POST" else None)
    case, status = None, 200
    if request.method == "POST" and form.is_valid():
        code = case_services.normal_tracking_code(form.cleaned_data["code"])
        if _over_limit(f"lookup:{_address(request)}", LOOKUP_LIMIT) or _over_limit(
            f"code:{code}", CODE_FAILURE_LIMIT, count=False
        ):
            form.add_error(None, _("Too many lookups. Please try again in a quarter of an hour."))
            status = 429
        else:
            case = case_selectors.public_lookup(code, form.cleaned_data["contact"])
            if case is None:
                _over_limit(f"code:{code}", CODE_FAILURE_LIMIT)
                form.add_error(
                    None,
                    _(
                        "No case matches this code and contact. Check the code and enter the "
                        "phone or e-mail you gave when sending it."
                    ),
                )
                status = 404
    elif request.method == "POST":
        status = 400
    return render(
        request, "petitions/case_public_track.html", {"form": form, "case": case}, status=status
    )


@require_GET
def stats(request):
    form = case_forms.PublicStatsForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    province = data.get("province")
    year = data.get("year") or timezone.localdate().year
    unit_path = province.path if province else "/"
    key = f"petitions:public-stats:{unit_path}:{year}"
    rows = cache.get(key)
    if rows is None:
        rows = case_selectors.public_stats(
            unit_path=unit_path, start=dt.date(year, 1, 1), end=dt.date(year, 12, 31)
        )
        cache.set(key, rows, 600)
    totals = {k: sum(r[k] for r in rows) for k in ("received", "resolved", "on_time")}
    return render(
        request,
        "petitions/case_public_stats.html",
        {"form": form, "rows": rows, "totals": totals, "province": province, "year": year},
    )
