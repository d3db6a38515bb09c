"""Long lists on public pages: paginated on their own page, capped where another page lists them all.

A public page must weigh the same with a hundred times the content (docs/decisions/0041-page-weight-and-caps.md).
A list that grows with the content is either the page's own subject, split into pages with `?page=N`
(`page_of`), or a cross-reference shown in part with a link to the page that holds all of it (`Capped`,
`{% capped %}` in core/templatetags/paging.py).
"""

from dataclasses import dataclass

from django.core.paginator import InvalidPage, Paginator
from django.http import Http404


def page_of(request, items, per_page: int, *, param: str = "page"):
    """The page of `items` that `?page=N` asks for (the first without it); 404 for any other value.

    `items` may be a queryset (one COUNT and one sliced query) or a list already fetched.
    """
    paginator = Paginator(items, per_page)
    try:
        return paginator.page(request.GET.get(param) or 1)
    except InvalidPage as error:
        raise Http404(str(error)) from error


@dataclass(frozen=True)
class Capped:
    """The first `limit` of a list, and how many it holds in all."""

    items: list
    total: int

    @property
    def hidden(self) -> int:
        return self.total - len(self.items)


def capped(items, limit: int) -> Capped:
    """The first `limit` items of `items` (a list or prefetched relation: no query) and their total."""
    items = list(items)
    return Capped(items[:limit], len(items))


def grouped(items, key) -> list[list]:
    """Consecutive items with the same `key(item)`, as lists, in their order."""
    groups, last = [], object()
    for item in items:
        current = key(item)
        if not groups or current != last:
            groups.append([])
            last = current
        groups[-1].append(item)
    return groups
