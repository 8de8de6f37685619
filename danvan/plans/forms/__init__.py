"""Forms of the plans pages. Each validates the input and calls one service in ``save``; an
error the service raises lands next to the field it names."""

from danvan.plans.forms.authoring import (
    ConfirmForm,
    IssueForm,
    PlanForm,
    SectionForm,
    TaskForm,
)
from danvan.plans.forms.followup import CascadeForm, StatusForm

__all__ = [
    "CascadeForm",
    "ConfirmForm",
    "IssueForm",
    "PlanForm",
    "SectionForm",
    "StatusForm",
    "TaskForm",
]
