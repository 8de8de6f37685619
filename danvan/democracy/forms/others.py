"""Forms of consultations (staff and public), boards and public works."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.core.forms import DateField, DecimalField, IntegerField, ServiceForm
from danvan.core.pickers import PickerField
from danvan.democracy.forms import Honeypot, name_pickers
from danvan.democracy.models import (
    ActivityKind,
    AnswerKind,
    Board,
    BoardKind,
    CommentSource,
    ConsultationSubject,
    Matter,
    MemberRole,
    PublicWork,
)
from danvan.democracy.services import boards, consultations

_STAFF_SOURCES = [c for c in CommentSource.choices if c[0] != CommentSource.PUBLIC]


class ConsultationForm(ServiceForm):
    unit = PickerField("democracy.communes", label=_("Commune"))
    subject = forms.ChoiceField(
        label=_("The people are consulted on"), choices=ConsultationSubject.choices
    )
    title = forms.CharField(label=_("Title"), max_length=300)
    draft_text = forms.CharField(label=_("The draft"), widget=forms.Textarea(attrs={"rows": 10}))
    opens_on = DateField(label=_("Open for comments from"))
    closes_on = DateField(label=_("Comments until"))

    def __init__(self, *args, consultation=None, **kwargs):
        self.consultation = consultation
        if consultation is not None:
            kwargs.setdefault(
                "initial",
                {
                    "subject": consultation.subject,
                    "title": consultation.title,
                    "draft_text": consultation.draft_text,
                    "opens_on": consultation.opens_on,
                    "closes_on": consultation.closes_on,
                },
            )
        super().__init__(*args, **kwargs)
        if consultation is not None:
            del self.fields["unit"]
            self.guard_edit(
                consultation,
                {
                    "title": _("Title"),
                    "draft_text": _("The draft"),
                    "closes_on": _("Comments until"),
                },
            )
        name_pickers(self)

    def call_service(self):
        data = {k: v for k, v in self.cleaned_data.items() if k not in ("version", "seen")}
        if self.consultation is None:
            return consultations.consultation_create(actor=self.actor, **data)
        return consultations.consultation_update(
            actor=self.actor, consultation=self.consultation, version=self.version, **data
        )


class CommentEntryForm(ServiceForm):
    source = forms.ChoiceField(label=_("Received through"), choices=_STAFF_SOURCES)
    received_on = DateField(label=_("Received on"))
    author = forms.CharField(label=_("Who said it (optional)"), required=False, max_length=150)
    text = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, consultation, **kwargs):
        self.consultation = consultation
        super().__init__(*args, **kwargs)

    def call_service(self):
        return consultations.comment_enter(
            actor=self.actor, consultation=self.consultation, **self.cleaned_data
        )


class GroupForm(ServiceForm):
    summary = forms.CharField(
        label=_("What these comments say"), widget=forms.Textarea(attrs={"rows": 3})
    )
    comments = forms.MultipleChoiceField(
        label=_("Comments"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, consultation, loose, **kwargs):
        self.consultation = consultation
        super().__init__(*args, **kwargs)
        self.fields["comments"].choices = [(str(c.pk), f"#{c.pk}: {c.text[:120]}") for c in loose]

    def call_service(self):
        return consultations.group_create(
            actor=self.actor,
            consultation=self.consultation,
            summary=self.cleaned_data["summary"],
            comment_ids=self.cleaned_data["comments"],
        )


class AnswerForm(ServiceForm):
    answer_kind = forms.ChoiceField(
        label=_("Answer"), choices=AnswerKind.choices, widget=forms.RadioSelect
    )
    answer = forms.CharField(
        label=_("The authority's answer"), widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, group, **kwargs):
        self.group = group
        kwargs.setdefault("initial", {"answer_kind": group.answer_kind, "answer": group.answer})
        kwargs.setdefault("prefix", f"g{group.pk}")
        super().__init__(*args, **kwargs)

    def call_service(self):
        return consultations.group_answer(actor=self.actor, group=self.group, **self.cleaned_data)


class DecideForm(ServiceForm):
    decided_on = DateField(label=_("Decided on"))
    decision = forms.CharField(label=_("The decision"), widget=forms.Textarea(attrs={"rows": 4}))
    publish = forms.BooleanField(label=_("Publish the answer table"), required=False, initial=True)

    def __init__(self, *args, consultation, **kwargs):
        self.consultation = consultation
        super().__init__(*args, **kwargs)

    def call_service(self):
        return consultations.consultation_decide(
            actor=self.actor, consultation=self.consultation, **self.cleaned_data
        )


class PublicCommentForm(forms.Form):
    text = forms.CharField(
        label=_("Your comment"), max_length=5000, widget=forms.Textarea(attrs={"rows": 5})
    )
    author = forms.CharField(label=_("Your name (optional)"), required=False, max_length=150)
    contact = forms.CharField(
        label=_("Phone or e-mail (optional, not published)"), required=False, max_length=150
    )
    website = Honeypot()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from danvan.core.forms import style

        style(self)


# --- Boards ---------------------------------------------------------------------------------------


class BoardForm(ServiceForm):
    unit = PickerField("democracy.communes", label=_("Commune"))
    kind = forms.ChoiceField(label=_("Board"), choices=BoardKind.choices)
    term_start = DateField(label=_("Term from"))
    term_end = DateField(label=_("Term until"))
    decision = forms.CharField(label=_("Recognised by (decision)"), required=False, max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        name_pickers(self)

    def call_service(self):
        return boards.board_create(actor=self.actor, **self.cleaned_data)


class MemberForm(ServiceForm):
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    role = forms.ChoiceField(label=_("Role"), choices=MemberRole.choices, initial=MemberRole.MEMBER)
    village = forms.ModelChoiceField(
        label=_("Elected by the village"), queryset=None, required=False
    )
    since = DateField(label=_("Member since"), required=False)

    def __init__(self, *args, board: Board, villages, **kwargs):
        self.board = board
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = villages

    def call_service(self):
        return boards.member_add(actor=self.actor, board=self.board, **self.cleaned_data)


class ActivityForm(ServiceForm):
    kind = forms.ChoiceField(label=_("Activity"), choices=ActivityKind.choices)
    held_on = DateField(label=_("Held on"))
    subject = forms.CharField(label=_("Subject"), max_length=300)
    work = forms.ModelChoiceField(label=_("Public work supervised"), queryset=None, required=False)
    findings = forms.CharField(
        label=_("Findings"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, board: Board, **kwargs):
        self.board = board
        super().__init__(*args, **kwargs)
        self.fields["work"].queryset = PublicWork.objects.filter(unit=board.unit).order_by("-id")

    def call_service(self):
        return boards.activity_add(actor=self.actor, board=self.board, **self.cleaned_data)


class WorkForm(ServiceForm):
    unit = PickerField("democracy.communes", label=_("Commune"))
    name = forms.CharField(label=_("Work"), max_length=300)
    owner = forms.CharField(label=_("Investor"), required=False, max_length=200)
    budget = DecimalField(label=_("Total budget (đồng)"), decimal_places=0, max_digits=16)
    state_funds = DecimalField(
        label=_("From the state budget (đồng)"), decimal_places=0, max_digits=16, required=False
    )
    contributions = DecimalField(
        label=_("People's contributions (đồng)"), decimal_places=0, max_digits=16, required=False
    )
    village = forms.ModelChoiceField(label=_("Village"), queryset=None, required=False)
    board = forms.ModelChoiceField(label=_("Supervised by"), queryset=None, required=False)
    matter = forms.ModelChoiceField(
        label=_("Decided by the village matter"), queryset=None, required=False
    )
    starts_on = DateField(label=_("Starts on"), required=False)
    ends_on = DateField(label=_("Planned end"), required=False)
    is_public = forms.BooleanField(
        label=_("Show on the commune's public page"), required=False, initial=True
    )

    def __init__(
        self, *args, commune=None, work: PublicWork | None = None, villages=None, **kwargs
    ):
        self.work = work
        if work is not None:
            commune = work.unit
            kwargs.setdefault(
                "initial",
                {
                    name: getattr(work, name)
                    for name in (
                        "name",
                        "owner",
                        "budget",
                        "state_funds",
                        "contributions",
                        "starts_on",
                        "ends_on",
                        "is_public",
                    )
                }
                | {"village": work.village_id, "board": work.board_id, "matter": work.matter_id},
            )
        super().__init__(*args, **kwargs)
        if work is not None:
            del self.fields["unit"]
            self.guard_edit(
                work,
                {
                    "budget": _("Total budget"),
                    "contributions": _("People's contributions"),
                    "name": _("Work"),
                },
            )
        from danvan.units.models import OrgUnit

        self.fields["village"].queryset = (
            villages if villages is not None else OrgUnit.objects.none()
        )
        self.fields["board"].queryset = (
            Board.objects.filter(unit=commune, kind=BoardKind.INVESTMENT)
            if commune
            else Board.objects.none()
        )
        self.fields["matter"].queryset = (
            Matter.objects.filter(commune=commune, kind="contribution").order_by("-id")
            if commune
            else Matter.objects.none()
        )
        name_pickers(self)

    def call_service(self):
        data = {k: v for k, v in self.cleaned_data.items() if k not in ("version", "seen")}
        if self.work is None:
            return boards.work_create(actor=self.actor, **data)
        return boards.work_update(actor=self.actor, work=self.work, version=self.version, **data)


class ProgressForm(ServiceForm):
    on = DateField(label=_("Date"))
    progress = IntegerField(label=_("Progress (%)"))
    note = forms.CharField(
        label=_("What was done"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, work, **kwargs):
        self.work = work
        super().__init__(*args, **kwargs)

    def call_service(self):
        return boards.work_progress_add(actor=self.actor, work=self.work, **self.cleaned_data)


class FindingForm(ServiceForm):
    text = forms.CharField(label=_("Finding"), widget=forms.Textarea(attrs={"rows": 3}))
    recommendation = forms.CharField(
        label=_("Recommendation"), widget=forms.Textarea(attrs={"rows": 3})
    )
    addressee = forms.ModelChoiceField(label=_("Addressed to"), queryset=None, required=False)
    due_date = DateField(label=_("Deadline"), required=False)

    def __init__(self, *args, activity, units, **kwargs):
        self.activity = activity
        super().__init__(*args, **kwargs)
        self.fields["addressee"].queryset = units

    def call_service(self):
        return boards.finding_add(actor=self.actor, activity=self.activity, **self.cleaned_data)


class FindingCloseForm(ServiceForm):
    status = forms.ChoiceField(
        label=_("Outcome"),
        choices=[("done", _("Carried out")), ("not_accepted", _("Not accepted, with reasons"))],
        widget=forms.RadioSelect,
    )
    closed_on = DateField(label=_("Closed on"))
    outcome = forms.CharField(
        label=_("What was done, or the reasons"), widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, finding, **kwargs):
        self.finding = finding
        kwargs.setdefault("prefix", f"f{finding.pk}")
        super().__init__(*args, **kwargs)
        self.guard_edit(finding, {"status": _("Status")})

    def call_service(self):
        data = {k: v for k, v in self.cleaned_data.items() if k not in ("version", "seen")}
        return boards.finding_close(
            actor=self.actor, finding=self.finding, version=self.version, **data
        )
