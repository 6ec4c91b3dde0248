"""One file out of a package on the npm registry, checked against its published integrity hash."""

from __future__ import annotations

import base64
import hashlib
import io
import tarfile
import urllib.request


def npm_file(*, package: str, version: str, integrity: str, member: str) -> bytes:
    """``member`` (a path inside the tarball, e.g. ``package/axe.min.js``) of package@version."""
    tarball = f"https://registry.npmjs.org/{package}/-/{package}-{version}.tgz"
    data = urllib.request.urlopen(tarball, timeout=120).read()
    algorithm, _, expected = integrity.partition("-")
    digest = base64.b64encode(hashlib.new(algorithm, data).digest()).decode()
    if digest != expected:
        raise RuntimeError(f"{package} tarball does not match its published integrity hash")
    with tarfile.open(fileobj=io.BytesIO(data)) as archive:
        extracted = archive.extractfile(member)
        assert extracted is not None, member
        return extracted.read()
