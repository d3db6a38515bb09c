"""How the report is searched: findings (with their observations) and challenges (core/search.py)."""

from django.db.models import Prefetch
from django.utils import translation
from django.utils.html import escape

from core.publishing import published_prefetch
from core.search import Document, languages, own_text, plain_text, register, register_dependency
from core.text import render_markdown
from indicators.models import Indicator, Observation, Region
from indicators.search_index import figure_text

from .models import Challenge, Finding


def finding_documents(finding):
    for language in languages():
        with translation.override(language):
            # Figure tokens become the figure as the page shows it — only observations public
            # now; any other reads "[…]" here as on the page, and is found by its own entry below.
            title = plain_text(finding.with_figures(escape(own_text(finding, "title", language))))
            summary = finding.with_figures(render_markdown(own_text(finding, "summary", language)))
            body = finding.with_figures(render_markdown(own_text(finding, "body", language)))
        yield Document(language, title, plain_text(summary, body))
        for observation in finding.all_observations:
            text = figure_text(observation, language, with_indicator=True)
            yield Document(language, title, text, source=observation)


def findings_for_indexing():
    observations = Observation.objects.select_related("indicator", "region")
    return Finding.objects.prefetch_related(
        published_prefetch(Finding, "observations", observations),
        Prefetch("observations", queryset=observations, to_attr="all_observations"),
    )


def challenge_documents(challenge):
    for language in languages():
        description = plain_text(render_markdown(own_text(challenge, "description", language)))
        yield Document(language, own_text(challenge, "title", language), description)


register(Finding, documents=finding_documents, queryset=findings_for_indexing, rank=0, sources=(Observation,))
register(Challenge, documents=challenge_documents, rank=1)
# A finding's entries quote its observations, their indicators' names and units, and their regions.
register_dependency(Observation, lambda observation: observation.findings.all())
register_dependency(Indicator, lambda indicator: Finding.objects.filter(observations__indicator=indicator).distinct())
register_dependency(Region, lambda region: Finding.objects.filter(observations__region=region).distinct())
