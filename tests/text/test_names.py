"""Finding runs of capitalised words (who might be a person) in running text."""

from __future__ import annotations

import pytest

from pipeline.text.names import name_runs


@pytest.mark.parametrize(
    ("text", "runs"),
    [
        ("Yesterday Mayor Ingrid Solberg said so.", [("Ingrid Solberg", 2)]),
        ("The analyst J. R. Hartley of Fiverr’s board", [("J. R. Hartley", 3), ("Fiverr", 1)]),
        ("talks with Ursula von der Leyen began", [("Ursula von der Leyen", 4)]),
        ("Kaufman's memo reached AI staff.", [("Kaufman", 1)]),
        ("In Paris. Berlin agreed", [("Paris", 1), ("Berlin", 1)]),
        ("Dr. Ann Lee, CEO of Acme Corp, and van Dijk", [("Ann Lee", 2), ("Acme Corp", 2), ("Dijk", 1)]),
        ("no names here at all; 42 Élodie-Marie Durand", [("Élodie-Marie Durand", 2)]),
        ("_'Bob Smith' met __Anna", [("Bob Smith", 2), ("Anna", 1)]),
    ],
)
def test_name_runs(text: str, runs: list[tuple[str, int]]) -> None:
    found = name_runs(text)
    assert [(run.text, run.words) for run in found] == runs
    assert all(text[run.start : run.end] == run.text for run in found)
