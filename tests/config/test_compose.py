"""docker-compose.yml is checked against the project, since no Docker engine runs here."""

from __future__ import annotations

import importlib
import os
import re
import shutil
import sys
from pathlib import Path

import pytest
import yaml

from config import env

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
SERVICES = COMPOSE["services"]
BUILDERS = [name for name, spec in SERVICES.items() if "build" in spec]
APP_IMAGE = SERVICES[BUILDERS[0]]["image"] if BUILDERS else None
APP_SERVICES = [name for name, spec in SERVICES.items() if spec.get("image") == APP_IMAGE]
LONG_RUNNING = ["postgres", "redis", "mailpit", "web", "worker", "beat"]
# Read by Django or Celery themselves rather than by config/env.py.
FRAMEWORK_NAMES = {"DJANGO_SETTINGS_MODULE"}


def test_the_stack_has_every_service_a_deployment_needs():
    assert {"postgres", "redis", "web", "worker", "beat", "mailpit"} <= set(SERVICES)
    assert set(APP_SERVICES) >= {"web", "worker", "beat"}


@pytest.mark.parametrize("name", LONG_RUNNING)
def test_each_long_running_service_has_a_health_check(name):
    assert SERVICES[name]["healthcheck"]["test"]


def test_one_service_builds_the_image_and_the_others_reuse_it():
    """Built once: four build sections built the same image four times."""
    assert BUILDERS == ["migrate"]
    build = SERVICES["migrate"]["build"]
    assert (ROOT / build["context"] / build["dockerfile"]).is_file()
    assert set(APP_SERVICES) == {"migrate", "web", "worker", "beat"}
    for name in set(APP_SERVICES) - {"migrate"}:
        # Never pulled: the tag exists only where compose built it.
        assert SERVICES[name]["pull_policy"] == "never", name


@pytest.mark.parametrize("name", [name for name in SERVICES if name not in APP_SERVICES])
def test_every_other_image_is_pinned_to_a_release(name):
    image = SERVICES[name]["image"]
    _repository, _, tag = image.rpartition(":")
    assert "@sha256:" in image or re.fullmatch(r"v?\d+\.\d+(\.\d+)?(-[a-z0-9]+)?", tag), image


@pytest.mark.parametrize("name", LONG_RUNNING)
def test_long_running_services_restart(name):
    assert SERVICES[name]["restart"] in {"unless-stopped", "always"}


@pytest.mark.parametrize("name", ["web", "worker", "beat"])
def test_app_services_wait_for_the_migration(name):
    assert SERVICES[name]["depends_on"]["migrate"] == {
        "condition": "service_completed_successfully"
    }


def test_each_worker_replica_checks_itself_by_name():
    """A plain ``inspect ping`` passes while any one replica answers; each must ask itself."""
    command = SERVICES["worker"]["command"]
    assert command[command.index("--hostname") + 1] == "celery@%h"
    check = SERVICES["worker"]["healthcheck"]["test"][1]
    # $$ is compose's escape: the container's shell expands $HOSTNAME, the container's name.
    assert "--destination celery@$$HOSTNAME" in check


@pytest.mark.parametrize("name", APP_SERVICES)
def test_app_service_commands_exist_in_the_project(name):
    command = SERVICES[name]["command"]
    program = command[0]
    if program == "python":
        assert (ROOT / command[1]).is_file()
        from django.core.management import get_commands

        assert command[2] in get_commands()
    else:
        assert shutil.which(program, path=str(ROOT / ".venv" / "bin")), program
    if program == "gunicorn":
        module, _, attribute = command[1].partition(":")
        assert hasattr(importlib.import_module(module), attribute)
    if program == "celery":
        app_module = command[command.index("-A") + 1]
        assert importlib.import_module(app_module).celery_app.main == "rounds"


@pytest.fixture(scope="module")
def production_names():
    """Every variable the production settings read (importing them records the names)."""
    from django.conf import settings

    saved = {name: os.environ.get(name) for name in ("SECRET_KEY", "DATABASE_URL")}
    os.environ["SECRET_KEY"] = "x" * 20 + "-compose-test-key-not-used-anywhere-else"
    os.environ["DATABASE_URL"] = settings.DATABASE_URL
    try:
        sys.modules.pop("config.settings.production", None)
        importlib.import_module("config.settings.production")
    finally:
        sys.modules.pop("config.settings.production", None)
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
    return set(env.NAMES)


