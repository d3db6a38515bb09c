"""The one publishing mechanism: every public content type inherits it, every public surface
reads through `published()`.

An object is public when its status is PUBLISHED, its publish time has come, and every object
it hangs from (its `publication_parents`, such as a finding's chapter and report) is public
too. Public views never filter on status themselves; they call `published()`.
"""

from django.db import models
from django.db.models import Prefetch, Q
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    REVIEW = "review", _("In review")
    PUBLISHED = "published", _("Published")
    ARCHIVED = "archived", _("Archived")


# Every publishable model gets a "publish" permission beside Django's four: it lets a user
# publish, schedule, unpublish and archive (see core/workflow.py).
PUBLISHABLE_PERMISSIONS = ("add", "change", "delete", "view", "publish")


def public_q(prefix=""):
    """Return the condition under which the object at `prefix` is public now."""
    return Q(**{f"{prefix}status": Status.PUBLISHED, f"{prefix}published_at__lte": timezone.now()})


class Gone(Exception):  # noqa: N818 - named after the HTTP status it becomes
    """Raised by a public view for archived content; core.middleware answers 410 with a notice."""

    def __init__(self, obj):
        super().__init__(str(obj))
        self.obj = obj


def public_or_gone(queryset, **lookup):
    """The public object matching `lookup`; raise Gone if it is archived, Http404 if unknown."""
    found = queryset.published().filter(**lookup).first()
    if found is not None:
        return found
    archived = queryset.archived().filter(**lookup).first()
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
        """Return what was public and is now archived, itself or through an archived parent.

        Its URL answers 410 Gone with a page that says so and links onward (see `Gone`).
        """
        condition = Q(status=Status.ARCHIVED)
        for parent in self.model.publication_parents:
            condition |= Q(**{f"{parent}__status": Status.ARCHIVED})
        return self.filter(condition).exclude(status=Status.DRAFT)

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
        super().save(*args, **kwargs)

    def onward_url(self):
        """Where a reader of this object goes once it is archived: its parent page."""
        return reverse("website:home")

    @property
    def is_public(self):
        """Whether this object alone is public (parents are checked by `published()`)."""
        return self.status == Status.PUBLISHED and self.published_at is not None and self.published_at <= timezone.now()


def published_prefetch(model, lookup, queryset=None, to_attr=None):
    """Prefetch `lookup` from `model`, keeping only public objects at its end.

    Every cross-link on a public page is fetched through this, so a draft on the other end
    of a relation never shows. `queryset` refines the related queryset (ordering, joins).
    """
    related = model
    for part in lookup.split("__"):
        related = related._meta.get_field(part).related_model
    base = related.objects.all() if queryset is None else queryset
    return Prefetch(lookup, queryset=base.published(), to_attr=to_attr)
