"""The dataset a build published, read whole: its parts (`dataset/*.nq`) one after the other."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyoxigraph as ox

from pipeline.builder.state import DATASET, read_state


def nquads(out: Path) -> bytes:
    """Every part of the dataset in `out`, in part order (b"" when it holds no graph). The folder
    must hold exactly the parts its graphs.tsv names."""
    state = read_state(out)
    assert state is not None, f"{out} holds no recorded build"
    folder = out / DATASET
    found = sorted(f"{DATASET}/{path.name}" for path in folder.iterdir()) if folder.is_dir() else []
    assert found == state.part_files, f"{folder} holds {found}, graphs.tsv names {state.part_files}"
    return b"".join((out / name).read_bytes() for name in state.part_files)


def quads(out: Path) -> list[Any]:
    """The dataset's quads, parsed."""
    return list(ox.parse(nquads(out), format=ox.RdfFormat.N_QUADS))
