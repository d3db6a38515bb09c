"""The one write path: every change to content goes through these functions.

Admin forms, inlines and actions, restore, import, `load_seed` — and any later writer (the
API, scheduled jobs) — call them instead of saving models themselves. Each function checks
the permission (core/workflow.py), moves the status, records one complete version, runs the
hooks the content apps register (a finding's figure links and published versions), updates
the search index, and tells the page cache what changed. `user=None` means the system itself
(a management command); every request passes its user.

Apps add behaviour with `after_write(Model)` rather than signals, so a write's consequences
are all listed here and in the hooks' modules. An app also says which changes cannot go public
on their own (`stage_when(Model, predicate)`: a figure that public text cites) and which page
completes them (`completed_at(Model, url)`): such a change is held as a correction, whoever
makes it, until it is published there together with the text it makes wrong. Guards (`guard(Model)`)
refuse a write (or a deletion) that would leave public content broken, whoever makes it.
"""

import threading
from collections.abc import Callable
from contextlib import contextmanager

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from . import notifications, workflow
from .cache import content_changed
from .history import RECORDERS, one_version, record_values
from .locking import state_token
from .models import PendingChange, ReviewEvent
from .proposals import apply_values, instance_values, proposal_data
from .publishing import Publishable, Status
from .search import search_forget, search_index

AFTER_WRITE: dict[type, list[Callable]] = {}
AFTER_RECORD: dict[type, list[Callable]] = {}

# Objects written inside `batch()`, indexed once when the batch ends.
_batch = threading.local()
WRITE_CHECKS: dict[type, list[Callable]] = {}
STAGE_WHEN: dict[type, list[Callable]] = {}
COMPLETION_PAGES: dict[type, Callable] = {}
GUARDS: dict[type, list[Callable]] = {}


def after_write(model, *, recorded: bool = False):
    """Register `hook(*, instance, user)` to run in every write of `model`.

    By default it runs inside the write, so what it changes (links it completes) is part of the
    version; with `recorded=True` it runs once the version is recorded (a finding's published
    version, which follows the revision it shows).
    """

    def register(hook):
        (AFTER_RECORD if recorded else AFTER_WRITE).setdefault(model, []).append(hook)
        return hook

    return register


def _run_recorded_hooks(instance, user):
    for hook in AFTER_RECORD.get(type(instance), ()):
        hook(instance=instance, user=user)


@contextmanager
def batch(*, index: bool = True):
    """Write many objects (an import) and rebuild each affected search entry once, at the end.

    Without it, every row of a 200-row import would reindex its indicator and findings again.
    `index=False` (a dry run, rolled back) rebuilds nothing.
    """
    written = _batch.written = {}
    try:
        yield
    finally:
        del _batch.written
    if index and written:
        search_index(*written.values())


def _index(instance):
    written = getattr(_batch, "written", None)
    if written is None:
        search_index(instance)
    else:
        written[(type(instance), instance.pk)] = instance


def write_check(model):
    """Register `check(*, instance)`, run after every write of `model` and its hooks: it raises
    ValidationError to refuse the write (which is then undone), whatever route made it."""

    def register(check):
        WRITE_CHECKS.setdefault(model, []).append(check)
        return check

    return register


def guard(model):
    """Register `check(*, instance, deleting)` to run before every write or deletion of `model`.

    The check raises ValidationError, with a message for the person making the change, to refuse it.
    """

    def register(check):
        GUARDS.setdefault(model, []).append(check)
        return check

    return register


def stage_when(model, predicate):
    """Hold a change to a stored `model` object for which `predicate(stored)` is true as a correction."""
    STAGE_WHEN.setdefault(model, []).append(predicate)


def completed_at(model, url):
    """Register `url(change)`: the page where a correction of a `model` object is completed and published."""
    COMPLETION_PAGES[model] = url


def needs_correction(stored) -> bool:
    """Whether a change to the stored object must wait for the text that depends on it."""
    return stored is not None and any(predicate(stored) for predicate in STAGE_WHEN.get(type(stored), ()))


def completion_url(change: PendingChange) -> str | None:
    """The page that completes a correction, or None for an ordinary change."""
    page = COMPLETION_PAGES.get(change.content_type.model_class())
    return page(change) if page and change.kind == PendingChange.Kind.CORRECTION else None


