"""Score find_identifiers on a hand-labelled file: {{KIND|text}} marks an identifier."""
import re, sys, collections, os
sys.path.insert(0, os.getcwd())
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/rounds_eval")
import django; django.setup()
from cases.deidentify import find_identifiers
MARK = re.compile(r"\{\{(\w+)\|(.*?)\}\}")
tot = collections.Counter(); hit = collections.Counter(); fp = []; nf = 0; missed = []
for line in open(sys.argv[1], encoding="utf-8"):
    line = line.rstrip("\n")
    if not line.strip(): continue
    text, spans, pos = "", [], 0
    for m in MARK.finditer(line):
        text += line[pos:m.start()]; s = len(text); text += m.group(2); spans.append((s, len(text), m.group(1)))
        pos = m.end()
    text += line[pos:]
    fs = find_identifiers(text); nf += len(fs)
    for s, e, k in spans:
        tot[k] += 1
        if any(f.start < e and s < f.end for f in fs): hit[k] += 1
        else: missed.append((k, text[s:e], text[:60]))
    for f in fs:
        if not any(f.start < e and s < f.end for s, e, _ in spans): fp.append((f.kind, f.text, text[:60]))
T = sum(tot.values()); H = sum(hit.values())
print(f"recall {H}/{T} = {H/T:.3f}  precision {nf-len(fp)}/{nf} = {(nf-len(fp))/max(nf,1):.3f}")
for k in sorted(tot): print(f"  {k:9} {hit[k]}/{tot[k]}")
if "-v" in sys.argv:
    print("MISSED"); [print("  ", m) for m in missed]
    print("FALSE"); [print("  ", f) for f in fp]
