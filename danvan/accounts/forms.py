import contextlib

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from danvan.accounts import access, selectors
from danvan.accounts.models import Role, User
from danvan.units.models import OrgUnit


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _(
            "Wrong username or password. After %(limit)s failed attempts the account is locked "
            "for a while."
        ),
        "inactive": _("This account is disabled."),
    }

    def get_invalid_login_error(self):
        from django.conf import settings

        return forms.ValidationError(
            self.error_messages["invalid_login"] % {"limit": settings.AXES_FAILURE_LIMIT},
            code="invalid_login",
        )


class InvitationAwarePasswordResetForm(PasswordResetForm):
    """Also sends a link to an active account that never chose a password (its first link
    expired), which Django's form skips."""

    def get_users(self, email):
        folded = email.casefold()
        users = User._default_manager.filter(email__iexact=email, is_active=True)
        return (u for u in users if u.email.casefold() == folded)


# --- Choosing a unit among those the actor manages accounts in.


def unit_label(unit: OrgUnit) -> str:
    """The unit's name with its parent's, since names repeat ("Xã Trường Sơn" in two provinces)."""
    return f"{unit.name} — {unit.parent.name}" if unit.parent_id else unit.name


class UnitSelect(forms.Select):
    """A select of a few units plus a search box that swaps the options in (HTMX).

    The options are never the whole queryset: a national administrator's reach holds
    100,000 units. The field still validates any submitted id against the scoped queryset.
    """

    template_name = "accounts/widgets/unit_select.html"

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.search_url = ""

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["search_url"] = self.search_url
        return context


class UnitChoiceField(forms.ModelChoiceField):
    widget = UnitSelect
    default_error_messages = {
        "invalid_choice": _("Choose a unit from the list: you can only use units you manage."),
    }

    def __init__(self, *, actor, permission: str = "accounts.manage", **kwargs):
        self.actor = actor
        queryset = access.scope(actor, OrgUnit.objects.active(), permission).select_related(
            "parent"
        )
        super().__init__(queryset=queryset, **kwargs)

    def label_from_instance(self, obj):
        return unit_label(obj)

    def offer(self, selected_pk) -> None:
        """Fill the widget with a bounded list: the top of the reach plus the selected unit."""
        units = selectors.manageable_units(self.actor)
        if selected_pk not in (None, "") and all(str(u.pk) != str(selected_pk) for u in units):
            with contextlib.suppress(OrgUnit.DoesNotExist, TypeError, ValueError):
                units.insert(0, self.queryset.get(pk=int(selected_pk)))
        self.widget.choices = [("", _("— choose a unit —"))] + [
            (u.pk, unit_label(u)) for u in units
        ]


class BootstrapFormMixin:
    """Bootstrap classes on every widget; the templates put errors next to each field."""

    def _style(self):
        for field in self.fields.values():
            widget = field.widget
            css = "form-select" if isinstance(widget, forms.Select) else "form-control"
            if isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            widget.attrs.setdefault("class", css)


def _offer_unit(form: forms.Form, name: str, search_url: str) -> None:
    field = form.fields[name]
    field.widget.search_url = search_url
    selected = form.data.get(form.add_prefix(name)) if form.is_bound else form.initial.get(name)
    if isinstance(selected, OrgUnit):
        selected = selected.pk
    field.offer(selected)


phone_validator = RegexValidator(
    r"^[0-9 +().-]{6,30}$",
    _("Enter a phone number: digits, spaces and + ( ) . - only."),
)


class UserForm(BootstrapFormMixin, forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    email = forms.EmailField(
        label=_("E-mail address"),
        help_text=_("The link to set or reset the password is sent here."),
    )
    position = forms.CharField(label=_("Position"), max_length=150, required=False)
    phone = forms.CharField(
        label=_("Phone"), max_length=30, required=False, validators=[phone_validator]
    )

    def __init__(self, *args, actor, search_url: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["home_unit"] = UnitChoiceField(actor=actor, label=_("Home unit"))
        _offer_unit(self, "home_unit", search_url)
        self._style()


class UserCreateForm(UserForm):
    username = forms.CharField(
        label=_("Username"),
        max_length=150,
        validators=[UnicodeUsernameValidator()],
        help_text=_("Used to log in. Letters, digits and @ . + - _ only."),
    )
    role = forms.ChoiceField(
        label=_("First role over the home unit"),
        required=False,
        choices=[("", _("— none for now —"))],
        help_text=_("You can grant more roles afterwards."),
    )
    field_order = ["username", "full_name", "email", "position", "phone", "home_unit", "role"]

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, actor=actor, **kwargs)
        self.fields["role"].choices = [("", _("— none for now —"))] + role_choices(actor)
        self.order_fields(self.field_order)


def role_choices(actor) -> list[tuple[str, str]]:
    """Roles the actor may hand out somewhere; the service checks the unit too."""
    may_grant_admin = bool(access.reach(actor, "accounts.grant_admin"))
    return [
        (value, label) for value, label in Role.choices if value != Role.ADMIN or may_grant_admin
    ]


class GrantForm(BootstrapFormMixin, forms.Form):
    role = forms.ChoiceField(label=_("Role"))
    field_order = ["role", "unit"]

    def __init__(self, *args, actor, search_url: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [("", _("— choose a role —"))] + role_choices(actor)
        self.fields["unit"] = UnitChoiceField(actor=actor, label=_("Over unit"))
        _offer_unit(self, "unit", search_url)
        self._style()


class OTPTokenForm(BootstrapFormMixin, forms.Form):
    token = forms.CharField(
        label=_("Code"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True}),
    )

    def __init__(self, *args, numeric: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if numeric:
            self.fields["token"].label = _("6-digit code from the app")
            self.fields["token"].widget.attrs.update(inputmode="numeric", pattern="[0-9 ]*")
        else:
            self.fields["token"].help_text = _(
                "The 6 digits your authenticator app shows now, or one of your backup codes."
            )
        self._style()


class PasswordConfirmForm(BootstrapFormMixin, forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        self._style()

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("This is not your password."), code="wrong_password")
        return password
