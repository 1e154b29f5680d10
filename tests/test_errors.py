"""The error hierarchy: every InputError that newsld raises carries a stable slug."""

from __future__ import annotations

import ast
from pathlib import Path

from pipeline.errors import InputError, NewsldError, OutputError, StoreError, UsageError
from tests.conftest import ROOT


def test_every_input_error_raised_in_the_library_has_a_slug() -> None:
    missing = []
    slugs: set[str] = set()
    for path in sorted((ROOT / "pipeline").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            is_toml_error = isinstance(node.func, ast.Attribute) and name == "error" and path.name != "tomlfile.py"
            if name in ("InputError", "OutputError") or is_toml_error:
                slug = next((k.value for k in node.keywords if k.arg == "slug"), None)
                if path.name == "tomlfile.py" and isinstance(slug, ast.Name):
                    continue  # TomlFile.error passes its caller's slug through
                if not isinstance(slug, ast.Constant):
                    missing.append(f"{path.name}:{node.lineno}")
                else:
                    slugs.add(str(slug.value))
    assert missing == []
    assert all(slug.replace("-", "").isalnum() and slug.islower() for slug in slugs), slugs
    assert {"not-utf8", "map-paragraph", "rdf-syntax", "unwritable", "name-collision"} <= slugs


def test_exit_codes_and_message_shape() -> None:
    error = InputError("is broken.", path=Path("a.txt"), line=3, column=2, fix="Mend it.", slug="broken")
    assert (error.slug, error.message, str(error)) == ("broken", "a.txt:3:2: is broken. Mend it.", error.message)
    assert InputError("no fix", path="x").message == "x: no fix"
    assert InputError("odd").slug == "input"
    assert issubclass(OutputError, InputError)
    codes = {cls.__name__: cls.exit_code for cls in (NewsldError, InputError, OutputError, UsageError, StoreError)}
    assert codes == {"NewsldError": 2, "InputError": 2, "OutputError": 2, "UsageError": 2, "StoreError": 3}
