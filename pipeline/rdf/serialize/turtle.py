"""N-Triples and Turtle written from rows (`statements.Row`), byte for byte what pyoxigraph writes.

Making a pyoxigraph Triple is costly, more so when its object is a literal (the binding tries the
other kinds of term first): an article's 200 triples cost more to make than to write.
The build writes its rows as text instead, following pyoxigraph's writers (oxrdf's literal
escaping, oxttl's Turtle layout, prefixed names and number shorthands); the tests hold the two to
each other on generated corpora and on any text. A graph these rules are not written for (a
triple term) gives None, and the caller makes Triples and has pyoxigraph write them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pipeline.rdf.terms import LANG_STRING, RDF_TYPE, XSD_STRING, Blank, Lit, Row, Term

_XSD = "http://www.w3.org/2001/XMLSchema#"
# Turtle's shorthands for numbers and booleans, where the lexical form is in Turtle's grammar.
_BARE = {
    f"{_XSD}integer": re.compile(r"[+-]?[0-9]+"),
    f"{_XSD}decimal": re.compile(r"[+-]?[0-9]*\.[0-9]+"),
    f"{_XSD}double": re.compile(r"[+-]?([0-9]+\.[0-9]*[eE][+-]?[0-9]+|\.[0-9]+[eE][+-]?[0-9]+|[0-9]+[eE][+-]?[0-9]+)"),
    f"{_XSD}boolean": re.compile(r"true|false"),
}
# oxrdf's print_quoted_str: these characters are escaped, everything else is written as it is.
_ESCAPES = {"\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r", '"': '\\"', "\\": "\\\\"}
_ESCAPED = re.compile('[\x00-\x1f"\\\\\x7f\ufffe\uffff]')
# oxttl's PN_CHARS_BASE, PN_CHARS_U and PN_CHARS (Turtle's grammar), and the characters a local
# name may hold escaped with a backslash.
_PN_CHARS_BASE = (
    "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c-\u200d\u2070-\u218f"
    "\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff"
)
_PN_CHARS = f"{_PN_CHARS_BASE}_\\-0-9\u00b7\u0300-\u036f\u203f-\u2040"
_ESCAPABLE = re.escape("_~.-!$&'()*+,;=/?#@%")
_FIRST_RAW = f"{_PN_CHARS_BASE}_:0-9"
_LOCAL_NAME = re.compile(  # every character allowed as it is, or escaped; '.' not last unescaped
    rf"(?:[{_FIRST_RAW}]|[{_ESCAPABLE}])(?:[{_PN_CHARS}:]|\.(?!\Z)|[{_ESCAPABLE}])*\Z"
)
_FIRST = re.compile(f"[{_FIRST_RAW}]")
_RAW_AFTER_FIRST = re.compile(rf"[{_PN_CHARS}:]+|\.(?!\Z)|(.)", re.DOTALL)


def quoted(text: str) -> str:
    """A string as oxrdf writes it: in double quotes, with its escapes."""
    if _ESCAPED.search(text) is None:
        return f'"{text}"'
    return '"' + _ESCAPED.sub(_escape, text) + '"'


def _escape(match: re.Match[str]) -> str:
    character = match.group()
    return _ESCAPES.get(character) or f"\\u{ord(character):04X}"


def _literal(value: Lit) -> str:
    """A literal's N-Triples form."""
    text, datatype, language = value
    if language:
        return f"{quoted(text)}@{language}"
    if datatype == XSD_STRING:
        return quoted(text)
    return f"{quoted(text)}^^<{datatype}>"


