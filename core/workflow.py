"""Who may do what to content: draft → in review → published (→ archived).

Editors write drafts and submit them for review; an item in review is locked for them. Their
changes to anything public — a published item, or a shared object (a source, an image) that
public content shows — become pending changes that a publisher approves or sends back.
Publishers (the `publish_<model>` permission; for shared objects `core.approve_pendingchange`)
also approve, publish, schedule, unpublish and archive. So nothing an editor does goes live
by accident, by any route.
"""

from django.db.models import TextChoices

from .publishing import Publishable, Status

# Statuses in which readers see an item, or saw it and still reach its URL (410).
LIVE = (Status.PUBLISHED, Status.ARCHIVED)


class Route(TextChoices):
    """How a user's change to an object is written."""

    DIRECT = "direct"  # saved at once
    PROPOSE = "propose"  # held as a pending change for a publisher
    LOCKED = "locked"  # not open to this user now


def can_publish(user, model) -> bool:
    opts = model._meta
    if issubclass(model, Publishable):
        return user.has_perm(f"{opts.app_label}.publish_{opts.model_name}")
    return user.has_perm("core.approve_pendingchange")


# What an editor may do to a status: keep a draft, or submit it (the "submit for review" button,
# or an import). An item in review is locked for them.
EDITOR_MOVES = {Status.DRAFT: [Status.DRAFT, Status.REVIEW]}


def allowed_statuses(user, model, current=Status.DRAFT) -> list[str]:
    """The statuses `user` may give an object of `model` that now has status `current`."""
    if can_publish(user, model):
        return list(Status.values)
    return [str(status) for status in EDITOR_MOVES.get(current, [current])]


def is_live(obj) -> bool:
    """Whether readers see the object (or its archived page), itself or through public content."""
    if obj is None or obj.pk is None:
        return False
    if isinstance(obj, Publishable):
        return obj.status in LIVE
    return shown_by_live_content(obj)


def shown_by_live_content(obj) -> bool:
    """Whether a published or archived item links to `obj` (a source, an image)."""
    for relation in obj._meta.get_fields(include_hidden=True):
        related = relation.related_model
        reverse = relation.auto_created and not relation.concrete
        if not reverse or related is None or not issubclass(related, Publishable):
            continue
        if related._default_manager.filter(**{relation.field.name: obj.pk}, status__in=LIVE).exists():
            return True
    return False


def edit_route(user, obj) -> Route:
    """How `user`'s change to `obj` is written (a new object is always saved at once)."""
    if obj is None or obj.pk is None or can_publish(user, type(obj)):
        return Route.DIRECT
    if isinstance(obj, Publishable) and obj.status == Status.REVIEW:
        return Route.LOCKED
    if is_live(obj):
        return Route.PROPOSE
    return Route.DIRECT


def may_edit(user, obj) -> bool:
    """Whether `user` may change `obj` at once (not through a pending change)."""
    return edit_route(user, obj) == Route.DIRECT


def was_public(obj) -> bool:
    """Whether the object has ever been published: such content is archived, never deleted."""
    return obj is not None and getattr(obj, "published_at", None) is not None
