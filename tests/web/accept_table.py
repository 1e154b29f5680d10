"""Accept headers that real clients send, and what a document IRI must answer to each.

Each row: (client, Accept header or None for no header, expected representation or None for 406).
The expected answers are written by hand from RFC 9110's rules, not computed by the code under
test. Headers were copied from the clients' sources or requests: Chromium and Firefox navigations
and subresource loads, curl/wget/requests/httpx (`*/*` or none), rdflib's `URLInputSource`, Jena's
`WebContent` defaults, Comunica's default, Googlebot.
"""

from __future__ import annotations

CHROMIUM = (
    "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8,"
    "application/signed-exchange;v=b3;q=0.7"
)
COMUNICA = (
    "application/n-quads,application/trig;q=0.95,application/ld+json;q=0.9,application/n-triples;q=0.8,"
    "text/turtle;q=0.6,application/rdf+xml;q=0.5,text/n3;q=0.35,application/xml;q=0.3,image/svg+xml;q=0.3,"
    "text/xml;q=0.3,text/html;q=0.2,application/xhtml+xml;q=0.18,application/json;q=0.135,text/shaclc;q=0.1,"
    "text/shaclc-ext;q=0.05"
)

ACCEPT_TABLE: list[tuple[str, str | None, str | None]] = [
    ("Chromium navigation", CHROMIUM, "html"),
    ("Chromium image", "image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8", "html"),
    ("Chromium fetch()", "*/*", "html"),
    ("Firefox navigation", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "html"),
    (
        "Firefox 115 navigation",
        "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8",
        "html",
    ),
    ("Firefox stylesheet", "text/css,*/*;q=0.1", "html"),
    (
        "Googlebot",
        "text/html,application/xhtml+xml,application/signed-exchange;v=b3,application/xml;q=0.9,*/*;q=0.8",
        "html",
    ),
    ("curl", "*/*", "html"),
    ("urllib (no Accept)", None, "html"),
    ("python requests", "*/*", "html"),
    ("curl -H 'Accept: text/turtle'", "text/turtle", "ttl"),
    (
        "rdflib, no format",
        "application/rdf+xml, text/n3, text/turtle, application/n-triples, application/ld+json, application/n-quads, application/trix, application/trig",
        "ttl",
    ),
    ("rdflib, format=turtle", "text/turtle, application/x-turtle, */*;q=0.1", "ttl"),
    ("rdflib, format=json-ld", "application/ld+json, application/json;q=0.9, */*;q=0.1", "jsonld"),
    ("rdflib, format=nt", "text/plain, */*;q=0.1", "html"),
    ("rdflib, format=xml", "application/rdf+xml, */*;q=0.1", "html"),
    (
        "Jena RIOT graph",
        "text/turtle,application/n-triples;q=0.9,application/ld+json;q=0.8,application/rdf+xml;q=0.7,*/*;q=0.3",
        "ttl",
    ),
    ("Jena RIOT dataset", "application/trig,application/n-quads;q=0.9,application/ld+json;q=0.8,*/*;q=0.3", "jsonld"),
    (
        "Jena RIOT any RDF",
        "text/turtle,application/n-triples;q=0.9,application/rdf+xml;q=0.7,application/trig,"
        "application/n-quads;q=0.9,application/ld+json;q=0.8,*/*;q=0.5",
        "ttl",
    ),
    ("Comunica", COMUNICA, "jsonld"),
    ("JSON client", "application/json", "jsonld"),
    ("JSON-LD with a profile", 'application/ld+json;profile="http://www.w3.org/ns/json-ld#expanded, x"', "jsonld"),
    ("N-Triples only", "application/n-triples", "nt"),
    ("q=0 refuses JSON-LD", "application/ld+json;q=0, text/html", "html"),
    ("low-weight Turtle", "text/html, text/turtle;q=0.1", "html"),
    ("q ordering", "text/turtle;q=0.5, application/ld+json;q=0.9", "jsonld"),
    ("q ordering, HTML last", "text/html;q=0.4, application/n-triples;q=0.6, text/turtle;q=0.5", "nt"),
    ("tie goes to the server's order", "application/ld+json;q=0.9, text/turtle;q=0.9", "ttl"),
    ("specific beats wildcard", "text/*;q=0.2, text/turtle", "ttl"),
    ("wildcard refused by q=0", "*/*;q=0", None),
    ("HTML refused, rest by wildcard", "text/html;q=0, */*;q=0.5", "ttl"),
    ("everything refused but one", "text/html;q=0, text/turtle;q=0, application/ld+json;q=0, */*", "nt"),
    ("exact refusal beats its alias", "application/ld+json;q=0, application/json", None),
    ("alias loses to the exact type", "application/json;q=1, application/ld+json;q=0.2, text/turtle;q=0.5", "ttl"),
    ("upper case", "TEXT/TURTLE", "ttl"),
    ("spaces and params", "text/turtle; charset=utf-8; q=0.8 , application/ld+json ; q=0.7", "ttl"),
    ("malformed q is 0", "text/turtle;q=abc, application/n-triples;q=0.5", "nt"),
    ("nothing we have", "application/rdf+xml", None),
    ("image only", "image/png", None),
    ("application/*", "application/*", "jsonld"),
]
