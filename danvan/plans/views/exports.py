"""Downloads of a plan: the document (DOCX) and its task list (Excel)."""

from urllib.parse import quote

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.views.decorators.http import require_GET

from danvan.documents.rendering import render_docx
from danvan.plans import exports, selectors

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def attachment(content: bytes, content_type: str, filename: str) -> HttpResponse:
    """A download named ``filename``: an ASCII fallback and the UTF-8 name (RFC 5987/6266)."""
    response = HttpResponse(content, content_type=content_type)
    extension = filename.rsplit(".", 1)[-1]
    fallback = f"{exports.ascii_name(filename.rsplit('.', 1)[0])}.{extension}"
    response["Content-Disposition"] = (
        f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_GET
def plan_docx(request, plan_id: int):
    plan = selectors.get_plan_for(request.user, plan_id)
    document = exports.plan_to_document(plan)
    content = render_docx(document, exports.document_format(plan))
    return attachment(content, DOCX_TYPE, exports.export_filename(plan, "docx"))


@login_required
@require_GET
def plan_tasks_xlsx(request, plan_id: int):
    plan = selectors.get_plan_for(request.user, plan_id)
    content = exports.tasks_xlsx(plan)
    return attachment(content, XLSX_TYPE, exports.export_filename(plan, "xlsx", suffix="nhiệm vụ"))
