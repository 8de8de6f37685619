"""Pages of the legal-document registry: every logged-in user reads it; officials who write
plans register and correct its entries."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from danvan.core.pagination import keyset_page
from danvan.documents import selectors, services
from danvan.documents.forms import CitationForm, LegalDocumentForm, SearchForm, initial_from

PAGE_SIZE = 50


@login_required
@require_GET
def document_list(request):
    form = SearchForm(request.GET)
    query = form.query
    page = keyset_page(
        selectors.legal_document_search(request.user, query), request.GET.get("before"), PAGE_SIZE
    )
    context = {
        "form": form,
        "query": query,
        "page": page,
        "can_register": services.may_register(request.user),
    }
    template = "documents/_results.html" if request.htmx else "documents/list.html"
    return render(request, template, context)


@login_required
@require_GET
def document_detail(request, document_id: int):
    document = selectors.get_legal_document_for(request.user, document_id)
    return render(
        request,
        "documents/detail.html",
        {
            "document": document,
            "cited_by": selectors.legal_document_cited_by(request.user, document),
            "can_edit": services.may_register(request.user),
        },
    )


def _fill_index(request) -> int:
    try:
        return max(0, int(request.POST.get("fill", 0)))
    except (TypeError, ValueError):
        return 0


@login_required
@require_http_methods(["GET", "POST"])
def document_create(request):
    services.require_register(request.user)
    citation_form = CitationForm(request.POST if request.method == "POST" else None)
    found = []
    if request.method == "POST" and "fill" in request.POST:
        # "Fill in from the citation": parse the pasted text, show the form filled in.
        found = citation_form.citations()
        chosen = _fill_index(request)
        initial = initial_from(found[min(chosen, len(found) - 1)]) if found else {}
        if citation_form.is_valid() and not found:
            messages.warning(
                request,
                _("No citation was found in the pasted text. Fill in the fields by hand."),
            )
        form = LegalDocumentForm(actor=request.user, initial=initial)
    elif request.method == "POST":
        form = LegalDocumentForm(request.POST, actor=request.user)
        if form.save():
            document = form.result
            if document.newly_registered:
                messages.success(
                    request, _("%(document)s was registered.") % {"document": document}
                )
            else:
                messages.info(
                    request,
                    _("%(document)s was already in the registry; here it is. Details it "
                      "lacked were added, nothing was overwritten.") % {"document": document},
                )  # fmt: skip
            return redirect("documents:detail", document.pk)
    else:
        form = LegalDocumentForm(actor=request.user)
    return render(
        request,
        "documents/form.html",
        {"form": form, "citation_form": citation_form, "found": found, "creating": True},
    )


@login_required
@require_http_methods(["GET", "POST"])
def document_edit(request, document_id: int):
    document = selectors.get_legal_document_for(request.user, document_id)
    services.require_register(request.user)
    form = LegalDocumentForm(
        request.POST if request.method == "POST" else None, actor=request.user, document=document
    )
    if request.method == "POST" and form.save():
        messages.success(request, _("The changes were saved."))
        return redirect("documents:detail", document.pk)
    return render(
        request, "documents/form.html", {"form": form, "document": document, "creating": False}
    )
