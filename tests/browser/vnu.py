"""The Nu Html Checker (vnu.jar), fetched once from the npm registry and cached, like axe-core.

The browser journeys record every HTML page the live server sends (``record_pages``); one test
at the end of the run validates them all in a single Java process (``validate``), which keeps
the check to a few seconds however many pages were seen.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from pathlib import Path

from tests.browser.npm import npm_file

VERSION = "26.9.27"
INTEGRITY = (
    "sha512-TkQd5DFfOaWC9ebtvozTsrH2Vaod3jYg+vrOeREzIXxBexLz9+rS2DNtjn7+"
    "RPUiZhgli0SghgBX6RJRNea0KA=="
)
CACHE = Path(__file__).resolve().parents[2] / "var" / "cache" / f"vnu-{VERSION}.jar"


def vnu_jar() -> Path:
    if CACHE.exists():
        return CACHE
    jar = npm_file(
        package="vnu-jar",
        version=VERSION,
        integrity=INTEGRITY,
        member="package/build/dist/vnu.jar",
    )
    CACHE.parent.mkdir(parents=True, exist_ok=True)
    partial = CACHE.with_suffix(".part")
    partial.write_bytes(jar)
    partial.replace(CACHE)  # never a half-written jar in the cache
    return CACHE


def java() -> str | None:
    return shutil.which("java")


def validate(pages: dict[str, str]) -> list[str]:
    """Errors the checker finds in each page (name -> HTML), as "name:line: message" lines."""
    if not pages:
        return []
    with tempfile.TemporaryDirectory() as folder:
        names = {}
        for index, (name, html) in enumerate(sorted(pages.items())):
            path = Path(folder) / f"page-{index:04d}.html"
            path.write_text(html, encoding="utf-8")
            names[str(path)] = name
        command = [java(), "-Xss4m", "-jar", str(vnu_jar()), "--errors-only", "--format", "json"]
        result = subprocess.run(  # noqa: S603 - our own jar, on files we just wrote
            [*command, *names],
            capture_output=True,
            text=True,
            timeout=300,
        )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    errors = []
    for message in messages:
        url = message.get("url", "?")  # file:/tmp/.../page-0001.html
        where = names.get(url.removeprefix("file:"), url)
        errors.append(f"{where}:{message.get('lastLine', '?')}: {message['message']}")
    return errors
