"""The interpreter the venv is built on (.ci/pick-python, used by the Makefile)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PICK = ROOT / ".ci" / "pick-python"


def _run(*args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 - the project's script, or the interpreter it picked
        args, env={**os.environ, **env}, capture_output=True, text=True, timeout=30
    )


def _fake_python(path: Path, exit_code: int) -> Path:
    """An interpreter whose version check answers ``exit_code`` (1: older than 3.11)."""
    path.write_text(f"#!/bin/sh\nexit {exit_code}\n")
    path.chmod(0o755)
    return path


def test_the_first_candidate_of_3_11_or_newer_is_picked(tmp_path):
    old = _fake_python(tmp_path / "python3.10", 1)
    new = _fake_python(tmp_path / "python3.12", 0)
    other = _fake_python(tmp_path / "python3.13", 0)
    missing = tmp_path / "not-installed"
    result = _run(str(PICK), PICK_PYTHON_CANDIDATES=f"{missing} {old} {new} {other}")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(new)


def test_no_candidate_new_enough_fails_and_says_which_were_tried(tmp_path):
    old = _fake_python(tmp_path / "python3.9", 1)
    result = _run(str(PICK), PICK_PYTHON_CANDIDATES=f"{old} {tmp_path / 'absent'}")
    assert result.returncode == 1
    assert result.stdout == ""
    assert str(old) in result.stderr
    assert "3.11" in result.stderr


def test_the_default_pick_is_a_python_of_3_11_or_newer():
    picked = _run(str(PICK))
    assert picked.returncode == 0, picked.stderr
    check = _run(picked.stdout.strip(), "-c", "import sys; print(sys.version_info >= (3, 11))")
    assert check.stdout.strip() == "True"


@pytest.mark.skipif(bool(os.environ.get("UV_PYTHON")), reason="UV_PYTHON chose the interpreter")
def test_the_venv_runs_on_the_picked_interpreter():
    """`make install` builds the venv on what pick-python prints (a change rebuilds it)."""
    picked = _run(str(PICK)).stdout.strip()
    real = _run(picked, "-c", "import os, sys; print(os.path.realpath(sys.executable))")
    assert os.path.realpath(sys._base_executable) == real.stdout.strip()