def content_check(*, instance, deleting: bool = False) -> None:
    """Run the guards of `instance`'s model: raise ValidationError if the write would be refused.

    Forms call it while cleaning, so that a refusal is a form error rather than a failed save.
    """
    for check in GUARDS.get(type(instance), ()):
        check(instance=instance, deleting=deleting)


# Saving -----------------------------------------------------------------------------------


def content_save(*, user, instance, write: Callable[[], None] | None = None, reason: str = "", comment: str = ""):
    """Save `instance` (and whatever `write` saves with it: links, inline rows) as one version.

    Refused unless `user` may change the stored object directly and give it its new status. A
    status change is a workflow step: it is recorded with `comment`, and the people it
    concerns are told (see `_after_move`). A change that needs a correction (`stage_when`) is
    not written: it is held, and the `PendingChange` is returned instead of the instance.
    """
    stored = _stored(instance)
    _require_direct_write(user, stored, instance)
    if user is not None and needs_correction(stored):
        staged = _stage(user=user, stored=stored, instance=instance, note=reason)
        if staged is not None:
            return staged
    before = getattr(stored, "status", None)
    _write(user=user, instance=instance, write=write, reason=reason, created=stored is None)
    if isinstance(instance, Publishable) and before != instance.status:
        _after_move(instance, user, before, comment)
    return instance


def _stored(instance):
    if instance.pk is None:
        return None
    return type(instance)._default_manager.filter(pk=instance.pk).first()


def _require_direct_write(user, stored, instance):
    if user is None:
        return
    if stored is not None and not workflow.may_edit(user, stored):
        raise PermissionDenied(_("You may not change this item directly."))
    if isinstance(instance, Publishable):
        current = stored.status if stored is not None else Status.DRAFT
        if instance.status not in workflow.allowed_statuses(user, type(instance), current):
            raise PermissionDenied(_("You may not give this item that status."))


@transaction.atomic
def _write(*, user, instance, write=None, reason="", created=False):
    content_check(instance=instance)
    instance._history_user = user
    if type(instance) in RECORDERS:
        with one_version(instance, reason=reason, history_type="+" if created else "~"):
            _write_with_hooks(instance, user, write)
    else:
        _write_with_hooks(instance, user, write)
    _run_recorded_hooks(instance, user)
    _index(instance)
    transaction.on_commit(lambda: content_changed(instance))
    return instance


def _write_with_hooks(instance, user, write):
    # The hooks run inside the version, so the links they complete are part of it.
    (write or instance.save)()
    for hook in AFTER_WRITE.get(type(instance), ()):
        hook(instance=instance, user=user)
    for check in WRITE_CHECKS.get(type(instance), ()):
        check(instance=instance)


@transaction.atomic
def content_delete(*, user, instance) -> None:
    """Delete an item that was never public (public items are archived, so their links answer)."""
    if workflow.was_public(instance):
        raise PermissionDenied(_("This item has been public: archive it instead of deleting it."))
    if user is not None and not workflow.may_edit(user, instance):
        raise PermissionDenied(_("You may not change this item directly."))
    content_check(instance=instance, deleting=True)
    instance._history_user = user
    search_forget(instance)
    instance.delete()
    transaction.on_commit(lambda: content_changed(instance))


def content_loaded(*, instance, reason: str = "") -> None:
    """Take an object written in bulk (a fixture) into the write path: a version, hooks, index."""
    with transaction.atomic():
        with one_version(instance, reason=reason, history_type="+"):
            for hook in AFTER_WRITE.get(type(instance), ()):
                hook(instance=instance, user=None)
        _run_recorded_hooks(instance, None)
        _index(instance)
    transaction.on_commit(lambda: content_changed(instance))


def _stage(*, user, stored, instance, note):
    """Hold the change as a correction; None when only the workflow moves (a status is written at once)."""
    data = proposal_data(stored, instance_values(instance))
    if not data:
        return None
    if getattr(instance, "status", None) != getattr(stored, "status", None):
        raise ValidationError(_("Change the figure and its status separately: the figure's change is a correction."))
    if open_change(stored) is not None:
        raise ValidationError(
            _("A change to “%(item)s” already awaits publication: publish or discard it first.") % {"item": stored}
        )
    change = _hold(stored, user=user, data=data, note=note, kind=PendingChange.Kind.CORRECTION)
    _record(stored, ReviewEvent.Action.PROPOSED, user, note)
    return change


