"""Who said a quotation (`Speaker`), and what each attribution rule means (`RULES`)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Speaker:
    """Who said a quotation, and the rule that decided it.

    `entity` is a catalogue id; `name` the speaker as written when the catalogue lacks them;
    `is_person` whether the text says that name is a person; `cue` the words of a cue that named
    no one the pipeline can publish ("an analyst", "they", "Ross" with two Rosses), for the review.
    """

    rule: str
    entity: str | None = None
    name: str | None = None
    is_person: bool = False
    cue: str | None = None
    credit: str | None = None  # deliberately anonymous, as the editor describes them ("a company spokesperson")

    @property
    def attributed(self) -> bool:
        return self.entity is not None or self.name is not None

    def names(self, entity: str | None, name: str) -> bool:
        """Whether this speaker is the cast member with this catalogue id (or, uncatalogued, name)."""
        if self.entity is not None:
            return entity == self.entity
        return entity is None and name == self.name

    @property
    def settled(self) -> bool:
        """Whether somebody settled who said it: a rule or an editor named them, or an editor
        declared the quotation anonymous."""
        return self.attributed or self.credit is not None


NOBODY = Speaker("none:no-cue")

# What each rule that attributes a quotation means (published with the rule in the graph).
RULES: dict[str, str] = {
    "cue:said-X": "A speech verb right after the quotation, then the speaker: “…,” said Jane Doe.",
    "cue:X-said": "The speaker right after the quotation, then a verb: “…,” Jane Doe said (or fired back).",
    "cue:label": "An interview label opening the paragraph: Jane Doe: “…”.",
    "cue:X-said:": "The sentence introduces the quotation with a colon: Jane Doe told reporters: “…”.",
    "cue:according-to": "According to Jane Doe, “…”.",
    "cue:X-said-that": "The sentence's speaker before a partial quotation: Jane Doe said it was “a defensive move”.",
    "cue:next-sentence": "The sentence after the quotation names its speaker: “…” Jane Doe said so on Monday.",
    "pronoun": "He or she in the cue, referring to the one person named before who agrees with it.",
    "title": "A title in the cue (“the judge said”) that one person named before was introduced with.",
    "org-reference": "“The company” (or firm, group…) in the cue, referring to the organisation named before it.",
    "statement": "“The statement said”: whoever the paragraph said issued it (“In a statement, the council said …”).",
    "named-next": "A role in the cue (“the incident commander … he said”), named in the next sentence: “The"
    " commander, Luis Ferrante, …”.",
    "continued": "A second quotation right after an attributed one, with nobody else named between them.",
    "editor": "An editor settled the speaker in the article's sidecar ([[quotes]]).",
}
