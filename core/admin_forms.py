"""Forms under every content admin: optimistic locking, the workflow's rules and its comment."""

from django import forms
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .locking import state_token
from .proposals import describe, form_values, proposal_data
from .publishing import Status
from .services import content_check
from .text import dropped_constructs

# Submit buttons of the change form that move an item through the workflow (see core/admin.py).
SUBMIT_REVIEW, APPROVE, SEND_BACK = "_submit_review", "_approve", "_send_back"


class LockedForm(forms.ModelForm):
    """Refuse a save from a form opened before someone else saved the same item.

    The form carries a digest of the stored item as it was when the form was opened. If the
    item has changed since, the save is refused and the page shows the colleague's saved
    values beside the editor's own, which stay in the form: saving again, having seen both,
    keeps the editor's version.
    """

    edit_token = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.conflict = []
        if self.instance.pk is not None:
            self.fields["edit_token"].initial = state_token(type(self.instance), self.instance.pk)

    def clean(self):
        cleaned = super().clean()
        # Browsers send text areas with CRLF line ends: store LF, so that an untouched text
        # is not recorded as a change in every version.
        for name, value in cleaned.items():
            if isinstance(value, str) and "\r\n" in value:
                cleaned[name] = value.replace("\r\n", "\n")
        return cleaned

    def _post_clean(self):
        super()._post_clean()
        if self.instance.pk is None or not self.is_bound:
            return
        current = state_token(type(self.instance), self.instance.pk)
        if self.data.get(self.add_prefix("edit_token")) == current:
            return
        self.conflict = describe(self.instance, proposal_data(self.instance, form_values(self)))
        # The form now stands on the current state: saving it again is a deliberate choice.
        self.data = self.data.copy()
        self.data[self.add_prefix("edit_token")] = current
        self.add_error(
            None,
            forms.ValidationError(
                _(
                    "Someone saved this item after you opened it. Your changes are still in the form: compare "
                    "them with the saved version below, then save again to keep yours."
                ),
                code="conflict",
            ),
        )


class WorkflowForm(LockedForm):
    """Refuse a status the user may not give; carry the comment of a review step."""

    allowed_statuses: list[str] = []

    workflow_comment = forms.CharField(
        label=_("Comment for the review"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 60}),
        help_text=_("Sent with “Submit for review”, “Approve and publish” or “Send back” (required there)."),
    )

    def clean_status(self):
        status = self.cleaned_data["status"]
        if status not in self.allowed_statuses:
            raise forms.ValidationError(_("You may not give this item that status."))
        return status

    def clean(self):
        cleaned = super().clean()
        if SEND_BACK in self.data and not (cleaned.get("workflow_comment") or "").strip():
            self.add_error("workflow_comment", _("Say why it is sent back, so that the editor knows what to change."))
        self.refuse_dropped_html(cleaned)
        return cleaned

    def refuse_dropped_html(self, cleaned):
        """Name the HTML in a text that the page would not show: nothing an editor writes is lost silently."""
        for name, value in list(cleaned.items()):
            try:
                is_text = isinstance(self._meta.model._meta.get_field(name), models.TextField)
            except FieldDoesNotExist:
                continue
            dropped = dropped_constructs(value) if is_text and isinstance(value, str) else []
            if dropped:
                message = _(
                    "This text contains HTML that the site does not allow: %(constructs)s. The page would not "
                    "show it (and an open <style> or <script> hides everything after it). Remove it, or write it "
                    "in Markdown."
                )
                self.add_error(name, message % {"constructs": " ".join(dropped)})

    # The status the item will have once saved: a workflow button moves it on.
    BUTTON_STATUSES = {SUBMIT_REVIEW: Status.REVIEW, APPROVE: Status.PUBLISHED, SEND_BACK: Status.DRAFT}

    def _post_clean(self):
        super()._post_clean()
        if self.errors:
            return
        instance = self.instance
        kept = getattr(instance, "status", None)
        for button, status in self.BUTTON_STATUSES.items():
            if button in self.data:
                instance.status = status
        try:  # the write path's rules (core.services.guard), as a form error rather than a failed save
            content_check(instance=instance)
        except ValidationError as error:
            self.add_error(None, error)
        finally:
            if kept is not None:
                instance.status = kept
