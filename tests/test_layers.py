"""The layers stay where docs/architecture.md draws them.

Every module of the coach is parsed with ``ast`` (nothing is imported), so a late import inside
a function counts as much as one at the top.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

from support import ROOT

PACKAGE = ROOT / "coach"
MODULES = sorted(PACKAGE.rglob("*.py"))

# The terminal layer: the only code that may draw, prompt or print.
TERMINAL_LAYER = ("coach/cli/", "coach/views/", "coach/terminal.py")
UI_LIBRARIES = frozenset({"typer", "click", "rich", "questionary", "prompt_toolkit"})
# The analysis reads text and returns values: it may lean on the vocabulary, the errors and the
# one repair of text from outside (coach.sanitize, a leaf: see test_the_leaves_import_no_coach).
ANALYSIS_MAY_IMPORT = ("coach.analysis", "coach.domain", "coach.errors", "coach.sanitize")
LEAVES = ("coach/domain.py", "coach/errors.py", "coach/sanitize.py")
MAX_LINES = 700

# Developer scripts run by hand (`python -m coach.analysis.training`, `python -m
# coach.analysis.topic_training`, both need scikit-learn): they print their report and read the
# banks for the training answers. The coach never imports them
# (test_nothing_imports_the_training_script keeps that true).
DEV_SCRIPTS = frozenset({"coach/analysis/training.py", "coach/analysis/topic_training.py"})


def relative(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def in_terminal_layer(name: str) -> bool:
    return any(name == layer or name.startswith(layer) for layer in TERMINAL_LAYER)


def imported(tree: ast.AST) -> Iterator[tuple[int, str]]:
    """(line, module) for every import in the tree, at any depth."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.lineno, node.module
            if node.module == "coach":
                # `from coach import profile` imports coach.profile
                for alias in node.names:
                    yield node.lineno, f"coach.{alias.name}"


def parsed(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def test_the_package_has_modules_to_check() -> None:
    names = {relative(p) for p in MODULES}
    # the rooms the layout promises (a rename must update this test and the architecture doc)
    for expected in (
        "coach/cli/__init__.py",
        "coach/cli/japanese.py",
        "coach/views/markdown.py",
        "coach/terminal.py",
        "coach/profile.py",
        "coach/interviews.py",
        "coach/analysis/context.py",
    ):
        assert expected in names


@pytest.mark.parametrize("path", MODULES, ids=relative)
def test_ui_libraries_only_in_the_terminal_layer(path: Path) -> None:
    name = relative(path)
    if in_terminal_layer(name):
        return
    wrong = [
        f"{name}:{line}: import {module}"
        for line, module in imported(parsed(path))
        if module.split(".")[0] in UI_LIBRARIES
    ]
    assert not wrong, "the core never draws or prompts:\n" + "\n".join(wrong)


@pytest.mark.parametrize(
    "path", [p for p in MODULES if relative(p).startswith("coach/analysis/")], ids=relative
)
def test_the_analysis_imports_only_analysis_domain_and_errors(path: Path) -> None:
    name = relative(path)
    if name in DEV_SCRIPTS:
        return
    wrong = [
        f"{name}:{line}: import {module}"
        for line, module in imported(parsed(path))
        if (module == "coach" or module.startswith("coach."))
        and not any(module == ok or module.startswith(ok + ".") for ok in ANALYSIS_MAY_IMPORT)
    ]
    assert not wrong, "the analysis reaches outside its layer:\n" + "\n".join(wrong)


@pytest.mark.parametrize("path", MODULES, ids=relative)
def test_print_and_input_only_in_the_terminal_layer(path: Path) -> None:
    name = relative(path)
    if in_terminal_layer(name) or name in DEV_SCRIPTS:
        return
    wrong = [
        f"{name}:{node.lineno}: {node.func.id}("
        for node in ast.walk(parsed(path))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in ("print", "input")
    ]
    assert not wrong, "the core returns values; it never prints or reads:\n" + "\n".join(wrong)


@pytest.mark.parametrize("path", MODULES, ids=relative)
def test_no_module_passes_700_lines(path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{relative(path)} has {lines} lines: split it by what it is for"


@pytest.mark.parametrize("name", LEAVES)
def test_the_leaves_import_no_coach(name: str) -> None:
    """What the analysis may lean on depends on nothing of the coach in turn."""
    path = ROOT / name
    if not path.exists():
        pytest.skip(f"{name} is not in this checkout")
    wrong = [m for _, m in imported(parsed(path)) if m == "coach" or m.startswith("coach.")]
    assert not wrong, f"{name} imports {wrong}"


def test_nothing_imports_the_training_script() -> None:
    users = [
        relative(path)
        for path in MODULES
        if relative(path) not in DEV_SCRIPTS
        for _, module in imported(parsed(path))
        if module in ("coach.analysis.training", "coach.analysis.topic_training")
    ]
    assert not users


def test_the_checks_catch_what_they_are_for() -> None:
    """The checks above, fed a module that breaks each rule, find it (so an empty result means
    the package is clean, not that the walk saw nothing)."""
    bad = ast.parse(
        "def f():\n"
        "    import rich.text\n"
        "    from coach import notebook\n"
        "    from coach.banks import load_catalog\n"
        "    print('x')\n"
    )
    modules = [module for _, module in imported(bad)]
    assert "rich.text" in modules
    assert "coach.notebook" in modules and "coach.banks" in modules
    calls = [
        n.func.id for n in ast.walk(bad) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)
    ]
    assert calls == ["print"]
