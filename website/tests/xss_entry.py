"""Enter the XSS corpus through the admin's real forms, as editors and publishers do.

An editor writes each object as a draft; a publisher publishes it. Every payload goes into every
kind of text field a public page shows, in both languages: single-line fields (titles, names, action
texts, alt text) take all of them, packed as many to a field as its length allows; Markdown and
other long texts take the payloads their form accepts. A payload the form refuses must be refused
with a message to the editor — never a server error.
"""

from dataclasses import dataclass, field
from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PillowImage

from bluepaper.models import Challenge, Chapter, Finding
from core.models import Image
from core.publishing import Status
from core.tests.admin_forms import csrf_token, form_values, post_form
from core.tests.xss import payloads
from indicators.models import Indicator, Observation, Region, SiteNote, Source
from policies.models import Strategy

DRAFT = {"status": Status.DRAFT, "published_at_0": "", "published_at_1": ""}
PUBLISHED = {**DRAFT, "status": Status.PUBLISHED}
# What the forms say, in either language, of HTML the site does not show (decision 0025).
HTML_RULE = ("HTML that the site does not allow", "本站不允许的 HTML")


@dataclass
class Entered:
    """What the admin accepted, what it refused, and the public pages that show it."""

    accepted_in_text: list = field(default_factory=list)
    refused_in_text: list = field(default_factory=list)
    objects: list = field(default_factory=list)


def both(name, value):
    return {f"{name}_zh_hans": value, f"{name}_en": value}


def pack(texts, limit, separator=" "):
    """The texts joined into as few strings of at most `limit` characters as they fit in."""
    packs, current = [], ""
    for text in texts:
        if current and len(current) + len(separator) + len(text) > limit:
            packs.append(current)
            current = ""
        current = f"{current}{separator}{text}" if current else text
    return [*packs, current] if current else packs


def errors_of(response):
    """Field → messages of the admin form a refused post shows again."""
    assert response.status_code == 200, f"the admin answered {response.status_code}"
    form = response.context["adminform"].form
    errors = {name: list(messages) for name, messages in form.errors.items()}
    for formset in response.context["inline_admin_formsets"]:
        for index, row in enumerate(formset.formset.errors):
            errors.update({f"{formset.formset.prefix}-{index}-{name}": list(m) for name, m in row.items()})
    return errors


def save(client, url, changes):
    """Post the form at `url` with `changes`; the admin must accept it (a redirect)."""
    response = post_form(client, url, changes)
    assert response.status_code == 302, errors_of(response)
    return response


def admin_url(obj):
    return f"/admin/{obj._meta.app_label}/{obj._meta.model_name}/{obj.pk}/change/"


def write_and_publish(editor, publisher, model, add_changes, **lookup):
    """An editor writes a draft; a publisher publishes it. The published object."""
    save(editor, f"/admin/{model._meta.app_label}/{model._meta.model_name}/add/", {**add_changes, **DRAFT})
    obj = model.objects.get(**lookup)
    save(publisher, admin_url(obj), {"status": Status.PUBLISHED})
    obj.refresh_from_db()
    assert obj.status == Status.PUBLISHED
    return obj


def publish(publisher, model, changes, **lookup):
    """A publisher writes and publishes an object in one save. The published object."""
    save(publisher, f"/admin/{model._meta.app_label}/{model._meta.model_name}/add/", {**changes, **PUBLISHED})
    return model.objects.get(status=Status.PUBLISHED, **lookup)


def sort_text_payloads(editor, entered):
    """Try every payload in the text fields of draft site notes: the admin accepts it or names the HTML."""
    fields = ["text_zh_hans", "text_en", "basis_zh_hans", "basis_en"]
    corpus = [payload for _family, payload in payloads()]
    for start in range(0, len(corpus), len(fields)):
        tried = dict(zip(fields, corpus[start : start + len(fields)], strict=False))
        response = post_form(
            editor, "/admin/indicators/sitenote/add/", {**dict.fromkeys(fields, "-"), **tried, **DRAFT}
        )
        errors = {} if response.status_code == 302 else errors_of(response)
        for name, payload in tried.items():
            if name not in errors:
                entered.accepted_in_text.append(payload)
                continue
            assert any(rule in " ".join(errors[name]) for rule in HTML_RULE), (payload, errors[name])
            entered.refused_in_text.append(payload)
    SiteNote.objects.filter(status=Status.DRAFT).delete()  # the probes, never public


def without_digits(texts):
    # A finding states no number none of its figures has: a payload with a digit is refused there
    # for that reason alone (bluepaper/tests/test_one_truth.py), so findings carry the others.
    return [text for text in texts if not any(ch.isdigit() for ch in text)]


