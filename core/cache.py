"""What the write path tells the page cache: the content changed (decision 0038).

Every write through core/services.py ends here once its transaction commits. It moves the
content stamp, a single database row: every cached page is keyed on it, so one write makes
every page that might show the change be drawn afresh, on every app server. Scheduled content
needs no write: `schedule_horizon()` is part of the key too, and moves when a publication time
passes (core/page_cache.py).
"""

import time
from dataclasses import dataclass
from datetime import datetime

from django.apps import apps
from django.conf import settings
from django.db.models import Max, Min, Q, Value
from django.utils import timezone

from .models import ContentStamp
from .publishing import Publishable, Status


@dataclass(frozen=True)
class Horizon:
    """The latest publication time already passed, and the next one still to come (or None)."""

    last_passed: datetime | None
    next_at: datetime | None


_memo = {"stamp": None, "horizon": None, "read_at": float("-inf"), "horizon_read_at": float("-inf")}


def content_version() -> str:
    """An opaque stamp that changes whenever any content changes (shared by every app server)."""
    return _current()["stamp"]


def schedule_horizon() -> Horizon:
    """Where the schedule stands now: the last publication time passed and the next to come."""
    return _current()["horizon"]


def content_state() -> tuple[str, Horizon]:
    """The stamp and the schedule together, read once."""
    current = _current()
    return current["stamp"], current["horizon"]


def content_changed(instance=None) -> None:
    """Mark every cached rendering as outdated (called after a write commits)."""
    ContentStamp.objects.update_or_create(pk=1, defaults={"changed_at": timezone.now()})
    _memo["read_at"] = float("-inf")  # this process sees its own write at once


def last_changed() -> datetime | None:
    """When content last changed: a write, or a scheduled publication coming due."""
    stamp, horizon = content_state()
    written = datetime.fromisoformat(stamp) if stamp != "initial" else None
    return max(filter(None, (written, horizon.last_passed)), default=None)


def _current():
    """The stamp, read at most once per CONTENT_STAMP_SECONDS per process, and the schedule.

    One small query a few times a second on a busy server rather than on every request; a write
    shows on the other servers within that time. The schedule asks every publishable table, so
    it is read again only when it can have changed: a write moved the stamp, or its next time
    came (seen at once), or SCHEDULE_HORIZON_SECONDS passed.
    """
    now = timezone.now()
    horizon = _memo["horizon"]
    due = horizon is not None and horizon.next_at is not None and horizon.next_at <= now
    if due or time.monotonic() - _memo["read_at"] >= settings.CONTENT_STAMP_SECONDS:
        changed_at = ContentStamp.objects.filter(pk=1).values_list("changed_at", flat=True).first()
        stamp = changed_at.isoformat() if changed_at else "initial"
        stale = time.monotonic() - _memo["horizon_read_at"] >= settings.SCHEDULE_HORIZON_SECONDS
        if due or stale or horizon is None or stamp != _memo["stamp"]:
            _memo.update(horizon=_horizon_at(now), horizon_read_at=time.monotonic())
        _memo.update(stamp=stamp, read_at=time.monotonic())
    return _memo


def _horizon_at(now):
    """Ask every publishable table at once for its last passed and next publication time."""
    per_model = [
        model.objects.filter(status=Status.PUBLISHED)
        .order_by()
        .annotate(group=Value(1))
        .values("group")
        .annotate(
            last_passed=Max("published_at", filter=Q(published_at__lte=now)),
            next_at=Min("published_at", filter=Q(published_at__gt=now)),
        )
        .values_list("last_passed", "next_at")
        for model in apps.get_models()
        if issubclass(model, Publishable)
    ]
    rows = list(per_model[0].union(*per_model[1:], all=True))
    return Horizon(
        last_passed=max(filter(None, (row[0] for row in rows)), default=None),
        next_at=min(filter(None, (row[1] for row in rows)), default=None),
    )
