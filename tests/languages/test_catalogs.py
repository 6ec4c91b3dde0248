"""The translation catalogs: every language complete, compiled as committed (issue 27)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

CATALOGS = sorted(
    path
    for folder in settings.LOCALE_PATHS
    for path in Path(folder).glob("*/LC_MESSAGES/*.po")
    if path.parts[-3] != "en"
)
ENTRY = re.compile(r"\n\n(?=#|msgid)")


def entries(path: Path) -> list[str]:
    return [e for e in ENTRY.split(path.read_text()) if "\nmsgid" in "\n" + e]


def msgid(entry: str) -> str:
    found = re.search(r'^msgid ((?:".*"\n?)+)', entry, re.M)
    return "".join(re.findall(r'"(.*)"', found[1])) if found else ""


def test_there_is_a_spanish_catalog_for_the_templates_the_scripts_and_each_app():
    found = {str(path.relative_to(settings.BASE_DIR)) for path in CATALOGS}
    assert found >= {
        "config/locale/es/LC_MESSAGES/django.po",
        "config/locale/es/LC_MESSAGES/djangojs.po",
        "accounts/locale/es/LC_MESSAGES/django.po",
        "forums/locale/es/LC_MESSAGES/django.po",
        "cases/locale/es/LC_MESSAGES/django.po",
    }


@pytest.mark.parametrize("path", CATALOGS, ids=lambda p: "/".join(p.parts[-5:]))
def test_every_string_is_translated_and_none_is_a_guess(path):
    """Run ``make messages`` after marking new strings, then translate what it adds: an empty
    ``msgstr`` shows English on a Spanish page, a ``fuzzy`` one is msgmerge's guess and is not
    used at all."""
    untranslated, fuzzy = [], []
    for entry in entries(path):
        if not msgid(entry):
            continue  # the header
        if re.search(r"^#,.*\bfuzzy\b", entry, re.M):
            fuzzy.append(msgid(entry))
        if re.search(r'^msgstr(\[\d\])? ""\n(?!")', entry + "\n", re.M):
            untranslated.append(msgid(entry))
    assert not untranslated, f"untranslated in {path.name}: {untranslated[:20]}"
    assert not fuzzy, f"fuzzy (check, then drop the flag) in {path.name}: {fuzzy[:20]}"


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext is not installed")
@pytest.mark.parametrize("path", CATALOGS, ids=lambda p: "/".join(p.parts[-5:]))
def test_the_committed_mo_is_the_po_compiled(path, tmp_path):
    """Django reads the .mo: a .po edited without ``make messages`` (compilemessages) would not
    show. msgfmt also checks that each translation keeps its placeholders."""
    compiled = tmp_path / "compiled.mo"
    msgfmt = shutil.which("msgfmt") or "msgfmt"
    subprocess.run(  # noqa: S603 - GNU msgfmt on our own catalog, fixed arguments
        [msgfmt, "--check-format", "-o", str(compiled), str(path)], check=True
    )
    assert path.with_suffix(".mo").read_bytes() == compiled.read_bytes(), "run make messages"
