"""REST API v1 of “Dân vận khéo” models and exemplars: the same reach as the web pages.

List and read models, register a draft and submit it, follow a model's replication tree and
reach, and read the quota dashboard of a unit's subtree. Review, recognition and commendation
are done in the web pages.
"""

from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import generics, serializers, status
from rest_framework.parsers import JSONParser
from rest_framework.response import Response
from rest_framework.views import APIView

from danvan.accounts import access
from danvan.api.schema import error_response
from danvan.core.errors import NotFoundError, ValidationFailed
from danvan.exemplars import selectors, services
from danvan.exemplars.models import Exemplar, Field, Kind, Origin, Status
from danvan.exemplars.rules import MANAGE, VIEW
from danvan.units.models import OrgUnit

TAGS = ["exemplars"]
MAX_ID = 2_147_483_647


def _choice_help(choices) -> str:
    return ", ".join(choices.values)


class ExemplarSerializer(serializers.ModelSerializer):
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    kind = serializers.CharField(read_only=True, help_text=_choice_help(Kind))
    field = serializers.CharField(read_only=True, help_text=_choice_help(Field))
    origin = serializers.CharField(read_only=True, help_text=_choice_help(Origin))
    status = serializers.CharField(read_only=True, help_text=_choice_help(Status))

    class Meta:
        model = Exemplar
        fields = [
            "id",
            "unit",
            "unit_name",
            "year",
            "kind",
            "field",
            "origin",
            "replicates",
            "replica_count",
            "title",
            "person_name",
            "person_position",
            "status",
            "is_public",
            "registered_at",
            "decision_number",
            "decision_date",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class ReachSerializer(serializers.Serializer):
    replications = serializers.IntegerField()
    units = serializers.IntegerField()
    communes = serializers.IntegerField()
    provinces = serializers.IntegerField()


class ExemplarDetailSerializer(ExemplarSerializer):
    reach = serializers.SerializerMethodField()

    class Meta(ExemplarSerializer.Meta):
        fields = [
            *ExemplarSerializer.Meta.fields,
            "problem",
            "goals",
            "targets",
            "start_date",
            "end_date",
            "participants",
            "budget",
            "resources",
            "self_total",
            "review_average",
            "votes_for",
            "votes_against",
            "recognised_by",
            "rejection_reason",
            "reach",
        ]
        read_only_fields = fields

    @extend_schema(responses=ReachSerializer)
    def get_reach(self, obj) -> dict:
        return ReachSerializer(selectors.reach(obj)).data


class ListQuerySerializer(serializers.Serializer):
    year = serializers.IntegerField(required=False, min_value=2000, max_value=2100)
    field = serializers.CharField(required=False, help_text=_choice_help(Field))
    kind = serializers.CharField(required=False, help_text=_choice_help(Kind))
    status = serializers.CharField(required=False, help_text=_choice_help(Status))
    q = serializers.CharField(required=False, max_length=100, help_text="Words of the name.")

    def _one_of(self, value, choices):
        if value not in choices.values:
            raise serializers.ValidationError(
                _("Choose one of: %(list)s.") % {"list": _choice_help(choices)}
            )
        return value

    def validate_field(self, value):
        return self._one_of(value, Field)

    def validate_kind(self, value):
        return self._one_of(value, Kind)

    def validate_status(self, value):
        return self._one_of(value, Status)


class ExemplarWriteSerializer(serializers.Serializer):
    unit = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    kind = serializers.CharField(help_text=_choice_help(Kind), max_length=20)
    field = serializers.CharField(help_text=_choice_help(Field), max_length=30)
    title = serializers.CharField(max_length=300)
    replicates = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=1,
        max_value=MAX_ID,
        help_text="Id of the registered model (any unit's) this one replicates.",
    )
    person_name = serializers.CharField(required=False, allow_blank=True, max_length=150)
    person_position = serializers.CharField(required=False, allow_blank=True, max_length=150)
    problem = serializers.CharField(required=False, allow_blank=True, max_length=20000)
    goals = serializers.CharField(required=False, allow_blank=True, max_length=20000)
    targets = serializers.CharField(required=False, allow_blank=True, max_length=20000)
    start_date = serializers.DateField(required=False, allow_null=True)
    end_date = serializers.DateField(required=False, allow_null=True)
    participants = serializers.CharField(required=False, allow_blank=True, max_length=20000)
    budget = serializers.IntegerField(
        required=False, allow_null=True, min_value=0, max_value=services.BUDGET_MAX
    )
    resources = serializers.CharField(required=False, allow_blank=True, max_length=20000)


