"""Downloads of a plan: the document (DOCX) and its task list (Excel)."""

from django.contrib.auth.decorators import login_required
from django.views.decorators.http import require_GET

from danvan.core.downloads import attachment
from danvan.documents.rendering import render_docx
from danvan.plans import exports, selectors


@login_required
@require_GET
def plan_docx(request, plan_id: int):
    plan = selectors.get_plan_for(request.user, plan_id)
    document = exports.plan_to_document(plan)
    content = render_docx(document, exports.document_format(plan))
    return attachment(content, exports.export_filename(plan, "docx"))


@login_required
@require_GET
def plan_tasks_xlsx(request, plan_id: int):
    plan = selectors.get_plan_for(request.user, plan_id)
    content = exports.tasks_xlsx(plan)
    return attachment(content, exports.export_filename(plan, "xlsx", suffix="nhiệm vụ"))
