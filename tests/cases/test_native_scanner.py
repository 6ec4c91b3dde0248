"""The identifier scanner compiled with mypyc (cases/native.py): used only when its build
matches the sources, and finding exactly what the sources find."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.core import checks
from django.utils import autoreload

from cases import native
from cases.deidentify import find_identifiers
from cases.scanner_eval import load_corpora

ROOT = Path(__file__).resolve().parents[2]
# `make test` builds the scanner first (make install): there, running from the sources is a
# failure, not a reason to skip.
REQUIRED = os.environ.get("ROUNDS_SCANNER_REQUIRED") == "1"


def _need_compiled():
    if native.compiled():
        return
    if REQUIRED:
        pytest.fail(f"the scanner runs from its sources under make test: {native.not_compiled}")
    pytest.skip(f"the scanner is not compiled here: {native.not_compiled}")


def test_make_test_runs_the_compiled_scanner():
    _need_compiled()
    import cases.deidentify.names as names

    assert native.not_compiled == ""
    # Every module of the package comes from the build, none from the sources.
    assert Path(names.__file__).suffix == ".so"
    assert native.BUILDS in Path(names.__file__).parents


def _findings(texts):
    return [
        [(f.start, f.end, f.kind, f.text, str(f.fix)) for f in find_identifiers(t)] for t in texts
    ]


def test_compiled_and_source_scanners_find_the_same_on_every_corpus(tmp_path):
    _need_compiled()
    texts = [s.text for parts in load_corpora().values() for c in parts.values() for s in c]
    assert len(texts) > 2000
    (tmp_path / "texts.json").write_text(json.dumps(texts))
    script = (
        "import json, sys\n"
        "from cases import native\n"
        "from cases.deidentify import find_identifiers\n"
        "assert not native.compiled(), native.not_compiled\n"
        "texts = json.load(open(sys.argv[1]))\n"
        "json.dump([[(f.start, f.end, f.kind, f.text, str(f.fix)) for f in find_identifiers(t)]"
        " for t in texts], open(sys.argv[2], 'w'))\n"
    )
    env = {
        **os.environ,
        "ROUNDS_SCANNER": "python",
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
    }
    subprocess.run(  # noqa: S603 (this interpreter, the test's own script)
        [sys.executable, "-c", "import django; django.setup()\n" + script,
         str(tmp_path / "texts.json"), str(tmp_path / "source.json")],
        cwd=ROOT, env=env, check=True, timeout=600,
    )  # fmt: skip
    from_sources = json.loads((tmp_path / "source.json").read_text())
    compiled = json.loads(json.dumps(_findings(texts)))
    assert sum(map(len, compiled)) > 3000
    differing = [
        texts[i][:80] for i, (a, b) in enumerate(zip(compiled, from_sources, strict=True)) if a != b
    ]
    assert differing == []
    assert len(compiled) == len(from_sources)


def test_the_build_key_follows_how_the_package_is_compiled(monkeypatch):
    key = native.source_key()
    monkeypatch.setattr(native, "OPT_LEVEL", "0")
    assert native.source_key() != key
    monkeypatch.undo()
    assert native.source_key() == key


def test_the_build_key_follows_the_interpreters_build(monkeypatch):
    """Two builds of Python 3.11 share the extension suffix; a build made by one is not used
    by the other."""
    key = native.source_key()
    monkeypatch.setattr(sys, "version", sys.version + " (another build)")
    assert native.source_key() != key
    monkeypatch.undo()
    assert native.source_key() == key


def test_the_build_key_follows_every_file_of_the_package(tmp_path):
    copy = tmp_path / "deidentify"
    shutil.copytree(native.SOURCES, copy, ignore=shutil.ignore_patterns("__pycache__"))
    key = native.source_key(copy)
    assert key == native.source_key(native.SOURCES)
    names = copy / "names.py"
    names.write_text(names.read_text() + "\n# an edited rule\n")
    edited = native.source_key(copy)
    assert edited != key
    (copy / "new_rule.py").write_text("X = 1\n")
    assert native.source_key(copy) not in {key, edited}
    lexicon = copy / "lexicon.tsv.gz"
    lexicon.write_bytes(lexicon.read_bytes() + b"\0")
    assert len({key, edited, native.source_key(copy)}) == 3


def _activate_in_a_fresh_process(builds: Path, **env):
    script = (
        "from pathlib import Path\n"
        "from cases import native\n"
        "import cases.deidentify as d\n"
        "print(native.compiled(), '|', native.not_compiled, '|', d.__file__)\n"
    )
    out = subprocess.run(  # noqa: S603 (this interpreter, the test's own script)
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True,
        env={**os.environ, **env, "ROUNDS_SCANNER_BUILDS": str(builds)}, timeout=120,
    )  # fmt: skip
    return [part.strip() for part in out.stdout.split("|")]


def test_a_build_of_other_sources_is_never_used(tmp_path):
    # A build directory named by another key (sources edited since): the sources run.
    (tmp_path / "0123456789abcdef01234567" / "cases" / "deidentify").mkdir(parents=True)
    compiled, reason, module = _activate_in_a_fresh_process(tmp_path)
    assert compiled == "False"
    assert "no build of these sources" in reason
    assert module == str(native.SOURCES / "__init__.py")


def test_the_build_of_these_sources_is_used_unless_python_is_asked_for():
    _need_compiled()
    compiled, reason, module = _activate_in_a_fresh_process(native.BUILDS)
    assert (compiled, reason) == ("True", "")
    assert module.startswith(str(native.BUILDS / native.source_key()))
    compiled, reason, module = _activate_in_a_fresh_process(native.BUILDS, ROUNDS_SCANNER="python")
    assert (compiled, reason) == ("False", "ROUNDS_SCANNER=python")
    assert module.endswith("cases/deidentify/__init__.py")


def test_check_warns_when_the_scanner_runs_from_its_sources(monkeypatch):
    monkeypatch.setattr(native, "not_compiled", "no build of these sources in /x")
    warnings = [m for m in checks.run_checks() if m.id == "cases.W001"]
    assert len(warnings) == 1
    assert "no build of these sources" in warnings[0].msg
    assert "make install" in warnings[0].hint
    monkeypatch.setattr(native, "not_compiled", "")
    assert [m for m in checks.run_checks() if m.id == "cases.W001"] == []


def test_runserver_reloads_on_an_edit_of_a_scanner_rule():
    reloader = autoreload.StatReloader()
    autoreload.autoreload_started.send(sender=reloader)
    watched = set(reloader.watched_files(include_globs=True))
    assert native.SOURCES / "names.py" in watched


def test_a_finding_compares_hashes_and_reads_as_the_dataclass_did():
    """``Finding`` is written out (a frozen dataclass's ``__init__`` stays interpreted in the
    build): equal when all but the fix are, hashed alike, read back by its repr, and not to be
    changed once made (compiled, its ``Final`` attributes have no setter)."""
    from cases.deidentify.finding import Finding

    a = Finding(3, 9, "NAME", "Ngozi", "[name]")
    b = Finding(3, 9, "NAME", "Ngozi")
    assert a == b
    assert hash(a) == hash(b)
    assert len({a, b}) == 1
    assert a != Finding(3, 9, "GEO", "Ngozi")
    assert a != (3, 9, "NAME", "Ngozi")
    read = (a.start, a.end, a.kind, a.text, a.fix, a.key)
    assert read == (3, 9, "NAME", "Ngozi", "[name]", "3-9-NAME")
    assert eval(repr(a), {"Finding": Finding}) == a  # noqa: S307 - our own repr
    assert find_identifiers("Seen by Dr Ngozi Okafor today.")[0] == Finding(
        8, 23, "NAME", "Dr Ngozi Okafor"
    )
    _need_compiled()
    with pytest.raises(AttributeError):
        a.start = 4  # type: ignore[misc]
