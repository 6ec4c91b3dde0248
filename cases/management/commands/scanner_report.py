"""Print the identifier scanner's recall and precision on the labelled corpus."""

from pathlib import Path

from django.core.management.base import BaseCommand

from cases.scanner_eval import evaluate, load_corpus


class Command(BaseCommand):
    help = "Measure cases.deidentify.find_identifiers on the labelled corpus."

    def add_arguments(self, parser):
        parser.add_argument("--corpus", type=Path, help="corpus file (default: the test corpus)")
        parser.add_argument("--verbose", action="store_true", help="list misses and false alarms")

    def handle(self, *args, corpus=None, verbose=False, **options):
        snippets = load_corpus(corpus)
        self.stdout.write(f"Scanning {len(snippets)} snippets...")
        report = evaluate(snippets)
        self.stdout.write(
            f"snippets: {report.snippets} ({report.negatives} without identifiers)\n"
            f"labelled identifiers: {report.gold}, findings: {report.found}\n"
            f"recall: {report.recall:.3f} ({report.true_positives}/{report.gold})\n"
            f"precision: {report.precision:.3f} ({report.correct_findings}/{report.found})\n"
            f"kind agreement on found identifiers: "
            f"{report.kind_agreements}/{report.true_positives}"
        )
        if verbose:
            for kind, where in report.misses:
                self.stdout.write(f"MISS {kind}: {where}")
            for text, finding in report.false_alarms:
                self.stdout.write(f"FALSE {finding.kind} {finding.text!r}: {text}")
