"""Models of the shared mechanisms: the memory of every slug a public object ever had."""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class OldSlug(models.Model):
    """A slug an object used to have, so that its old URL answers 301 to the new one."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    content_object = GenericForeignKey("content_type", "object_id")
    slug = models.SlugField(_("old slug"), max_length=200, allow_unicode=False)
    retired_at = models.DateTimeField(_("retired"), auto_now_add=True)

    class Meta:
        verbose_name = _("old slug")
        verbose_name_plural = _("old slugs")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "slug"], name="old_slug_once_per_object"
            )
        ]
        indexes = [models.Index(fields=["content_type", "slug"])]

    def __str__(self):
        return self.slug
