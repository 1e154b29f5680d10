"""Follow one article through `build_article`: does it go down the stages once?

    python bench/trip.py [article.txt]

Every Python call made while building the article is traced (sys.setprofile), and three things
are counted:

- *climbs*: calls from a module of an earlier stage of the flow into one of a later stage (io <
  source < text < rdf < validate < serialize < builder): an earlier stage reaching ahead, by a
  callback or an object of the later stage;
- *backtracks*: the stages the article build (`pipeline.builder.article`) calls, in order; each
  call into a stage earlier in the data flow than one already visited is a backtrack (the trip
  should go io -> source -> text -> rdf -> validate -> serialize -> dataset part once);
- *entries* into the graph module from other modules.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path
from types import FrameType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
# The data flow's order; serializing comes after validating, though its code lives under rdf/.
STAGES = ["io", "source", "text", "rdf", "validate", "serialize", "builder"]
NEUTRAL = {"vocab", "terms"}  # naming IRIs and terms: no stage of its own
# Before the layout moved into stage folders, the same modules sat side by side.
FLAT = {
    "files": "io",
    "tomlfile": "io",
    "hashcache": "io",
    "sorting": "io",
    "iri": "io",
    "article": "source",
    "sidecar": "source",
    "catalogue": "source",
    "corpus": "source",
    "names": "text",
    "quotemarks": "text",
    "attribution": "text",
    "quotes": "text",
    "review": "text",
    "statements": "rdf",
    "vocab": "rdf",
    "graph": "rdf",
    "rdfio": "rdf",
    "rdftext": "rdf",
    "jsonld_tree": "rdf",
    "publish": "rdf",
    "validate": "validate",
    "sparql_cache": "validate",
    "article_build": "builder",
    "corpus_build": "builder",
    "workers": "builder",
    "dataset": "builder",
}


def stage_of(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] != "pipeline" or len(parts) < 2 or parts[-1] in NEUTRAL:
        return None
    if parts[1:3] == ["rdf", "serialize"]:
        return "serialize"
    return parts[1] if parts[1] in STAGES else FLAT.get(parts[1])


def main() -> None:
    sys.path.insert(0, str(ROOT))
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "articles" / "fiverr-ceo-ai-warning.txt"
    try:
        from pipeline.builder.article import BuildContext, build_article
    except ImportError:  # the flat layout
        from pipeline.article_build import BuildContext, build_article  # type: ignore[import-not-found,no-redef]
    context = BuildContext.from_settings()
    build_article(path, context)  # warm: imports, shapes, caches
    climbs: Counter[tuple[str, str]] = Counter()
    visits: list[tuple[str, str]] = []  # (stage, callee) of each call from the article build
    entries: Counter[str] = Counter()
    changes = 0

    def profile(frame: FrameType, event: str, arg: Any) -> None:
        nonlocal changes
        if event != "call":
            return
        callee = frame.f_globals.get("__name__", "")
        caller_frame = frame.f_back
        caller = caller_frame.f_globals.get("__name__", "") if caller_frame is not None else ""
        to, source = stage_of(callee), stage_of(caller)
        if to is None or source is None or callee == caller:
            return
        entries[callee] += 1
        if caller.endswith(("builder.article", "article_build")) and to != "builder":
            visits.append((to, f"{callee}.{frame.f_code.co_name}"))
        if to != source:
            changes += 1
            if STAGES.index(to) > STAGES.index(source):
                climbs[(f"{caller}.{caller_frame.f_code.co_name}", f"{callee}.{frame.f_code.co_name}")] += 1  # type: ignore[union-attr]

    sys.setprofile(profile)
    try:
        build_article(path, context)
    finally:
        sys.setprofile(None)
    print(f"{path.name}: {sum(climbs.values())} calls climb back up a stage, {changes} stage changes in all")
    for (caller, callee), count in climbs.most_common():
        print(f"  {count:4d}  {caller} -> {callee}")
    backtracks, deepest = [], -1
    for stage, callee in visits:
        if STAGES.index(stage) < deepest:
            backtracks.append(f"{stage}: {callee}")
        deepest = max(deepest, STAGES.index(stage))
    print(f"the article build calls {len(visits)} functions of other stages; {len(backtracks)} go back up the flow:")
    for line in backtracks:
        print(f"  {line}")
    graph = next((name for name in entries if name.endswith(".graph")), None)
    if graph is not None:
        print(f"entries into {graph} from other modules: {entries[graph]}")


if __name__ == "__main__":
    main()
