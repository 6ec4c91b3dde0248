"""The identifier scanner compiled to C with mypyc, used only when the build matches the sources.

``cases.deidentify`` is ordinary typed Python; ``make install`` also compiles it with mypyc
(shipped in mypy's wheel, so nothing outside the lock file) into ``.build/scanner/<key>/``,
where ``key`` is a hash of every file of the package and of the interpreter (its ABI and its
build). Compiled, a scan takes about a fifth less time and finds exactly the same identifiers
(checked by ``tests/cases/test_native_scanner.py`` on every corpus).

When this package is imported, ``activate()`` looks for the build of the sources as they are
now. If it is there, a finder placed before Python's own serves ``cases.deidentify`` and its
modules from it; if not (a bare clone, a machine without a C compiler, a rule edited since the
last build), the sources run as they are: slower, never stale. ``ROUNDS_SCANNER=python``
forces the sources. ``manage.py check`` warns when the compiled scanner is not in use.

Build by hand: ``make scanner`` (about a minute and a half on two cores).
"""

from __future__ import annotations

import hashlib
import importlib.machinery
import os
import sys
import sysconfig
from pathlib import Path

PACKAGE = "cases.deidentify"
SOURCES = Path(__file__).resolve().with_name("deidentify")
BUILDS = Path(os.environ.get("ROUNDS_SCANNER_BUILDS") or SOURCES.parents[1] / ".build" / "scanner")
# The shared library every compiled module's shim loads: a top-level module name.
GROUP = "rounds_scanner"
# How it is compiled (part of the build's key): mypy's defaults, not the project's configuration
# (its Django plugin needs the settings), and Django, imported for translations only, untyped.
MYPY_OPTIONS = ("--config-file=", "--no-site-packages", "--ignore-missing-imports")
OPT_LEVEL = "3"
# One C file per module, compiled as many at a time as there are cores.
MULTI_FILE = True


def source_key(sources: Path = SOURCES) -> str:
    """A hash of every file of the package (rules and lexicon), of how it is compiled and of
    the interpreter (its ABI and its build): a build is used only by the sources and the
    Python it was made from."""
    digest = hashlib.blake2b(digest_size=12)
    digest.update(str(sysconfig.get_config_var("EXT_SUFFIX")).encode())
    # Two builds of one Python version share the suffix but not always the internals mypyc's
    # code reaches into (pyenv's 3.11.7 and Debian's 3.11.2, say): each gets its own build.
    digest.update(sys.version.encode())
    digest.update(repr((GROUP, MYPY_OPTIONS, OPT_LEVEL, MULTI_FILE)).encode())
    for path in sorted(sources.iterdir()):
        if path.is_file() and path.suffix in {".py", ".gz"}:
            digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


class _CompiledScanner:
    """A meta-path finder (a plain class: importlib.abc alone costs 17 ms at start-up) for
    the scanner's package and its shared library in one build directory."""

    def __init__(self, build: Path):
        self.build = build

    def find_spec(self, fullname, path=None, target=None):
        if fullname == PACKAGE:
            return importlib.machinery.PathFinder.find_spec(fullname, [str(self.build / "cases")])
        if fullname == f"{GROUP}__mypyc":
            return importlib.machinery.PathFinder.find_spec(fullname, [str(self.build)])
        return None  # the package's modules follow its __path__, in the build


# Why the sources run instead of a build, or "" when the build is in use.
not_compiled = "not activated"


def activate() -> None:
    """Use the compiled scanner when a build of the current sources exists (once per process)."""
    global not_compiled
    if any(isinstance(finder, _CompiledScanner) for finder in sys.meta_path):
        return
    if os.environ.get("ROUNDS_SCANNER") == "python":
        not_compiled = "ROUNDS_SCANNER=python"
        return
    if PACKAGE in sys.modules:
        not_compiled = "the sources were imported before the build could be"
        return
    build = _build_of(source_key())
    if build is None:
        not_compiled = f"no build of these sources in {BUILDS} (make install builds it)"
        return
    sys.meta_path.insert(0, _CompiledScanner(build))
    not_compiled = ""


