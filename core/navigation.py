"""Reading a publication in order: the items just before and after the one on the page.

`neighbours()` asks the database for both in one query of at most two rows, whatever the
number of items: a window over the queryset (its filters, `published()` among them, apply
first) gives each row the keys of the rows beside it, and only the two rows that name the
current item as their neighbour come back (docs/decisions/0042-navigation-and-parallel-reading.md).
"""

from django.db.models import Q, Window
from django.db.models.functions import Lag, Lead


def neighbours(queryset, current) -> dict:
    """{"previous": …, "next": …}: the items of `queryset`, in its order, on either side of `current`."""
    ordering = list(queryset.query.order_by or queryset.model._meta.ordering)
    rows = queryset.annotate(
        before_pk=Window(Lag("pk"), order_by=ordering),
        after_pk=Window(Lead("pk"), order_by=ordering),
    ).filter(Q(after_pk=current.pk) | Q(before_pk=current.pk))
    found = {"previous": None, "next": None}
    for row in rows:
        found["previous" if row.after_pk == current.pk else "next"] = row
    return found