def ntriples_lines(rows: Sequence[Row]) -> list[str] | None:
    """Each row's N-Triples line, ending in a line break (None when one holds a triple term)."""
    iris: dict[str, str] = {}  # IRIs repeat: write each once
    lines = []
    for subject, predicate, obj in rows:
        # Subject and object written inline rather than by a shared helper: no call per term, in
        # the loop every article's every triple goes through.
        if type(subject) is str:
            s = iris.get(subject) or iris.setdefault(subject, f"<{subject}>")
        elif type(subject) is Blank:
            s = f"_:{subject}"
        else:
            return None
        if type(obj) is Lit:
            o = _literal(obj)
        elif type(obj) is str:
            o = iris.get(obj) or iris.setdefault(obj, f"<{obj}>")
        elif type(obj) is Blank:
            o = f"_:{obj}"
        else:
            return None
        lines.append(f"{s} <{predicate}> {o} .\n")
    return lines


def local_name(text: str) -> str | None:
    """`text` as a Turtle local name, escapes added (oxttl's escape_local_name), or None if it cannot be one."""
    if not text or _LOCAL_NAME.match(text) is None:
        return None
    first = text[0] if _FIRST.match(text[0]) else f"\\{text[0]}"
    return first + _RAW_AFTER_FIRST.sub(lambda m: f"\\{m.group(1)}" if m.group(1) else m.group(), text[1:])


_SIMPLE_LOCAL_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_-]*\Z")  # most names: written as they are


class _Names:
    """IRIs as oxttl writes them in Turtle: with the longest namespace that makes a valid prefixed
    name (oxttl tries them longest first), else as `<iri>`."""

    def __init__(self, prefixes: dict[str, str]) -> None:
        self.prefixes = sorted(sorted(prefixes.items()), key=lambda item: -len(item[1]))

    def __call__(self, iri: str) -> str:
        for name, namespace in self.prefixes:
            if iri.startswith(namespace):
                local = iri[len(namespace) :]
                if not local or _SIMPLE_LOCAL_NAME.match(local):
                    return f"{name}:{local}"
                escaped = local_name(local)
                if escaped is not None:
                    return f"{name}:{escaped}"
        return f"<{iri}>"


def _turtle_literal(term: Lit, names: _Names) -> str:
    text, datatype, language = term
    if language or datatype in (XSD_STRING, LANG_STRING):
        return _literal(term)
    bare = _BARE.get(datatype)
    if bare is not None and bare.fullmatch(text):
        return text
    return f"{quoted(text)}^^{names(datatype)}"


def turtle_statements(rows: Sequence[Row], prefixes: dict[str, str]) -> list[str] | None:
    """The lines oxttl writes for `rows` (in the order given) after its @prefix lines: a subject's
    first line, then a tab-indented line per further predicate; objects of one predicate joined
    by " , ". None when a row holds a triple term, or two prefixes name one namespace."""
    if len(set(prefixes.values())) < len(prefixes):
        return None  # two names for one namespace: which one oxttl picks is its sort's business
    names = _Names(prefixes)
    iris: dict[str, str] = {}  # IRIs repeat: each written once
    predicates: dict[str, str] = {RDF_TYPE: "a"}
    lines: list[str] = []
    line: list[str] = []
    current: tuple[Term, str] | None = None
    for subject, predicate, obj in rows:
        if type(obj) is str:
            o = iris.get(obj) or iris.setdefault(obj, names(obj))
        elif type(obj) is Lit:
            o = _turtle_literal(obj, names)
        elif type(obj) is Blank:
            o = f"_:{obj}"
        else:
            return None  # a triple term
        if current is not None and current[0] == subject:
            if current[1] == predicate:
                line.append(f" , {o}")
                continue
            line.append(" ;")
            lines.append("".join(line))
            line = [f"\t{predicates.get(predicate) or predicates.setdefault(predicate, names(predicate))} {o}"]
        else:
            if line:
                line.append(" .")
                lines.append("".join(line))
            if type(subject) is str:
                s = iris.get(subject) or iris.setdefault(subject, names(subject))
            elif type(subject) is Blank:
                s = f"_:{subject}"
            else:
                return None
            line = [f"{s} {predicates.get(predicate) or predicates.setdefault(predicate, names(predicate))} {o}"]
        current = (subject, predicate)
    if line:
        line.append(" .")
        lines.append("".join(line))
    return lines
