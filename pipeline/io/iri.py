"""Whether a text is an absolute IRI that RDF accepts (RFC 3987): checked where IRIs come in.

The build writes its IRIs as text (`rdf.serialize.turtle`) without making pyoxigraph terms, so an IRI that a
loose pattern lets through (`https://x.example/a>b`) would otherwise reach a file: the sidecar,
the catalogue and the base IRI are checked with pyoxigraph's parser when they are read.
"""

from __future__ import annotations


def is_iri(text: str) -> bool:
    """Whether `text` is an absolute IRI.

    >>> is_iri("https://www.fiverr.com/"), is_iri("https://x.example/a>b")
    (True, False)
    """
    import pyoxigraph as ox

    try:
        ox.NamedNode(text)
    except ValueError:
        return False
    return ":" in text  # pyoxigraph accepts only absolute IRIs; say so in case that changes
