"""REST API v1 of plans: the same reach as the web pages. Plans (list, read, create, change a
draft), their tasks with each assignee's status, and an assignee's status report."""

from django.db.models import Prefetch
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import generics, serializers, status
from rest_framework.parsers import JSONParser
from rest_framework.response import Response
from rest_framework.views import APIView

from danvan.api.schema import error_response
from danvan.core.errors import ValidationFailed
from danvan.documents.models import LegalDocument
from danvan.plans import importer, selectors, services
from danvan.plans.models import Plan, TaskAssignment
from danvan.plans.rules import MANAGE
from danvan.plans.serializers import (
    PlanDetailSerializer,
    PlanListQuerySerializer,
    PlanSerializer,
    PlanUpdateSerializer,
    PlanWriteSerializer,
    StatusReportSerializer,
    TaskListQuerySerializer,
    TaskSerializer,
    TaskUpdateSerializer,
)

TAGS = ["plans"]


def _id_param(what: str) -> OpenApiParameter:
    return OpenApiParameter(
        "id", int, OpenApiParameter.PATH, description=f"The {what}'s id. Out of your reach: 404."
    )


CONFLICT = {409: error_response("The plan has been issued (or is not yet): not allowed now.")}


def _with_detail(qs):
    return qs.select_related("unit").prefetch_related("sections", "basis_links")


def _legal_documents(ids) -> list[LegalDocument]:
    found = LegalDocument.objects.in_bulk(ids)
    missing = [pk for pk in ids if pk not in found]
    if missing:
        raise ValidationFailed(
            _("No legal document has the id %(id)s.") % {"id": missing[0]}, field="legal_bases"
        )
    return [found[pk] for pk in ids]


def _parent_plan(actor, plan_id):
    if plan_id is None:
        return None
    parent = selectors.visible_parent_plans(actor).filter(pk=plan_id).first()
    if parent is None:
        raise ValidationFailed(
            _("Choose an issued plan that you can see as the plan this one implements."),
            field="parent_plan",
        )
    return parent


class PlanList(generics.ListCreateAPIView):
    """Plans you may see, newest first; create a draft with POST."""

    serializer_class = PlanSerializer
    parser_classes = [JSONParser]

    @extend_schema(
        tags=TAGS,
        summary="List plans",
        parameters=[PlanListQuerySerializer],
        responses={200: PlanSerializer(many=True)},
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        tags=TAGS,
        summary="Create a draft plan (with the three standard sections)",
        request=PlanWriteSerializer,
        responses={201: PlanDetailSerializer},
    )
    def post(self, request, *args, **kwargs):
        payload = PlanWriteSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        unit = selectors.units_for_new_plan(request.user).filter(pk=data.pop("unit")).first()
        if unit is None:
            raise ValidationFailed(_("Choose a unit whose plans you manage."), field="unit")
        plan = services.plan_create(
            actor=request.user,
            unit=unit,
            legal_bases=_legal_documents(data.pop("legal_bases", [])),
            parent_plan=_parent_plan(request.user, data.pop("parent_plan", None)),
            **data,
        )
        plan = _with_detail(Plan.objects.filter(pk=plan.pk)).get()
        return Response(PlanDetailSerializer(plan).data, status=status.HTTP_201_CREATED)

    def get_queryset(self):
        params = PlanListQuerySerializer(data=self.request.query_params)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        filters = selectors.PlanFilters(
            status=data.get("status", ""),
            year=data.get("year"),
            scope=data.get("scope", selectors.SCOPE_ALL),
            query=data.get("q", ""),
        )
        return selectors.plan_list(self.request.user, filters)


class PlanDetail(APIView):
    parser_classes = [JSONParser]

    @extend_schema(
        tags=TAGS,
        summary="One plan with its header, legal bases and sections",
        parameters=[_id_param("plan")],
        responses={200: PlanDetailSerializer},
    )
    def get(self, request, pk):
        plan = selectors.get_plan_for(request.user, pk)
        plan = _with_detail(Plan.objects.filter(pk=plan.pk)).get()
        return Response(PlanDetailSerializer(plan).data)

    @extend_schema(
        tags=TAGS,
        summary="Change the header of a draft plan",
        description="An issued plan is locked: amendments are made in the web pages, with a "
        "reason (409 here).",
        parameters=[_id_param("plan")],
        request=PlanUpdateSerializer,
        responses={200: PlanDetailSerializer, **CONFLICT},
    )
    def patch(self, request, pk):
        plan = selectors.get_plan_for(request.user, pk, permission=MANAGE)
        payload = PlanUpdateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        extra = {}
        if "legal_bases" in data:
            extra["legal_bases"] = _legal_documents(data.pop("legal_bases"))
        if "parent_plan" in data:
            extra["parent_plan"] = _parent_plan(request.user, data.pop("parent_plan"))
        services.plan_update(actor=request.user, plan=plan, **extra, **data)
        plan = _with_detail(Plan.objects.filter(pk=plan.pk)).get()
        return Response(PlanDetailSerializer(plan).data)


