"""Which representation an `Accept` header asks for: the one rule `newsld serve` and nginx share.

RFC 9110 §12.5.1: each media range has a weight (q, default 1; q=0 means "not acceptable"); a
representation takes the weight of the most specific range that matches it (`text/turtle` before
`text/*` before `*/*`); the highest weight wins and ties go to the server's order (HTML, Turtle,
JSON-LD, N-Triples). `application/json` also names JSON-LD (JSON-LD is JSON, and JSON-LD clients
such as older rdflib and plain `fetch` code send it), but an explicit `application/ld+json` range
counts before it. The same algorithm, line for line, is `newsld.js`, which nginx runs through
Debian's njs module; the tests send both servers one table of real clients' headers.
"""

from __future__ import annotations

# Representations of a document, in the server's order of preference when the client ties.
FORMATS = (
    ("html", "text/html"),
    ("ttl", "text/turtle"),
    ("jsonld", "application/ld+json"),
    ("nt", "application/n-triples"),
)
# Other media types that name the same representation; an exact match of the real type outranks them.
ALIASES = {"html": ("application/xhtml+xml",), "jsonld": ("application/json",)}
MAX_RANGES = 64  # more than any real client sends; the rest of a longer header is ignored


def parse_accept(accept: str) -> list[tuple[str, float]]:
    """The media ranges of an Accept header, lowercased, with their weights (0 when q is malformed)."""
    ranges: list[tuple[str, float]] = []
    for item in _split(accept)[:MAX_RANGES]:
        media, *params = (p.strip() for p in item.split(";"))
        if "/" not in media:
            continue
        q = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                q = q_value(value.strip())
                break  # parameters after q are accept-ext, not media type parameters
        ranges.append((media.lower(), q))
    return ranges


def choose(accept: str | None) -> str | None:
    """The extension of the representation `accept` prefers, or None when none is acceptable.

    >>> choose("text/html;q=0.5, text/turtle")
    'ttl'
    """
    if accept is None or not accept.strip():
        return FORMATS[0][0]
    ranges = parse_accept(accept)
    if not ranges:
        return FORMATS[0][0]  # nothing parseable: as if no Accept header was sent
    best_q, chosen = 0.0, None
    for extension, media in FORMATS:
        q = weight(media, ALIASES.get(extension, ()), ranges)
        if q > best_q:  # strictly greater: a tie keeps the server's earlier choice
            best_q, chosen = q, extension
    return chosen


def weight(media: str, aliases: tuple[str, ...], ranges: list[tuple[str, float]]) -> float:
    """The weight of `media` under `ranges`: that of the most specific matching range (0 if none)."""
    kind = media.split("/", maxsplit=1)[0] + "/*"
    best_specificity, q = -1, 0.0
    for pattern, value in ranges:
        if pattern == media:
            specificity = 3
        elif pattern in aliases:
            specificity = 2
        elif pattern == kind:
            specificity = 1
        elif pattern == "*/*":
            specificity = 0
        else:
            continue
        # Of equally specific ranges (a client that lists one twice), the first counts.
        if specificity > best_specificity:
            best_specificity, q = specificity, value
    return q


def q_value(value: str) -> float:
    """A q-value as RFC 9110 writes it: 0 to 1 with at most three decimals; anything else is 0."""
    value = value.strip('"')
    try:
        q = float(value)
    except ValueError:
        return 0.0
    return q if 0.0 <= q <= 1.0 else 0.0


def _split(accept: str) -> list[str]:
    """The comma-separated items of a header, keeping commas inside quoted parameter values."""
    items: list[str] = []
    current: list[str] = []
    quoted = False
    for char in accept:
        if char == '"':
            quoted = not quoted
        if char == "," and not quoted:
            items.append("".join(current))
            current = []
        else:
            current.append(char)
    items.append("".join(current))
    return [item.strip() for item in items if item.strip()]