def compiled() -> bool:
    """Whether the scanner imported in this process is the compiled build."""
    module = sys.modules.get(PACKAGE)
    return module is not None and not str(module.__file__).endswith(".py")


def check_compiled(app_configs=None, **kwargs):
    """``manage.py check``: a warning when the scanner will run from its sources."""
    from django.core.checks import Warning

    if not_compiled == "" or not_compiled.startswith("ROUNDS_SCANNER"):
        return []
    return [
        Warning(
            f"The identifier scanner runs from its Python sources: {not_compiled}.",
            hint="Run `make install` (or `make scanner`) to compile it: scans take "
            "about a fifth less time.",
            id="cases.W001",
        )
    ]


def watch_sources(sender, **kwargs) -> None:
    """runserver's reloader: restart on an edit of the scanner's sources."""
    sender.watch_dir(SOURCES, "*.py")


def build(quiet: bool = False) -> Path:
    """Compile the package into ``BUILDS/<key>`` (nothing to do when it is there) and remove
    builds of earlier sources. Needs mypy (a development dependency), setuptools and a C
    compiler; the result runs without any of them."""
    key = source_key()
    target = BUILDS / key
    if _build_of(key):
        return target
    import contextlib
    import io
    import shutil
    import tempfile

    BUILDS.mkdir(parents=True, exist_ok=True)
    if not quiet:
        print("Compiling the identifier scanner with mypyc (a minute or two, once per change of"
              " its files)...", flush=True)  # fmt: skip
    from mypyc.build import mypycify
    from setuptools import setup

    work = Path(tempfile.mkdtemp(prefix="work-", dir=BUILDS))
    try:
        # Compile a copy, so the sources can change during the build without a mismatch.
        package = work / "src" / "cases" / "deidentify"
        shutil.copytree(SOURCES, package, ignore=shutil.ignore_patterns("__pycache__"))
        (package.parent / "__init__.py").write_text("")
        if source_key(package) != key:
            raise RuntimeError("the scanner's sources changed while they were copied")
        modules = sorted(str(p.relative_to(work / "src")) for p in package.glob("*.py"))
        cwd = os.getcwd()
        os.chdir(work / "src")
        try:
            with contextlib.redirect_stdout(io.StringIO()) as notes:
                try:
                    extensions = mypycify(
                        [*MYPY_OPTIONS, *modules], opt_level=OPT_LEVEL, group_name=GROUP,
                        target_dir="c", multi_file=MULTI_FILE,
                    )  # fmt: skip
                except SystemExit:
                    print(notes.getvalue(), file=sys.stderr)  # mypy's errors
                    raise
            setup(
                name="rounds-scanner",
                ext_modules=extensions,
                script_args=["--quiet", "build_ext", "--parallel", str(os.cpu_count() or 1),
                             "--build-lib", str(work / "out"), "--build-temp", str(work / "tmp")],
            )  # fmt: skip
        finally:
            os.chdir(cwd)
        # The lexicon is read next to the module that reads it (the key covers it too).
        shutil.copy2(package / "lexicon.tsv.gz", work / "out" / "cases" / "deidentify")
        try:
            os.replace(work / "out", target)  # whole or nothing: the key names a finished build
        except OSError:
            if not _build_of(key):
                raise  # else another `make install` finished the same build first
    finally:
        shutil.rmtree(work, ignore_errors=True)
    for old in BUILDS.iterdir():
        if old.is_dir() and old.name != key and not old.name.startswith("work-"):
            shutil.rmtree(old, ignore_errors=True)
    return target


def _build_of(key: str) -> Path | None:
    """The finished build named ``key`` (the build moves into place whole), or None."""
    build = BUILDS / key
    return build if (build / "cases" / "deidentify").is_dir() else None


def built() -> bool:
    """Whether the build of the current sources exists."""
    return _build_of(source_key()) is not None


def main() -> None:
    """``make scanner`` (part of ``make install``): build, or say why the sources will run."""
    try:
        print(f"The compiled identifier scanner: {build()}")
    except (Exception, SystemExit) as error:  # setuptools exits on a compiler's error
        print(
            f"Could not compile the identifier scanner ({type(error).__name__}: {error}); it "
            "will run from its Python sources, about a fifth slower.",
            file=sys.stderr,
        )