def _hold(instance, *, user, data, note, kind):
    return PendingChange.objects.create(
        content_type=ContentType.objects.get_for_model(instance),
        object_id=instance.pk,
        # Named as it stands now (the proposal may change the very title).
        object_repr=str(type(instance)._default_manager.get(pk=instance.pk))[:300],
        kind=kind,
        data=data,
        base_token=state_token(type(instance), instance.pk),
        note=note,
        author=user,
    )


# The workflow -----------------------------------------------------------------------------


def _record(instance, action, user, comment=""):
    return ReviewEvent.objects.create(
        content_type=ContentType.objects.get_for_model(instance),
        object_id=instance.pk,
        action=action,
        user=user,
        comment=comment,
    )


def _after_move(instance, user, before, comment):
    """Record a status change as a review step and tell whom it concerns."""
    after = instance.status
    if after == Status.REVIEW:
        _record(instance, ReviewEvent.Action.SUBMITTED, user, comment)
        notifications.review_requested(instance=instance, by=user, comment=comment)
    elif after == Status.PUBLISHED:
        _record(instance, ReviewEvent.Action.PUBLISHED, user, comment)
        if before == Status.REVIEW:
            notifications.review_decided(instance=instance, by=user, approved=True, comment=comment)
    elif before == Status.REVIEW and after == Status.DRAFT:
        _record(instance, ReviewEvent.Action.SENT_BACK, user, comment)
        notifications.review_decided(instance=instance, by=user, approved=False, comment=comment)


def content_submit(*, user, instance: Publishable, comment: str = ""):
    """Send a draft to the publishers for review; it is locked for editors until they decide."""
    if instance.status != Status.DRAFT:
        raise ValidationError(_("Only a draft can be submitted for review."))
    instance.status = Status.REVIEW
    return content_save(user=user, instance=instance, reason=gettext_noop("Submitted for review"), comment=comment)


def content_publish(*, user, instance: Publishable, comment: str = "", at=None):
    """Publish now, or at `at`; approving an item in review tells the editor who submitted it."""
    instance.status = Status.PUBLISHED
    if at is not None:
        instance.published_at = at
    elif instance.published_at is None or instance.published_at > timezone.now():
        instance.published_at = timezone.now()
    return content_save(user=user, instance=instance, reason=gettext_noop("Published"), comment=comment)


def content_send_back(*, user, instance: Publishable, reason: str):
    """Return an item in review to its editor as a draft, saying why."""
    if not reason.strip():
        raise ValidationError(_("Say why it is sent back, so that the editor knows what to change."))
    if instance.status != Status.REVIEW:
        raise ValidationError(_("Only an item in review can be sent back."))
    instance.status = Status.DRAFT
    return content_save(user=user, instance=instance, reason=gettext_noop("Sent back"), comment=reason)


def content_move(*, user, instance: Publishable, status: str):
    """Unpublish (to draft) or archive: publishers only."""
    instance.status = status
    reason = {Status.DRAFT: gettext_noop("Returned to draft"), Status.ARCHIVED: gettext_noop("Archived")}
    return content_save(user=user, instance=instance, reason=reason.get(status, status))


def _require_publisher(user, model):
    if user is not None and not workflow.can_publish(user, model):
        raise PermissionDenied(_("Only a publisher can do this."))


# Pending changes ---------------------------------------------------------------------------


def open_change(instance) -> PendingChange | None:
    """The change awaiting review on `instance`, if any."""
    content_type = ContentType.objects.get_for_model(instance)
    return PendingChange.objects.filter(
        content_type=content_type, object_id=instance.pk, state=PendingChange.State.PENDING
    ).first()


def change_propose(*, user, instance, data: dict, note: str = "") -> PendingChange:
    """Hold an editor's change to something public until a publisher approves it."""
    if workflow.edit_route(user, instance) != workflow.Route.PROPOSE:
        raise PermissionDenied(_("This change does not need review: save it directly."))
    if open_change(instance) is not None:
        raise ValidationError(_("A change to this item already awaits review: wait for it, or withdraw it."))
    if not data:
        raise ValidationError(_("Nothing was changed."))
    correction = needs_correction(_stored(instance))
    kind = PendingChange.Kind.CORRECTION if correction else PendingChange.Kind.CHANGE
    change = _hold(instance, user=user, data=data, note=note, kind=kind)
    _record(instance, ReviewEvent.Action.PROPOSED, user, note)
    notifications.review_requested(instance=instance, by=user, comment=note, change=change)
    return change


