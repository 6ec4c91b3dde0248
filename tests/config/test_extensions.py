"""One typed extension point per lower app (``forums/extensions.py``, ``accounts/extensions.py``)
instead of a registry per feature, and each higher app plugs in from one file
(``forums/plugins.py``, ``cases/plugins.py``)."""

from __future__ import annotations

import ast
import dataclasses
from pathlib import Path

from accounts import extensions as accounts_extensions
from cases import plugins as cases_plugins
from forums import extensions as forums_extensions
from forums import plugins as forums_plugins

ROOT = Path(__file__).resolve().parents[2]


def _hooks(extension_class) -> list[str]:
    return [field.name for field in dataclasses.fields(extension_class) if field.name != "name"]


def test_the_extension_points_are_listed_in_one_typed_class_per_lower_app():
    assert _hooks(forums_extensions.Extension) == [
        "text_checks",
        "text_scanners",
        "learning_sources",
        "image_checks",
        "home_sections",
        "search_sources",
        "digest_sections",
        "following_sources",
        "unanswered_sources",
        "privacy_hiders",
        "report_previews",
        "thread_areas",
    ]
    assert _hooks(accounts_extensions.Extension) == [
        "export_sections",
        "deletion_hooks",
        "dashboard_queues",
        "verification_hooks",
        "contribution_kinds",
        "activity_areas",
        "page_servers",
    ]


def test_cases_plugs_into_forums_and_accounts_through_its_plugins_file():
    plugged = {ext.name: ext for ext in forums_extensions.plugged_in()}
    assert plugged["cases"] is cases_plugins.INTO_FORUMS
    into_accounts = {ext.name: ext for ext in accounts_extensions.plugged_in()}
    assert into_accounts["cases"] is cases_plugins.INTO_ACCOUNTS
    assert into_accounts["forums"] is forums_plugins.INTO_ACCOUNTS
    # Every forums hook has something from cases; what it added is what the site uses.
    for hook in _hooks(forums_extensions.Extension):
        assert getattr(cases_plugins.INTO_FORUMS, hook), hook
    assert forums_extensions.search_sources()["case"].label == "Cases"
    assert cases_plugins.INTO_FORUMS.text_checks[0] in forums_extensions.text_checks()
    assert cases_plugins.INTO_FORUMS.image_checks[0] in forums_extensions.image_checks()
    digest_names = [section.name for section in forums_extensions.digest_sections()]
    # forums' own sections, then what cases adds
    assert digest_names == [
        "unanswered",
        "followed",
        "thanks",
        "cases",
        "followed_cases",
        "unanswered_cases",
    ]
    keys = [queue.key for queue in accounts_extensions.dashboard_queues()]
    assert keys == [
        "cases_pending",
        "images_held",
        "privacy_flags",
        "reports",
        "verification",
        "hidden",
    ]
    assert set(accounts_extensions.export_sections()) == {
        "threads",
        "posts",
        "learning_log",
        "badges",
        "private_consults",
    }
    assert accounts_extensions.verification_hooks() == list(
        forums_plugins.INTO_ACCOUNTS.verification_hooks
    )
    # A profile's contributions: cases' kinds first, then forums'; cases names the areas.
    kinds = [kind.key for kind in accounts_extensions.contribution_kinds()]
    assert kinds == ["case", "outcome", "thread", "reply", "helpful", "accepted"]
    assert accounts_extensions.activity_area_label("cardiology") == "Cardiology"


def _calls(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Call):
            func = node.func
            names.add(func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", ""))
    return names


def test_only_the_plugins_files_plug_in_and_no_app_keeps_a_registry_of_its_own():
    plugging = sorted(
        str(path.relative_to(ROOT))
        for app in ("accounts", "forums", "cases")
        for path in (ROOT / app).rglob("*.py")
        if "plug_in" in _calls(path) and path.name != "extensions.py"
    )
    assert plugging == [
        "accounts/apps.py",  # accounts' own dashboard queue
        "cases/apps.py",  # calls cases/plugins.py
        "cases/plugins.py",
        "forums/apps.py",  # calls forums/plugins.py
        "forums/plugins.py",
    ]
    registries = sorted(
        f"{path.relative_to(ROOT)}: {node.name}"
        for app in ("accounts", "forums", "cases")
        for path in (ROOT / app).rglob("*.py")
        if "migrations" not in path.parts
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.FunctionDef)
        and (node.name == "register" or node.name.startswith("register_"))
    )
    assert registries == []
