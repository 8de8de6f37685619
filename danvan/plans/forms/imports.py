"""Forms of the import of an existing plan: step 1 reads the text (pasted or uploaded), step 2
is the proposed draft for review. The parsed draft is never sent to the browser as data to
trust: step 2 carries the TEXT in a hidden field and parses it again when it is submitted."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from danvan.core.errors import NotFoundError, ValidationFailed
from danvan.core.forms import DateInput, ServiceForm
from danvan.plans import import_jobs, importer, selectors
from danvan.plans.services import drafts
from danvan.units.models import OrgUnit

TEXT_MAX = 200_000
CANDIDATES_MAX = 300
LEAVE_OUT = ""
# The header fields the parser rates (PlanHeader.confidence) → the review form's fields.
RATED_FIELDS = {
    "title": ("title",),
    "number": ("number",),
    "symbol": ("symbol",),
    "place": ("place",),
    "issued_on": ("issued_on",),
    "period": ("period_start", "period_end"),
}
UNCERTAIN_HINT = _(
    "Check this value: it was put together from a broken or unusual layout of the text."
)
NOT_STATED_HINT = _("Not stated in the text: fill it in if you know it.")


class _UnitField(forms.ModelChoiceField):
    def __init__(self, actor, **kwargs):
        super().__init__(
            label=_("Issuing unit"),
            queryset=selectors.units_for_new_plan(actor),
            error_messages={
                "required": _("Choose the unit that issues the plan."),
                "invalid_choice": _("Choose a unit whose plans you manage."),
            },
            **kwargs,
        )
        self.widget.choices = [("", "---------")] + [
            (u.pk, u.name) for u in selectors.unit_choices_for_new_plan(actor)
        ]


class ImportSourceForm(forms.Form):
    """Step 1: the issuing unit, and the plan's text pasted or as a .docx/.txt file."""

    text = forms.CharField(
        label=_("Text of the plan"),
        required=False,
        max_length=TEXT_MAX,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("Paste the whole plan, from its header to the recipients."),
    )
    file = forms.FileField(
        label=_("Or a file"),
        required=False,
        help_text=_("A Word (.docx) or plain text (.txt) file of at most 5 MB."),
    )

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields = {"unit": _UnitField(actor), **self.fields}

    def clean(self):
        data = super().clean()
        upload = data.get("file")
        if upload and import_jobs.is_large(upload=upload):
            try:
                importer.check_upload(upload)  # the rest is read by a background job
            except ValidationFailed as exc:
                self.add_error("file", str(exc.message))
            data["text"] = ""
            return data
        if upload:
            try:
                data["text"] = importer.read_upload(upload)
            except ValidationFailed as exc:
                self.add_error("file", str(exc.message))
                return data
        elif not (data.get("text") or "").strip() and "text" not in self.errors:
            self.add_error("text", _("Paste the text of the plan or choose a file."))
        return data


