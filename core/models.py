"""Models of the shared mechanisms: the memory of every slug a public object ever had."""

import re

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from .images import UprightImageField, validate_image_file

# Between the words of a synonym group: a new line, or a comma or semicolon of either script.
SYNONYM_SEPARATORS = re.compile(r"[\n,;，；、]")


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
            models.UniqueConstraint(fields=["content_type", "object_id", "slug"], name="old_slug_once_per_object")
        ]
        indexes = [models.Index(fields=["content_type", "slug"])]

    def __str__(self):
        return self.slug


class Image(models.Model):
    """An uploaded picture with the text that makes it accessible and citable in both languages.

    The upload is checked by its content, not its name: a real image, bounded in bytes and in
    pixels (core/images.py). Smaller renditions are made when it is saved.
    """

    file = UprightImageField(_("image file"), upload_to="images/%Y/%m/", width_field="width",
                             height_field="height", validators=[validate_image_file])  # fmt: skip
    width = models.PositiveIntegerField(_("width"), editable=False, default=0)
    height = models.PositiveIntegerField(_("height"), editable=False, default=0)
    alt_text = models.CharField(
        _("alternative text"), max_length=300,
        help_text=_("What the image shows, for readers who cannot see it. Required in both languages."),
    )  # fmt: skip
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    credit = models.CharField(_("credit"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("image")
        verbose_name_plural = _("images")
        ordering = ["-created_at"]

    def __str__(self):
        return self.alt_text or self.file.name


class SearchEntry(models.Model):
    """The searchable text of one public object in one language (kept by core/search.py).

    `content_type`/`object_id` is the object a reader is shown (a finding, an indicator…);
    `source_type`/`source_id` is the object the text comes from — the same object, or one of its
    observations — and a reader finds the entry only while both are public. `document` is the title
    and text normalised for matching (see `core.search.normalize`), `tokens` its words, each
    between spaces (see `core.segmenter.index_tokens`).
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    source_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    source_id = models.PositiveBigIntegerField()
    language = models.CharField(_("language"), max_length=10)
    title = models.CharField(_("title"), max_length=300, blank=True)
    text = models.TextField(_("text"), blank=True)
    document = models.TextField(_("normalised text"))
    tokens = models.TextField(_("words"), blank=True, default="")  # core.segmenter.index_tokens(document)

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        indexes = [models.Index(fields=["content_type", "object_id"], name="core_search_object")]

    def __str__(self):
        return f"{self.content_type_id}:{self.object_id} [{self.language}] {self.title[:60]}"


class PendingChange(models.Model):
    """An editor's change to something public, held until a publisher approves or sends it back.

    `data` holds the proposed values by field name (many-to-many links as lists of keys), as
    written by `core.services.change_propose`; nothing public changes until `change_approve`.
    A *correction* is a change to a figure that public text cites (see `core.services.stage_when`),
    whoever makes it: it is completed on the page its app registers, with the text it makes wrong.
    """

    class Kind(models.TextChoices):
        CHANGE = "change", _("Change")
        CORRECTION = "correction", _("Correction")

    class State(models.TextChoices):
        PENDING = "pending", _("Awaiting review")
        APPROVED = "approved", _("Approved")
        RETURNED = "returned", _("Sent back")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    content_type = models.ForeignKey(ContentType, verbose_name=_("content type"), on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField(_("object"))
    content_object = GenericForeignKey("content_type", "object_id")
    object_repr = models.CharField(_("item"), max_length=300)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.CHANGE, db_index=True)
    data = models.JSONField(_("proposed values"))
    base_token = models.CharField(_("state it was written against"), max_length=64)
    note = models.TextField(_("editor's note"), blank=True)
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.PENDING, db_index=True)
    author = models.ForeignKey(
        "auth.User", verbose_name=_("proposed by"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("proposed"), auto_now_add=True)
    reviewer = models.ForeignKey(
        "auth.User", verbose_name=_("reviewed by"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    review_comment = models.TextField(_("review comment"), blank=True)
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)

    class Meta:
        verbose_name = _("pending change")
        verbose_name_plural = _("pending changes")
        ordering = ["-created_at"]
        default_permissions = ("view",)
        permissions = [("approve_pendingchange", _("Can approve or send back changes to public content"))]
        indexes = [models.Index(fields=["content_type", "object_id", "state"])]

    def __str__(self):
        return self.object_repr


class ReviewEvent(models.Model):
    """One step of the editorial workflow on an item, with what the person said about it."""

    class Action(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted for review")
        PUBLISHED = "published", _("Approved and published")
        SENT_BACK = "sent_back", _("Sent back")
        PROPOSED = "proposed", _("Change proposed")
        CHANGE_APPROVED = "change_approved", _("Change approved")
        CHANGE_SENT_BACK = "change_sent_back", _("Change sent back")
        CHANGE_WITHDRAWN = "change_withdrawn", _("Change withdrawn")

    content_type = models.ForeignKey(ContentType, verbose_name=_("content type"), on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField(_("object"))
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    user = models.ForeignKey("auth.User", verbose_name=_("by"), on_delete=models.SET_NULL, null=True, related_name="+")
    comment = models.TextField(_("comment"), blank=True)
    at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        verbose_name = _("review step")
        verbose_name_plural = _("review steps")
        ordering = ["-at", "-pk"]
        default_permissions = ("view",)
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return f"{self.get_action_display()}: {self.comment[:60]}"


class ContentStamp(models.Model):
    """When public content last changed: one row that every app process reads (core/cache.py).

    In the database rather than the cache, so that processes with their own memory cache (the
    embedded default) agree, and a Redis outage can't leave an old stamp behind.
    """

    changed_at = models.DateTimeField()

    class Meta:
        verbose_name = _("content stamp")

    def __str__(self):
        return self.changed_at.isoformat()


class SynonymGroup(models.Model):
    """Words and short forms a reader may use for one thing (高铁, 高速铁路, high-speed rail).

    A search for any word of a group also finds the others (core/synonyms.py). Editors keep the
    list in the admin; a change applies to the next search, without reindexing.
    """

    words = models.TextField(
        _("words"),
        help_text=_(
            "Two or more words or short forms that mean the same thing, one per line or separated by "
            "commas. A search for any of them also finds the others, in either language."
        ),
    )
    note = models.CharField(_("note"), max_length=200, blank=True, help_text=_("Why these belong together."))

    class Meta:
        verbose_name = _("synonym group")
        verbose_name_plural = _("synonyms and short forms")
        ordering = ["pk"]

    def __str__(self):
        return " = ".join(self.word_list())

    def word_list(self) -> list[str]:
        """The group's words as written, each once, without surrounding space."""
        return list(dict.fromkeys(word.strip() for word in SYNONYM_SEPARATORS.split(self.words) if word.strip()))
