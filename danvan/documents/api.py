"""REST API v1 of the legal-document registry: every authenticated caller reads it; callers
who may write plans register documents (deduplicated: 200 with the existing entry, 201 new)."""

from django.urls import path
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.response import Response

from danvan.documents import selectors, services
from danvan.documents.models import LegalDocument
from danvan.documents.serializers import (
    LegalDocumentCreateSerializer,
    LegalDocumentQuerySerializer,
    LegalDocumentSerializer,
)

TAGS = ["documents"]
DOCUMENT_ID = OpenApiParameter(
    "id", int, OpenApiParameter.PATH, description="The legal document's id."
)


class LegalDocumentList(generics.ListCreateAPIView):
    """Legal documents, newest registered first; ``q`` searches them."""

    serializer_class = LegalDocumentSerializer

    @extend_schema(
        tags=TAGS,
        summary="List or search legal documents",
        parameters=[LegalDocumentQuerySerializer],
        responses={200: LegalDocumentSerializer(many=True)},
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        tags=TAGS,
        summary="Register a legal document",
        description="A document already registered with the same number and symbol is not "
        "added twice: the answer is 200 with the existing entry, completed with the date, "
        "issuer or title it lacked (nothing is overwritten). A new one is 201. Allowed to "
        "officials, leaders and Ban Dân vận officers of any unit; others get 403.",
        request=LegalDocumentCreateSerializer,
        responses={
            201: OpenApiResponse(LegalDocumentSerializer, description="Registered."),
            200: OpenApiResponse(
                LegalDocumentSerializer, description="Already registered: the existing entry."
            ),
        },
    )
    def post(self, request, *args, **kwargs):
        services.require_register(request.user)  # 403 before looking at the input
        params = LegalDocumentCreateSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        document = services.legal_document_register(
            actor=request.user,
            doc_type=data["doc_type"],
            number=data["number"],
            symbol=data["symbol"],
            code=data["code"],
            issued_on=data.get("issued_on"),
            issuer=data.get("issuer", ""),
            title=data.get("title", ""),
        )
        return Response(
            LegalDocumentSerializer(document).data,
            status=status.HTTP_201_CREATED if document.newly_registered else status.HTTP_200_OK,
        )

    def get_queryset(self):
        params = LegalDocumentQuerySerializer(data=self.request.query_params)
        params.is_valid(raise_exception=True)
        return selectors.legal_document_search(
            self.request.user, params.validated_data.get("q", "")
        )


class LegalDocumentDetail(generics.RetrieveAPIView):
    serializer_class = LegalDocumentSerializer
    queryset = LegalDocument.objects.none()

    @extend_schema(tags=TAGS, summary="One legal document", parameters=[DOCUMENT_ID])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_object(self):
        return selectors.get_legal_document_for(self.request.user, self.kwargs["pk"])


urlpatterns = [
    path("", LegalDocumentList.as_view(), name="legal-document-list"),
    path("<int:pk>/", LegalDocumentDetail.as_view(), name="legal-document-detail"),
]
