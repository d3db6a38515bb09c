"""The OpenAPI schema of the public API (drf-spectacular), with what every operation shares.

Every operation documents the `lang` parameter and its error answers, so that a client (and
schemathesis in the test suite) knows each status the API may give. CSV answers are text.
"""

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiParameter
from rest_framework import serializers

from .renderers import CSVRenderer


class Error(serializers.Serializer):
    status = serializers.IntegerField(help_text="The HTTP status.")
    detail = serializers.CharField(help_text="What went wrong, in a sentence.")
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text="For a 400: the messages for each parameter at fault, by parameter name.",
    )
    retry_after = serializers.IntegerField(required=False, help_text="For a 429: seconds to wait.")


LANGUAGE = OpenApiParameter(
    "lang",
    str,
    enum=["zh-hans", "en"],
    description=(
        "Language of the text: `zh-hans` (Simplified Chinese, the default) or `en`. Without it, "
        "the `Accept-Language` header decides. A field whose English text is missing is given in "
        "Chinese and named in `untranslated`."
    ),
)
FORMAT = OpenApiParameter(
    "format",
    str,
    enum=["json", "csv"],
    description=(
        "`csv` for a CSV file: UTF-8 with a byte-order mark, one row per object, nested fields as "
        "dotted columns (`indicator.slug`)."
    ),
)
ERRORS = {
    "400": "A parameter is invalid: `errors` names it.",
    "404": "No published object has this identifier.",
    "406": "None of the formats in `Accept` can be given.",
    "429": "Too many requests: wait `retry_after` seconds (also in the `Retry-After` header).",
}

GONE = "It was published and has since been archived."


class PublicApiSchema(AutoSchema):
    def get_override_parameters(self):
        parameters = [LANGUAGE, *super().get_override_parameters()]
        if CSVRenderer in getattr(self.view, "renderer_classes", ()):
            parameters.append(FORMAT)
        return parameters

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        errors = {**ERRORS, "410": GONE} if getattr(self.view, "action", None) == "retrieve" else ERRORS
        for code, description in errors.items():
            if code not in responses:
                response = self._get_response_for_code(Error, code, ["application/json"], direction)
                responses[code] = {**response, "description": description}
        return responses

    def _get_response_for_code(self, serializer, status_code, media_types=None, direction="response"):
        response = super()._get_response_for_code(serializer, status_code, media_types, direction)
        content = response.get("content", {})
        if CSVRenderer.media_type in content:
            content[CSVRenderer.media_type] = {"schema": {"type": "string"}}
        return response
