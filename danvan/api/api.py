"""REST API v1 of the caller's own API tokens: read-only (tokens are made in the browser,
where the second factor is checked)."""

from django.urls import path
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import generics

from danvan.api import selectors
from danvan.api.serializers import ApiTokenSerializer

TOKEN_ID = OpenApiParameter(
    "id", int, OpenApiParameter.PATH, description="The token's id. Someone else's token: 404."
)


@extend_schema_view(get=extend_schema(tags=["tokens"], summary="Your API tokens, newest first"))
class TokenList(generics.ListAPIView):
    serializer_class = ApiTokenSerializer

    def get_queryset(self):
        return selectors.token_list(self.request.user)


@extend_schema_view(
    get=extend_schema(tags=["tokens"], summary="One of your API tokens", parameters=[TOKEN_ID])
)
class TokenDetail(generics.RetrieveAPIView):
    serializer_class = ApiTokenSerializer

    def get_object(self):
        return selectors.get_token_for(self.request.user, self.kwargs["pk"])


urlpatterns = [
    path("", TokenList.as_view(), name="token-list"),
    path("<int:pk>/", TokenDetail.as_view(), name="token-detail"),
]
