"""Vietnamese numbers and dates in templates, whatever the page's language:
``{% load vn %}{{ budget|vn_number }}`` → 50.000.000, ``{{ rate|vn_number:1 }}`` → 93,5,
``{{ day|vn_date }}`` → 02/11/2026."""

import datetime as dt

from django import template
from django.utils import timezone

from danvan.lib.numbers import format_number

register = template.Library()


@register.filter
def vn_number(value, decimals=None):
    if value in (None, ""):
        return ""
    try:
        return format_number(value, None if decimals in (None, "") else int(decimals))
    except (ValueError, ArithmeticError):
        return value


@register.filter
def vn_date(value):
    if isinstance(value, dt.datetime):
        return (
            timezone.localtime(value).strftime("%d/%m/%Y")
            if timezone.is_aware(value)
            else value.strftime("%d/%m/%Y")
        )
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    return value or ""
