"""Print the identifier scanner's recall and precision per kind, per corpus and per split."""

from pathlib import Path

from django.core.management.base import BaseCommand

from cases import native
from cases.scanner_eval import (
    LEAD_SPLITS,
    evaluate,
    lexicon_load,
    load_corpora,
    load_corpus,
    p95_ms_per_5000_chars,
)


class Command(BaseCommand):
    help = "Measure cases.deidentify.find_identifiers on every labelled corpus and split."

    def add_arguments(self, parser):
        parser.add_argument("--corpus", type=Path, help="measure only this labelled file")
        parser.add_argument("--only", help="measure only this corpus (project, clinical...)")
        parser.add_argument(
            "--split",
            choices=LEAD_SPLITS,
            help="only this split",
        )
        parser.add_argument("--verbose", action="store_true", help="list misses and false alarms")
        parser.add_argument(
            "--timing-only", action="store_true", help="skip recall and precision: time only"
        )
        parser.add_argument(
            "--repeat",
            type=int,
            default=1,
            help="scan each timed field this many times and keep its least time",
        )
        parser.add_argument(
            "--warm-up",
            type=int,
            default=100,
            help="first scan this many fields of other text, as a running server has (0: time "
            "a fresh process, whose first scans also fill its caches)",
        )

    def handle(self, *args, corpus=None, only=None, split=None, verbose=False, **options):
        corpora = {corpus.name: {"all": load_corpus(corpus)}} if corpus else load_corpora()
        for name, parts in corpora.items():
            if options["timing_only"]:
                break
            if only and name != only:
                continue
            for part, snippets in parts.items():
                if split and part != split:
                    continue
                self._report(f"{name} / {part}", evaluate(snippets), verbose)
        repeat = max(options["repeat"], 1)
        warm_up = max(options["warm_up"], 0)
        wall, cpu, median = p95_ms_per_5000_chars(corpora, repeat=repeat, warm_up=warm_up)
        how = "one scan of each of 40 fields" if repeat == 1 else f"least of {repeat} scans each"
        if warm_up:
            how += f", after {warm_up} fields of other text"
        self.stdout.write(
            f"\np95 per 5,000 characters: {wall:.1f} ms wall clock, {cpu:.1f} ms CPU time "
            f"(median {median:.1f} ms CPU; {how})"
        )
        self.stdout.write(
            "scanner: compiled with mypyc (cases/native.py)"
            if native.compiled()
            else f"scanner: run from its Python sources ({native.not_compiled})"
        )
        seconds, megabytes = lexicon_load()
        self.stdout.write(f"lexicon: read in {seconds:.2f} s, {megabytes:.0f} MB in memory")

    def _report(self, title, report, verbose):
        self.stdout.write(
            f"\n== {title}: {report.snippets} snippets ({report.negatives} without identifiers)\n"
            f"recall: {report.recall:.3f} ({report.true_positives}/{report.gold})   "
            f"precision: {report.precision:.3f} ({report.correct_findings}/{report.found})"
        )
        for kind in sorted(report.gold_by_kind):
            gold, hit = report.gold_by_kind[kind], report.found_by_kind[kind]
            self.stdout.write(f"  recall    {kind:<12} {hit / gold:.2f} ({hit}/{gold})")
        for kind in sorted(report.findings_by_kind):
            made, right = report.findings_by_kind[kind], report.correct_by_kind[kind]
            self.stdout.write(f"  precision {kind:<12} {right / made:.2f} ({right}/{made})")
        if verbose:
            for kind, where in report.misses:
                self.stdout.write(f"  MISS {kind}: {where}")
            for text, finding in report.false_alarms:
                self.stdout.write(f"  FALSE {finding.kind} {finding.text!r}: {text}")