def _task_queryset(qs):
    assignments = selectors.with_overdue(TaskAssignment.objects.select_related("unit"))
    return qs.prefetch_related(Prefetch("assignments", queryset=assignments.order_by("role", "id")))


class TaskList(generics.ListAPIView):
    """Tasks of the plans you may see, with each assignee's status."""

    serializer_class = TaskSerializer

    @extend_schema(
        tags=TAGS,
        summary="List tasks",
        parameters=[TaskListQuerySerializer],
        responses={200: TaskSerializer(many=True)},
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        params = TaskListQuerySerializer(data=self.request.query_params)
        params.is_valid(raise_exception=True)
        qs = selectors.task_queryset(self.request.user)
        if "plan" in params.validated_data:
            qs = qs.filter(plan_id=params.validated_data["plan"])
        if params.validated_data.get("overdue"):
            overdue = TaskAssignment.objects.filter(selectors.overdue_q(timezone.localdate()))
            qs = qs.filter(pk__in=overdue.values("task_id"))
        return _task_queryset(qs)


class TaskDetail(generics.RetrieveAPIView):
    serializer_class = TaskSerializer
    queryset = Plan.objects.none()

    @extend_schema(
        tags=TAGS,
        summary="One task with its assignees",
        parameters=[_id_param("task")],
        responses={200: TaskSerializer},
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_object(self):
        task = selectors.get_task_for(self.request.user, self.kwargs["pk"])
        return _task_queryset(type(task).objects.filter(pk=task.pk)).get()


class AssignmentStatus(APIView):
    parser_classes = [JSONParser]

    @extend_schema(
        tags=TAGS,
        summary="Report the status of your unit's part of a task",
        description="By someone who manages the assignee unit. Done means 100%. Overdue is "
        "never reported: it follows from the deadline. Evidence files are attached in the "
        "web pages.",
        parameters=[_id_param("assignment")],
        request=StatusReportSerializer,
        responses={201: TaskUpdateSerializer, **CONFLICT},
    )
    def post(self, request, pk):
        assignment = selectors.get_assignment_for(request.user, pk)
        payload = StatusReportSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        update = services.assignment_update_status(
            actor=request.user,
            assignment=assignment,
            status=data["status"],
            progress=data.get("progress"),
            note=data.get("note", ""),
        )
        return Response(TaskUpdateSerializer(update).data, status=status.HTTP_201_CREATED)


IMPORT_TEXT_MAX = 200_000


class ImportRequestSerializer(serializers.Serializer):
    text = serializers.CharField(
        max_length=IMPORT_TEXT_MAX,
        help_text="The whole text of the plan (at most 200,000 characters).",
    )
    unit = serializers.IntegerField(
        help_text="The issuing unit (one whose plans you manage): its territory's units are "
        "matched to the responsible units the text names."
    )


ImportProposalSerializer = inline_serializer(
    "PlanImportProposal",
    {
        "header": serializers.DictField(help_text="Issuer, number, symbol, place, date, title…"),
        "preamble": serializers.ListField(child=serializers.CharField()),
        "citations": serializers.ListField(child=serializers.DictField()),
        "legal_bases": serializers.ListField(child=serializers.CharField()),
        "sections": serializers.ListField(
            child=serializers.DictField(), help_text="Each with its paragraphs and tasks."
        ),
        "unit_matches": serializers.DictField(
            child=serializers.DictField(allow_null=True),
            help_text="Each responsible unit name as written → {id, name} of the unit it "
            "matched, or null.",
        ),
    },
)


class PlanImport(APIView):
    parser_classes = [JSONParser]

    @extend_schema(
        tags=TAGS,
        summary="Propose a structured draft from the text of an existing plan (nothing saved)",
        description="The same parser as the import page and the `import_plan` command: header, "
        "legal documents cited, sections, tasks with their units and deadlines, and each unit "
        "name matched to a unit of the issuing unit's territory where possible.",
        request=ImportRequestSerializer,
        responses={200: ImportProposalSerializer},
    )
    def post(self, request):
        payload = ImportRequestSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        unit = selectors.units_for_new_plan(request.user).filter(pk=data["unit"]).first()
        if unit is None:
            raise ValidationFailed(_("Choose a unit whose plans you manage."), field="unit")
        _draft, proposal = importer.propose(data["text"], within=unit)
        return Response(proposal)


# Ids of the endpoints that write are matched as any text (``path``): a malformed id then gets
# this API's 404 in the error format, instead of falling through to the catch-all 404 of
# /api/, which is a plain Django view where the CSRF check answers a write first (in HTML).
urlpatterns = [
    path("", PlanList.as_view(), name="plan-list"),
    path("import/", PlanImport.as_view(), name="plan-import"),
    path("tasks/", TaskList.as_view(), name="task-list"),
    path("tasks/<int:pk>/", TaskDetail.as_view(), name="task-detail"),
    path("assignments/<path:pk>/status/", AssignmentStatus.as_view(), name="assignment-status"),
    path("<path:pk>/", PlanDetail.as_view(), name="plan-detail"),
]
