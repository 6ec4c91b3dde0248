"""Score find_identifiers on a hand-labelled file: {{KIND|text}} marks an identifier.

    .venv/bin/python tests/cases/scanner_corpora/lead/score_marked.py FILE [-v]

(``python manage.py scanner_report --only lead`` measures the same file with the project's
scoring; this script prints a short listing of misses and false findings.)
"""

import collections
import os
import re
import sys

sys.path.insert(0, os.getcwd())
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/rounds_eval")
import django

django.setup()
from cases.deidentify import find_identifiers  # noqa: E402 (needs django.setup())

MARK = re.compile(r"\{\{(\w+)\|(.*?)\}\}")


def main() -> None:
    tot, hit = collections.Counter(), collections.Counter()
    fp, missed, nf = [], [], 0
    with open(sys.argv[1], encoding="utf-8") as f:
        lines = [line.rstrip("\n") for line in f if line.strip()]
    for line in lines:
        text, spans, pos = "", [], 0
        for m in MARK.finditer(line):
            text += line[pos : m.start()]
            s = len(text)
            text += m.group(2)
            spans.append((s, len(text), m.group(1)))
            pos = m.end()
        text += line[pos:]
        fs = find_identifiers(text)
        nf += len(fs)
        for s, e, k in spans:
            tot[k] += 1
            if any(f.start < e and s < f.end for f in fs):
                hit[k] += 1
            else:
                missed.append((k, text[s:e], text[:60]))
        for f in fs:
            if not any(f.start < e and s < f.end for s, e, _ in spans):
                fp.append((f.kind, f.text, text[:60]))
    total, found = sum(tot.values()), sum(hit.values())
    right = nf - len(fp)
    print(
        f"recall {found}/{total} = {found / total:.3f}  precision {right}/{nf} = "
        f"{right / max(nf, 1):.3f}"
    )
    for k in sorted(tot):
        print(f"  {k:9} {hit[k]}/{tot[k]}")
    if "-v" in sys.argv:
        print("MISSED")
        for m in missed:
            print("  ", m)
        print("FALSE")
        for f in fp:
            print("  ", f)


main()
