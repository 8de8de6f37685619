"""REST API v1 of periodic reports, with the reach of the web pages: rounds one may see, the
reports of one's units (and, for the recipient, of the round), completeness and timeliness, and
the consolidated figures; a unit's draft is filled, submitted (leaders) and reviewed here too."""

from django.urls import path
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers
from rest_framework.parsers import JSONParser
from rest_framework.response import Response
from rest_framework.views import APIView

from danvan.api.schema import error_response
from danvan.core.errors import NotFoundError, ValidationFailed
from danvan.reports import selectors, services
from danvan.reports.models import Submission, SubmissionStatus
from danvan.reports.serializers import (
    ReportConsolidatedFigureSerializer,
    ReportReviewSerializer,
    ReportRoundDetailSerializer,
    ReportRoundSerializer,
    ReportStatusSerializer,
    ReportSubmissionDetailSerializer,
    ReportSubmissionSerializer,
    ReportSubmissionWriteSerializer,
)

TAGS = ["reports"]
CONFLICT = {409: error_response("The report is locked (submitted) or not waiting for review.")}
MISSING_LIST_MAX = 500


def _id_param(what: str) -> OpenApiParameter:
    return OpenApiParameter(
        "id", int, OpenApiParameter.PATH, description=f"The {what}'s id. Out of your reach: 404."
    )


def _recipient_round(actor, pk):
    report_round = selectors.get_round_for(actor, pk)
    if not selectors.is_recipient(actor, report_round):
        raise NotFoundError()
    return report_round


class RoundList(generics.ListAPIView):
    """Report rounds you may see: opened or received in your reach, or asking your units."""

    serializer_class = ReportRoundSerializer

    @extend_schema(tags=TAGS, summary="List report rounds")
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return selectors.round_queryset(self.request.user)


class RoundDetail(APIView):
    @extend_schema(
        tags=TAGS,
        summary="One round with its indicators and narrative sections",
        parameters=[_id_param("round")],
        responses={200: ReportRoundDetailSerializer},
    )
    def get(self, request, pk):
        report_round = selectors.get_round_for(request.user, pk)
        return Response(ReportRoundDetailSerializer(report_round).data)


def _group(rates) -> dict:
    return {"id": rates.key, "name": rates.label, **rates.as_dict()}


class RoundStatus(APIView):
    @extend_schema(
        tags=TAGS,
        summary="Completeness and timeliness of a round (recipient only)",
        description="Expected, submitted, accepted, on time, late, returned and missing reports, "
        "the reporting rate and the on-time rate (as DHIS2's reporting rate summary), per unit "
        "type and per area, and the missing units.",
        parameters=[_id_param("round")],
        responses={200: ReportStatusSerializer},
    )
    def get(self, request, pk):
        report_round = _recipient_round(request.user, pk)
        state = selectors.completeness(report_round)
        missing = selectors.round_submissions(report_round, status="missing")[:MISSING_LIST_MAX]
        return Response(
            {
                "total": state.total.as_dict(),
                "by_unit_type": [_group(r) for r in state.by_type],
                "by_area": [_group(r) for r in state.by_area],
                "missing_units": [{"id": s.unit_id, "name": s.unit.name} for s in missing],
            }
        )


class RoundConsolidated(APIView):
    @extend_schema(
        tags=TAGS,
        summary="Consolidated figures of a round (recipient only)",
        description="Each indicator summed or averaged over the accepted reports.",
        parameters=[_id_param("round")],
        responses={200: ReportConsolidatedFigureSerializer(many=True)},
    )
    def get(self, request, pk):
        report_round = _recipient_round(request.user, pk)
        rows = selectors.consolidated_figures(report_round)
        return Response(
            [
                {
                    "indicator": row.indicator.pk,
                    "code": row.indicator.code,
                    "label": row.indicator.label,
                    "unit_label": row.indicator.unit_label,
                    "aggregation": row.indicator.aggregation,
                    "value": row.total,
                    "reports": row.count,
                }
                for row in rows
            ]
        )


class SubmissionQuery(serializers.Serializer):
    round = serializers.IntegerField(required=False, min_value=1, max_value=2**31 - 1)
    status = serializers.ChoiceField(choices=SubmissionStatus.choices, required=False)


class SubmissionList(generics.ListAPIView):
    """Reports you may see: your units' own, and every report of the rounds you receive."""

    serializer_class = ReportSubmissionSerializer

    @extend_schema(tags=TAGS, summary="List reports", parameters=[SubmissionQuery])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        params = SubmissionQuery(data=self.request.query_params)
        params.is_valid(raise_exception=True)
        qs = selectors.submission_queryset(self.request.user)
        if "round" in params.validated_data:
            qs = qs.filter(round_id=params.validated_data["round"])
        if "status" in params.validated_data:
            qs = qs.filter(status=params.validated_data["status"])
        return qs


