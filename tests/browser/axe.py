"""axe-core, fetched once from the npm registry (checked against its published hash) and cached."""

from __future__ import annotations

import base64
import hashlib
import io
import tarfile
import urllib.request
from pathlib import Path

VERSION = "4.14.1"
TARBALL = f"https://registry.npmjs.org/axe-core/-/axe-core-{VERSION}.tgz"
INTEGRITY = (
    "sha512-FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2"
    "S4r76ASyFNNtuFooJpZe37OgudVGtQ=="
)
CACHE = Path(__file__).resolve().parents[2] / "var" / "cache" / f"axe-core-{VERSION}.min.js"


def axe_source() -> str:
    if CACHE.exists():
        return CACHE.read_text()
    data = urllib.request.urlopen(TARBALL, timeout=60).read()
    algorithm, _, expected = INTEGRITY.partition("-")
    digest = base64.b64encode(hashlib.new(algorithm, data).digest()).decode()
    if digest != expected:
        raise RuntimeError("axe-core tarball does not match its published integrity hash")
    with tarfile.open(fileobj=io.BytesIO(data)) as archive:
        member = archive.extractfile("package/axe.min.js")
        assert member is not None
        source = member.read().decode()
    CACHE.parent.mkdir(parents=True, exist_ok=True)
    CACHE.write_text(source)
    return source


def serious_violations(page) -> list[dict]:
    """Run axe on the page; return the serious and critical violations (id, help, targets)."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        # Evaluated through the DevTools protocol, so the page's CSP does not block it.
        page.evaluate(axe_source())
    result = page.evaluate(
        """async () => {
            const r = await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21aa',
                                                        'wcag22aa', 'best-practice']});
            return r.violations.filter(v => ['serious', 'critical'].includes(v.impact))
              .map(v => ({id: v.id, help: v.help, targets: v.nodes.map(n => n.target.join(' '))}));
        }"""
    )
    return result


def violations_in_both_schemes(page) -> dict[str, list[dict]]:
    """serious_violations in the light and the dark colour scheme, keyed by scheme (empty when
    both pass); the page is left in the scheme it had."""
    dark = page.evaluate("() => matchMedia('(prefers-color-scheme: dark)').matches")
    found = {}
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        if violations := serious_violations(page):
            found[scheme] = violations
    page.emulate_media(color_scheme="dark" if dark else "light")
    return found
