"""axe-core, fetched once from the npm registry (checked against its published hash) and cached."""

from __future__ import annotations

from pathlib import Path

from tests.browser.npm import npm_file

VERSION = "4.14.1"
INTEGRITY = (
    "sha512-FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2"
    "S4r76ASyFNNtuFooJpZe37OgudVGtQ=="
)
CACHE = Path(__file__).resolve().parents[2] / "var" / "cache" / f"axe-core-{VERSION}.min.js"


def axe_source() -> str:
    if CACHE.exists():
        return CACHE.read_text()
    source = npm_file(
        package="axe-core", version=VERSION, integrity=INTEGRITY, member="package/axe.min.js"
    ).decode()
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
