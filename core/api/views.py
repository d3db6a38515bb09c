"""The base of every public API view: read-only, in one language, answering conditionally.

- Language: `?lang=zh-hans|en` if given (anything else is a 400), else the `Accept-Language`
  header, else Chinese. The answer says which in `Content-Language`.
- Conditional answers: an `ETag` computed from the body and a `Last-Modified` from the objects
  shown; `If-None-Match` / `If-Modified-Since` answer 304.
- Errors are always JSON, even when CSV was asked for.
"""

import hashlib

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.utils.translation.trans_real import parse_accept_lang_header
from rest_framework import viewsets
from rest_framework.exceptions import APIException, ValidationError
from rest_framework.renderers import JSONRenderer

from .renderers import CSVRenderer
from .serializers import LatestChange

LANGUAGE_PARAMETER = "lang"
MAX_AGE = 5 * 60  # seconds a cache may serve an answer without asking again


def requested_language(request):
    """The language asked for by `?lang=`, else by `Accept-Language`, else the default."""
    code = request.query_params.get(LANGUAGE_PARAMETER, "").strip()
    if code:
        try:
            return translation.get_supported_language_variant(code.lower())
        except LookupError:
            choices = ", ".join(code for code, _name in settings.LANGUAGES)
            message = _("Unknown language; use one of: %s.") % choices
            raise ValidationError({LANGUAGE_PARAMETER: [message]}) from None
    return language_from_header(request)


def language_from_header(request):
    """The first language of `Accept-Language` the site has, else the default (cookies don't count)."""
    for code, _quality in parse_accept_lang_header(request.headers.get("Accept-Language", "")):
        if code == "*":
            break
        try:
            return translation.get_supported_language_variant(code)
        except LookupError:
            continue
    return settings.LANGUAGE_CODE


class Gone(APIException):
    status_code = 410
    default_detail = gettext_lazy("This was published and has since been archived.")
    default_code = "gone"


class JsonErrorsMixin:
    """Answer errors in JSON even when CSV was asked for: a CSV file cannot say what went wrong."""

    def finalize_response(self, request, response, *args, **kwargs):
        if response.status_code >= 400 and isinstance(getattr(request, "accepted_renderer", None), CSVRenderer):
            request.accepted_renderer, request.accepted_media_type = JSONRenderer(), JSONRenderer.media_type
        return super().finalize_response(request, response, *args, **kwargs)


class PublicViewSet(JsonErrorsMixin, viewsets.ReadOnlyModelViewSet):
    """List and detail of published objects, nothing else (other methods answer 405)."""

    def dispatch(self, request, *args, **kwargs):
        # Restore the language active before this request once it is answered.
        with translation.override(translation.get_language()):
            return super().dispatch(request, *args, **kwargs)

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        translation.activate(requested_language(request))

    def get_object(self):
        """The published object at this address; 410 Gone if it was archived, as its page answers."""
        try:
            return super().get_object()
        except Http404:
            if self.was_archived():
                raise Gone from None
            raise

    def was_archived(self):
        objects = self.get_queryset().model.objects
        if not hasattr(objects, "archived"):
            return False
        try:
            return objects.archived().filter(**{self.lookup_field: self.kwargs[self.lookup_field]}).exists()
        except (TypeError, ValueError, DjangoValidationError):
            return False  # not even a possible identifier

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "latest_change": self.latest_change}

    @property
    def latest_change(self):
        if not hasattr(self, "_latest_change"):
            self._latest_change = LatestChange()
        return self._latest_change

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Content-Language"] = translation.get_language()
        patch_vary_headers(response, ["Accept", "Accept-Language"])
        if response.status_code != 200 or request.method not in ("GET", "HEAD"):
            return response
        return self.conditional(request, response)

    def conditional(self, request, response):
        """Add the validators and answer 304 when the client's copy is still current."""
        if isinstance(response.accepted_renderer, CSVRenderer):
            response["Content-Disposition"] = f'attachment; filename="{self.basename}.csv"'
        response.render()
        response["ETag"] = f'"{hashlib.sha256(response.content).hexdigest()[:32]}"'
        changed = self.latest_change.value
        if changed is not None:
            response["Last-Modified"] = http_date(changed.timestamp())
        patch_cache_control(response, public=True, max_age=MAX_AGE)
        return get_conditional_response(
            request,
            etag=response["ETag"],
            last_modified=changed.timestamp() if changed else None,
            response=response,
        )
