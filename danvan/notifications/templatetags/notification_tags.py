from django import template

from danvan.notifications import selectors

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notifications(context) -> int:
    """The signed-in person's unread notices (capped), one query per request at most."""
    request = context.get("request")
    if request is None:
        return 0
    return selectors.unread_count_for_request(request)


@register.filter
def unread_badge(count: int) -> str:
    cap = selectors.UNREAD_COUNT_CAP
    return f"{cap - 1}+" if count >= cap else str(count)
