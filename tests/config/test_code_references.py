"""Comments and docstrings name code that exists: every dotted name of ours they mention
(``forums.posting.edit_post``, ``forums/pages/thread.py: thread``) resolves, so a rename that leaves
a comment behind fails here instead of misleading the next reader."""

from __future__ import annotations

import importlib
import importlib.util
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APPS = ("accounts", "forums", "cases", "config")
# Three parts or more (``forums.posting.edit_post``): two are as often a variable's method
# (``cases.append``) or a task's name as a module. Not a prefix (``forums.moderation.hide_*``).
DOTTED = re.compile(r"(?<![\w./-])((?:accounts|forums|cases|config)(?:\.\w+){2,})(?![\w*])")
FILE_AND_NAME = re.compile(r"\b((?:accounts|forums|cases|config)(?:/\w+)+)\.py: (\w+)")


def _sources() -> list[Path]:
    files = [p for app in APPS for p in (ROOT / app).rglob("*.py") if "migrations" not in p.parts]
    return files + sorted((ROOT / "templates").rglob("*.html"))


def _resolves(dotted: str) -> bool:
    parts = dotted.split(".")
    if parts[1][:1].isupper():  # a model's label and a field: accounts.Specialty.slug
        from django.apps import apps
        from django.core.exceptions import FieldDoesNotExist

        try:
            model = apps.get_model(parts[0], parts[1])
            return all(model._meta.get_field(name) for name in parts[2:])
        except (LookupError, FieldDoesNotExist):
            return False
    for cut in range(len(parts), 0, -1):
        module = ".".join(parts[:cut])
        try:
            if importlib.util.find_spec(module) is None:
                continue
        except ImportError:
            continue
        rest = parts[cut:]
        if module.startswith("config.settings."):
            # Settings modules read the environment when imported: look for the name instead.
            source = Path(importlib.util.find_spec(module).origin).read_text()
            return all(re.search(rf"^{name}\b", source, re.M) for name in rest)
        target = importlib.import_module(module)
        for name in rest:
            if not hasattr(target, name):
                return False
            target = getattr(target, name)
        return True
    return False


def _references() -> list[tuple[str, str]]:
    found = []
    for path in _sources():
        text = path.read_text()
        where = str(path.relative_to(ROOT))
        found += [(where, m.group(1).rstrip(".")) for m in DOTTED.finditer(text)]
        found += [
            (where, m.group(1).replace("/", ".") + "." + m.group(2))
            for m in FILE_AND_NAME.finditer(text)
        ]
    # Template and static paths such as "forums/thread.html" are not code.
    return sorted({(w, ref) for w, ref in found if not ref.endswith((".html", ".txt", ".py"))})


def test_every_dotted_name_of_ours_in_the_code_resolves():
    missing = [f"{where}: {ref}" for where, ref in _references() if not _resolves(ref)]
    assert missing == []


@pytest.mark.parametrize(
    "ref", ["forums.posting.edit_post", "forums.pages.thread.thread", "accounts.Specialty.slug"]
)
def test_the_check_resolves_names_that_exist(ref):
    assert _resolves(ref)


@pytest.mark.parametrize(
    "ref", ["forums.editing.edit_post", "forums.views.thread_skeleton", "accounts.Specialty.code"]
)
def test_the_check_catches_names_that_do_not(ref):
    assert not _resolves(ref)
