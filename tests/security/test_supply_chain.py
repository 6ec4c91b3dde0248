"""Supply chain and disclosure (issue 9, item 7): a hash-pinned lock, and security.txt.

Auditing the pinned versions against advisories needs the network (README: "Auditing
dependencies"), so it is not part of ``make test``; what is checked here is that there is
something exact to audit and install: every package pinned, every file hashed.
"""

from __future__ import annotations

import re
import tomllib
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
HASH = re.compile(r"^sha256:[0-9a-f]{64}$")


@pytest.fixture(scope="module")
def lock() -> dict:
    return tomllib.loads((ROOT / "uv.lock").read_text())


@pytest.fixture(scope="module")
def project() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())


def _third_party(lock: dict) -> list[dict]:
    return [p for p in lock["package"] if "registry" in p.get("source", {})]


def test_every_locked_package_is_pinned_and_every_file_has_a_sha256(lock):
    packages = _third_party(lock)
    assert len(packages) > 40
    for package in packages:
        assert re.fullmatch(r"\d[\w.+!-]*", package["version"]), package["name"]
        files = [*package.get("wheels", []), *([package["sdist"]] if "sdist" in package else [])]
        assert files, f"{package['name']} has no files in the lock"
        for entry in files:
            assert HASH.match(entry.get("hash", "")), (package["name"], entry.get("url"))
            assert entry["url"].startswith("https://files.pythonhosted.org/"), entry["url"]


def test_only_pypi_and_the_project_itself_are_sources(lock):
    for package in lock["package"]:
        source = package.get("source", {})
        assert (
            source.get("registry") == "https://pypi.org/simple" or source.get("virtual") == "."
        ), (
            package["name"],
            source,
        )


def test_every_declared_dependency_is_in_the_lock(lock, project):
    locked = {canonicalize_name(p["name"]) for p in lock["package"]}
    declared = [*project["project"]["dependencies"], *project["dependency-groups"]["dev"]]
    missing = [r for r in declared if canonicalize_name(Requirement(r).name) not in locked]
    assert not missing


def test_make_installs_from_the_lock_without_resolving_again():
    makefile = (ROOT / "Makefile").read_text()
    assert "sync --frozen" in makefile


def test_the_readme_says_how_to_audit_the_locked_dependencies():
    readme = (ROOT / "README.md").read_text()
    assert "## Auditing dependencies" in readme
    assert "pip-audit" in readme
    assert "--require-hashes" in readme


# --- /.well-known/security.txt (RFC 9116) -------------------------------------------------------


def _fields(body: str) -> dict[str, list[str]]:
    fields: dict[str, list[str]] = {}
    for line in body.splitlines():
        name, _sep, value = line.partition(": ")
        fields.setdefault(name, []).append(value)
    return fields


def test_security_txt_is_served_with_a_contact_a_future_expiry_and_its_canonical_url(
    client, settings
):
    settings.SITE_URL = "https://rounds.example.org"
    settings.SECURITY_CONTACTS = ["mailto:security@rounds.example.org"]
    response = client.get("/.well-known/security.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    fields = _fields(response.content.decode())
    assert fields["Contact"] == ["mailto:security@rounds.example.org"]
    assert fields["Canonical"] == ["https://rounds.example.org/.well-known/security.txt"]
    assert fields["Preferred-Languages"] == ["en"]
    (expires,) = fields["Expires"]
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", expires)
    when = datetime.strptime(expires, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    now = datetime.now(UTC)
    # In the future, and (as RFC 9116 recommends) less than a year away.
    assert now + timedelta(days=30) < when < now + timedelta(days=365)


def test_security_txt_expiry_follows_the_setting_and_the_clock(settings):
    from config.views import security_txt_body

    settings.SECURITY_TXT_EXPIRES_DAYS = 90
    later = datetime(2031, 6, 1, 12, 0, tzinfo=UTC)
    assert "Expires: 2031-08-30T12:00:00Z" in security_txt_body(now=later)