@pytest.mark.parametrize("name", APP_SERVICES)
def test_app_service_environment_names_are_read_by_the_settings(name, production_names):
    names = set(SERVICES[name]["environment"])
    unknown = names - production_names - FRAMEWORK_NAMES
    assert not unknown, f"{name} sets variables the settings never read: {sorted(unknown)}"


def test_the_settings_module_named_in_compose_exists():
    module = SERVICES["web"]["environment"]["DJANGO_SETTINGS_MODULE"]
    assert (ROOT / (module.replace(".", "/") + ".py")).is_file()


def test_app_services_reach_the_database_and_broker_services_by_name():
    environment = SERVICES["web"]["environment"]
    assert "@postgres:5432/" in environment["DATABASE_URL"]
    assert environment["REDIS_URL"].startswith("redis://redis:6379")
    assert environment["EMAIL_URL"] == "smtp://mailpit:1025"
    credentials = SERVICES["postgres"]["environment"]
    assert (
        f"{credentials['POSTGRES_USER']}:{credentials['POSTGRES_PASSWORD']}@postgres:5432/"
        f"{credentials['POSTGRES_DB']}" in environment["DATABASE_URL"]
    )


def test_two_web_replicas_and_two_workers_share_uploads_and_state():
    """Scale-out without code changes: nothing a request needs lives in one container."""
    assert SERVICES["web"]["deploy"]["replicas"] == 2
    assert SERVICES["worker"]["deploy"]["replicas"] == 2
    # One host port per web replica; sessions and cache go to the shared Redis.
    assert SERVICES["web"]["ports"] == ["8000-8001:8000"]
    for name in APP_SERVICES:
        mounts = {volume.split(":")[1] for volume in SERVICES[name]["volumes"]}
        assert {"/app/var/media", "/app/var/private"} <= mounts, name
        assert SERVICES[name]["environment"]["REDIS_URL"].startswith("redis://redis:")
    assert {"media", "private"} <= set(COMPOSE["volumes"])


def _docker_ignores(path: str) -> bool:
    """Whether .dockerignore keeps ``path`` out of the build context (last matching rule wins)."""
    from fnmatch import fnmatch

    ignored = False
    for line in (ROOT / ".dockerignore").read_text().splitlines():
        rule = line.strip()
        if not rule or rule.startswith("#"):
            continue
        negate = rule.startswith("!")
        pattern = rule.removeprefix("!").removeprefix("**/")
        if fnmatch(path, pattern) or fnmatch(path.rsplit("/", 1)[-1], pattern):
            ignored = not negate
    return ignored


@pytest.mark.parametrize(
    "path", [".env", ".env.production", "deploy.pem", ".venv", "var", ".git", ".build"]
)
def test_the_image_never_bakes_in_secrets_or_local_state(path):
    assert _docker_ignores(path)


@pytest.mark.parametrize("path", [".env.example", "manage.py", "config/settings/base.py"])
def test_the_image_keeps_what_it_needs(path):
    assert not _docker_ignores(path)


def test_the_image_can_back_up_the_compose_database():
    """pg_dump refuses a server newer than itself: the image's client matches postgres."""
    server_major = SERVICES["postgres"]["image"].split(":")[1].split(".")[0]
    dockerfile = (ROOT / ".docker" / "Dockerfile").read_text()
    assert f"postgresql-client-{server_major}" in dockerfile
    mounts = {volume.split(":")[1] for volume in SERVICES["web"]["volumes"]}
    assert "/app/var/backups" in mounts


def test_the_image_runs_the_compiled_scanner():
    """The scanner is compiled in a build stage (cases/native.py) from the lock file's
    scanner-build group, and only its build reaches the image."""
    import tomllib

    dockerfile = (ROOT / ".docker" / "Dockerfile").read_text()
    _, builder, image = dockerfile.split("\nFROM ")
    assert " AS scanner\n" in builder
    groups = tomllib.loads((ROOT / "pyproject.toml").read_text())["dependency-groups"]
    assert {"mypy", "setuptools"} <= {spec.split(">")[0] for spec in groups["scanner-build"]}
    assert "--only-group scanner-build" in builder
    assert "native.main()" in builder
    assert "gcc" in builder
    assert "gcc" not in image
    assert "COPY --from=scanner /app/.build/scanner/ /app/.build/scanner/" in image
    # Both stages start from the same Python, so the build's key (its ABI) matches.
    assert builder.split("\n")[0].split()[0] == image.split("\n")[0].split()[0]