def enter_findings(editor, publisher, entered, source, image):
    """Findings whose titles carry the whole corpus, and whose texts carry what the form accepts."""
    everything = [payload for _family, payload in payloads()]
    prose = "\n\n".join(without_digits(entered.accepted_in_text))
    rail = Indicator.objects.get(slug="high-speed-rail-mileage")
    for index, title in enumerate(pack(without_digits(everything), 300)):
        finding = publish(publisher, Finding, {
            "chapter": Chapter.objects.get(slug="progress").pk, "order": 50 + index, "featured": "on",
            "slug": f"xss-{index}", **both("title", title), **both("summary", prose), **both("body", prose),
            "indicators": [rail.pk], "regions": [Region.objects.get(slug="tianjin").pk],
            "source": source.pk, "locator": "[4]", "image": image.pk,
            "change_notes-0-date": "2026-12-01", **both("change_notes-0-text", prose),
        }, slug=f"xss-{index}")  # fmt: skip
        entered.objects.append(finding)


def enter_challenge_and_strategy(editor, publisher, entered, titles):
    prose = "\n\n".join(entered.accepted_in_text)
    challenge = write_and_publish(editor, publisher, Challenge, {
        "chapter": Chapter.objects.get(slug="challenges").pk, "order": 50, "slug": "xss-challenge",
        **both("title", titles[0]), **both("description", prose), "evidence": [entered.objects[0].pk],
    }, slug="xss-challenge")  # fmt: skip
    actions = pack([payload for _family, payload in payloads()], 500)
    rows = {}
    for i, text in enumerate(actions):
        rows.update({f"actions-{i}-order": str(i + 1), **both(f"actions-{i}-text", text)})
    strategy = write_and_publish(editor, publisher, Strategy, {
        "chapter": Chapter.objects.get(slug="recommendations").pk, "number": 50, "slug": "xss-strategy",
        **both("title", titles[1]), **both("summary", prose), "challenges": [challenge.pk],
        "findings": [entered.objects[0].pk], "actions-TOTAL_FORMS": str(len(actions)), **rows,
    }, slug="xss-strategy")  # fmt: skip
    entered.objects += [challenge, strategy]


def enter_indicator(editor, publisher, entered, names):
    """An indicator, a figure of it with a note, and a site note on it, all carrying the corpus."""
    prose = "\n\n".join(entered.accepted_in_text)
    indicator = write_and_publish(editor, publisher, Indicator, {
        **both("name", names[0]), "slug": "xss-indicator", "category": Indicator.objects.first().category,
        **both("unit", "km"), **both("definition", prose), **both("caveat", prose), "order": 50,
    }, slug="xss-indicator")  # fmt: skip
    observation = write_and_publish(editor, publisher, Observation, {
        "indicator": indicator.pk, "region": Region.objects.get(slug="tianjin").pk, "period_kind": "year",
        "period_year": "2024", "value": "7", "qualifier": "exact", **both("note", prose),
        "source": Source.objects.get(pk=1).pk, "locator": "[4]",
    }, indicator=indicator)  # fmt: skip
    note = write_and_publish(editor, publisher, SiteNote, {
        **both("text", prose), **both("basis", prose), "indicators": [indicator.pk],
        "observations": [observation.pk], "order": 50,
    }, indicators=indicator)  # fmt: skip
    entered.objects += [indicator, observation, note]


def enter_report_texts(publisher, entered):
    """The report's summary and introduction (home and report pages) and a chapter's summary."""
    prose = "\n\n".join(entered.accepted_in_text)
    chapter = Chapter.objects.get(slug="progress")
    save(publisher, admin_url(chapter.report), {**both("summary", prose), **both("introduction", prose)})
    save(publisher, admin_url(chapter), both("summary", prose))


def png():
    buffer = BytesIO()
    PillowImage.new("RGB", (640, 400), "#0f4c92").save(buffer, "PNG")
    return buffer.getvalue()


def upload_image(publisher, alt_text):
    page = publisher.get("/admin/core/image/add/")
    data = {**form_values(page.content.decode()), **both("alt_text", alt_text), **both("caption", alt_text),
            **both("credit", alt_text[:200]), "csrfmiddlewaretoken": csrf_token(page)}  # fmt: skip
    response = publisher.post("/admin/core/image/add/", {**data, "file": SimpleUploadedFile("x.png", png())})
    assert response.status_code == 302, errors_of(response)
    return Image.objects.latest("pk")


def add_source(publisher, title):
    save(publisher, "/admin/indicators/source/add/", {
        **both("title", title), **both("publisher", title[:200]), "url": "https://example.org/xss",
        **both("note", title),
    })  # fmt: skip
    return Source.objects.latest("pk")


def enter_corpus(editor, publisher) -> Entered:
    """Enter the whole corpus through the admin; the published objects that carry it."""
    entered = Entered()
    sort_text_payloads(editor, entered)
    titles = pack([payload for _family, payload in payloads()], 300)
    source, image = add_source(publisher, titles[2]), upload_image(publisher, titles[3])
    enter_findings(editor, publisher, entered, source, image)
    enter_challenge_and_strategy(editor, publisher, entered, titles)
    enter_indicator(editor, publisher, entered, pack([payload for _family, payload in payloads()], 200)[4:])
    enter_report_texts(publisher, entered)
    return entered
