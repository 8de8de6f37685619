"""Forms of the legal-document registry. Each validates input and calls one service."""

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.core.errors import ConflictError, ValidationFailed
from danvan.core.forms import DateInput
from danvan.documents import services
from danvan.documents.models import LegalDocument
from danvan.lib.citations import DOC_TYPES, Citation, find_citations, parse_code
from danvan.units.forms import validate_search_query

CITATION_MAX = 5000
CODE_HELP = _("As the document writes them, e.g. 11-CT/TU or 30c/NQ-CP.")
# Service errors about the number or the symbol belong to the one "code" input of the form.
_FIELD_OF = {"number": "code", "symbol": "code"}


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search"), required=False, strip=True, validators=[validate_search_query]
    )

    @property
    def query(self) -> str:
        """The valid query, or "" (an invalid form searches nothing)."""
        return self.cleaned_data.get("q", "") if self.is_valid() else ""


class LegalDocumentForm(forms.Form):
    """Register a legal document (``document`` None) or correct one."""

    doc_type = forms.ChoiceField(label=_("Type of document"), choices=[])
    code = forms.CharField(label=_("Number and symbol"), help_text=CODE_HELP, strip=True)
    issued_on = forms.DateField(label=_("Issue date"), required=False, widget=DateInput())
    issuer = forms.CharField(
        label=_("Issuing body"),
        required=False,
        help_text=_("E.g. Ban Thường vụ Tỉnh ủy, Thủ tướng Chính phủ."),
    )
    title = forms.CharField(
        label=_("Title"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What the document is about (the words after “về”)."),
    )

    def __init__(self, *args, actor, document: LegalDocument | None = None, **kwargs):
        self.actor, self.document = actor, document
        if document is not None:
            kwargs.setdefault(
                "initial",
                {
                    "doc_type": document.doc_type,
                    "code": document.code,
                    "issued_on": document.issued_on,
                    "issuer": document.issuer,
                    "title": document.title,
                },
            )
        super().__init__(*args, **kwargs)
        self.fields["doc_type"].choices = [("", "—"), *((t, t) for t in DOC_TYPES)]
        limits = {"code": services.CODE_MAX, "issuer": services.ISSUER_MAX}
        for name, field in self.fields.items():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", css)
            if name in limits:
                field.widget.attrs["maxlength"] = limits[name]

    def clean_code(self) -> tuple[str, str, str]:
        """(number, symbol, code) of the typed number and symbol."""
        parsed = parse_code(self.cleaned_data["code"])
        if parsed is None:
            raise forms.ValidationError(
                _("Write the number and symbol as the document does, e.g. 11-CT/TU or 30c/NQ-CP."),
                code="invalid_code",
            )
        return parsed

    def save(self) -> bool:
        """Call the service; its errors land next to the input they are about."""
        if not self.is_valid():
            return False
        data = self.cleaned_data
        number, symbol, code = data["code"]
        arguments = {
            "actor": self.actor,
            "doc_type": data["doc_type"],
            "number": number,
            "symbol": symbol,
            "code": code,
            "issued_on": data["issued_on"],
            "issuer": data["issuer"],
            "title": data["title"],
        }
        try:
            if self.document is None:
                self.result = services.legal_document_register(**arguments)
            else:
                self.result = services.legal_document_update(document=self.document, **arguments)
        except (ValidationFailed, ConflictError) as exc:
            field = _FIELD_OF.get(exc.field, exc.field)
            self.add_error(field if field in self.fields else None, str(exc.message))
            return False
        return True


class CitationForm(forms.Form):
    """The "paste a citation" box: finds the citations in the pasted text."""

    citation = forms.CharField(
        label=_("Paste a citation"),
        required=False,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
        help_text=_(
            "E.g. “Chỉ thị số 11-CT/TU, ngày 08/8/2022 của Ban Thường vụ Tỉnh ủy về …”: the "
            "fields below are filled in from it."
        ),
    )

    def clean_citation(self) -> str:
        text = self.cleaned_data["citation"]
        if len(text) > CITATION_MAX:
            raise forms.ValidationError(
                _("The pasted text is too long (at most %(max)d characters).")
                % {"max": CITATION_MAX},
                code="too_long",
            )
        return text

    def citations(self) -> list[Citation]:
        if not self.is_valid():
            return []
        return find_citations(self.cleaned_data["citation"])


def initial_from(citation: Citation) -> dict:
    """The registry form's values for a parsed citation."""
    return {
        "doc_type": citation.doc_type,
        "code": citation.code,
        "issued_on": citation.date,
        "issuer": citation.issuer[: services.ISSUER_MAX],
        "title": citation.title[: services.TITLE_MAX],
    }
