"""The API's HTTP behaviour: root, schema, docs, methods, CORS, throttling, caching, languages, errors."""

import re

import pytest
from django.core.cache import cache
from django.utils import timezone
from django.utils.http import http_date

from core.api.errors import exception_handler
from core.tests.api_client import API, api_get, error_names, results
from indicators.models import Indicator, Region, Source
from indicators.tests.factories import ObservationFactory

pytestmark = pytest.mark.django_db

RESOURCES = ["reports", "chapters", "findings", "challenges", "strategies", "indicators", "observations", "regions",
             "sources"]  # fmt: skip


def test_the_root_links_every_resource_and_is_browsable(client):
    root = client.get(API, HTTP_ACCEPT="application/json").json()
    assert list(root) == RESOURCES
    assert root["findings"] == "http://testserver/api/v1/findings/"
    page = client.get(API, HTTP_ACCEPT="text/html")
    assert page.status_code == 200 and b"Blue Paper API" in page.content


def test_the_schema_is_openapi_3_and_documents_every_operation(client):
    schema = client.get(f"{API}schema/", {"format": "json"}).json()
    assert schema["openapi"].startswith("3.")
    operations = {(path, method) for path, item in schema["paths"].items() for method in item}
    assert len(operations) == 18 and {method for _, method in operations} == {"get"}
    findings = schema["paths"]["/api/v1/findings/"]["get"]
    parameters = {parameter["name"] for parameter in findings["parameters"]}
    assert {"report", "chapter", "region", "indicator", "strategy", "updated_since", "search", "ordering"} <= parameters
    assert {"lang", "format", "page", "page_size"} <= parameters
    assert {"200", "400", "404", "429"} <= set(findings["responses"])
    assert set(findings["responses"]["200"]["content"]) == {"application/json", "text/csv"}