class ImportReviewForm(ServiceForm):
    """Step 2: the proposed draft, re-parsed from ``text``; the header can be corrected, each
    responsible unit name matched to a unit (or left out) and tasks left out."""

    unit = forms.IntegerField(widget=forms.HiddenInput)
    text = forms.CharField(
        widget=forms.HiddenInput, max_length=TEXT_MAX, strip=False, required=False
    )
    job = forms.CharField(widget=forms.HiddenInput, required=False)
    title = forms.CharField(
        label=_("Title"), max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )
    number = forms.CharField(label=_("Number"), max_length=20, required=False)
    symbol = forms.CharField(label=_("Symbol"), max_length=60, required=False)
    place = forms.CharField(label=_("Place"), max_length=120, required=False)
    issued_on = forms.DateField(label=_("Issue date"), required=False, widget=DateInput())
    period_start = forms.IntegerField(label=_("First year"), min_value=1945, max_value=2100)
    period_end = forms.IntegerField(label=_("Last year"), min_value=1945, max_value=2100)

    def __init__(
        self, data=None, *, actor, unit: OrgUnit | None = None, text: str = "", job_id="", **kw
    ):
        """Unbound: ``unit`` and ``text`` from step 1, or the ``job_id`` of a background import.
        Bound: they come back from the form and are checked again (a unit out of the actor's
        reach, or a job of someone else, is a 404). A background import's draft is the one its
        job kept on the server, never one the browser sends back."""
        self.actor = actor
        job_id = str((data.get("job") if data is not None else "") or job_id or "")
        if job_id:
            _job, unit, text, self.draft, self.proposal = import_jobs.load(actor, job_id)
            if unit is None:
                raise NotFoundError()  # not finished: the review page does not exist yet
        else:
            if data is not None:
                unit_id, text = data.get("unit", ""), data.get("text", "")
                unit = None
                if str(unit_id).isdigit():
                    unit = selectors.units_for_new_plan(actor).filter(pk=int(unit_id)).first()
                if unit is None:
                    raise NotFoundError()
            too_long = len(text) > TEXT_MAX  # refused by the field; not worth parsing
            self.draft, self.proposal = importer.propose("" if too_long else text, within=unit)
        self.issuing_unit = unit
        header = self.draft.header
        start, end = header.period_start, header.period_end
        if not start or not end:
            dues = [t.deadline.date for t in self.draft.tasks if t.deadline.date]
            start, end = drafts.infer_period(header.title, header.issued_on, dues)
        initial = {
            "unit": unit.pk,
            "text": "" if job_id else text,
            "job": job_id,
            "title": header.title[:500],
            "number": header.number[:20],
            "symbol": header.symbol[:60],
            "place": header.place[:120],
            "issued_on": header.issued_on,
            "period_start": start,
            "period_end": end,
        }
        super().__init__(data, initial=initial, **kw)
        self._mark_confidence()
        self._add_unit_fields()
        self._add_task_fields()

    def _mark_confidence(self) -> None:
        """Highlight, with a hint, the fields read with low confidence, and say which ones the
        text does not state (an empty field is better than a guess)."""
        header = self.draft.header
        self.uncertain_fields: list[str] = []
        for rated in header.uncertain():
            for name in RATED_FIELDS.get(rated, ()):
                field = self.fields[name]
                classes = field.widget.attrs.get("class", "")
                field.widget.attrs["class"] = f"{classes} is-uncertain border-warning border-2"
                field.help_text = UNCERTAIN_HINT
                self.uncertain_fields.append(name)
        for name in ("number", "symbol", "place", "issued_on"):
            if not self.initial.get(name) and name not in self.uncertain_fields:
                self.fields[name].help_text = NOT_STATED_HINT
        self.issuer_uncertain = "issuer" in header.uncertain()

    # --- dynamic fields ------------------------------------------------------------------------

    def _candidates(self) -> list[OrgUnit]:
        matched = [m["id"] for m in self.proposal.get("unit_matches", {}).values() if m]
        territory = importer.territory_of(self.issuing_unit)
        qs = OrgUnit.objects.active().filter(
            Q(path__startswith=territory.path, depth__lte=territory.depth + 1) | Q(pk__in=matched)
        )
        return list(qs.order_by("depth", "name")[:CANDIDATES_MAX])

    def _add_unit_fields(self) -> None:
        self.unit_names = self.draft.unit_names()
        if not self.unit_names:
            return
        candidates = self._candidates()
        choices = [(LEAVE_OUT, _("Not matched — leave out"))] + [
            (str(u.pk), u.name) for u in candidates
        ]
        matches = self.proposal.get("unit_matches", {})
        for index, name in enumerate(self.unit_names):
            match = matches.get(name)
            self.fields[f"match_{index}"] = forms.TypedChoiceField(
                label=name,
                choices=choices,
                coerce=int,
                empty_value=None,
                required=False,
                initial=str(match["id"]) if match else LEAVE_OUT,
            )

    def _add_task_fields(self) -> None:
        for index, _task in enumerate(self.draft.tasks):
            self.fields[f"task_{index}"] = forms.BooleanField(
                label=_("Import this task"), required=False, initial=True
            )

    # --- what the template shows ---------------------------------------------------------------

    def header_fields(self):
        return [self[n] for n in ("title", "number", "symbol", "place", "issued_on")]

    def issuers_read(self) -> list[str]:
        """The issuing bodies as the text names them (the joint ones too)."""
        header = self.draft.header
        return [n for n in (header.issuer, *header.co_issuers) if n]

    def unit_rows(self):
        return [(name, self[f"match_{i}"]) for i, name in enumerate(self.unit_names)]

    def section_rows(self):
        """(section, [(task, checkbox)]) in order."""
        rows, index = [], 0
        for section in self.draft.sections:
            items = []
            for task in section.tasks:
                items.append((task, self[f"task_{index}"]))
                index += 1
            rows.append((section, items))
        return rows

    # --- saving --------------------------------------------------------------------------------

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The last year cannot be before the first year."))
        if not self.draft.sections and not self.draft.tasks:
            raise forms.ValidationError(
                _("No section or task was found in this text: it cannot be imported.")
            )
        return data

    def call_service(self):
        data = self.cleaned_data
        header = self.draft.header
        header.title = data["title"].strip()
        header.number = data.get("number", "").strip()
        header.symbol = data.get("symbol", "").strip()
        header.place = data.get("place", "").strip()
        header.issued_on = data.get("issued_on")
        index = 0
        for section in self.draft.sections:
            kept = []
            for task in section.tasks:
                if data.get(f"task_{index}"):
                    kept.append(task)
                index += 1
            section.tasks = kept
        matches = {
            name: data[f"match_{i}"]
            for i, name in enumerate(self.unit_names)
            if data.get(f"match_{i}") is not None
        }
        return drafts.plan_create_from_draft(
            actor=self.actor,
            unit=self.issuing_unit,
            draft=self.draft,
            unit_matches=matches,
            period_start=data["period_start"],
            period_end=data["period_end"],
        )
