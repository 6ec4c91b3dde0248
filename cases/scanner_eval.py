"""Measuring the identifier scanner against the labelled corpus (used by a test and a command).

A labelled span counts as found when a finding overlaps it (whatever kind the finding names:
the author is shown the text either way); a finding counts as correct when it overlaps a
labelled span. Kind agreement is reported beside, for information.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

from cases.deidentify import Finding, find_identifiers

MARK = re.compile(r"\[\[([A-Z_0-9]+)\|(.+?)\]\]")


def default_corpus_path() -> Path:
    return Path(settings.BASE_DIR) / "tests" / "cases" / "deid_corpus.txt"


@dataclass
class Snippet:
    text: str
    spans: list[tuple[int, int, str]]


@dataclass
class Report:
    snippets: int = 0
    negatives: int = 0
    gold: int = 0
    found: int = 0
    true_positives: int = 0
    correct_findings: int = 0
    kind_agreements: int = 0
    misses: list[tuple[str, str]] = field(default_factory=list)
    false_alarms: list[tuple[str, Finding]] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.true_positives / self.gold if self.gold else 1.0

    @property
    def precision(self) -> float:
        return self.correct_findings / self.found if self.found else 1.0


def parse_line(line: str) -> Snippet:
    text, spans, pos = [], [], 0
    cursor = 0
    for m in MARK.finditer(line):
        text.append(line[pos : m.start()])
        cursor += m.start() - pos
        spans.append((cursor, cursor + len(m.group(2)), m.group(1)))
        text.append(m.group(2))
        cursor += len(m.group(2))
        pos = m.end()
    text.append(line[pos:])
    return Snippet("".join(text), spans)


def load_corpus(path: Path | None = None) -> list[Snippet]:
    lines = (path or default_corpus_path()).read_text(encoding="utf-8").splitlines()
    return [parse_line(line) for line in lines if line.strip() and not line.startswith("#")]


def evaluate(corpus: list[Snippet]) -> Report:
    report = Report()
    for snippet in corpus:
        findings = find_identifiers(snippet.text)
        report.snippets += 1
        report.negatives += not snippet.spans
        report.gold += len(snippet.spans)
        report.found += len(findings)
        for start, end, kind in snippet.spans:
            hits = [f for f in findings if f.start < end and start < f.end]
            if hits:
                report.true_positives += 1
                report.kind_agreements += any(f.kind == kind for f in hits)
            else:
                report.misses.append((kind, snippet.text[start:end] + "  <<  " + snippet.text))
        for f in findings:
            if any(f.start < end and start < f.end for start, end, _kind in snippet.spans):
                report.correct_findings += 1
            else:
                report.false_alarms.append((snippet.text, f))
    return report
