"""The shape of the code: imports flow cases -> forums -> accounts -> config (``config`` also on
top, for the URLs, middleware and process entry points that join the apps), no module imports
one that imports it back, and nothing the running site imports reaches the benchmarks.

Read from the source (every ``import``, also those inside functions), not from what happens to
be loaded, so a lazy import that closes a loop counts as one.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LAYERS = {"config": 0, "accounts": 1, "forums": 2, "cases": 3}
# The config modules that sit above the apps: they join them into one site or process
# (config.views holds the site-wide pages: errors, which ask who may read what; health; CSP
# reports, limited by accounts' rate limiter).
CONFIG_ON_TOP = {"config.urls", "config.middleware", "config.views", "config.wsgi", "config.asgi"}


def _modules() -> dict[str, Path]:
    found = {}
    for app in LAYERS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
            found[name.removesuffix(".__init__")] = path
    return found


MODULES = _modules()


def _ours(target: str) -> str | None:
    """The module of ours that ``target`` (a module or a name in one) is found in."""
    while target and target not in MODULES:
        target = target.rpartition(".")[0]
    return target or None


def _imports(name: str, path: Path) -> set[str]:
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    targets: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            targets.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parts, base] if base else parts)
            for alias in node.names:  # a submodule, or a name from the module ``base``
                name = f"{base}.{alias.name}"
                targets.add(name if name in MODULES else base)
    found = {_ours(target) for target in targets if target.split(".")[0] in LAYERS}
    return {module for module in found if module and module != name}


GRAPH = {name: _imports(name, path) for name, path in MODULES.items()}


def _layer(module: str) -> int:
    return len(LAYERS) if module in CONFIG_ON_TOP else LAYERS[module.split(".")[0]]


def _loops() -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    loops = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        for target in GRAPH[module]:
            if target not in index:
                visit(target)
                low[module] = min(low[module], low[target])
            elif target in stack:
                low[module] = min(low[module], index[target])
        if low[module] == index[module]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == module:
                    break
            if len(group) > 1:
                loops.append(sorted(group))

    for module in GRAPH:
        if module not in index:
            visit(module)
    return sorted(loops)


def test_imports_flow_from_cases_to_forums_to_accounts_to_config():
    upward = [
        f"{module} -> {target}"
        for module, targets in sorted(GRAPH.items())
        for target in sorted(targets)
        if _layer(target) > _layer(module)
    ]
    assert upward == []


def test_no_module_imports_one_that_imports_it_back():
    # Services queue their tasks by registered name (accounts.outbox.queue_after_commit), so a
    # tasks module that imports its service is never imported back.
    assert _loops() == []


def test_the_running_site_never_imports_the_benchmarks():
    entry_points = {
        name
        for name in MODULES
        if name.startswith("cases.benchmarks") or ".management.commands." in name
    }
    reaching = [
        f"{module} -> {target}"
        for module, targets in sorted(GRAPH.items())
        if module not in entry_points
        for target in sorted(targets)
        if target.startswith("cases.benchmarks")
    ]
    assert reaching == []


def test_the_checks_see_lazy_imports_and_loops():
    assert "cases.benchmarks.digest_shard" in GRAPH["cases.benchmarks.digest_sender"]
    assert "cases.benchmarks.digest_sender" not in GRAPH["cases.benchmarks.digest_shard"]
    assert "accounts.outbox" in GRAPH["forums.mail.digests.send"]  # imported inside a function
