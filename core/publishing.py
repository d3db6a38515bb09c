"""The one publishing mechanism: every public content type inherits it, every public surface
reads through `published()`.

An object is public when its status is PUBLISHED, its publish time has come (by the clock when
the query runs: `PublicationClock`), and every object it hangs from (its `publication_parents`,
such as a finding's chapter and report) is public too. Public views never filter on status
themselves; they call `published()`.

Archived content answers 410 Gone only if a reader could once have seen it: `gone()` asks that
the object and every parent went live (`first_published_at`, kept by `save`) and that they
were live at one time (each went live before any of them was archived, `archived_at`).
Anything else, however archived, answers 404 and shows nothing
(docs/decisions/0012-gone-only-what-was-public.md).
"""

import functools
from itertools import permutations

from django.db import models
from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import Http404
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    REVIEW = "review", _("In review")
    PUBLISHED = "published", _("Published")
    ARCHIVED = "archived", _("Archived")


# Every publishable model gets a "publish" permission beside Django's four: it lets a user
# publish, schedule, unpublish and archive (see core/workflow.py).
PUBLISHABLE_PERMISSIONS = ("add", "change", "delete", "view", "publish")


class PublicationClock(models.Expression):
    """The time now, read from the application's clock (`timezone.now`) each time a query is compiled.

    `published()` compares publish times with this rather than with a time fixed when the queryset
    is built, so a queryset built once (`built_once`) still shows what is public at the moment it
    runs, and tests that move `timezone.now` move it too.
    """

    output_field = models.DateTimeField()

    def as_sql(self, compiler, connection):
        return "%s", [self.output_field.get_db_prep_value(timezone.now(), connection)]


def public_q(prefix=""):
    """Return the condition under which the object at `prefix` is public when the query runs."""
    return Q(**{f"{prefix}status": Status.PUBLISHED, f"{prefix}published_at__lte": PublicationClock()})


def built_once(build):
    """Decorate `build()`, which returns {name: queryset}: build them once per language, and hand
    each caller fresh copies.

    Building a queryset (its filters, and `published()`'s joins through every parent) costs a
    page about as much as compiling and running it. A built queryset holds no rows until it runs
    and reads the clock only then (`PublicationClock`), so one built at start-up is as good as
    new; per language, because django-modeltranslation rewrites field names as a queryset is built.
    """
    built = {}

    @functools.wraps(build)
    def copies():
        language = translation.get_language()
        if language not in built:
            built[language] = build()
        return {name: queryset.all() for name, queryset in built[language].items()}

    return copies


class Gone(Exception):  # noqa: N818 - named after the HTTP status it becomes
    """Raised by a public view for archived content; core.middleware answers 410 with a notice."""

    def __init__(self, obj):
        super().__init__(str(obj))
        self.obj = obj


def public_or_gone(queryset, public=None, **lookup):
    """The public object matching `lookup`; raise Gone if it was public and is archived, else Http404.

    `lookup` names one object: ordering by the key alone spares the joins of a model's default
    ordering (a finding's follows its chapter and report). `public`, if given, is
    `queryset.published()` built beforehand (`built_once`).
    """
    public = queryset.published() if public is None else public
    found = public.filter(**lookup).order_by("pk").first()
    if found is not None:
        return found
    archived = queryset.gone().filter(**lookup).order_by("pk").first()
    if archived is not None:
        raise Gone(archived)
    raise Http404


class PublishableQuerySet(models.QuerySet):
    def published(self):
        """Return only what a member of the public may see now."""
        condition = public_q()
        for parent in self.model.publication_parents:
            condition &= public_q(f"{parent}__")
        return self.filter(condition)

    def archived(self):
        """Return what is archived, itself or through an archived parent, public once or not.

        For editors' lists; the public site asks `gone()`.
        """
        condition = Q(status=Status.ARCHIVED)
        for parent in self.model.publication_parents:
            condition |= Q(**{f"{parent}__status": Status.ARCHIVED})
        return self.filter(condition).exclude(status=Status.DRAFT)

    def gone(self):
        """Return what readers once saw and is now archived: its URL answers 410 Gone.

        The object and each parent went live, and all were live together at some moment: each
        went live before any of them was archived. An object withdrawn to draft stays 404.
        """
        prefixes = ["", *(f"{parent}__" for parent in self.model.publication_parents)]
        now = timezone.now()
        condition = Q()
        for prefix in prefixes:
            condition &= Q(**{f"{prefix}first_published_at__lte": now})
        for earlier, later in permutations(prefixes, 2):
            condition &= Q(**{f"{later}archived_at__isnull": True}) | Q(
                **{f"{earlier}first_published_at__lt": models.F(f"{later}archived_at")}
            )
        return self.archived().filter(condition)

    def in_review(self):
        return self.filter(status=Status.REVIEW)

    def scheduled(self):
        """Return what is published for a time still to come."""
        return self.filter(status=Status.PUBLISHED, published_at__gt=timezone.now())


