"""`{% report_json_ld report chapters %}`, `{% finding_json_ld finding %}`, `{% challenge_json_ld challenge %}`."""

from django import template

from core.structured_data import json_ld_script

from .. import structured_data

register = template.Library()


@register.simple_tag
def report_json_ld(report, chapters=()):
    return json_ld_script(structured_data.report_data(report, chapters))


@register.simple_tag(takes_context=True)
def finding_json_ld(context, finding):
    """The finding, naming the version on the page (`latest_version`, from the finding's view)."""
    return json_ld_script(structured_data.finding_data(finding, context.get("latest_version")))


@register.simple_tag
def challenge_json_ld(challenge):
    return json_ld_script(structured_data.challenge_data(challenge))