def _id_param(what: str) -> OpenApiParameter:
    return OpenApiParameter(
        "id", int, OpenApiParameter.PATH, description=f"The {what}'s id. Out of your reach: 404."
    )


class ExemplarList(generics.ListCreateAPIView):
    """Models and exemplars you may see, newest first; register a draft with POST."""

    serializer_class = ExemplarSerializer
    parser_classes = [JSONParser]

    @extend_schema(
        tags=TAGS,
        summary="List models and exemplars",
        parameters=[ListQuerySerializer],
        responses={200: ExemplarSerializer(many=True)},
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        params = ListQuerySerializer(data=self.request.query_params)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        filters = selectors.ExemplarFilters(
            year=data.get("year"),
            field=data.get("field", ""),
            kind=data.get("kind", ""),
            status=data.get("status", ""),
            query=data.get("q", ""),
        )
        return selectors.exemplar_list(self.request.user, filters)

    @extend_schema(
        tags=TAGS,
        summary="Create a draft registration",
        request=ExemplarWriteSerializer,
        responses={201: ExemplarDetailSerializer},
    )
    def post(self, request, *args, **kwargs):
        payload = ExemplarWriteSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        unit = selectors.units_to_manage(request.user).filter(pk=data.pop("unit")).first()
        if unit is None:
            raise ValidationFailed(_("Choose a unit whose models you manage."), field="unit")
        replicates = data.pop("replicates", None)
        exemplar = services.exemplar_create(
            actor=request.user,
            unit=unit,
            replicates=services.replication_target(replicates) if replicates else None,
            **data,
        )
        exemplar = selectors.get_exemplar_for(request.user, exemplar.pk)
        return Response(ExemplarDetailSerializer(exemplar).data, status=status.HTTP_201_CREATED)


class ExemplarDetail(APIView):
    @extend_schema(
        tags=TAGS,
        summary="One model or exemplar, with its reach",
        parameters=[_id_param("model")],
        responses={200: ExemplarDetailSerializer},
    )
    def get(self, request, pk):
        exemplar = selectors.get_exemplar_for(request.user, pk)
        return Response(ExemplarDetailSerializer(exemplar).data)


class ExemplarRegister(APIView):
    parser_classes = [JSONParser]

    @extend_schema(
        tags=TAGS,
        summary="Register a draft (it then counts for the quota)",
        parameters=[_id_param("model")],
        request=None,
        responses={200: ExemplarDetailSerializer},
    )
    def post(self, request, pk):
        exemplar = selectors.get_exemplar_for(request.user, pk, permission=MANAGE)
        exemplar = services.exemplar_register(actor=request.user, exemplar=exemplar)
        return Response(ExemplarDetailSerializer(exemplar).data)


class TreeNodeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    depth = serializers.IntegerField(help_text="1: replicates the model directly.")
    parent = serializers.IntegerField()
    title = serializers.CharField()
    unit_name = serializers.CharField()
    province_name = serializers.CharField(allow_null=True)
    year = serializers.IntegerField()
    status = serializers.CharField()
    registered_at = serializers.DateTimeField(allow_null=True)


class ExemplarReplications(APIView):
    @extend_schema(
        tags=TAGS,
        summary="The replication tree of a model (registered replications, all generations)",
        parameters=[_id_param("model")],
        responses={200: TreeNodeSerializer(many=True)},
    )
    def get(self, request, pk):
        exemplar = selectors.get_exemplar_for(request.user, pk)
        nodes = selectors.replication_tree(exemplar)
        return Response(
            TreeNodeSerializer(
                [
                    {
                        "id": node.exemplar.pk,
                        "depth": node.depth,
                        "parent": node.exemplar.lineage_ids[-2],
                        "title": node.exemplar.title,
                        "unit_name": node.exemplar.unit.name,
                        "province_name": node.exemplar.province.name
                        if node.exemplar.province
                        else None,
                        "year": node.exemplar.year,
                        "status": node.exemplar.status,
                        "registered_at": node.exemplar.registered_at,
                    }
                    for node in nodes
                ],
                many=True,
            ).data
        )


class DashboardQuerySerializer(serializers.Serializer):
    unit = serializers.IntegerField(
        min_value=1, max_value=MAX_ID, help_text="The unit whose subtree is counted."
    )
    year = serializers.IntegerField(required=False, min_value=2000, max_value=2100)


_count_rows = serializers.ListField(child=serializers.DictField())
DashboardSerializer = inline_serializer(
    "ExemplarDashboard",
    {
        "unit": serializers.IntegerField(),
        "year": serializers.IntegerField(),
        "quota_min": serializers.IntegerField(),
        "quota_target": serializers.IntegerField(),
        "units_total": serializers.IntegerField(),
        "units_below_quota": serializers.IntegerField(),
        "registered": serializers.IntegerField(),
        "new": serializers.IntegerField(),
        "replicated": serializers.IntegerField(),
        "recognised": serializers.IntegerField(),
        "commended": serializers.IntegerField(),
        "by_field": serializers.DictField(child=serializers.IntegerField()),
        "by_kind": serializers.DictField(child=serializers.IntegerField()),
        "by_level": serializers.DictField(child=serializers.IntegerField()),
        "below_quota": serializers.ListField(
            child=serializers.DictField(), help_text="The first 200: {id, name, registered}."
        ),
    },
)


class Dashboard(APIView):
    @extend_schema(
        tags=TAGS,
        summary="The quota dashboard of a unit's subtree for a year",
        parameters=[DashboardQuerySerializer],
        responses={200: DashboardSerializer, 404: error_response("The unit is out of your reach.")},
    )
    def get(self, request):
        params = DashboardQuerySerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        unit = (
            access.scope(request.user, OrgUnit.objects.all(), VIEW).filter(pk=data["unit"]).first()
        )
        if unit is None:
            raise NotFoundError()
        board = selectors.dashboard(unit, data.get("year") or timezone.localdate().year)
        return Response(
            {
                "unit": unit.pk,
                "year": board.year,
                "quota_min": board.quota_min,
                "quota_target": board.quota_target,
                "units_total": board.units_total,
                "units_below_quota": board.units_below,
                "registered": board.registered,
                "new": board.new,
                "replicated": board.replicated,
                "recognised": board.recognised,
                "commended": board.commended,
                "by_field": {v: n for v, _l, n in board.by_field},
                "by_kind": {v: n for v, _l, n in board.by_kind},
                "by_level": {v: n for v, _l, n in board.by_level},
                "below_quota": [
                    {"id": u.pk, "name": u.name, "registered": u.registered} for u in board.below
                ],
            }
        )


urlpatterns = [
    path("", ExemplarList.as_view(), name="exemplar-list"),
    path("dashboard/", Dashboard.as_view(), name="exemplar-dashboard"),
    path("<path:pk>/register/", ExemplarRegister.as_view(), name="exemplar-register"),
    path("<path:pk>/replications/", ExemplarReplications.as_view(), name="exemplar-replications"),
    path("<path:pk>/", ExemplarDetail.as_view(), name="exemplar-detail"),
]
