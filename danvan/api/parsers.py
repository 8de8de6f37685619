"""The API's JSON parser: deep nesting is a 400 in the API's error format, never a 500.

Python's JSON decoder recurses once per level: a body of a thousand nested arrays raised
RecursionError, which became a 500. Bodies nested deeper than ``MAX_DEPTH`` are refused, and
a RecursionError is caught as the same refusal.
"""

from django.utils.translation import gettext as _
from rest_framework import parsers
from rest_framework.exceptions import ParseError

MAX_DEPTH = 32


def _too_deep(value, limit: int) -> bool:
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict | list):
            if depth > limit:
                return True
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, depth + 1) for child in children)
    return False


def too_deep_message(limit: int) -> str:
    return _("The JSON is nested too deeply (at most %(max)d levels).") % {"max": limit}


class JSONParser(parsers.JSONParser):
    """The default parser; views that name DRF's own parser still get the 400 from the
    exception handler (danvan/api/errors.py), which catches RecursionError."""

    def parse(self, stream, media_type=None, parser_context=None):
        message = too_deep_message(MAX_DEPTH)
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError(message) from None
        if _too_deep(data, MAX_DEPTH):
            raise ParseError(message)
        return data
