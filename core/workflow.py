"""Who may move content between statuses: draft → in review → published (→ archived).

Editors write and submit for review. Publishers (the `publish_<model>` permission) also
approve, publish, schedule, unpublish and archive. Published and archived content is changed
by publishers only, so nothing an editor does goes live by accident.
"""

from .publishing import Status

# The statuses an editor without the publish permission may choose, from each status.
EDITOR_MOVES = {
    Status.DRAFT: [Status.DRAFT, Status.REVIEW],
    Status.REVIEW: [Status.REVIEW, Status.DRAFT],
}


def can_publish(user, model) -> bool:
    opts = model._meta
    return user.has_perm(f"{opts.app_label}.publish_{opts.model_name}")


def allowed_statuses(user, model, current=Status.DRAFT) -> list[str]:
    """The statuses `user` may give an object of `model` that now has status `current`."""
    if can_publish(user, model):
        return list(Status.values)
    return [str(status) for status in EDITOR_MOVES.get(current, [current])]


def may_edit(user, obj) -> bool:
    """Editors may change drafts and items in review; publishers may change anything."""
    return obj is None or obj.status in EDITOR_MOVES or can_publish(user, type(obj))


def was_public(obj) -> bool:
    """Whether the object has ever been published: such content is archived, never deleted."""
    return obj is not None and obj.published_at is not None
