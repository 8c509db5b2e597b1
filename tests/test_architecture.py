"""The import graph of whoknows: layers in one direction, no cycles, connectors that only
parse, small modules and functions. docs/architecture.md draws the same layers."""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx

import whoknows

PACKAGE = Path(whoknows.__file__).parent
CORE = {
    "__init__",
    "errors",
    "settings",
    "vocab",
    "records",
    "text",
    "progress",
    "bots",
    "limits",
    "i18n",
    "discovery",
    "forking",
    "first_names",
}
LAYERS: dict[str, int] = {
    **dict.fromkeys(CORE, 0),
    "store": 1,
    **dict.fromkeys(
        ("identity", "ingest", "index", "accounts", "sessions", "comments", "privacy"), 2
    ),
    "routing": 2,
    "eval": 2,
    "rank": 3,
    **dict.fromkeys(("pipeline", "insights"), 4),
    "engage": 5,
    "services": 6,
    **dict.fromkeys(("report", "web", "cli", "demo", "testing"), 7),
    "chat": 7,
}
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60


def modules() -> dict[str, ast.Module]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        name = ".".join(("whoknows", *parts)).removesuffix(".__init__")
        found[name] = ast.parse(path.read_text(encoding="utf-8"), str(path))
    return found


def imports(name: str, tree: ast.Module) -> set[str]:
    """Every whoknows module ``name`` imports, at the top or inside a function."""
    found: set[str] = set()
    package = name if name.count(".") and _is_package(name) else name.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("whoknows")}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1])
                base = f"{base}.{node.module}" if node.module else base
            if base.startswith("whoknows"):
                found.add(base)
                found |= {f"{base}.{a.name}" for a in node.names}
    return found


def _is_package(name: str) -> bool:
    return (PACKAGE.joinpath(*name.split(".")[1:]) / "__init__.py").exists()


def area(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def graph() -> nx.DiGraph:
    found = modules()
    edges = nx.DiGraph()
    edges.add_nodes_from(found)
    for name, tree in found.items():
        for target in imports(name, tree):
            if target in found and target != name:
                edges.add_edge(name, target)
    return edges


def test_every_area_has_a_layer() -> None:
    assert {area(m) for m in modules()} <= set(LAYERS)


def test_imports_go_down_the_layers() -> None:
    wrong = [f"{a} -> {b}" for a, b in graph().edges if LAYERS[area(b)] > LAYERS[area(a)]]
    assert not wrong, "imports that go up a layer:\n" + "\n".join(sorted(wrong))


def test_connectors_only_parse() -> None:
    """ingest/ imports the core and itself only: connectors never touch the store."""
    wrong = [
        f"{a} -> {b}"
        for a, b in graph().edges
        if area(a) == "ingest" and area(b) not in CORE | {"ingest"}
    ]
    assert not wrong, "\n".join(sorted(wrong))


def test_no_import_cycles() -> None:
    edges = graph()
    # a package's __init__ re-exporting its own modules is not a cycle of design; a module
    # importing its own package's __init__ (which imports it back) is one, and is counted
    design = nx.DiGraph((a, b) for a, b in edges.edges if not b.startswith(a + "."))
    cycles = [sorted(c) for c in nx.strongly_connected_components(design) if len(c) > 1]
    assert not cycles, f"import cycles: {cycles}"
    areas = nx.DiGraph((area(a), area(b)) for a, b in edges.edges if area(a) != area(b))
    cycles = [sorted(c) for c in nx.strongly_connected_components(areas) if len(c) > 1]
    assert not cycles, f"cycles between packages: {cycles}"


def test_modules_and_functions_stay_small() -> None:
    too_long = []
    for path in sorted(PACKAGE.rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        lines = source.count("\n")
        if lines > MAX_MODULE_LINES:
            too_long.append(f"{path.relative_to(PACKAGE)}: {lines} lines")
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    too_long.append(f"{path.relative_to(PACKAGE)}:{node.name}: {length} lines")
    assert not too_long, "\n".join(too_long)


def test_starting_the_cli_loads_no_report_nor_network_machinery() -> None:
    """`whoknows ask` starts fast: the CLI's modules import services, reports, matplotlib and
    networkx only when a command needs them."""
    import subprocess
    import sys

    probe = (
        "import sys, whoknows.cli.main; "
        "print(' '.join(m for m in ('matplotlib', 'networkx', 'whoknows.services.engagements',"
        " 'whoknows.report.charts', 'weasyprint', 'pptx', 'pyspark') if m in sys.modules))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout.split()
    assert loaded == []
