"""Reading the API in tests: lists, details and their error answers."""

API = "/api/v1/"


def api_get(client, path, **params):
    """GET an API path: keyword arguments are query parameters, except `HTTP_*` and `REMOTE_ADDR`."""
    headers = {name: params.pop(name) for name in list(params) if name.startswith("HTTP_") or name == "REMOTE_ADDR"}
    return client.get(f"{API}{path}", params, **headers)


def results(client, path, **params):
    """The objects a list answers (one page of up to 200), after checking it answered 200."""
    response = api_get(client, path, **{"page_size": 200, **params})
    assert response.status_code == 200, response.content
    return response.json()["results"]


def values(client, path, field, **params):
    return [item[field] for item in results(client, path, **params)]


def error_names(response):
    """The parameters a 400 answer names."""
    assert response.status_code == 400, response.content
    assert response["Content-Type"] == "application/json"
    return set(response.json()["errors"])