def _require_open(change):
    if change.state != PendingChange.State.PENDING:
        raise ValidationError(_("This change has already been decided."))


def change_approve(*, user, change: PendingChange, comment: str = ""):
    """Apply a pending change as a new version of the live object (a correction: `correction_publish`)."""
    if change.kind == PendingChange.Kind.CORRECTION:
        raise ValidationError(_("Publish this correction on its own page, together with the text it changes."))
    return _approve(user=user, change=change, comment=comment)


@transaction.atomic
def correction_publish(*, user, change: PendingChange, complete: Callable[[], None], comment: str = ""):
    """Apply a correction and, in the same transaction, `complete()`: the writes of the text it makes wrong.

    Readers see the old figure and text until this commits, and the new ones together after it.
    """
    if change.kind != PendingChange.Kind.CORRECTION:
        raise ValidationError(_("This is not a correction."))
    instance = _approve(user=user, change=change, comment=comment)
    complete()
    return instance


@transaction.atomic
def _approve(*, user, change, comment):
    _require_open(change)
    model = change.content_type.model_class()
    _require_publisher(user, model)
    instance = model._default_manager.select_for_update().get(pk=change.object_id)
    links = apply_values(instance, change.data)

    def write():
        instance.save()
        for name, keys in links.items():
            getattr(instance, name).set(keys)

    _write(user=user, instance=instance, write=write, reason=gettext_noop("Change approved"))
    _decide(change, user, PendingChange.State.APPROVED, comment)
    _record(instance, ReviewEvent.Action.CHANGE_APPROVED, user, comment)
    notifications.review_decided(instance=instance, by=user, approved=True, comment=comment, change=change)
    return instance


def change_send_back(*, user, change: PendingChange, reason: str):
    """Decline a pending change, saying why; the editor sees the reason."""
    _require_open(change)
    _require_publisher(user, change.content_type.model_class())
    if not reason.strip():
        raise ValidationError(_("Say why it is sent back, so that the editor knows what to change."))
    _decide(change, user, PendingChange.State.RETURNED, reason)
    instance = change.content_object
    _record(instance, ReviewEvent.Action.CHANGE_SENT_BACK, user, reason)
    notifications.review_decided(instance=instance, by=user, approved=False, comment=reason, change=change)
    return change


def change_withdraw(*, user, change: PendingChange):
    """Take back one's own pending change (a publisher may withdraw anyone's)."""
    _require_open(change)
    if user != change.author:
        _require_publisher(user, change.content_type.model_class())
    _decide(change, user, PendingChange.State.WITHDRAWN, "")
    _record(change.content_object, ReviewEvent.Action.CHANGE_WITHDRAWN, user)
    return change


def _decide(change, user, state, comment):
    change.state, change.reviewer, change.review_comment = state, user, comment
    change.reviewed_at = timezone.now()
    change.save()


# Restoring ---------------------------------------------------------------------------------


def version_restore(*, user, record, live=None):
    """Bring back a version's content (never its status): at once, or as a pending change.

    An editor's restore of something public is a proposal like any other change of theirs;
    the workflow status is moved only by the workflow, so a restore can never publish.
    """
    model = record.instance_type
    live = live or model._default_manager.get(pk=record.instance.pk)
    values = record_values(record)
    # Stored in one language and put into words when shown (core/revisions.py).
    reason = f"Restored version {record.history_id}"
    note = _("Restore revision %(number)s") % {
        "number": record.instance.history.filter(history_date__lte=record.history_date).count()
    }
    route = workflow.edit_route(user, live) if user is not None else workflow.Route.DIRECT
    if route == workflow.Route.PROPOSE:
        return change_propose(user=user, instance=live, data=proposal_data(live, values), note=note)
    if route == workflow.Route.LOCKED:
        raise PermissionDenied(_("This item is in review: it is locked until a publisher decides."))
    links = apply_values(live, proposal_data(live, values))

    def write():
        live.save()
        for name, keys in links.items():
            getattr(live, name).set(keys)

    return content_save(user=user, instance=live, write=write, reason=reason)
