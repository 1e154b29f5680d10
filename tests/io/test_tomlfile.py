"""pipeline.io.tomlfile: TOML errors point at the line of the key or table they are about."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.errors import InputError
from pipeline.io.tomlfile import read_toml

TEXT = """# a catalogue
[entity.kaufman]
type = "Person"
"name" = "Micha Kaufman"

[entity.fiverr]
type = "Organization"
"""


def test_line_of_keys_and_tables(tmp_path: Path) -> None:
    path = tmp_path / "entities.toml"
    path.write_text(TEXT, encoding="utf-8")
    toml = read_toml(path)
    assert toml.data["entity"]["kaufman"]["name"] == "Micha Kaufman"
    assert toml.line_of("name", "entity.kaufman") == 4
    assert toml.line_of("type", "entity.fiverr") == 7
    assert toml.line_of(None, "entity.fiverr") == 6  # the header's line
    assert toml.line_of("missing", "entity.kaufman") == 2  # not set: the table's header
    assert toml.line_of(None, "entity.nobody") is None
    error = toml.error("bad name.", key="name", table="entity.kaufman", fix="Fix it.", slug="entity-text")
    assert (error.message, error.slug) == (f"{path}:4: bad name. Fix it.", "entity-text")


def test_syntax_errors_carry_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text('a = 1\nb = "unterminated\n', encoding="utf-8")
    with pytest.raises(InputError) as error:
        read_toml(path)
    assert (error.value.slug, error.value.line) == ("toml-syntax", 2)
    assert error.value.message.startswith(f"{path}:2:")
    assert error.value.message.endswith("Fix the TOML syntax (https://toml.io).")


def test_not_utf8_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "latin.toml"
    path.write_bytes('name = "Zoë"\n'.encode("latin-1"))
    with pytest.raises(InputError) as error:
        read_toml(path)
    assert error.value.slug == "not-utf8"
