"""The public pages (no account), phone first: find a commune, read what it disclosed, vote with
the household's code, comment on a draft, read results and answers, follow public works.

Abuse: honeypot fields; a comment limit per address; the ballot's guessing limits per address
and per village (``services.voting``). Every public form redirects after a successful POST, so a
reload never sends it again.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.cache import cache
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from danvan.core.errors import ConflictError, NotFoundError, ValidationFailed
from danvan.democracy import selectors
from danvan.democracy.forms.decisions import BallotForm
from danvan.democracy.forms.others import PublicCommentForm
from danvan.democracy.models import Posting
from danvan.democracy.selectors import public
from danvan.democracy.services import consultations, voting

COMMENT_LIMIT = (10, 3600)  # comments an address may send in an hour
PAGE = 20


def _address(request) -> str:
    return request.META.get("REMOTE_ADDR", "") or "unknown"


@require_GET
def index(request):
    query = request.GET.get("q", "")[:100]
    return render(
        request,
        "democracy/public/index.html",
        {"query": query, "communes": public.commune_search(query)},
    )


@require_GET
def commune(request, unit_id: int):
    unit = public.commune(unit_id)
    try:
        offset = max(0, min(int(request.GET.get("from", 0)), 10_000))
    except ValueError:
        offset = 0
    disclosures = list(public.disclosures(unit)[offset : offset + PAGE + 1])
    return render(
        request,
        "democracy/public/commune.html",
        {
            "unit": unit,
            "disclosures": disclosures[:PAGE],
            "next_from": offset + PAGE if len(disclosures) > PAGE else None,
            "votes": list(public.votes(unit)[:PAGE]),
            "results": list(public.results(unit)[:PAGE]),
            "consultations": list(public.consultations(unit)[:PAGE]),
            "works": list(public.works(unit)[:PAGE]),
            "today": timezone.localdate(),
            "now": timezone.now(),
        },
    )


@require_GET
def disclosure(request, disclosure_id: int):
    item = public.get_disclosure(disclosure_id)
    return render(
        request,
        "democracy/public/disclosure.html",
        {"disclosure": item, "postings": item.postings.all()},
    )


@require_GET
def posting_photo(request, posting_id: int):
    posting = (
        Posting.objects.select_related("disclosure")
        .filter(pk=posting_id, disclosure__is_public=True)
        .first()
    )
    if posting is None or not posting.photo:
        raise NotFoundError()
    kind = "image/png" if posting.photo.name.endswith(".png") else "image/jpeg"
    response = FileResponse(posting.photo.open("rb"), content_type=kind)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@never_cache
@require_http_methods(["GET", "POST"])
def vote(request, matter_id: int):
    matter = voting.public_vote(matter_id)
    now = timezone.now()
    form = BallotForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            if form.cleaned_data["website"]:
                return redirect("grassroots:vote", matter.pk)  # a robot: answered as people are
            try:
                voting.cast_ballot(
                    matter=matter,
                    code=form.cleaned_data["code"],
                    choice=form.cleaned_data["choice"],
                    address=_address(request),
                )
            except voting.TooManyTries as error:
                form.add_error(None, str(error.message))
                status = 429
            except ValidationFailed as error:
                form.add_error(
                    error.field if error.field in form.fields else None, str(error.message)
                )
                status = 400
            else:
                messages.success(
                    request,
                    _(
                        "Your household's vote is recorded. You may change it with the same code until %(time)s."
                    )
                    % {"time": timezone.localtime(matter.closes_at).strftime("%H:%M %d/%m/%Y")},
                )
                return redirect("grassroots:vote", matter.pk)
        else:
            status = 400
    result = None
    if matter.is_closed(now):
        try:
            result = selectors.vote_result(matter, now)
        except ConflictError:
            result = None
    return render(
        request,
        "democracy/public/vote.html",
        {"matter": matter, "form": form, "state": matter.vote_state(now), "result": result},
        status=status,
    )


@require_GET
def result(request, matter_id: int):
    matter = public.get_result(matter_id)
    if matter.is_online:
        return redirect("grassroots:vote", matter.pk)
    return render(request, "democracy/public/result.html", {"matter": matter})


def _over_limit(address: str) -> bool:
    limit, seconds = COMMENT_LIMIT
    key = f"democracy:comment:{address}"
    if cache.get(key, 0) >= limit:
        return True
    if not cache.add(key, 1, seconds):
        try:
            cache.incr(key)
        except ValueError:
            cache.set(key, 1, seconds)
    return False


@never_cache
@require_http_methods(["GET", "POST"])
def consultation(request, consultation_id: int):
    item = public.get_consultation(consultation_id)
    today = timezone.localdate()
    form = PublicCommentForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if not form.is_valid():
            status = 400
        elif form.cleaned_data["website"]:
            return redirect("grassroots:consultation", item.pk)
        elif _over_limit(_address(request)):
            form.add_error(
                None, _("Too many comments from this connection. Please try again in an hour.")
            )
            status = 429
        else:
            try:
                consultations.comment_public(
                    consultation_id=item.pk,
                    text=form.cleaned_data["text"],
                    author=form.cleaned_data["author"],
                    contact=form.cleaned_data["contact"],
                )
            except (ValidationFailed, ConflictError) as error:
                form.add_error(
                    error.field if error.field in form.fields else None, str(error.message)
                )
                status = 409 if isinstance(error, ConflictError) else 400
            else:
                messages.success(
                    request,
                    _(
                        "Thank you: your comment was received. The commune answers every comment before it decides."
                    ),
                )
                return redirect("grassroots:consultation", item.pk)
    return render(
        request,
        "democracy/public/consultation.html",
        {
            "consultation": item,
            "form": form,
            "open": item.accepts_comments(today),
            "answers": public.answer_table(item),
        },
        status=status,
    )


@require_GET
def work(request, work_id: int):
    from danvan.democracy.models import PublicWork

    item = (
        PublicWork.objects.select_related("unit", "village")
        .filter(pk=work_id, is_public=True)
        .first()
    )
    if item is None:
        raise NotFoundError()
    return render(
        request, "democracy/public/work.html", {"work": item, "updates": item.updates.all()[:50]}
    )
