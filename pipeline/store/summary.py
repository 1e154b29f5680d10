"""What a load did: `LoadSummary`."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class LoadSummary:
    """What was loaded where: graphs added (new to the store), replaced and dropped (retracted).

    A load of the output folder (`mode` "changes", "full" or "unchanged") also says which build the
    store mirrors now (`build`, and that dataset's `dataset_triples`), and, for a full sync, why the
    store was not brought up to date by the changes alone (`reason`). A load of named files has
    `mode` "files".
    """

    target: str
    graphs: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    triples: int = 0
    store_triples: int | None = None
    seconds: float = 0.0
    mode: str = "files"
    reason: str | None = None  # why a load of the output folder was a full sync
    build: str | None = None  # the build the store mirrors after the load
    dataset_triples: int | None = None  # the triples of that build's dataset

    def sort_out(self, existing: set[str]) -> None:
        """Tell the loaded graphs apart: those the store held before were replaced, the others added."""
        self.added = [g for g in self.graphs if g not in existing]
        self.replaced = [g for g in self.graphs if g in existing]
