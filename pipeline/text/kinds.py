"""What kind of organisation a name says it is, and which nouns may then stand for it.

"Oakenvale Learning Trust" is a trust and "Caldermoor Police" the police: a later "the union" is
not the trust, and "the company" or "the group" is not the police, whichever was named last.
"""

from __future__ import annotations

# Kinds of organisation a name says it is ("Oakenvale Learning Trust", "Caldermoor Police"), with the
# nouns a reporter calls each by: "the union" is not a trust, "the company" not the police.
_KINDS = {
    "union": "union association federation guild congress",
    "trust": "trust foundation charity",
    "council": "council authority",
    "police": "police constabulary force",
    "school": "university college school academy institute",
    "hospital": "hospital clinic",
    "party": "party",
    "museum": "museum gallery",
    "court": "court tribunal",
    "club": "club",
    "newspaper": "newspaper paper daily times post courier herald gazette tribune journal chronicle telegraph"
    " observer examiner inquirer",
}
# Words that name a kind as nouns but not inside a name ("International Paper" makes paper).
_NOUNS_ONLY = frozenset({"paper", "daily"})
_KIND_OF = {word: kind for kind, words in _KINDS.items() for word in words.split()}
# Institutions a reporter does not call "the group" or "the company".
_NOT_GENERIC = frozenset("police court newspaper council school hospital museum party".split())
_ALSO_CALLED = {
    "police": frozenset({"department", "force", "service", "agency"}),
    "newspaper": frozenset({"publication", "outlet"}),
    "council": frozenset({"administration"}),
    "school": frozenset({"institution"}),
    "hospital": frozenset({"institution"}),
}


def may_be_called(name: str, phrase: str) -> bool:
    """Whether the organisation `name` may be the one "the union" (`phrase`) means: unless the name
    says it is of one kind and the noun says another."""
    words = name.lower().replace("-", " ").split()
    kinds = {_KIND_OF[word] for word in words if word in _KIND_OF and word not in _NOUNS_ONLY}
    if not kinds:
        return True
    noun = phrase.lower().split()[-1]
    if noun in _KIND_OF:
        return _KIND_OF[noun] in kinds
    # "the company", "the group" are not "Caldermoor Police"; "the department" may be
    return all(kind not in _NOT_GENERIC or noun in _ALSO_CALLED.get(kind, ()) for kind in kinds)