def test_the_docs_page_loads_everything_from_this_site_without_inline_code(client):
    response = client.get(f"{API}docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert not re.search(r"""(src|href)=["']?https?://""", html)  # no CDN, no web font service
    assert "<script>" not in html and "<style>" not in html and " style=" not in html
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assets = re.findall(r"""(?:src|href)="([^"]+)\"""", html)
    assert any("swagger-ui-bundle.js" in asset for asset in assets)
    for asset in assets:
        assert client.get(asset.replace("&amp;", "&")).status_code == 200, asset
    script = client.get(f"{API}docs/", {"script": ""})
    assert script["Content-Type"].startswith("application/javascript") and b"/api/v1/schema/" in script.content


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
@pytest.mark.parametrize("path", ["findings/", "regions/beijing/"])
def test_writing_is_refused(client, method, path):
    response = getattr(client, method)(f"{API}{path}", data={}, content_type="application/json")
    assert response.status_code == 405
    assert response.json()["status"] == 405
    assert "GET" in response["Allow"] and "POST" not in response["Allow"]


def test_any_origin_may_read_the_api_and_only_the_api(client):
    response = client.get(f"{API}regions/", HTTP_ORIGIN="https://newsroom.example")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response["Access-Control-Expose-Headers"]
    preflight = client.options(
        f"{API}regions/", HTTP_ORIGIN="https://newsroom.example", HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET"
    )
    assert preflight["Access-Control-Allow-Origin"] == "*"
    assert "POST" not in preflight["Access-Control-Allow-Methods"]
    assert "Access-Control-Allow-Origin" not in client.get("/", HTTP_ORIGIN="https://newsroom.example")


def test_too_many_requests_answer_429_saying_how_long_to_wait(client, settings):
    address = "203.0.113.7"  # a documentation address of its own: its count starts at zero
    cache.delete(f"throttle_anon_{address}")
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": "3/minute"}}
    statuses = [api_get(client, "regions/", REMOTE_ADDR=address).status_code for _ in range(3)]
    throttled = api_get(client, "regions/", REMOTE_ADDR=address)
    cache.delete(f"throttle_anon_{address}")
    assert statuses == [200, 200, 200]
    assert throttled.status_code == 429
    body = throttled.json()
    assert body["status"] == 429 and body["retry_after"] > 0 and body["detail"]
    assert int(throttled["Retry-After"]) == body["retry_after"]


def test_conditional_requests_answer_304_until_something_changes(client):
    first = api_get(client, "regions/")
    assert first["ETag"] and first["Last-Modified"] and "max-age" in first["Cache-Control"]
    assert api_get(client, "regions/", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    assert api_get(client, "regions/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304
    assert api_get(client, "regions/", lang="en", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200
    region = Region.objects.get(slug="hebei")
    region.name_en = "Hebei Province"
    region.save()
    later = api_get(client, "regions/", HTTP_IF_NONE_MATCH=first["ETag"], HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert later.status_code == 200 and later["ETag"] != first["ETag"]
    assert later["Last-Modified"] == http_date(region.updated_at.timestamp())
    detail = api_get(client, "regions/hebei/")
    assert api_get(client, "regions/hebei/", HTTP_IF_NONE_MATCH=detail["ETag"]).status_code == 304


def test_the_language_comes_from_lang_then_accept_language(client):
    assert api_get(client, "regions/beijing/").json()["name"] == "北京"
    assert api_get(client, "regions/beijing/")["Content-Language"] == "zh-hans"
    english = api_get(client, "regions/beijing/", lang="en")
    assert english.json()["name"] == "Beijing" and english["Content-Language"] == "en"
    assert "Accept-Language" in english["Vary"]
    assert api_get(client, "regions/beijing/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.8").json()["name"] == "Beijing"
    assert api_get(client, "regions/beijing/", HTTP_ACCEPT_LANGUAGE="fr,zh-CN;q=0.5").json()["name"] == "北京"
    assert api_get(client, "regions/beijing/", lang="zh-hans", HTTP_ACCEPT_LANGUAGE="en").json()["name"] == "北京"
    assert error_names(api_get(client, "regions/", lang="fr")) == {"lang"}


def test_a_missing_english_text_is_given_in_chinese_and_said_so(client):
    Indicator.objects.filter(slug="resident-population").update(definition_en="", name_en="")
    english = api_get(client, "indicators/resident-population/", lang="en").json()
    assert english["name"] == "常住人口"
    assert {"name", "definition"} <= set(english["untranslated"])
    assert api_get(client, "indicators/resident-population/").json()["untranslated"] == []


@pytest.mark.parametrize(
    ("params", "names"),
    [
        ({"page": 0}, {"page"}),
        ({"page": 99}, {"page"}),
        ({"page": "last-but-one"}, {"page"}),
        ({"page_size": "many"}, {"page_size"}),
        ({"page_size": -5}, {"page_size"}),
        ({"format": "xml"}, {"format"}),
        ({"format": "csv", "page": 99}, {"page"}),
    ],
)
def test_bad_pages_and_formats_answer_400_in_json(client, params, names):
    assert error_names(api_get(client, "observations/", **params)) == names


def test_the_page_size_is_capped(client):
    indicator, region, source = Indicator.objects.first(), Region.objects.first(), Source.objects.first()
    ObservationFactory.create_batch(201, indicator=indicator, region=region, source=source)
    page = api_get(client, "observations/", page_size=5000).json()
    assert len(page["results"]) == 200 and page["next"]
    assert len(results(client, "observations/", page_size=7, page=2)) == 7


def test_unknown_api_paths_answer_a_json_404(client):
    for path in ("nothing/", "findings/no-such-key/", "findings/a%20b/", "observations/abc/", "v2/findings/"):
        response = api_get(client, path, format="csv")
        assert response.status_code == 404, path
        assert response.json()["status"] == 404


def test_every_list_is_a_csv_file_with_a_byte_order_mark(client):
    for resource in RESOURCES:
        response = api_get(client, f"{resource}/", format="csv")
        assert response.status_code == 200, resource
        assert response.content.startswith(b"\xef\xbb\xbf" + b"url,"), resource
        assert response["Content-Disposition"].endswith('.csv"')


def test_the_last_modified_time_covers_nested_objects(client):
    observation = ObservationFactory(indicator=Indicator.objects.get(slug="resident-population"))
    future = timezone.now() + timezone.timedelta(days=1)
    response = api_get(client, "indicators/resident-population/")
    assert response["Last-Modified"] == http_date(observation.updated_at.timestamp())
    assert api_get(client, "indicators/resident-population/", HTTP_IF_MODIFIED_SINCE=http_date(future.timestamp()))


def test_a_server_error_is_not_hidden_as_a_client_error():
    """Only the API's own errors are reshaped: anything else still reaches Django's 500 handling."""
    assert exception_handler(ZeroDivisionError(), {}) is None
