from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from danvan.accounts import access
from danvan.core.views import posted
from danvan.units import selectors
from danvan.units.forms import DeactivateForm, DeleteForm, MoveForm, SearchForm, UnitForm


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
            "ancestors": selectors.unit_ancestors(unit, request.user),
            "children": selectors.unit_children(request.user, unit),
            "predecessors": selectors.unit_predecessors(request.user, unit),
            "former_names": selectors.unit_former_names(unit),
            "can_manage": access.can(request.user, "units.manage", unit),
        },
    )


@login_required
@require_GET
def search(request):
    form = SearchForm(request.GET)
    query = form.query
    results = selectors.unit_search(request.user, query, limit=selectors.SEARCH_LIMIT + 1)
    template = "units/_search_results.html" if request.htmx else "units/search.html"
    return render(
        request,
        template,
        {
            "form": form,
            "query": request.GET.get("q", "")[:200],
            "results": results[: selectors.SEARCH_LIMIT],
            "more": len(results) > selectors.SEARCH_LIMIT,
            "searched": bool(query) or bool(form.errors),
        },
    )


# --- Management: users holding units.manage on the unit ---------------------------------


def _managed_unit(request, unit_id):
    """The unit if the user may manage it: 404 if out of sight, 403 if only visible."""
    return selectors.get_unit_for(request.user, unit_id, permission="units.manage")


@login_required
@require_http_methods(["GET", "POST"])
def create(request, unit_id: int):
    parent = _managed_unit(request, unit_id)
    form = UnitForm(posted(request), actor=request.user, parent=parent)
    if request.method == "POST" and form.save():
        messages.success(request, _("%(unit)s was created.") % {"unit": form.result.name})
        return redirect("units:detail", form.result.pk)
    return render(request, "units/form.html", {"form": form, "unit": parent, "creating": True})


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, unit_id: int):
    unit = _managed_unit(request, unit_id)
    form = UnitForm(posted(request), actor=request.user, unit=unit)
    if request.method == "POST" and form.save():
        messages.success(request, _("The changes were saved."))
        return redirect("units:detail", unit.pk)
    return render(request, "units/form.html", {"form": form, "unit": unit, "creating": False})


def _chooser(request, unit, *, permission: str, field: str, form, skip: int | None = None):
    """The unit chooser of the move and deactivate pages: a search among the units the user
    may pick, shown as radio buttons (the whole page without JavaScript, a fragment with)."""
    search = SearchForm(request.GET)  # the search in the address, also when posting
    choices = selectors.unit_search(
        request.user,
        search.query,
        active_only=True,
        permission=permission,
        exclude_subtree_of=unit,
    )
    choices = [choice for choice in choices if choice.pk != skip]
    chosen = str(form.data.get(field, "")) if form.is_bound else ""
    if chosen.isdigit() and all(str(c.pk) != chosen for c in choices):
        # The form came back with an error: keep the unit the user picked in the list.
        picked = form.fields[field].queryset.filter(pk=int(chosen)).select_related("parent")
        choices = [*picked[:1], *choices]
    return {"search": search, "choices": choices, "field": field, "chosen": chosen}


@login_required
@require_http_methods(["GET", "POST"])
def move(request, unit_id: int):
    unit = _managed_unit(request, unit_id)
    form = MoveForm(posted(request), actor=request.user, unit=unit)
    if request.method == "POST" and form.save():
        messages.success(
            request,
            _("%(unit)s now belongs to %(parent)s.")
            % {"unit": unit.name, "parent": form.cleaned_data["parent"].name},
        )
        return redirect("units:detail", unit.pk)
    context = {
        "form": form,
        "unit": unit,
        **_chooser(
            request,
            unit,
            permission="units.manage",
            field="parent",
            form=form,
            skip=unit.parent_id,  # where it already is
        ),
    }
    if request.htmx and request.method == "GET":
        return render(request, "units/_chooser.html", context)
    return render(request, "units/move.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def deactivate(request, unit_id: int):
    unit = _managed_unit(request, unit_id)
    form = DeactivateForm(posted(request), actor=request.user, unit=unit)
    if request.method == "POST" and form.save():
        messages.success(request, _("%(unit)s was deactivated.") % {"unit": unit.name})
        return redirect("units:detail", unit.pk)
    context = {
        "form": form,
        "unit": unit,
        "optional": True,
        **_chooser(request, unit, permission="units.view", field="successor", form=form),
    }
    if request.htmx and request.method == "GET":
        return render(request, "units/_chooser.html", context)
    return render(request, "units/deactivate.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def delete(request, unit_id: int):
    unit = _managed_unit(request, unit_id)
    form = DeleteForm(posted(request), actor=request.user, unit=unit)
    if request.method == "POST" and form.save():
        messages.success(request, _("%(unit)s was deleted.") % {"unit": unit.name})
        return redirect("units:detail", form.result.pk)
    return render(request, "units/delete.html", {"form": form, "unit": unit})
