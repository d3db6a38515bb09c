"""Atom feeds: new findings, corrections, and each indicator's figures and citing findings.

Wiring (it reads the report and the data together), under /feeds/ in both languages. Every
entry comes through `published()`: a draft, scheduled or archived item never appears, and a
scheduled one appears once its time has come, since publishing resolves on read. Links and ids
are absolute from SITE_URL, never from the request's Host header. Each feed runs a fixed number
of queries (docs/decisions/0033-feeds-sitemap-structured-data.md).
"""

from dataclasses import dataclass
from datetime import datetime, time

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import F, Max
from django.db.models.functions import Coalesce
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape, strip_tags
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from bluepaper.models import ChangeNote, Finding
from bluepaper.selectors import observations_in_order
from core.languages import html_lang, localized
from core.paging import page_of
from core.publishing import published_prefetch
from core.slugs import find_by_slug
from core.text import render_markdown
from indicators.models import Indicator, Observation
from indicators.site_notes import NoteIndex

LIMIT = 50  # entries per feed: a reader polls often; older items stay on the pages
FEEDS_PER_PAGE = 100  # indicator feeds listed per page of /feeds/


def absolute(path: str) -> str:
    """The public address of a site path: SITE_URL, never the request's host."""
    return f"{settings.SITE_URL}{path}"


@dataclass(frozen=True)
class Entry:
    """One Atom entry, whatever it reports (a finding, a correction, a figure)."""

    title: str
    link: str
    guid: str
    html: str
    published: datetime
    updated: datetime


def paragraphs(*texts: str) -> str:
    """Plain texts as escaped HTML paragraphs: Atom's summary is HTML, so `<` must stay text."""
    return "".join(f"<p>{escape(text)}</p>" for text in texts if text)


def note_texts(notes) -> list[str]:
    """The site's own notes on the figures, labelled as the pages label them."""
    return [_("Site note: %(text)s") % {"text": localized(note, "text").text} for note in notes]


def first_live(item) -> datetime:
    return item.first_published_at or item.published_at


def latest(*moments):
    return max(moment for moment in moments if moment is not None)


# Findings ----------------------------------------------------------------------------------


def public_findings():
    """Published findings with what their summaries need, newest first by first publication."""
    return (
        Finding.objects.published()
        .select_related("chapter__report")
        .prefetch_related(published_prefetch(Finding, "observations", observations_in_order()))
        .annotate(first_live=Coalesce("first_published_at", "published_at"))
        .order_by(F("first_live").desc(), "-pk")
    )


def finding_summary(finding) -> str:
    """The summary in the feed's language as plain text, its figure tokens filled in."""
    html = finding.with_figures(render_markdown(localized(finding, "summary").text))
    return " ".join(strip_tags(html).split())


def finding_entry(finding, notes) -> Entry:
    permanent = absolute(reverse("bluepaper:finding-short", kwargs={"key": finding.key}))
    return Entry(
        title=localized(finding, "title").text,
        link=absolute(finding.get_absolute_url()),
        guid=permanent,
        html=paragraphs(finding_summary(finding), *note_texts(notes)),
        published=first_live(finding),
        updated=latest(finding.updated_at, finding.published_at),
    )


def finding_entries(findings) -> list[Entry]:
    index = NoteIndex()
    return [finding_entry(finding, index.notes_for(findings=[finding])) for finding in findings]


# Corrections -------------------------------------------------------------------------------


def start_of(day) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def correction_entry(note) -> Entry:
    finding = note.finding
    permanent = absolute(reverse("bluepaper:finding-short", kwargs={"key": finding.key}))
    title = localized(finding, "title").text
    dated = start_of(note.date)
    return Entry(
        title=_("Correction to “%(title)s”") % {"title": title},
        link=absolute(f"{finding.get_absolute_url()}#changes"),
        guid=f"{permanent}#change-{note.pk}",
        html=paragraphs(_("What changed: %(text)s") % {"text": localized(note, "text").text}, title),
        published=dated,
        updated=dated,
    )


def public_change_notes():
    """The change notes of published findings, newest first."""
    return (
        ChangeNote.objects.filter(finding__in=Finding.objects.published())
        .select_related("finding__chapter__report")
        .order_by("-date", "-created_at", "-pk")
    )


# Indicators --------------------------------------------------------------------------------


def source_text(source, locator: str) -> str:
    """The source as the pages give it (includes/source.html): title, publisher, date, locator."""
    if source is None:
        return locator
    original = localized(source, "title", settings.LANGUAGE_CODE).text
    translated = localized(source, "title").text
    title = original if translated in ("", original) else f"{original} [{translated}]"
    day = timezone.localdate(source.published_on).isoformat() if source.published_on else ""
    parts = [title, localized(source, "publisher").text, day, locator]
    return pgettext("between the parts of a source reference", ", ").join(filter(None, parts))


