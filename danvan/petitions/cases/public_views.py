"""Citizens' pages (no account): send a proposal or feedback, follow it with its tracking code
and the phone or e-mail given, read the published answer; public statistics.

Abuse: a honeypot field, and limits per address in the database (submissions per hour, lookups
per quarter hour, failed lookups of one code per hour). A lookup answers the same way, in the
same time, for a code that does not exist and for a wrong contact.
"""

from __future__ import annotations

import datetime as dt

from django.core.cache import cache
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from danvan.core import ratelimit
from danvan.petitions.cases import forms as case_forms
from danvan.petitions.cases import selectors as case_selectors
from danvan.petitions.cases import services as case_services

SUBMIT_LIMIT = (5, 3600)  # per address: 5 an hour
LOOKUP_LIMIT = (10, 900)  # per address: 10 a quarter hour
CODE_FAILURE_LIMIT = (5, 3600)  # per code: 5 wrong contacts an hour


def _address(request) -> str:
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def _over_limit(key: str, limit: tuple[int, int], *, count: bool = True) -> bool:
    """Whether ``key`` has used up ``limit`` (n, seconds); counts this use when ``count``.
    Counted in the database: shared by every web process, with or without Redis."""
    return ratelimit.over_limit(f"petitions:{key}", limit, count=count)


@never_cache
@require_http_methods(["GET", "POST"])
def submit(request):
    form = case_forms.CitizenForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if form.is_spam():
            # Robots are answered as people are, and nothing is saved.
            return render(request, "petitions/case_public_sent.html", {"case": None})
        if _over_limit(f"submit:{_address(request)}", SUBMIT_LIMIT):
            form.is_valid()
            form.add_error(
                None, _("Too many submissions from this connection. Please try again in an hour.")
            )
            return render(request, "petitions/case_public_form.html", {"form": form}, status=429)
        case = form.save(files=request.FILES.getlist("files"))
        if case is not None:
            return render(request, "petitions/case_public_sent.html", {"case": case})
    return render(
        request,
        "petitions/case_public_form.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


@require_GET
def communes(request):
    """The communes of a province, as <option>s for the public form (HTMX)."""
    units = case_forms.public_communes(request.GET.get("province"))
    return render(request, "petitions/case_public_communes.html", {"units": units})


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
