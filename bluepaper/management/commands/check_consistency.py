"""Print the consistency report; exit with status 1 when it finds a problem (for CI)."""

from django.core.management.base import BaseCommand, CommandError

from bluepaper.consistency import consistency_report


class Command(BaseCommand):
    help = "List typed numbers no observation backs, stale findings and observations without a source."

    def handle(self, *args, **options):
        report = consistency_report()
        for finding, field, number in report.untied_numbers:
            self.stdout.write(f"number not tied to an observation: finding {finding.key} {field}: {number}")
        for finding, field, token in report.unknown_tokens:
            self.stdout.write(f"figure token of no observation of the finding: finding {finding.key} {field}: {token}")
        for finding, observations in report.stale_findings:
            ids = ", ".join(str(obs.pk) for obs in observations) or "none"
            self.stdout.write(
                f"stale: finding {finding.key} — its page differs from its last published version "
                f"(observations revised since: {ids}); check its text, then save it to record a new version"
            )
        for observation in report.unsourced_observations:
            self.stdout.write(f"no source: observation {observation.pk} ({observation})")
        if report.problem_count:
            raise CommandError(f"{report.problem_count} consistency problem(s).")
        self.stdout.write("Consistency report: no problems.")
