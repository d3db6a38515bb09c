"""Django's JSON serialization, keeping times to the microsecond (`SERIALIZATION_MODULES`).

Django's encoder cuts a time's microseconds to milliseconds, so a backup (`dumpdata`) restored
with `loaddata` would not give back the times it was made from: 17:44:45.000123 came back as
17:44:45, and a publication that followed a revision by less than a millisecond could come back
before it. The database keeps microseconds; so does this.
"""

import datetime

from django.core.serializers import json as django_json
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.timezone import is_aware


class MicrosecondJSONEncoder(DjangoJSONEncoder):
    """DjangoJSONEncoder, with every time written in full ISO 8601 (UTC as "Z")."""

    def default(self, o):
        if isinstance(o, datetime.datetime):
            text = o.isoformat()
            return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text
        if isinstance(o, datetime.time) and not is_aware(o):
            return o.isoformat()
        return super().default(o)


class Serializer(django_json.Serializer):
    def _init_options(self):
        super()._init_options()
        self.json_kwargs["cls"] = self.options.get("cls", MicrosecondJSONEncoder)


Deserializer = django_json.Deserializer
