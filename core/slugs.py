"""Slugs that never break: a renamed object remembers its old slugs, and views redirect them."""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.http import Http404

from .models import OldSlug
from .publishing import public_or_gone


class SlugHistoryMixin(models.Model):
    """Remember the slug an object had when loaded; on save, record it if it changed."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        old = getattr(self, "_loaded_slug", None)
        if old and old != self.slug:
            content_type = ContentType.objects.get_for_model(self)
            OldSlug.objects.get_or_create(content_type=content_type, object_id=self.pk, slug=old)
            # Renamed back: the current slug must not also be a redirect.
            OldSlug.objects.filter(content_type=content_type, object_id=self.pk, slug=self.slug).delete()
        self._loaded_slug = self.slug

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        # __dict__, not getattr: a deferred slug must not cost a query.
        instance._loaded_slug = instance.__dict__.get("slug")
        return instance


def find_by_slug(queryset, slug, **lookup):
    """Return `(object, moved)` for `slug` among the public objects of `queryset`.

    `moved` when `slug` is an old slug: the view redirects (301). Raise Gone when the object is
    archived, Http404 when no object has or had that slug.
    """
    try:
        return public_or_gone(queryset, slug=slug, **lookup), False
    except Http404:
        content_type = ContentType.objects.get_for_model(queryset.model)
        renamed_ids = OldSlug.objects.filter(content_type=content_type, slug=slug).values("object_id")
        return public_or_gone(queryset, pk__in=renamed_ids, **lookup), True
