"""The plugin's layers depend one way (docs/architecture.md): the content model imports none
of its optional sub-apps, and the sub-apps import the content model, never each other, except
through a bridge: one module of a layer about another (the API's and the importer's
before-and-after results), loaded only where both are installed."""

import ast
from pathlib import Path

import treatments

PLUGIN = Path(treatments.__file__).resolve().parent
SUB_APPS = ["api", "importer", "results", "review", "schema_org"]
# module -> the other layer it bridges to (imported only behind apps.is_installed).
BRIDGES = {
    "api/apps.py": "results",
    "api/results.py": "results",
    "importer/results.py": "results",
    "results/structured_data.py": "schema_org",
}


def imported_modules(path):
    """Absolute names of the modules a file imports (relative imports resolved)."""
    package = ".".join(("treatments", *path.relative_to(PLUGIN).parent.parts))
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.rsplit(".", node.level - 1)[0] if node.level else ""
            module = ".".join(part for part in (base, node.module) if part)
            names.add(module)
            names.update(f"{module}.{alias.name}" for alias in node.names)
    return names


def modules_of(folder):
    return [path for path in folder.rglob("*.py") if "migrations" not in path.parts]


def test_the_content_model_imports_none_of_its_optional_layers():
    content_model = [
        path for path in modules_of(PLUGIN) if path.relative_to(PLUGIN).parts[0] not in SUB_APPS
    ]
    assert len(content_model) > 10  # models, blocks, editing, visibility, …
    for path in content_model:
        for name in imported_modules(path):
            layer = name.split(".")[1] if name.startswith("treatments.") else None
            assert layer not in SUB_APPS, f"{path.relative_to(PLUGIN)} imports {name}"


def test_each_optional_layer_leans_on_the_content_model_alone():
    for app in SUB_APPS:
        for path in modules_of(PLUGIN / app):
            for name in imported_modules(path):
                parts = name.split(".")
                if parts[0] == "treatments" and len(parts) > 1 and parts[1] in SUB_APPS:
                    module = path.relative_to(PLUGIN).as_posix()
                    allowed = {app, BRIDGES.get(module)}
                    assert parts[1] in allowed, f"{app}: {module} imports {name}"
