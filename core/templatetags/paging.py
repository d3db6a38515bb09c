"""`{% capped items 10 as shown %}`: the first items of a cross-reference list, and their total.

Used with includes/more_link.html, which links to the page holding the whole list (core/paging.py).
"""

from django import template

from core.paging import capped as capped_list

register = template.Library()


@register.simple_tag
def capped(items, limit):
    """The first `limit` of `items` as `shown.items`, their count in all as `shown.total`."""
    return capped_list(items, int(limit))


@register.simple_tag(takes_context=True)
def page_url(context, number):
    """This page's address with `?page=number`, keeping its other parameters (a search's `q`)."""
    query = context["request"].GET.copy()
    if number == 1:
        query.pop("page", None)
    else:
        query["page"] = number
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else context["request"].path