def observation_entry(observation, notes) -> Entry:
    """A published figure: region, period and value as the pages state them, with its source."""
    region = localized(observation.region, "name").text
    cited = source_text(observation.source, observation.locator)
    return Entry(
        title=_("%(region)s · %(period)s: %(figure)s")
        % {"region": region, "period": observation.period_label(), "figure": observation.display_value()},
        link=absolute(observation.get_absolute_url()),
        guid=absolute(observation.get_absolute_url()),
        html=paragraphs(
            _("Source: %(source)s") % {"source": cited} if cited else "",
            localized(observation, "note").text,
            *note_texts(notes),
        ),
        published=first_live(observation),
        updated=latest(observation.updated_at, observation.published_at),
    )


def indicator_entries(indicator) -> list[Entry]:
    """Its published figures and the published findings citing it, newest first."""
    observations = Observation.objects.published().filter(indicator=indicator).in_display_order()
    findings = public_findings().filter(indicators=indicator)[:LIMIT]
    index = NoteIndex()
    entries = [observation_entry(o, index.notes_for(observations=[o])) for o in observations]
    entries += [finding_entry(f, index.notes_for(findings=[f])) for f in findings]
    return sorted(entries, key=lambda entry: entry.published, reverse=True)[:LIMIT]


# The feeds ---------------------------------------------------------------------------------


class SiteAtomFeed(Atom1Feed):
    """Atom whose `updated` stays put while a feed is empty (Django's would be "now", every time)."""

    def latest_post_date(self):
        if any(item["updateddate"] or item["pubdate"] for item in self.items):
            return super().latest_post_date()
        return self.feed["empty_since"]() or super().latest_post_date()


def site_last_changed():
    """When the newest published finding last changed: an empty feed's `updated`."""
    return Finding.objects.published().aggregate(latest=Max("updated_at"))["latest"]


class SiteFeed(Feed):
    """What every feed of the site shares: Atom, the page's language, the author, the licence."""

    feed_type = SiteAtomFeed
    route = ""

    @property
    def language(self):
        return html_lang()

    def author_name(self):
        return str(settings.SITE_NAME)

    def author_link(self):
        return absolute(reverse("website:home"))

    def feed_copyright(self):
        licence = settings.DATA_LICENCE
        return _("The site’s own compilation: %(name)s (%(url)s). Name the original source when you reuse it.") % {
            "name": licence["name"],
            "url": licence["url"],
        }

    def feed_extra_kwargs(self, obj):
        return {"empty_since": site_last_changed}  # called only when the feed is empty

    def feed_url(self, obj=None):
        kwargs = {"slug": obj.slug} if obj is not None else {}
        return absolute(reverse(self.route, kwargs=kwargs))

    def feed_guid(self, obj=None):
        return self.feed_url(obj)

    def link(self, obj=None):
        return absolute(reverse("website:home"))

    def item_title(self, entry):
        return entry.title

    def item_link(self, entry):
        return entry.link

    def item_guid(self, entry):
        return entry.guid

    item_guid_is_permalink = False

    def item_description(self, entry):
        return entry.html

    def item_pubdate(self, entry):
        return entry.published

    def item_updateddate(self, entry):
        return entry.updated


class FindingFeed(SiteFeed):
    route = "website:feed-findings"

    def title(self):
        return _("New findings · %(site)s") % {"site": settings.SITE_NAME}

    def subtitle(self):
        return _("Findings of the blue paper as they are published, newest first.")

    def items(self):
        return finding_entries(public_findings()[:LIMIT])


class CorrectionFeed(SiteFeed):
    route = "website:feed-corrections"

    def title(self):
        return _("Corrections · %(site)s") % {"site": settings.SITE_NAME}

    def subtitle(self):
        return _("Every public change note: which finding changed, what changed, and when.")

    def items(self):
        return [correction_entry(note) for note in public_change_notes()[:LIMIT]]


class IndicatorFeed(SiteFeed):
    route = "website:feed-indicator"

    def get_object(self, request, indicator):
        return indicator

    def title(self, indicator):
        name = localized(indicator, "name").text
        return _("%(indicator)s · %(site)s") % {"indicator": name, "site": settings.SITE_NAME}

    def subtitle(self, indicator):
        return _("The indicator’s published figures and the findings citing it, newest first.")

    def link(self, indicator):
        return absolute(indicator.get_absolute_url())

    def items(self, indicator):
        return indicator_entries(indicator)


indicator_feed_view = IndicatorFeed()


def indicator_feed(request, slug):
    """/feeds/indicators/<slug>/: a renamed indicator's old address answers 301, as its page does."""
    indicator, moved = find_by_slug(Indicator.objects.all(), slug)
    if moved:
        return redirect("website:feed-indicator", slug=indicator.slug, permanent=True)
    return indicator_feed_view(request, indicator=indicator)


def feed_list(request):
    """/feeds/: what each feed holds, for a reader choosing one (a feed reader finds them by the links)."""
    page = page_of(request, Indicator.objects.published(), FEEDS_PER_PAGE)
    return render(request, "website/feeds.html", {"indicators": page.object_list, "page": page})
