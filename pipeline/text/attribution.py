"""Who said a quotation: the reporting cue in its own sentence, read against the article's cast.

The rules, in the order they are tried (the slug is what `newsld quotes` shows as the rule):

- ``cue:said-X``        “…,” said Jane Doe / asked Lee       (a speech verb, then the speaker)
- ``cue:X-said``        “…,” Lee said / Lee fired back       (the speaker, then any verb: the name
                                                              next to the quotation decides)
- ``cue:label``         Lee: “…”                             (an interview label opening the paragraph)
- ``cue:X-said:``       Lee told reporters: “…” / Lee was blunter: “…”   (a colon introduces the quote)
- ``cue:according-to``  according to Lee, “…”
- ``cue:X-said-that``   Lee said the deal was “a defensive move”  (the sentence's speaker before a partial quote)
- ``cue:next-sentence`` “…” Lee said the talks had failed. / That is how Lee put it.

The quotation's own sentence decides first. Whom its cue names is settled by the cast
(`pipeline.text.cast`): a full name, or a short form only one cast member can have; a short form
two people share, or a name that means nobody, leaves the quotation unattributed, and no rule
carried over from another quotation may override it. What else a cue can name:

- "he"/"she" (rule ``pronoun``): the nearest person named before, in this paragraph or the one
  before, who agrees with the pronoun (the catalogue's `pronouns`, an honorific, a gendered noun
  beside the name); nobody when two people could be meant, or when the one who could is of
  unknown gender and another person stands nearer;
- "the company/firm/group…" (rule ``org-reference``): the nearest organisation named before, when
  no other organisation-like name stands between;
- "the statement said" (rule ``statement``): whoever the paragraph said issued it ("In a statement,
  Harrowmere Police said …"), when the cast knows them;
- "X of Org", "X, chief executive of Org": X, the person, not the organisation;
- "a spokesperson for Org, Jane Doe, said": the person named in apposition;
- a capitalised name the cast lacks: no catalogue speaker, the name as written, published as a
  local person only when the text says it is a person (a title, a role noun before the name, an
  appositive such as ", an analyst", or he/she referring to it);
- "they", "one of them", "an analyst", a quote with no cue: no speaker.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from pipeline.source.catalogue import Catalogue
from pipeline.text.cast import Cast
from pipeline.text.cues import PARTIAL_VERB, PERSON_NOUNS, SPEECH_VERB, TITLES
from pipeline.text.names import JOINERS, ORGANISATION_WORDS, WORD
from pipeline.text.passage import Passage
from pipeline.text.referents import Referents, unnamed_subject
from pipeline.text.speakers import NOBODY, Speaker

# A capitalised word of a name, the last one (no full stop: that ends the sentence), in a pattern.
_NAME_PART = rf"[A-Z][\w.{JOINERS}]*"
_NAME_END = rf"[A-Z][\w{JOINERS}]*"
_ADVERB = re.compile(r"(?:\w+ly|later|also|then|once|again|earlier|previously|simply|finally|has|had|have)$")
_STOP = frozenset(
    """in on at during after before to from with when while as adding who whom which that and but or
    because since if than then last this yesterday today earlier later by for via about into over under
    amid""".split()
)
_DETERMINERS = frozenset(
    ["a", "an", "the", "one", "some", "another", "two", "three", "several", "many", "most", "few", "each"]
)
_POSSESSIVES = frozenset({"his", "her", "its", "their", "our"})
_CUE_TAIL = frozenset(
    "it so this on in at to during later afterwards after before yesterday today when while as".split()
)
_LABEL = re.compile(r"([^\W\d_][\w'’. -]{0,40}?)\s*:\s*$")
_CLAUSE = re.compile(r"(?:,\s+(?:while|whereas|but|although|though|and\s+(?:then\s+)?[A-Z])\b|;)")
# A reporting cue at the end of a quotation's text: ", Lindqvist added later." / ", she said."
_OWN_CUE = re.compile(
    r",\s+(?:(?:"
    + _NAME_PART
    + r"\s+){0,3}"
    + _NAME_END
    + r"|he|she)\s+(?:"
    + SPEECH_VERB.pattern.removeprefix(r"\b")
    + r")(?:\s+\w+)?[.!?]?\s*$"
)
# A name after a preposition and "the" names a thing, a place or an event the sentence's subject is
# in or from ("a voice from the Nordic Tern"); "a post on Sam Osei's account" is still his.
_AFTER_PREPOSITION = re.compile(r"\b(?:from|of|aboard|at|in|on|inside|near|with|for|by|to|onto|into)\s+the\s+$")

# What a document says ("a text message that read:", "a sign reading", "the letter, which said:"): the
# words are the document's, whoever the sentence is about. "That read" needs no noun; "saying" and
# "said" do ("…, saying: “…”" is the subject speaking).
# What follows a name used as one: an apposition or a relative clause ("Park, 38, who…", "Park, the founder").
_APPOSITION = re.compile(r"(?:’s|'s)?\s*(?:,|\s+who\b)")
_DOCUMENT_NOUN = re.compile(
    r"\b(?:an?|the|his|her|their|its)\s+(?:[\w-]+\s+){0,2}(?:message|letter|e-?mail|note|text|post|tweet|memo"
    r"|notice|sign|placard|banner|card|leaflet|document|filing)s?\b"
)
_DOCUMENT_READ = re.compile(
    r"(?:\b((?i:an?|the|his|her|their|its)\s+(?:[\w-]+\s+){0,2}(?:message|letter|e-?mail|note|text|post|tweet"
    r"|memo|notice|sign|placard|banner|card|leaflet|document|filing|note)s?)\b(?:[^.!?“”\"]|\.(?=\d)){0,80}?"
    r"(?:\b(?:that|which)\s+(?:said|says|stated|states)|\breading|\bsaying|,\s+read)"
    r"|\b(?:that|which)\s+(?:read|reads))\s*[,:]?\s*$"
)  # "Her last message, sent to her partner at 2.47pm, read: “…”": the message's words
# Reading out a document ("before reading aloud from a report by the Council, the watchdog: “…”"):
# the document's words, not the reader's.
_READ_FROM = re.compile(
    # "read out from the report …:", "He then read them the passage at the centre of the case:"
    r"\bread(?:s|ing)?\s+(?:aloud\s+|out\s+)?(?:from\s+|out\s+|(?:him|her|them|us|the\s+jury|the\s+court)\s+)?"
    r"((?:an?|the|his|her|their|its)\s+(?:[\w-]+\s+){0,2}(?:report|statement|letter|e-?mail|message|memo|note|filing"
    r"|ruling|judgment|transcript|diary|document|passage|extract|excerpt|paragraph|chapter|poem|verse)s?)\b"
    r"[^.!?“”\"]{0,160}:\s*$"
)
_DETERMINED_BEFORE = re.compile(r"\b(?i:a|an|one|another|two|three|several|some|many)\s+(?:[a-z][\w-]*\s+)*$")
_GERUND = re.compile(
    r"\b(?:describing|calling|saying|adding|insisting|warning|arguing|noting|citing|telling|accusing|branding"
    r"|dismissing|labelling|labeling|terming|writing|posting|predicting|promising|vowing|urging)\b(?!.*\b(?:said|says|told)\b)"
)
# Somebody unnamed a recording or a witness catches saying something: "footage had captured a member
# of the door team saying".
_HEARD_SAYING = re.compile(
    r"\b(?:captured|captures|heard|hears|recorded|records|filmed|films|showed|shows|caught|catches|overheard)\s+"
    r"(?:a|an|one|another|some|two|three|several)\s+(?:[\w’'-]+\s+){0,6}?$"
)
_PASSIVE = re.compile(r"\b(?:was|were|been|being|is|are|be)\s+(?:\w+ly\s+)?$")
_OF_WORDS = frozenset({"of", "at", "from", "for", "with"})
# The writer's own words or question, in the first person: nobody the article quotes.
# "June says." / "she said." / "said Ann Lee." to the end of the sentence: a cue however the
# sentence began.
_CUE_ENDS_SENTENCE = re.compile(
    r"(?:(?:" + _NAME_PART + r"\s+){0,3}" + _NAME_END + r"|he|she|they)\s+(?:says|said|adds|added|recalls|recalled)"
    r"\s*[.!?]?\s*$|(?:says|said)\s+(?:" + _NAME_PART + r"\s+){0,3}" + _NAME_END + r"\s*[.!?]?\s*$"
)
_WRITER = re.compile(
    r"(?:I|we|We)\s+(?:(?:then|finally|again|later)\s+)?(?:ask|asked|say|said|tell|told|reply|replied|press|pressed"
    r"|put it|wonder|wondered|venture|ventured|suggest|suggested)\b"
)
# A role in apposition before the name right after a quotation: “…,” the club's manager, Declan
# Furlong, said. No verb in it: "the judge told him, Ray said" is another sentence's.
_ROLE_THEN_NAME = re.compile(r"(?:the|a|an|its|his|her|their|our|[A-Z][\w-]*[’']s)\s+(?:[\w’'-]+\s+){0,5}?[\w’'-]+,\s+")


# A verb of saying that reports a clause: "said in a statement that", "told the court that".
_SENT_BY_ANOTHER = re.compile(
    r"\b((?:text\s+)?(?:message|text|letter|e-?mail|note|post|card|postcard))s?\s+(?:that\s+)?"
    r"(?!(?:he|she|they|I|we|you)\b)(?P<author>[^:“”\"]{1,120}?)\b(?:sent|wrote|written|posted|left)\b[^:“”\"]*:\s*$"
)
_PRONOUN_SUBJECTS = frozenset("he she they it we i".split())
_WHO_BEFORE = re.compile(r",\s+who\s+$")
_FIRM_BEFORE = re.compile(
    r"\b(?i:his|her|their|its|the)\s+(?:[\w-]+\s+)?(?:solicitors|lawyers|attorneys|advisers|advisors|accountants"
    r"|agents|representatives|publicists|auditors|consultants),\s*$"
)
_DOCUMENT_CALLING = re.compile(
    r"\b((?:e-?mails?|messages?|letters?|posts?|tweets?|comments?|notes?|texts?|signs?|placards?|banners?|posters?"
    r"|reviews?|graffiti|leaflets?|flyers?)\b[^.!?“”\"]{0,30}?)\b(?:calling|called|branding|labell?ing)\s+"
    r"(?:her|him|them|it|me|us)\s*$"
)
_REPORTS = re.compile(r"(?:said|says|told|tells|wrote|writes|stated|states)\b[^.;:“”\"]{0,80}?\bthat\s")


def _role_then_name(prefix: str) -> bool:
    return _ROLE_THEN_NAME.fullmatch(prefix) is not None and SPEECH_VERB.search(prefix) is None


_SALUTATION = re.compile(r"[“\"‘']?\s*(?:Dear|My dear|To whom it may concern)\b[^,.:;!?“”\"]{0,40}[,:]")
_WROTE = re.compile(r"\b(?:wrote|writes|write|written|penned|pens|signed|signs|emailed|texted|posted)\b")
# "the statement said": whoever issued the statement the paragraph introduced.
_THE_STATEMENT = re.compile(r"(?:the|that|this|its|their)\s+(?:[\w-]+\s+)?statement", re.IGNORECASE)
_A_STATEMENT = re.compile(r"\b(?:a|an)\s+(?:[\w-]+\s+)?statement\b")
_PLACE_PREPOSITIONS = frozenset(
    "in on into onto over under near amid via inside outside across along behind beyond around through".split()
)
_PUT_IT = re.compile(r"(?:That|This|So)\s+(?:is|was|’s|'s)\s+how\s+(.+?)\s+(?:put|described|summed up|phrased)\s+it\b")


class Attributor:
    """Finds the speaker of each quotation of one article."""

    def __init__(self, passages: Sequence[Passage], cast: Cast, catalogue: Catalogue) -> None:
        self.passages = passages
        self.cast = cast
        self.catalogue = catalogue
        self.referents = Referents(passages, cast)
        self.opening = (0, 0)  # where the quotation being attributed opens

    def speaker(self, first: tuple[int, int], last: tuple[int, int]) -> Speaker:
        """The speaker of a quotation opening at `first` and closing at `last` ((paragraph, offset) each)."""
        self.opening = first
        paragraph, close_at = last
        passage = self.passages[paragraph]
        _, sentence_end = passage.sentence(max(close_at - 1, 0))
        after = passage.text[close_at:sentence_end]
        first_passage = self.passages[first[0]]
        opens_sentence = not first_passage.text[first_passage.sentence(first[1])[0] : first[1]].strip(' “"‘(')
        found = self._after(paragraph, close_at, after, opens_sentence)
        if found is None or (found.rule == "none:no-cue" and not found.attributed):
            # No cue after it, or words that name nobody (", having first been announced"): the one before.
            found = self._before(*first) or found
        if found is None and not after.strip(" ,;:—–-"):
            next_start = sentence_end
            next_end = passage.sentence(next_start)[1] if next_start < len(passage.text) else next_start
            found = self._next_sentence(paragraph, next_start, passage.text[next_start:next_end])
        return found or NOBODY

    def joins_speakers(self, span_segments: Sequence[tuple[int, int, int]]) -> bool:
        """Whether a quotation marked over several paragraphs would join two speakers' words: its
        first, unclosed part has a reporting cue of its own inside it ("…, Lindqvist added later."),
        or the cue before its opening and the cue after its close name different speakers.

        `span_segments` is (paragraph, opening mark, end) of each part, the last end after the close.
        """
        first_paragraph, open_at, first_end = span_segments[0]
        inside = self.passages[first_paragraph].text[open_at:first_end]
        if _OWN_CUE.search(inside):
            return True
        last_paragraph, _, close_at = span_segments[-1]
        self.opening = (first_paragraph, open_at)
        before = self._before(first_paragraph, open_at)
        passage = self.passages[last_paragraph]
        after = self._after(
            last_paragraph, close_at, passage.text[close_at : passage.sentence(max(close_at - 1, 0))[1]]
        )
        if before is None or after is None or not before.attributed or not after.attributed:
            return False
        return (before.entity, before.name) != (after.entity, after.name)

    # -- the cues ----------------------------------------------------------------------------

    def _after(self, paragraph: int, offset: int, after: str, opens_sentence: bool = True) -> Speaker | None:
        """A cue right after the quotation: "said X", "X said" (any verb), or "according to X".

        After a quotation inside a sentence ("When a minister dismissed it as “…”, she wrote to
        him"), a name and a verb start a clause of their own, not a cue: only "said X" counts there.
        """
        lead = len(after) - len(after.lstrip(" ,;—–-"))
        rest = after[lead:]
        base = offset + lead
        verb = SPEECH_VERB.match(rest)
        if verb and verb.group() not in ("told", "tells"):
            return self._head_after(paragraph, base + verb.end(), "cue:said-X")
        according = re.match(r"according\s+to\b", rest, re.IGNORECASE)
        if according:
            return self._head_after(paragraph, base + according.end(), "cue:according-to")
        text = self.passages[paragraph].text
        if not opens_sentence and not (text[offset - 2 : offset - 1] == "," and _CUE_ENDS_SENTENCE.match(rest)):
            # (but "… and “just makes everything louder,” June says.": a comma inside the marks,
            # then a name or a pronoun and a speech verb that end the sentence, is a cue)
            return None
        writer = _WRITER.match(rest)
        if writer is not None:  # “Will this ward ever reopen?” I ask her.
            return Speaker("none:writer", cue=writer.group().strip())
        for verb in SPEECH_VERB.finditer(rest):
            subject = _subject_before(rest, verb.start())
            if subject is None or (subject[0] != 0 and not _role_then_name(rest[: subject[0]])):
                break  # words stand between the quotation and a verb's subject: not this rule
            if _THE_STATEMENT.fullmatch(rest[subject[0] : subject[1]]):
                return self._issuer(paragraph, offset)
            return self.referents.head(paragraph, base + subject[0], base + subject[1], "cue:X-said", self.opening)
        # A name or a pronoun right after the quotation, then a verb the lexicon lacks ("Brandt fired back").
        adjacent = re.match(r"((?:" + _NAME_PART + r"\s+){0,4}" + _NAME_END + r"|he|she|they)\s+[a-z]+\b", rest)
        if adjacent and (
            adjacent.group(1) in ("he", "she", "they")
            or self.passages[paragraph].names_in(base, base + adjacent.end(1))
        ):
            return self.referents.head(paragraph, base, base + adjacent.end(1), "cue:X-said", self.opening)
        return None

    def _issuer(self, paragraph: int, before: int) -> Speaker:
        """Who issued "the statement" a cue names: the speaker of the sentence before it in the
        paragraph that mentions a statement ("In a statement, Harrowmere Police said …", "The
        commission said in a statement that …"), when that sentence's subject is one the cast knows."""
        text = self.passages[paragraph].text
        unsettled = Speaker("none:role", cue="the statement")
        mentions = list(_A_STATEMENT.finditer(text, 0, before))
        if not mentions:
            return unsettled
        start, end = self.passages[paragraph].sentence(mentions[-1].start())
        sentence = text[start:end]
        verb = SPEECH_VERB.search(sentence)
        subject = _subject_before(sentence, verb.start()) if verb is not None else None
        if subject is None:
            return unsettled
        found = self.referents.head(paragraph, start + subject[0], start + subject[1], "statement", self.opening)
        # A catalogued issuer only: "the Monetary Policy Committee" may be the bank's, and the
        # catalogue says what an organisation is called.
        person = found.name is not None and found.is_person and found.name.split()[-1] not in ORGANISATION_WORDS
        return found if found.entity is not None or person else unsettled

    def _before(self, paragraph: int, open_at: int) -> Speaker | None:
        """A cue before the quotation in its sentence: a label, a colon, "according to X", "X said"."""
        passage = self.passages[paragraph]
        start, _ = passage.sentence(open_at)
        before = passage.text[start:open_at]
        label = _LABEL.fullmatch(before)
        if label and start == 0 and not SPEECH_VERB.search(before):
            named = self.referents.head(
                paragraph, start + label.start(1), start + label.end(1), "cue:label", self.opening
            )
            # An interview label is a speaker only if it is somebody of the cast ("Question:" is not).
            if named.entity is not None or (named.name is not None and self._in_cast(named.name)):
                return named
            return Speaker("none:no-cue", cue=label.group(1))
        according = list(re.finditer(r"according\s+to\b", before, re.IGNORECASE))
        if according:
            return self._head_after(paragraph, start + according[-1].end(), "cue:according-to")
        colon = before.rstrip().endswith(":")
        rule = "cue:X-said:" if colon else "cue:X-said-that"
        if _SALUTATION.match(passage.text, open_at) and not _WROTE.search(before):
            # “Dear councillors, …” after "the clerk told the chamber, before beginning:": a letter read
            # out, its writer's words, not the reader's.
            return Speaker("none:document", cue="a letter")
        authored = _SENT_BY_ANOTHER.search(before) if colon else None
        if authored is not None:
            # "showed the BBC a message her daughter sent on Thursday:", "a text message that a
            # regional manager is said to have sent:": the writer's words, not the sentence's subject's;
            # theirs when the sentence names them there ("an email that Dr. Lisowski sent …:").
            writer = self._sentence_speaker(
                paragraph, start + authored.start("author"), start + authored.end("author"), rule
            )
            return writer if writer is not None else Speaker("none:document", cue=authored.group(1))
        calling = _DOCUMENT_CALLING.search(before)
        if calling is not None:
            # "has received emails calling her “a groomer”": the emails' words, not hers (whom they call it).
            return Speaker("none:document", cue=calling.group(1).strip())
        document = _DOCUMENT_READ.search(before) or _READ_FROM.search(before)
        if document is not None:
            # "sent a message that read: “…”": the document's words, not the sentence's subject's.
            nouns = list(_DOCUMENT_NOUN.finditer(before))
            cue = document.group(1) or (nouns[-1].group() if nouns else "a document")
            return Speaker("none:document", cue=cue)
        # "X told the court that …" is X's cue; "X was told (asked) that …" is not.
        verbs = [v for v in PARTIAL_VERB.finditer(before) if not _PASSIVE.search(before[: v.start()])]
        verbs = [v for v in verbs if not any(a <= start + v.start() < b for a, b in passage.quoted)]
        gerund = _GERUND.search(before)
        heard = (
            _HEARD_SAYING.search(before, 0, gerund.start())
            if gerund is not None and gerund.group() in ("saying", "telling")
            else None
        )
        if heard is not None and gerund is not None:
            # "footage had captured a member of the door team saying “…”": the one heard, unnamed.
            return Speaker("none:role", cue=before[heard.start() : gerund.end()])
        if gerund is not None and (not verbs or verbs[-1].start() < gerund.start()):
            # "Hope rejected the criticism, insisting …": the sentence's one speaker, if it names one.
            return self._sentence_speaker(paragraph, start, start + gerund.start(), rule)
        if not verbs:
            if colon and not re.search(r"\b(?:[Aa]sked|told|question|questions)\b", before):
                return self._sentence_speaker(paragraph, start, open_at, rule)  # "Reid was blunter:"
            return None
        verb = verbs[-1]
        if not colon and _CLAUSE.search(before, verb.end()):
            return None  # another clause stands between the verb and the quotation ("…, while X …")
        subject = _subject_before(before, verb.start())
        outer = [v for v in verbs[:-1] if _REPORTS.match(before, v.start())]
        inner = before[subject[0] : subject[1]].strip().lower() if subject is not None else ""
        if subject is not None and outer and subject[0] > outer[-1].end() and inner not in _PRONOUN_SUBJECTS:
            # "The council said in a statement that Mr Delahaye had asked for a reinspection, which
            # would take place “…”": the council's words or his, the sentence does not settle.
            return Speaker("none:reported", cue=before[outer[-1].start() : verb.end()].strip())
        relative = _WHO_BEFORE.search(before, 0, verb.start()) if subject is None else None
        if relative is not None:
            # "quoted the evidence of the count supervisor for Kingsmead, who told the court: “…”":
            # the one the relative clause is about, a person named right before it, else nobody named.
            return self._relative_antecedent(paragraph, start + relative.start(), rule)
        if subject is None:
            # "Marr smiled and said only that …": the sentence's one speaker, if it names one.
            return self._sentence_speaker(paragraph, start, start + verb.start(), rule)
        if _FIRM_BEFORE.search(before, 0, subject[0]):
            # "Her solicitors, Farquhar Rennie, said": a firm named after a plural, not a person.
            return self.referents.organisation_named(before[subject[0] : subject[1]], rule)
        return self.referents.head(paragraph, start + subject[0], start + subject[1], rule, self.opening)

    def _relative_antecedent(self, paragraph: int, comma: int, rule: str) -> Speaker:
        """Who ", who" at `comma` is about: the person whose name ends right before it, else nobody
        the sentence names (an unnamed role, or a place: "the supervisor for Kingsmead, who")."""
        passage = self.passages[paragraph]
        named = next(
            (r for r in passage.references if r.end <= comma and not passage.text[r.end : comma].strip()), None
        )
        if named is not None and named.member is not None and named.member.person:
            return self.referents.head(paragraph, named.start, named.end, rule, self.opening)
        return Speaker("none:role", cue=passage.text[max(0, comma - 40) : comma].strip())

    def _sentence_speaker(self, paragraph: int, start: int, end: int, rule: str) -> Speaker | None:
        """The one person or organisation the sentence names before `end` (outside quotations), or a
        he/she that opens it; None when it names nobody or more than one."""
        passage = self.passages[paragraph]
        named = [r for r in passage.references if start <= r.start < end]
        if any(r.uncertain and _APPOSITION.match(passage.text, r.end) for r in named):
            return None  # a name it could not settle ("Park, 38, who founded Vireo, … added:") may be the one
        named = [r for r in named if not r.uncertain]
        members = {id(r.member): r for r in named if r.member is not None}
        if len(named) == len(members) == 1 or (len(members) == 1 and all(r.member is not None for r in named)):
            (reference,) = list(members.values())[-1:]
            subject = unnamed_subject(passage.text, start)
            if (
                subject is not None
                and subject.end() <= reference.start
                and passage.text[subject.end() : reference.start].strip(" ,")
            ):
                # "A federal judge on Thursday fined Calvane …, telling the company …": the judge's
                # words, whom the next sentence may name; Calvane is the object.
                return self.referents.named_next(subject.group("noun"), None, paragraph, end)
            if _AFTER_PREPOSITION.search(passage.text, start, reference.start):
                # Not the sentence's subject: “A voice from the Nordic Tern can be heard saying:” is
                # the voice's, whoever it is.
                return None
            head = re.match(r"(?:\s+[a-z][\w-]*){1,3}", passage.text[reference.end :])
            if (
                _DETERMINED_BEFORE.search(passage.text, start, reference.start)
                and head is not None
                and any(w in PERSON_NOUNS or w in ("figure", "source", "insider") for w in head.group().split())
            ):
                # "One senior Ravensmoor figure … disputes that:": the figure's words, not the club's
                # (as "A Rovers statement said" is the club's).
                return None
            return self.referents.named(reference, rule)
        if not named and not any(start <= r.start < end for r in passage.runs):
            opening = re.match(r"\s*(?:[A-Z][\w ,]*,\s+)?(he|she|He|She)\b", passage.text[start:end])
            if opening is not None:
                return self.referents.head(
                    paragraph, start + opening.start(1), start + opening.end(1), rule, self.opening
                )
        return None

    def _next_sentence(self, paragraph: int, start: int, text: str) -> Speaker | None:
        """The sentence after a quotation that is a sentence: "Lee said.", "That is how Lee put it."."""
        writer = _WRITER.match(text.lstrip())
        if writer is not None:  # “Will this ward ever reopen?” I ask her.
            return Speaker("none:writer", cue=writer.group())
        put = _PUT_IT.match(text)
        if put is not None:
            return self.referents.head(
                paragraph, start + put.start(1), start + put.end(1), "cue:next-sentence", self.opening
            )
        if not _only_a_cue(text):
            return None
        found = self._after(paragraph, start, text)
        return replace(found, rule="cue:next-sentence") if found is not None and found.attributed else found

    # -- what the cue names ------------------------------------------------------------------

    def _head_after(self, paragraph: int, offset: int, rule: str) -> Speaker:
        """The speaker phrase after a verb: up to punctuation or a preposition ("of", "at" too); a role
        followed by a name in apposition ("a spokesperson for Org, Jane Doe") is the name."""
        text = self.passages[paragraph].text
        words: list[re.Match[str]] = []
        for word in WORD.finditer(text, offset):
            gap = text[(words[-1].end() if words else offset) : word.start()]
            if gap.strip() and not (
                words and gap == ". " and (len(words[-1].group()) == 1 or words[-1].group() in TITLES)
            ):
                break
            if word.group().lower() in _STOP or word.group().lower() in ("of", "at", "from") or len(words) == 8:
                break
            words.append(word)
        if not words:
            return Speaker("none:no-cue")
        found = self.referents.head(paragraph, words[0].start(), words[-1].end(), rule, self.opening)
        if not found.attributed and words[0].group().lower() in _DETERMINERS | _POSSESSIVES:
            # "said its chair, June Halloran" / "said a spokesperson for Org, Ana Kühn, …": the name in apposition
            apposed = re.match(
                r"[^,.;]{0,60}?,\s+((?:" + _NAME_PART + r"\s+){0,3}" + _NAME_END + r")(?=[,.;]|\s*$)",
                text[words[-1].start() :],
            )
            if apposed is not None:
                at = words[-1].start()
                named = self.referents.head(paragraph, at + apposed.start(1), at + apposed.end(1), rule, self.opening)
                if named.attributed:
                    return named
        return found

    def _in_cast(self, name: str) -> bool:
        return any(m.name == name for m in self.cast.members)


def _only_a_cue(sentence: str) -> bool:
    """A sentence that only says who spoke: "Lee said.", "Lee said so on Monday.", not "Lee said the talks failed"."""
    verb = SPEECH_VERB.search(sentence)
    if verb is None or any(mark in sentence for mark in '“”"'):
        return False  # a sentence with a quotation of its own is that one's cue ("The UCI said it had “taken note”")
    tail = WORD.findall(sentence[verb.end() :])
    return not tail or tail[0].lower() in _CUE_TAIL


def _subject_before(text: str, verb_at: int) -> tuple[int, int] | None:
    """The phrase that is the subject of the verb at `verb_at`: back to punctuation, a stop word or another verb.

    An appositive between commas ("Busch, the chief executive, said") is skipped to reach the name.
    """
    end = verb_at
    head = text[:end].rstrip()
    words = list(WORD.finditer(head))
    if words and _ADVERB.fullmatch(words[-1].group()) and words[-1].group()[0].islower():
        head = head[: words[-1].start()].rstrip()
    if head.endswith(","):
        relative = list(re.finditer(r",\s+(?:which|who|whose|where)\b", head[:-1]))
        opening = relative[-1].start() if relative else head[:-1].rfind(", ")  # not a comma of a list inside it
        if opening <= 0 or len(head) - opening > 80:
            return None
        inner = head[opening + 1 : -1].strip()
        if inner[:1].isupper() and WORD.findall(inner)[0].lower() not in _DETERMINERS:
            start = opening + 1 + (len(head[opening + 1 :]) - len(head[opening + 1 :].lstrip()))
            return start, start + len(inner)  # "Kestrel's head of lending, Sam Adeyemi, said"
        head = head[:opening].rstrip()
    chosen: list[re.Match[str]] = []
    for word in reversed(list(WORD.finditer(head))):
        gap = head[word.end() : chosen[-1].start() if chosen else len(head)]
        if gap.strip() and gap.strip() not in (".", "’", "'"):  # a plural possessive: "the Renters’ Network"
            break
        lower = word.group().lower()
        if (lower in _STOP and lower not in _OF_WORDS) or SPEECH_VERB.fullmatch(lower) or PARTIAL_VERB.fullmatch(lower):
            break
        if len(chosen) == 12:
            break
        chosen.append(word)
    if not chosen:
        return None
    place = re.search(r"\b(\w+)\s+$", head[: chosen[-1].start()])
    if place is not None and place.group(1) in _PLACE_PREPOSITIONS and chosen[-1].group()[0].isupper():
        return None  # "One neighbour on Mill Row … said": a place in the subject, not who it is
    return chosen[-1].start(), chosen[0].end()