class Publishable(models.Model):
    """Abstract base of every public content type: a status and a publish time."""

    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True)
    published_at = models.DateTimeField(
        _("publish time"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("When it goes live. Left empty, it is set to the moment it is published."),
    )
    # When it first went live (or, while scheduled, will), and when it was last archived: the
    # 410 page shows only what readers once saw (`gone()`). Kept by `save`, never edited.
    first_published_at = models.DateTimeField(_("time first live"), null=True, blank=True, editable=False)
    archived_at = models.DateTimeField(_("time archived"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    # Lookups (e.g. "chapter", "chapter__report") to objects that must also be public.
    publication_parents: tuple[str, ...] = ()

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True
        default_permissions = PUBLISHABLE_PERMISSIONS

    def save(self, *args, **kwargs):
        if self.status == Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        self.note_publication()
        super().save(*args, **kwargs)

    def note_publication(self):
        """Set `first_published_at` and `archived_at` from the status about to be stored."""
        now = timezone.now()
        went_live = self.first_published_at is not None and self.first_published_at <= now
        if not went_live:
            # Never live yet: live from its publish time if published (or scheduled), else never;
            # a schedule withdrawn before its time leaves no trace.
            self.first_published_at = self.published_at if self.status == Status.PUBLISHED else None
        if self.status != Status.ARCHIVED:
            self.archived_at = None
        elif self.archived_at is None:
            self.archived_at = now

    def onward_url(self):
        """Where a reader of this object goes once it is archived: its parent page."""
        return reverse("website:home")

    @property
    def is_public(self):
        """Whether this object alone is public (parents are checked by `published()`)."""
        return self.status == Status.PUBLISHED and self.published_at is not None and self.published_at <= timezone.now()


def published_prefetch(model, lookup, queryset=None, to_attr=None, limit=None):
    """Prefetch `lookup` from `model`, keeping only public objects at its end.

    Every cross-link on a public page is fetched through this, so a draft on the other end
    of a relation never shows. `queryset` refines the related queryset (ordering, joins).
    `limit` keeps the first `limit` per object, cut in the database (a window function), so
    that a list of objects each linked to hundreds reads only what it shows; Django stores a
    cut list only as an attribute, so it needs `to_attr`.
    """
    if limit is not None and to_attr is None:
        raise ValueError("A prefetch cut to a limit needs to_attr.")
    related = model
    for part in lookup.split("__"):
        related = related._meta.get_field(part).related_model
    base = (related.objects.all() if queryset is None else queryset).published()
    return Prefetch(lookup, queryset=base if limit is None else base[:limit], to_attr=to_attr)


def published_count(model, relation):
    """How many public objects are at the end of `model.relation`, per row: an annotation.

    The count beside a list cut by `published_prefetch(…, limit=)`, read in the same query
    (a subquery per row shown), through the same `published()`.
    """
    field = model._meta.get_field(relation)
    # The lookup from the other end back to `model`: the forward field's name for a reverse
    # relation (Indicator.findings is Finding.indicators), else the reverse query name.
    back = field.field.name if field.auto_created and not field.concrete else field.related_query_name()
    counted = (
        field.related_model.objects.published()
        .filter(**{back: OuterRef("pk")})
        .order_by()
        .values(back)
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def backfill_publication_times(model, history) -> None:
    """Set `first_published_at` and `archived_at` on rows stored before the fields existed.

    For the migrations that added them; `model` and `history` are migration-state models (the
    content model and its django-simple-history table). An object went live at the earliest
    publish time, already past, of its published versions (its current row included); an
    archived one was archived when it was last saved.
    """
    now = timezone.now()
    for obj in model._default_manager.all():
        times = history._default_manager.filter(id=obj.pk, status=Status.PUBLISHED, published_at__lte=now)
        first = times.order_by("published_at").values_list("published_at", flat=True).first()
        if obj.status == Status.PUBLISHED and obj.published_at and obj.published_at <= now:
            first = min(filter(None, [first, obj.published_at]))
        archived = obj.updated_at if obj.status == Status.ARCHIVED else None
        model._default_manager.filter(pk=obj.pk).update(first_published_at=first, archived_at=archived)
