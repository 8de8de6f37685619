"""Forms of the disclosure register and the compliance view."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.core.forms import DateField, IntegerField, ServiceForm
from danvan.core.pickers import PickerField
from danvan.democracy import selectors
from danvan.democracy.forms import name_pickers
from danvan.democracy.models import Channel, DisclosureItem
from danvan.democracy.services import disclosures as services


class ItemField(forms.ModelChoiceField):
    def label_from_instance(self, obj: DisclosureItem) -> str:
        return str(obj)


def _item_field(**kwargs) -> ItemField:
    return ItemField(label=_("What (the law's list)"), queryset=selectors.items(), **kwargs)


def _photo_field() -> forms.FileField:
    return forms.FileField(
        label=_("Photo of the board (JPEG or PNG)"),
        required=False,
        widget=forms.FileInput(attrs={"accept": ".jpg,.jpeg,.png"}),
        help_text=_("Turned upright, shrunk and stripped of its location before it is kept."),
    )


class PostingFields(forms.Form):
    channel = forms.ChoiceField(label=_("Where"), choices=Channel.choices)
    place = forms.CharField(
        label=_("Exactly where"),
        required=False,
        max_length=200,
        help_text=_(
            "For example: the board at the commune office, the cultural house of Thôn Đông."
        ),
    )
    posted_from = DateField(label=_("Posted from"))
    posted_until = DateField(label=_("Posted until"))
    photo = _photo_field()


class DisclosureForm(ServiceForm):
    unit = PickerField("democracy.disclosers", label=_("Commune or agency"))
    item = _item_field()
    title = forms.CharField(label=_("Title"), max_length=300)
    summary = forms.CharField(
        label=_("Content"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    decided_on = DateField(label=_("Decided or issued on"))
    is_public = forms.BooleanField(
        label=_("Show on the commune's public page"), required=False, initial=True
    )
    channel = PostingFields.base_fields["channel"]
    place = PostingFields.base_fields["place"]
    posted_from = PostingFields.base_fields["posted_from"]
    posted_until = PostingFields.base_fields["posted_until"]
    photo = _photo_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        name_pickers(self)

    def call_service(self):
        return services.disclosure_create(actor=self.actor, **self.cleaned_data)


class DisclosureEditForm(ServiceForm):
    item = _item_field()
    title = forms.CharField(label=_("Title"), max_length=300)
    summary = forms.CharField(
        label=_("Content"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    decided_on = DateField(label=_("Decided or issued on"))
    is_public = forms.BooleanField(label=_("Show on the commune's public page"), required=False)

    def __init__(self, *args, disclosure, **kwargs):
        self.disclosure = disclosure
        kwargs.setdefault(
            "initial",
            {
                "item": disclosure.item_id,
                "title": disclosure.title,
                "summary": disclosure.summary,
                "decided_on": disclosure.decided_on,
                "is_public": disclosure.is_public,
            },
        )
        super().__init__(*args, **kwargs)
        self.guard_edit(
            disclosure,
            {"title": _("Title"), "decided_on": _("Decided on"), "summary": _("Content")},
        )

    def call_service(self):
        data = {k: v for k, v in self.cleaned_data.items() if k not in ("version", "seen")}
        return services.disclosure_update(
            actor=self.actor, disclosure=self.disclosure, version=self.version, **data
        )


class PostingForm(ServiceForm):
    channel = PostingFields.base_fields["channel"]
    place = PostingFields.base_fields["place"]
    posted_from = PostingFields.base_fields["posted_from"]
    posted_until = PostingFields.base_fields["posted_until"]
    photo = _photo_field()

    def __init__(self, *args, disclosure, **kwargs):
        self.disclosure = disclosure
        super().__init__(*args, **kwargs)

    def call_service(self):
        return services.posting_add(
            actor=self.actor, disclosure=self.disclosure, **self.cleaned_data
        )


class DisclosureFilter(forms.Form):
    within = PickerField("democracy.areas", label=_("Within"), required=False)
    year = IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2100)
    item = _item_field(required=False)
    flag = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[
            ("", _("All")),
            ("late", _("Posted late")),
            ("short", _("Too short or a channel missing")),
            ("public", _("On the public page")),
        ],
    )
    q = forms.CharField(label=_("Words of the title"), required=False, max_length=100)

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["within"].bind_actor(actor)
        from danvan.core.forms import style

        style(self)
        name_pickers(self)


class ComplianceForm(forms.Form):
    unit = PickerField(
        "democracy.areas", label=_("Province, commune or the country"), required=False
    )
    year = IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2100)

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].bind_actor(actor)
        self.fields["year"].initial = timezone.localdate().year
        from danvan.core.forms import style

        style(self)
        name_pickers(self)