def _detail(submission: Submission) -> dict:
    submission = (
        Submission.objects.select_related("unit").prefetch_related("values").get(pk=submission.pk)
    )
    return ReportSubmissionDetailSerializer(submission).data


def _write_args(submission: Submission, data: dict) -> dict:
    ids = set(submission.round.template.indicators.values_list("pk", flat=True))

    def by_id(mapping: dict, name: str) -> dict:
        clean = {}
        for key, value in mapping.items():
            if not str(key).isdigit() or int(key) not in ids:
                raise ValidationFailed(
                    _("No indicator of this round has the id %(id)s.") % {"id": str(key)[:20]},
                    field=name,
                )
            clean[int(key)] = value
        return clean

    return {
        "narrative": data.get("narrative"),
        "values": by_id(data["figures"], "figures") if "figures" in data else None,
        "notes": by_id(data["notes"], "notes") if "notes" in data else None,
    }


class SubmissionDetail(APIView):
    parser_classes = [JSONParser]

    @extend_schema(
        tags=TAGS,
        summary="One report with its narrative and figures",
        parameters=[_id_param("report")],
        responses={200: ReportSubmissionDetailSerializer},
    )
    def get(self, request, pk):
        return Response(_detail(selectors.get_submission_for(request.user, pk)))

    @extend_schema(
        tags=TAGS,
        summary="Save the draft of your unit's report",
        description="Figures are checked against their indicator's rules (not negative, whole "
        "number, at most another indicator); a broken rule saves nothing. A submitted report is "
        "locked (409).",
        parameters=[_id_param("report")],
        request=ReportSubmissionWriteSerializer,
        responses={200: ReportSubmissionDetailSerializer, **CONFLICT},
    )
    def patch(self, request, pk):
        submission = selectors.get_submission_for(request.user, pk)
        payload = ReportSubmissionWriteSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        services.submission_save(
            actor=request.user,
            submission=submission,
            **_write_args(submission, payload.validated_data),
        )
        return Response(_detail(submission))


class SubmissionSubmit(APIView):
    parser_classes = [JSONParser]

    @extend_schema(
        tags=TAGS,
        summary="Submit your unit's report (leaders only)",
        description="Optionally with last changes (as PATCH). Every figure must be filled. Late "
        "submissions are accepted and marked late; the report is then locked.",
        parameters=[_id_param("report")],
        request=ReportSubmissionWriteSerializer,
        responses={200: ReportSubmissionDetailSerializer, **CONFLICT},
    )
    def post(self, request, pk):
        submission = selectors.get_submission_for(request.user, pk)
        payload = ReportSubmissionWriteSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        services.submission_submit(
            actor=request.user,
            submission=submission,
            **_write_args(submission, payload.validated_data),
        )
        return Response(_detail(submission))


class SubmissionReview(APIView):
    parser_classes = [JSONParser]

    @extend_schema(
        tags=TAGS,
        summary="Accept a submitted report, or return it with comments (recipient only)",
        parameters=[_id_param("report")],
        request=ReportReviewSerializer,
        responses={200: ReportSubmissionDetailSerializer, **CONFLICT},
    )
    def post(self, request, pk):
        submission = selectors.get_submission_for(request.user, pk)
        if not selectors.is_recipient(request.user, submission.round):
            raise NotFoundError()
        payload = ReportReviewSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        service = (
            services.submission_accept
            if data["decision"] == "accept"
            else services.submission_return
        )
        service(actor=request.user, submission=submission, comment=data.get("comment", ""))
        return Response(_detail(submission))


urlpatterns = [
    path("rounds/", RoundList.as_view(), name="reports-round-list"),
    path("rounds/<path:pk>/status/", RoundStatus.as_view(), name="reports-round-status"),
    path(
        "rounds/<path:pk>/consolidated/",
        RoundConsolidated.as_view(),
        name="reports-round-consolidated",
    ),
    path("rounds/<path:pk>/", RoundDetail.as_view(), name="reports-round-detail"),
    path("submissions/", SubmissionList.as_view(), name="reports-submission-list"),
    path(
        "submissions/<path:pk>/submit/",
        SubmissionSubmit.as_view(),
        name="reports-submission-submit",
    ),
    path(
        "submissions/<path:pk>/review/",
        SubmissionReview.as_view(),
        name="reports-submission-review",
    ),
    path("submissions/<path:pk>/", SubmissionDetail.as_view(), name="reports-submission-detail"),
]
