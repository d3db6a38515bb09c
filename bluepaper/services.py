"""Writes that touch several models of the report."""

from .models import Finding


def finding_link_figures(*, finding: Finding) -> None:
    """Link a finding to the indicators and regions of its figures, so cross-links agree."""
    observations = list(finding.observations.values_list("indicator_id", "region_id"))
    indicator_ids = {indicator for indicator, _ in observations}
    region_ids = {region for _, region in observations}
    finding.indicators.add(*indicator_ids)
    finding.regions.add(*region_ids)
