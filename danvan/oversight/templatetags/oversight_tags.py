"""Template helpers of the oversight pages: is a recommendation overdue today, the label of a
source kind."""

from django import template

from danvan.oversight.recommendations import sources

register = template.Library()


@register.filter
def is_overdue(recommendation, today) -> bool:
    return recommendation.is_overdue_on(today)


@register.filter
def kind_label(key: str) -> str:
    return sources.label(key)


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None
