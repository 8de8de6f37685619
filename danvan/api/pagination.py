from django.utils.translation import gettext_lazy as _
from rest_framework.pagination import CursorPagination


class DefaultCursorPagination(CursorPagination):
    """Keyset pagination: the same cost for the first page and the ten-thousandth.

    Follow ``next`` (or ``previous``) as given; a cursor that was altered or belongs to another
    list is a 404 in the error format.
    """

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
    ordering = "-id"
    invalid_cursor_message = _("This page link is not valid. Start again from the first page.")
