"""Fetch a pinned `uv` from PyPI into .tools/bin without pip, venv or root.

A fresh Debian/Ubuntu machine may have python3 but neither pip nor the
python3-venv package. uv is published on PyPI as a wheel holding one static
binary, so reading PyPI's JSON API and unpacking that wheel is enough.
The wheel's sha256 from PyPI is checked before anything is written.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import platform
import stat
import sys
import urllib.parse
import urllib.request
import zipfile
from pathlib import Path

VERSION = "0.13.9"
DEST = Path(__file__).resolve().parent.parent / ".tools" / "bin"


def wheel_tag() -> str:
    machine = platform.machine().lower()
    arch = {"x86_64": "x86_64", "amd64": "x86_64", "aarch64": "aarch64", "arm64": "aarch64"}[
        machine
    ]
    if sys.platform == "darwin":
        return "macosx" if arch == "x86_64" else "macosx_11_0_arm64"
    return f"manylinux_2_17_{arch}.manylinux2014_{arch}.whl"


def main() -> None:
    target = DEST / "uv"
    if target.exists():
        return
    index = "https://pypi.org/pypi/uv/json"
    meta = json.load(urllib.request.urlopen(index))
    tag = wheel_tag()
    release = meta["releases"].get(VERSION, [])
    files = [f for f in release if f["filename"].endswith(".whl") and tag in f["filename"]]
    if not files:
        sys.exit(f"no uv {VERSION} wheel for {tag}; install uv yourself and put it on PATH")
    info = files[0]
    print(f"fetching {info['filename']} from PyPI", flush=True)
    # Mirrors may answer with relative links, so resolve against the index.
    data = urllib.request.urlopen(urllib.parse.urljoin(index, info["url"])).read()  # noqa: S310
    if hashlib.sha256(data).hexdigest() != info["digests"]["sha256"]:
        sys.exit("uv wheel checksum mismatch; refusing to install it")
    DEST.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(io.BytesIO(data)) as wheel:
        for name in wheel.namelist():
            if name.endswith(".data/scripts/uv"):
                target.write_bytes(wheel.read(name))
                target.chmod(target.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
                print(f"uv {VERSION} -> {os.path.relpath(target)}")
                return
    sys.exit("the uv wheel holds no uv binary")


if __name__ == "__main__":
    main()
