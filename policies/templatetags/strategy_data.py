"""`{% strategy_json_ld strategy %}`: a strategy as a schema.org CreativeWork of the edition."""

from django import template

from bluepaper.structured_data import work_data
from core.structured_data import json_ld_script

register = template.Library()


@register.simple_tag
def strategy_json_ld(strategy):
    return json_ld_script(work_data(strategy, report=strategy.chapter.report, description_field="summary"))
