"""Managing people's accounts, confined to the units the actor manages."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from danvan.accounts import access, rules, selectors, services
from danvan.accounts.forms import GrantForm, UserCreateForm, UserForm, unit_label
from danvan.accounts.views.helpers import FAILED, run_service
from danvan.core.errors import DomainError, NotFoundError
from danvan.core.pagination import keyset_page

PAGE_SIZE = 50
STATUSES = (selectors.STATUS_ACTIVE, selectors.STATUS_INACTIVE, selectors.STATUS_ALL)


def _site_url(request) -> str:
    return request.build_absolute_uri("/")


def _unit_search_url() -> str:
    return reverse("accounts:unit-options")


def _require_some_manage_reach(actor) -> None:
    if not access.reach(actor, "accounts.manage"):
        raise NotFoundError()


@login_required
@require_GET
def user_list(request):
    query = request.GET.get("q", "").strip()[:100]
    status = request.GET.get("status", selectors.STATUS_ACTIVE)
    if status not in STATUSES:
        status = selectors.STATUS_ACTIVE
    qs = selectors.user_list(request.user, query=query, status=status)
    page = keyset_page(qs, request.GET.get("before"), PAGE_SIZE)
    context = {
        "page": page,
        "query": query,
        "status": status,
        "can_view": bool(access.reach(request.user, "accounts.view")),
        "can_create": bool(access.reach(request.user, "accounts.manage")),
    }
    template = "accounts/_user_results.html" if request.htmx else "accounts/user_list.html"
    return render(request, template, context)


def _detail_context(request, user, grant_form=None) -> dict:
    actor = request.user
    can_manage = rules.may_manage_user(actor, user)
    can_grant = user.pk != actor.pk and access.can(actor, "accounts.manage", user)
    if grant_form is None and can_grant and user.is_active:
        grant_form = GrantForm(actor=actor, search_url=_unit_search_url())
    return {
        "person": user,
        "grants": selectors.grant_rows(actor, user),
        "entries": selectors.user_recent_audit(actor, user),
        "can_manage": can_manage,
        "grant_form": grant_form if can_grant and user.is_active else None,
        "is_self": user.pk == actor.pk,
    }


@login_required
@require_GET
def user_detail(request, user_id: int):
    user = selectors.get_user_for(request.user, user_id)
    return render(request, "accounts/user_detail.html", _detail_context(request, user))


@login_required
@require_http_methods(["GET", "POST"])
def user_create(request):
    actor = request.user
    _require_some_manage_reach(actor)
    form = UserCreateForm(request.POST or None, actor=actor, search_url=_unit_search_url())
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        user = run_service(
            form,
            services.user_create,
            actor=actor,
            username=data["username"],
            full_name=data["full_name"],
            email=data["email"],
            position=data["position"],
            phone=data["phone"],
            home_unit=data["home_unit"],
            role=data["role"],
            site_url=_site_url(request),
        )
        if user is not FAILED:
            messages.success(
                request,
                _("Account created. A link to set the password was e-mailed to %(email)s.")
                % {"email": user.email},
            )
            return redirect("accounts:user-detail", user_id=user.pk)
    return render(request, "accounts/user_form.html", {"form": form, "person": None})


@login_required
@require_http_methods(["GET", "POST"])
def user_edit(request, user_id: int):
    actor = request.user
    user = selectors.get_user_for(actor, user_id)
    rules.require_manage_user(actor, user)
    initial = {
        "full_name": user.full_name,
        "email": user.email,
        "position": user.position,
        "phone": user.phone,
        "home_unit": user.home_unit_id,
    }
    form = UserForm(
        request.POST or None,
        initial=initial,
        actor=actor,
        search_url=_unit_search_url(),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        result = run_service(form, services.user_update, actor=actor, user=user, **data)
        if result is not FAILED:
            messages.success(request, _("The account was saved."))
            return redirect("accounts:user-detail", user_id=user.pk)
    return render(request, "accounts/user_form.html", {"form": form, "person": user})


@login_required
@require_http_methods(["GET", "POST"])
def user_set_active(request, user_id: int):
    """GET asks for confirmation; POST with active=0/1 deactivates or reactivates."""
    actor = request.user
    user = selectors.get_user_for(actor, user_id)
    rules.require_manage_user(actor, user)
    active = not user.is_active
    if request.method == "POST":
        active = request.POST.get("active") == "1"
        try:
            services.user_set_active(actor=actor, user=user, active=active)
        except NotFoundError:
            raise
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(
                request,
                _("The account is active again.") if active else _("The account was deactivated."),
            )
        return redirect("accounts:user-detail", user_id=user.pk)
    return render(
        request,
        "accounts/user_confirm_active.html",
        {"person": user, "active": active, "is_self": user.pk == actor.pk},
    )


@login_required
@require_POST
def user_send_password_link(request, user_id: int):
    actor = request.user
    user = selectors.get_user_for(actor, user_id)
    try:
        services.user_send_password_link(actor=actor, user=user, site_url=_site_url(request))
    except NotFoundError:
        raise
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _("A link to set the password was e-mailed to %(email)s.") % {"email": user.email},
        )
    return redirect("accounts:user-detail", user_id=user.pk)


@login_required
@require_POST
def grant_create(request, user_id: int):
    actor = request.user
    user = selectors.get_user_for(actor, user_id)
    access.require(actor, "accounts.manage", user)  # 403 for someone who only views accounts
    form = GrantForm(request.POST, actor=actor, search_url=_unit_search_url())
    if form.is_valid():
        grant = run_service(
            form,
            services.grant_create,
            actor=actor,
            user=user,
            role=form.cleaned_data["role"],
            unit=form.cleaned_data["unit"],
        )
        if grant is not FAILED:
            messages.success(
                request,
                _("%(name)s is now %(role)s over %(unit)s.")
                % {"name": user, "role": grant.get_role_display(), "unit": grant.unit},
            )
            return redirect("accounts:user-detail", user_id=user.pk)
    if user.pk == actor.pk or not user.is_active:
        # The page shows no grant form here: say it at the top of the page.
        for error in form.non_field_errors():
            messages.error(request, error)
    user = selectors.get_user_for(actor, user_id)  # fresh grants after a failed attempt
    return render(
        request,
        "accounts/user_detail.html",
        _detail_context(request, user, grant_form=form),
        status=400,
    )


@login_required
@require_http_methods(["GET", "POST"])
def grant_revoke(request, user_id: int, grant_id: int):
    actor = request.user
    user = selectors.get_user_for(actor, user_id)
    grant = selectors.get_grant_for(actor, user, grant_id)
    if request.method == "POST":
        try:
            services.grant_revoke(actor=actor, grant=grant)
        except NotFoundError:
            raise
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(
                request,
                _("The role %(role)s over %(unit)s was revoked.")
                % {"role": grant.get_role_display(), "unit": grant.unit},
            )
        return redirect("accounts:user-detail", user_id=user.pk)
    return render(
        request,
        "accounts/grant_confirm_revoke.html",
        {"person": user, "grant": grant, "allowed": rules.may_revoke(actor, grant)},
    )


@login_required
@require_GET
def unit_options(request):
    """``<option>``s of units the actor manages matching ``q`` (the unit chooser's search)."""
    _require_some_manage_reach(request.user)
    units = selectors.manageable_units(request.user, query=request.GET.get("unit_q", "")[:100])
    options = [(u.pk, unit_label(u)) for u in units]
    return render(request, "accounts/_unit_options.html", {"options": options})
