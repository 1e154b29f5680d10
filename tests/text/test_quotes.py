"""Quotation marks, speaker attribution and the notes an editor gets (pipeline.text.quotes)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.source.article import parse_article, read_article
from pipeline.source.catalogue import Catalogue, Entity, read_catalogue
from pipeline.text.quotes import QuoteFindings, find_quotes
from tests.conftest import ROOT, SEED

CATALOGUE = Catalogue(
    {
        "ann-lee": Entity("ann-lee", "Person", "Ann Lee", aliases=("Lee",), works_for="acme"),
        "bob-roy": Entity("bob-roy", "Person", "Bob Roy", aliases=("Roy",)),
        "acme": Entity("acme", "Organization", "Acme"),
        "roland-busch": Entity("roland-busch", "Person", "Roland Busch", aliases=("Busch",), works_for="siemens"),
        "siemens": Entity("siemens", "Organization", "Siemens"),
    }
)


def find(text: str) -> QuoteFindings:
    return find_quotes(parse_article(text, Path("q.txt")), CATALOGUE)


def speakers(text: str) -> list[tuple[str, str | None, str | None, str]]:
    """(text, catalogue id, name as written, rule) of each quotation."""
    return [(q.text, q.entity, q.speaker.name, q.speaker.rule) for q in find(text).quotes]


def notes(text: str) -> list[tuple[str, str]]:
    return [(n.constraint, n.message) for n in find(text).notes]


def test_seed_has_two_quotes_by_kaufman() -> None:
    article = read_article(SEED)
    found = find_quotes(article, read_catalogue(ROOT / "articles" / "entities.toml"))
    assert [(q.number, q.paragraph, q.text, q.entity, q.speaker.rule) for q in found.quotes] == [
        (1, 2, "AI is coming for everyone’s jobs, including mine", "micha-kaufman", "pronoun"),
        (2, 4, "Those who resist transformation will be left behind", "micha-kaufman", "pronoun"),
    ]
    for quote in found.quotes:
        assert article.body[quote.begin : quote.end] == quote.text
    assert found.notes == ()


# The cases reported in the issue: each was published with a wrong speaker before.


def test_uncatalogued_analyst_is_not_the_ceo_named_earlier() -> None:
    text = (
        "Siemens chief executive Roland Busch announced the deal.\n\n"
        "“This is a defensive move,” said Jane Doe, an analyst at Bernstein.\n"
    )
    assert speakers(text) == [("This is a defensive move", None, "Jane Doe", "cue:said-X")]
    assert notes(text) == [
        (
            "uncatalogued-speaker",
            "Quote 1 (paragraph 2, “This is a defensive move”) is attributed to “Jane Doe” as written (cue:said-X),"
            " who is not in the catalogue, so it is published with that name only: add [entity.jane-doe] with"
            ' type = "Person" and name = "Jane Doe" to entities.toml.',
        )
    ]


def test_one_of_them_is_nobody() -> None:
    text = "Roland Busch met analysts.\n\n“The numbers add up,” one of them wrote.\n"
    assert speakers(text) == [("The numbers add up", None, None, "none:plural")]
    assert notes(text)[0][0] == "unattributed-quote"


def test_he_said_beats_an_organisation_in_the_same_sentence() -> None:
    text = (
        "Roland Busch presented.\n\n“Our customers are asking for this,” he said, adding that Siemens would bring it.\n"
    )
    assert speakers(text) == [("Our customers are asking for this", "roland-busch", None, "pronoun")]


def test_she_refers_to_the_person_just_named_not_the_catalogue_one() -> None:
    text = (
        "Roland Busch opened.\n\n"
        "Later, the economist Maria Lopez took the stage. “Automation has always created jobs,” she said.\n"
    )
    assert speakers(text) == [("Automation has always created jobs", None, "Maria Lopez", "pronoun")]


def test_quotation_continued_over_paragraphs_is_one_quote_with_its_full_text() -> None:
    text = "Busch spoke. “We waited a long time. We are ready\n\n“The market is there,” he continued.\n"
    found = find(text)
    [quote] = found.quotes
    assert quote.text == "We waited a long time. We are ready The market is there"
    assert (quote.paragraphs, quote.entity) == ((1, 2), "roland-busch")
    body = parse_article(text, Path("q.txt")).body
    assert body[quote.begin : quote.end] == "We waited a long time. We are ready\n\n“The market is there"
    assert found.notes == ()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "Busch spoke. “We are ready to grow, he said.\n",
            "Paragraph 1, character 14: the opening quote mark “ is never closed, so no quotation was published"
            " from it: close the quotation (or, to continue it, open the next paragraph with a quote mark).",
        ),
        (
            'Busch spoke. The results were "strong, Busch said in a statement.\n',
            'Paragraph 1, character 31: the opening quote mark " is never closed, so no quotation was published'
            " from it: close the quotation (or, to continue it, open the next paragraph with a quote mark).",
        ),
        (
            "Busch spoke.” Then he left.\n",
            "Paragraph 1, character 13: the closing quote mark ” closes no quotation, so no quotation was"
            " published from it: add the opening mark or remove this one.",
        ),
        (
            'Busch " spoke.\n',
            'Paragraph 1, character 7: the quote mark " stands between spaces, so it neither opens nor closes,'
            " so no quotation was published from it: attach it to the quoted words or remove it.",
        ),
    ],
)
def test_unpaired_marks_publish_nothing_and_say_where(text: str, message: str) -> None:
    found = find(text)
    assert found.quotes == ()
    assert [(n.constraint, n.message, n.paragraph) for n in found.notes] == [("unmatched-quote-mark", message, 1)]


def test_unclosed_quote_not_continued_by_the_next_paragraph_is_stray() -> None:
    found = find("Busch said “we will grow.\n\nThe shares rose.\n")
    assert found.quotes == ()
    assert [n.constraint for n in found.notes] == ["unmatched-quote-mark"]


def test_single_quotes_inside_double_quotes_stay_inside() -> None:
    """The words in single marks stay part of the quotation, and are a quotation within it, whose
    speaker the outer speaker reports: unattributed, never credited by the cue around the outer one."""
    assert speakers("“They called it ‘a bold bet’ and moved on,” Lee said.\n") == [
        ("They called it ‘a bold bet’ and moved on", "ann-lee", None, "cue:X-said"),
        ("a bold bet", None, None, "none:nested"),
    ]
    assert speakers("“I read ‘The Plan’ twice,” Lee said.\n") == [
        ("I read ‘The Plan’ twice", "ann-lee", None, "cue:X-said")
    ]


def test_straight_title_inside_curly_quote_stays_inside() -> None:
    assert [q.text for q in find('“I read "The Plan" twice,” Roy said.\n').quotes] == ['I read "The Plan" twice']


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ann Lee spoke first. “We will ship it soon,” said Bob Roy on Monday.\n", ("bob-roy", "cue:said-X")),
        ("Bob Roy opened. Ms Ann Lee answered him.\n\n“Not today,” she said.\n", ("ann-lee", "pronoun")),
        # Nothing says which of the two "she" agrees with: nobody, not the nearest.
        ("Bob Roy opened. Ann Lee answered him.\n\n“Not today,” she said.\n", (None, "none:ambiguous-pronoun")),
        ("Acme chief Roy said: “Prices rise next year.”\n", ("bob-roy", "cue:X-said:")),
        ("“We deny every claim,” Acme said in a statement.\n", ("acme", "cue:X-said")),
        ("Bob Roy was asked. “Ann Lee is right about this,” he replied.\n", ("bob-roy", "pronoun")),
        ("According to Lee, “the plan is dead”.\n", ("ann-lee", "cue:according-to")),
        ("Lee said the deal was “a defensive move” and left.\n", ("ann-lee", "cue:X-said-that")),
        ("“We are done.” Lee said.\n", ("ann-lee", "cue:next-sentence")),
        ("Lee: “We are ready.”\n", ("ann-lee", "cue:label")),
        ("Siemens reported results. “We grew,” the company said.\n", ("siemens", "org-reference")),
        ("“We grew,” Busch, the chief executive, said.\n", ("roland-busch", "cue:X-said")),
    ],
)
def test_cues(text: str, expected: tuple[str, str]) -> None:
    [quote] = find(text).quotes
    assert (quote.entity, quote.speaker.rule) == expected


def test_second_quote_continues_the_first_speaker_only_with_nobody_in_between() -> None:
    assert [q.entity for q in find("“We will ship it,” Lee said. “It will be soon.”\n").quotes] == ["ann-lee"] * 2
    assert [q.entity for q in find("“We will ship it,” Lee said. Roy disagreed. “It will be late.”\n").quotes] == [
        "ann-lee",
        None,
    ]


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("“Nobody knows who said this,” a source claimed.\n", "none:role"),
        ("Roy sat down. “That is all for today.” Ann Lee then left the room.\n", "none:no-cue"),
        ("Ann Lee met Bob Roy. “We agree,” she said.\n", "none:ambiguous-pronoun"),
        ("“We agree,” they said.\n", "none:plural"),
        ("Busch was pleased. “We grew,” the company said.\n", "none:no-antecedent"),
        ("Siemens and Acme signed. “We grew,” the company said.\n", "none:ambiguous-organisation"),
        ("Q: “What comes next?”\n", "none:no-cue"),
    ],
)
def test_no_speaker_when_the_text_does_not_settle_it(text: str, rule: str) -> None:
    [quote] = find(text).quotes
    assert (quote.entity, quote.speaker.name, quote.speaker.rule) == (None, None, rule)


def test_organisation_speaks_only_with_an_organisational_cue() -> None:
    [quote] = find("Siemens cut jobs. “It hurts,” a worker said.\n").quotes
    assert quote.entity is None


@pytest.mark.parametrize(
    "text", ["Height 5'10\" only.\n", "“   ” empty.\n", 'Lee doubted the "transformative" plan.\n']
)
def test_no_quotation_and_no_note_from_inch_marks_empty_or_scare_quotes(text: str) -> None:
    assert find(text).quotes == ()
    assert find(text).notes == ()


def test_single_word_with_punctuation_is_speech() -> None:
    assert [q.text for q in find("“Yes,” said Roy.\n").quotes] == ["Yes"]


def test_mentions_respect_hyphenated_names() -> None:
    found = find("Busch-Jaeger and Anheuser-Busch InBev reported; Busch’s team did too.\n")
    assert [(m.entity, m.start) for m in found.mentions[0]] == [("roland-busch", 48)]


def test_an_employer_before_a_role_and_a_name_is_not_a_person_a_pronoun_could_mean() -> None:
    text = (
        "Dalton Freight warns of delays\n\n"
        "Dalton Freight chief executive Ana Kühn said deliveries would slip.\n\n"
        "“Those who resist will be left behind,” she told staff.\n"
    )
    assert speakers(text)[-1] == ("Those who resist will be left behind", None, "Ana Kühn", "pronoun")


def test_a_possessive_before_a_role_and_a_name_may_be_a_person() -> None:
    text = (
        "Ana Kühn's deputy Tom Bevan said deliveries would slip.\n\n"
        "“Those who resist will be left behind,” she told staff.\n"
    )
    assert speakers(text)[-1][1:3] == (None, None)


def test_every_rule_that_credits_a_speaker_is_described_for_the_graph() -> None:
    """The graph publishes each rule's description (RULES): a rule the code uses must have one."""
    import re

    from pipeline.text.speakers import RULES

    code = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "pipeline" / "text").glob("*.py"))
    used = set(re.findall(r'"(cue:[^" ]+)"', code)) | {"pronoun", "title", "org-reference", "continued", "editor"}
    assert used - RULES.keys() == set()
    assert all(re.search(rf'"{re.escape(rule)}"', code.replace(f'"{rule}": ', "")) for rule in RULES)


def test_a_pronoun_after_an_unnamed_person_is_not_the_person_named_before() -> None:
    text = (
        "The mayor, Ann Lee, said 340 people had registered at the shelter.\n\n"
        "One woman, who was carried down a ladder, said she had heard the water first."
        " “It sounded like a train,” she said.\n"
    )
    assert speakers(text)[-1][1:] == (None, None, "none:ambiguous-pronoun")


def test_a_profiles_subject_may_be_meant_past_a_nearer_person_of_unknown_pronoun() -> None:
    catalogue = Catalogue({"agnes-tremayne": Entity("agnes-tremayne", "Person", "Agnes Tremayne", pronouns="she")})
    text = (
        "Agnes Tremayne has built boats for 46 years. “You’ll find me,” she says.\n\n"
        "She learned the trade from her father.\n\n"
        "Jack Tremayne, whom she married in 1975, was a fisherman. He died in 2016."
        " “Jack could have sold sand in the Sahara,” she says.\n"
    )
    found = find_quotes(parse_article(text, Path("q.txt")), catalogue).quotes
    assert [(q.entity, q.speaker.name, q.speaker.rule) for q in found] == [
        ("agnes-tremayne", None, "pronoun"),
        (None, None, "none:ambiguous-pronoun"),  # not Jack, whose pronoun the text never gives
    ]


def test_the_subject_known_to_agree_is_meant_over_an_object_in_apposition() -> None:
    catalogue = Catalogue({"ana-ruiz": Entity("ana-ruiz", "Person", "Ana Ruiz", pronouns="she")})
    text = (
        "Ana Ruiz, who is on a tour of Asia, signed the protocol with the deputy minister, Tran Van Phuc."
        " “We tried twice before,” she said.\n"
    )
    found = find_quotes(parse_article(text, Path("q.txt")), catalogue).quotes
    assert [(q.entity, q.speaker.rule) for q in found] == [("ana-ruiz", "pronoun")]


def test_a_short_phrase_in_marks_used_as_a_noun_is_a_term_not_a_quotation() -> None:
    text = (
        "Critics questioned whether its “slow cinema” style would travel."
        " The judge praised what she called his “genuine and sustained” efforts.\n"
    )
    assert [q.text for q in find(text).quotes] == ["genuine and sustained"]


def test_a_name_the_article_calls_a_place_or_a_month_is_not_mentioned_there() -> None:
    catalogue = Catalogue(
        {
            "redlake-town": Entity("redlake-town", "Organization", "Redlake Town", aliases=("Redlake",)),
            "eleanor-may": Entity("eleanor-may", "Person", "Eleanor May", aliases=("May",)),
        }
    )
    text = (
        "Redlake Town won the replay.\n\n"
        "The town of Redlake lost its last colliery in 1991.\n\n"
        "Eleanor May praised the boats. “Ask me in May,” the builder said.\n"
    )
    mentions = find_quotes(parse_article(text, Path("q.txt")), catalogue).mentions
    assert [sorted({m.entity for m in paragraph}) for paragraph in mentions] == [
        ["redlake-town"],
        [],
        ["eleanor-may"],
    ]


# Found by the second blind set (tests/data/quotes/fresh2), each a general rule of news copy.


def test_an_occupation_opening_a_sentence_is_not_part_of_the_name() -> None:
    """AP copy writes occupations before a name in lower case ("meteorologist Kyle Brandt"); opening a
    sentence, the word is capitalised but is still not the person's name."""
    text = (
        "Rain fell all night. Meteorologist Ann Lee, at the agency’s office, said the ground was full.\n\n"
        "“It is the worst-case setup,” Lee said. “I’m not going to call it climate change,” she said.\n"
    )
    assert [(q.entity, q.speaker.name) for q in find(text).quotes] == [("ann-lee", None), ("ann-lee", None)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A speaker's own scare quotes inside a quotation are not quotations of their own.
        (
            "“There is no ‘too late’. There is only ‘not yet’ and ‘no longer’,” Lee said.\n",
            ["There is no ‘too late’. There is only ‘not yet’ and ‘no longer’"],
        ),
        # A term the text introduces as what a group calls it.
        ("The study found what researchers call “social jetlag” among night workers, Lee said.\n", []),
        # Somebody's words about it stay a quotation: "what she called".
        (
            "Lee thanked the jury for what she called “a long and very dry” trial.\n",
            ["a long and very dry"],
        ),
    ],
)
def test_scare_quotes_and_terms_are_not_quotations(text: str, expected: list[str]) -> None:
    assert [q.text for q in find(text).quotes] == expected


def test_a_document_quoted_in_a_sentence_is_not_its_subjects_words() -> None:
    """ "Lee told the court that he sent a message that read: “…”": the message's words, whose
    author the sentence does not settle; never the sentence's subject."""
    text = "Ann Lee told the court that Roy sent a text message that read: “You will see what happens.”\n"
    [quote] = find(text).quotes
    assert (quote.entity, quote.speaker.rule) == (None, "none:document")
    assert "it quotes a text message, whose author its sentence does not name" in notes(text)[0][1]


def test_a_surname_with_a_joined_particle_stays_part_of_a_namesakes_name() -> None:
    """ "Karim al-Sayed" is one name: the catalogue's "Fatima al-Sayed" (alias "al-Sayed") is not
    mentioned, and "he said" is never hers."""
    catalogue = Catalogue(
        {"fatima": Entity("fatima", "Person", "Fatima al-Sayed", aliases=("al-Sayed",), pronouns="she")}
    )
    text = (
        "Fatima al-Sayed leads the union.\n\n"
        "Karim al-Sayed, a crane driver, was on the picket line. “We are not dinosaurs,” he said.\n"
    )
    found = find_quotes(parse_article(text, Path("q.txt")), catalogue)
    assert [sorted({m.entity for m in paragraph}) for paragraph in found.mentions] == [["fatima"], []]
    assert [q.entity for q in found.quotes] == [None]  # he is not Fatima; a crane driver may be anyone


# Found by the third blind set (tests/data/quotes/fresh3).


def quotes_with(catalogue: Catalogue, text: str) -> list[tuple[str | None, str | None, str]]:
    found = find_quotes(parse_article(text, Path("q.txt")), catalogue)
    return [(q.entity, q.speaker.name, q.speaker.rule) for q in found.quotes]


def test_a_title_in_quote_marks_is_nobody_a_pronoun_can_mean() -> None:
    catalogue = Catalogue({"eq": Entity("eq", "Person", "Eleanor Quayle", aliases=("Quayle",), pronouns="she")})
    text = "Eleanor Quayle ran the theatre.\n\nIn 2011 she published a memoir, “Curtain Up in Kettleby”, in which she wrote that it had survived “three floods and two fires”.\n"
    assert quotes_with(catalogue, text) == [("eq", None, "pronoun")]


def test_a_possessor_is_not_the_subject_a_pronoun_means() -> None:
    """ "Callum’s older brother, Jamie Rowe, said…": "he" then is not Callum."""
    catalogue = Catalogue({"callum": Entity("callum", "Person", "Callum Rowe", aliases=("Callum",), pronouns="he")})
    text = (
        "Callum Rowe went missing from the trawler.\n\n"
        "Callum’s older brother, Jamie Rowe, said he had been in the wheelhouse. “I ran out and there was nothing,” he told the hearing.\n"
    )
    assert [entity for entity, _, _ in quotes_with(catalogue, text)] != ["callum"]


def test_a_longer_alias_a_relative_shares_is_a_short_form() -> None:
    """The catalogue's "Te Rangi" for Aroha Te Rangi, once her mother Mereana Te Rangi is named, means
    either of them: "the older Te Rangi added" is not Aroha's."""
    catalogue = Catalogue({"aroha": Entity("aroha", "Person", "Aroha Te Rangi", aliases=("Te Rangi",), pronouns="she")})
    text = (
        "Aroha Te Rangi won the by-election.\n\n"
        "Her mother, Mereana Te Rangi, 74, stood beside her.\n\n"
        "“I didn’t think she’d listen,” the older Te Rangi added.\n"
    )
    assert [entity for entity, _, _ in quotes_with(catalogue, text)] == [None]


def test_an_unsettled_name_with_an_apposition_stands_in_the_way_of_the_sentences_one_speaker() -> None:
    """ "Park, 38, who founded Vireo, … added:": Park (an ordinary word too) may be the speaker; the
    organisation in the relative clause is not."""
    catalogue = Catalogue(
        {
            "park": Entity("park", "Person", "Park Min-seo", aliases=("Park",), pronouns="she"),
            "vireo": Entity("vireo", "Organization", "Vireo Labs", aliases=("Vireo",)),
        }
    )
    text = 'Park, 38, who founded Vireo in 2016, said a faulty fuse was to blame, but added: "The responsibility is ours."\n'
    assert [entity for entity, _, _ in quotes_with(catalogue, text)] != ["vireo"]


def test_a_plural_of_an_ordinary_word_is_not_a_mention_at_a_sentence_start() -> None:
    catalogue = Catalogue({"dawn": Entity("dawn", "Person", "Dawn Rivers", aliases=("Rivers",), pronouns="she")})
    text = "Dawn Rivers ran the campaign.\n\nRivers burst their banks across the district on Friday.\n"
    mentions = find_quotes(parse_article(text, Path("q.txt")), catalogue).mentions
    assert [sorted({m.entity for m in paragraph}) for paragraph in mentions] == [["dawn"], []]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The clause, nicknamed the “Ferraro clause” by supporters, is disputed.\n", []),
        ("It relied on an internal “risk-tolerance model” to delay repairs.\n", []),
        ("She disliked being described as a “national treasure”.\n", []),
        ("Its plan, “Safer Grid 2030”, was late.\n", []),
        ("Parents held signs reading “Save Our School”, “Hands Off” and “Kids Not Cuts.”\n", []),
        ("He starred in “Corazón de Barrio”, the club's documentary series.\n", []),
        ("The paper, “Light after dark: nocturnal foraging in bees”, is published today.\n", []),
        ("The vault became a room that students still call “the Quiet Box.”\n", []),
        ("Generations of students called her “Miss T.”\n", []),
        ("The motto she painted over the stairs in 1979, “Everybody plays,” now hangs here.\n", []),
        ("Bob Roy has called the plan “a disgrace to the game.”\n", ["a disgrace to the game."]),
        ("Somebody has pinned a sign that says “Last One Out, Turn Off the Warmer.”\n", []),
        ("The house lights dimmed and the big screen reads “Think in light.”\n", []),
        ("Fans sang lyrics from her 2019 breakup anthem, “Keys in the River.”\n", []),
        ("She has added a new song to the set list. Its title? “Disappearing Act.”\n", []),
        ("Residents scoffed at the company's “rainwater harvesting” claims.\n", []),
        ("They carried placards with inscriptions such as “No Road” and “Senator, Where Are You?”\n", []),
        ("Rates rose in a group the study defines as the “Friday flight”.\n", []),
        ("Some clinicians already call the pattern the “weekend cliff”.\n", []),
        ("He said “we will fight,” and “we will win.”\n", ["we will fight", "we will win."]),
        ("He told senators that his company “got it wrong,” but would not say more.\n", ["got it wrong"]),
    ],
)
def test_names_and_terms_in_marks_are_not_quotations(text: str, expected: list[str]) -> None:
    assert [q.text for q in find(text).quotes] == expected


# Found by the fourth blind set (tests/data/quotes/fresh4).


def test_a_gendered_council_title_is_not_part_of_the_name() -> None:
    catalogue = Catalogue({"dw": Entity("dw", "Person", "Dana Whitfield", aliases=("Whitfield",))})
    text = "Councilwoman Dana Whitfield called the charge “a smear” and left.\n"
    assert quotes_with(catalogue, text) == [("dw", None, "cue:X-said-that")]


def test_the_answer_to_a_question_is_not_the_askers() -> None:
    """ "Lee asked a single question: “Did you…?” “No,” she said.": not Lee, whose pronoun is not given."""
    catalogue = Catalogue(
        {
            "lee": Entity("lee", "Person", "Ann Lee", aliases=("Lee",)),
            "park": Entity("park", "Person", "Helen Park", pronouns="she"),
        }
    )
    text = (
        "Helen Park was called by the prosecution.\n\n"
        "On redirect, Lee asked a single question: “Did you set that fire, Mrs. Park?” “No,” she said.\n"
    )
    assert [entity for entity, _, _ in quotes_with(catalogue, text)][1] != "lee"


def test_one_courtesy_title_per_person() -> None:
    """After "Ms Hale" for the daughter, "Mrs Hale" is somebody else: her mother, not a mention of her."""
    catalogue = Catalogue({"claire": Entity("claire", "Person", "Claire Hale")})
    text = (
        "Margaret Hale, 88, waited 31 hours. Her daughter, Claire Hale, was angry. “She was cold,” Ms Hale said.\n\n"
        "A spokeswoman apologised to Mrs Hale and her family.\n"
    )
    mentions = find_quotes(parse_article(text, Path("q.txt")), catalogue).mentions
    assert [sorted({m.entity for m in paragraph}) for paragraph in mentions] == [["claire"], []]


@pytest.mark.parametrize(
    "text",
    [
        "The judge warned them off a local podcast, “Ashes on Tallow Street.” They nodded.\n",
        "Outside, protesters chanted “Pay what you owe” in English and Portuguese.\n",
        "By half-time the away end was singing “Blue is the colour” again.\n",
        "The fans sang “We’re going up,” and the players joined in.\n",
        "Acme changed how it counts sales, which it calls its “booked momentum,” last year.\n",
        "The union rejected what it called a “final offer” on Monday.\n",
    ],
)
def test_a_title_with_its_full_stop_inside_and_a_chant_are_not_quotations(text: str) -> None:
    assert find(text).quotes == ()


# Found by the fifth blind set (tests/data/quotes/fresh5).


def test_a_next_sentence_with_a_quotation_of_its_own_is_not_the_cue_of_the_one_before() -> None:
    text = (
        "Ann Lee said the descent had been inspected. “It was checked,” she said. “We will look at the"
        " images.” Acme said in a statement it had “taken note” of the complaints.\n"
    )
    assert [q.entity for q in find(text).quotes][:2] == ["ann-lee", "ann-lee"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Further back, Italian Lorenzo Ancona lost four minutes. “That’s cycling,” he said.\n", "Lorenzo Ancona"),
        ("Parish councillor A.K. Rahman objected. “This is a conservation area,” he said.\n", "A.K. Rahman"),
    ],
)
def test_a_nationality_before_a_name_is_not_part_of_it_and_initials_are(text: str, name: str) -> None:
    assert [q.speaker.name for q in find(text).quotes] == [name]


def test_a_stock_rating_is_not_a_quotation() -> None:
    assert find("Priya Malhotra, who rates the stock “hold.” Another analyst agreed.\n").quotes == ()


# Found by the sixth blind set (tests/data/quotes/fresh6).


def test_the_catalogues_holder_of_a_shared_surname_named_only_by_first_name_is_a_candidate() -> None:
    """ "Leo and Sofia Marchetti" names Leo, whose alias "Marchetti" is: a bare "Marchetti" is not Sofia's."""
    catalogue = Catalogue(
        {
            "leo": Entity("leo", "Person", "Leo Marchetti", aliases=("Marchetti",), pronouns="he"),
            "sofia": Entity("sofia", "Person", "Sofia Marchetti"),
        }
    )
    text = (
        "Married couple Leo and Sofia Marchetti were both let go. Sofia Marchetti posted a photo. "
        "Her husband was less sanguine. “We moved here for this company,” Marchetti told the Ledger.\n"
    )
    assert [entity for entity, _, _ in quotes_with(catalogue, text)] != ["sofia"]


def test_a_town_with_its_region_is_not_a_mention() -> None:
    catalogue = Catalogue({"morag": Entity("morag", "Person", "Morag Dunbar", aliases=("Dunbar",))})
    text = "Morag Dunbar leads the team.\n\nA walking club in Dunbar, East Lothian, gave £500.\n"
    mentions = find_quotes(parse_article(text, Path("q.txt")), catalogue).mentions
    assert [sorted({m.entity for m in paragraph}) for paragraph in mentions] == [["morag"], []]


def test_a_colleague_before_a_name_is_not_part_of_it_and_a_motto_is_not_a_quotation() -> None:
    text = "Teammate José Ibáñez posted on Instagram: “He taught me everything.”\n"
    assert [q.speaker.name for q in find(text).quotes] == ["José Ibáñez"]
    assert find("Ezra Pryce, whose motto, “Print it and be damned”, is carved above the door.\n").quotes == ()


def test_a_name_after_a_preposition_is_not_the_speaker_of_the_sentence() -> None:
    text = "A voice from the Nordic Tern can be heard saying: “Skellan Star, state your intentions.”\n"
    assert [(q.entity, q.speaker.name) for q in find(text).quotes] == [(None, None)]
    text = "Bob Roy rejected the claim from the board, insisting: “We will not pay.”\n"
    assert [q.entity for q in find(text).quotes] == ["bob-roy"]


def test_a_document_read_aloud_is_not_the_readers_words() -> None:
    text = "Ann Lee spoke, before reading aloud from a report by Acme, the watchdog: “Growth is too high.”\n"
    assert [(q.entity, q.speaker.rule) for q in find(text).quotes] == [(None, "none:document")]


def test_a_place_in_the_subject_is_not_the_speaker() -> None:
    text = "One neighbour on Mill Row, who asked not to be named, said: “You'd hear the saw at two.”\n"
    assert [(q.entity, q.speaker.name) for q in find(text).quotes] == [(None, None)]
    text = "In a statement Bob Roy said: “We will not pay.”\n"
    assert [q.entity for q in find(text).quotes] == ["bob-roy"]


def test_the_writers_own_question_is_nobodys_quotation() -> None:
    text = "“It is over,” Ann Lee says.\n\n“Will this ward ever reopen?” I ask her. “Honestly? No,” she says.\n"
    assert [(q.text, q.entity, q.speaker.rule) for q in find(text).quotes] == [
        ("It is over", "ann-lee", "cue:X-said"),
        ("Will this ward ever reopen?", None, "none:writer"),
        ("Honestly? No", "ann-lee", "pronoun"),
    ]


def test_she_after_a_sentence_whose_later_clause_has_another_subject_is_nobody() -> None:
    catalogue = Catalogue(
        {
            "rosa": Entity("rosa", "Person", "Rosa Villanueva", aliases=("Villanueva",), pronouns="she"),
            "janice": Entity("janice", "Person", "Janice Korte", aliases=("Korte",), pronouns="she"),
        }
    )
    text = (
        "Rosa Villanueva trained Janice Korte in 2009; now Korte is her boss, and she is the one who had to tell"
        " the staff. “I read the letter out loud,” she says.\n"
    )
    found = find_quotes(parse_article(text, Path("q.txt")), catalogue)
    assert [(q.entity, q.speaker.rule) for q in found.quotes] == [(None, "none:ambiguous-pronoun")]


def test_an_indian_honorific_is_not_part_of_the_name() -> None:
    catalogue = Catalogue({"rao": Entity("rao", "Person", "T. Arvind Rao", aliases=("Rao",))})
    text = "“The plant must close,” said Shri T. Arvind Rao.\n"
    found = find_quotes(parse_article(text, Path("q.txt")), catalogue)
    assert [q.entity for q in found.quotes] == ["rao"]


def test_a_second_span_continues_past_a_signs_words() -> None:
    text = "“We ran the numbers,” Ann Lee says, where a drawing reads “Thank You Dr. Helen.” “We lose money.”\n"
    assert [(q.text, q.entity) for q in find(text).quotes] == [
        ("We ran the numbers", "ann-lee"),
        ("We lose money.", "ann-lee"),
    ]


FAMILY = Catalogue(
    {
        "maureen": Entity("maureen", "Person", "Maureen Fitzgibbon", aliases=("Ms Fitzgibbon",), pronouns="she"),
        "des": Entity("des", "Person", "Des Fitzgibbon", aliases=("Mr Fitzgibbon",), pronouns="he"),
        "kylie": Entity("kylie", "Person", "Kylie Darwin", aliases=("Ms Darwin",), pronouns="she"),
        "garba": Entity("garba", "Person", "Musa Garba"),
    }
)


def family(text: str) -> list[tuple[str | None, str | None, str]]:
    found = find_quotes(parse_article(text, Path("q.txt")), FAMILY)
    return [(q.entity, q.speaker.name, q.speaker.rule) for q in found.quotes]


def test_given_names_sharing_a_family_name_written_once() -> None:
    text = (
        "“We did it,” Kylie Darwin said.\n\nThe pub was run by siblings Maureen and Des Fitzgibbon. She said she"
        " cried. “I thought it would go to a wine bar,” she said.\n"
    )
    assert [e for e, _, _ in family(text)] == ["kylie", "maureen"]


def test_the_younger_of_two_namesakes_is_not_the_alias_holder() -> None:
    text = (
        "“It is a building,” Mr Fitzgibbon said.\n\nHis nephew, Liam Fitzgibbon, sits on the board. The younger"
        " Mr Fitzgibbon said the price was low. “They took less,” he said.\n"
    )
    assert [e for e, _, _ in family(text)] == ["des", None]


def test_a_noun_a_who_follows_is_a_person_the_pronoun_may_mean() -> None:
    text = (
        "“We did it,” Kylie Darwin said.\n\nOne shareholder, who asked not to be named, was unsure. “Running"
        " one is hard,” she said.\n"
    )
    assert [e for e, _, _ in family(text)] == ["kylie", None]


def test_a_nigerian_honorific_is_not_part_of_the_name() -> None:
    assert family("“Our members are losing goods,” said Alhaji Musa Garba.\n") == [("garba", None, "cue:said-X")]


NAMESAKES = Catalogue(
    {
        "hale": Entity("hale", "Person", "Oren Hale", aliases=("Hale",), pronouns="he"),
        "carrow": Entity("carrow", "Person", "Nadia Carrow", aliases=("Carrow",), pronouns="she"),
        "kestrel-labs": Entity("kestrel-labs", "Organization", "Kestrel Labs"),
        "wexham-college": Entity("wexham-college", "Organization", "Wexham College", aliases=("Wexham",)),
        "bryn": Entity("bryn", "Person", "Bryn Tallis", aliases=("Mr Tallis",), pronouns="he"),
        "kestrel": Entity("kestrel", "Person", "Ada Kestrel", aliases=("Kestrel",), pronouns="she"),
        "lund": Entity("lund", "Organization", "Lund Analytics"),
        "maja": Entity("maja", "Person", "Maja Lund", aliases=("Lund",), pronouns="she"),
        "marsh": Entity("marsh", "Person", "Dean Marsh", aliases=("Marsh",), pronouns="he"),
    }
)


def namesakes(text: str) -> tuple[list[tuple[str | None, str | None]], list[list[str]]]:
    """(catalogue id, name) of each quotation's speaker, and the entities each paragraph mentions."""
    found = find_quotes(parse_article(text, Path("q.txt")), NAMESAKES)
    quotes = [(q.entity, q.speaker.name) for q in found.quotes]
    return quotes, [sorted({m.entity for m in paragraph}) for paragraph in found.mentions]


def test_a_hyphenated_descriptor_opening_a_sentence_is_not_part_of_the_name() -> None:
    for descriptor in ("Co-founder", "Ex-minister", "Vice-captain"):
        quotes, _ = namesakes(f"{descriptor} Tomas Reyna, speaking in Leeds, said: “We were early.”\n")
        assert quotes == [(None, "Tomas Reyna")], descriptor


def test_an_imperative_opening_a_sentence_is_not_a_given_name() -> None:
    text = (
        "Nadia Carrow lost the final to Ines Moll.\n\nTell Carrow about Moll now and she smiles."
        " “She was better on the day,” she admits.\n"
    )
    quotes, mentions = namesakes(text)
    assert mentions[1] == ["carrow"], "“Tell Carrow” is Carrow, not a person called Tell Carrow"
    assert quotes == [("carrow", None)], "she: the one the sentence is about"


def test_a_surname_after_a_possessive_after_a_place_preposition_is_a_place() -> None:
    _, mentions = namesakes("Rovers drew 1-1 at Fuller’s Marsh on Sunday.\n\nRovers’ Marsh said it went well.\n")
    assert mentions == [[], ["marsh"]]


def test_an_organisations_one_word_short_form_used_as_its_town_is_not_a_mention() -> None:
    text = (
        "Wexham College opened a lab.\n\nResidents outside Wexham and along the Wexham coast objected.\n\n"
        "Staff at Wexham said the lab would open in May, and the Wexham staff agreed.\n"
    )
    _, mentions = namesakes(text)
    assert mentions == [["wexham-college"], [], ["wexham-college"]]


def test_a_surname_a_rival_company_named_later_starts_with_is_not_settled() -> None:
    text = (
        "Ada Kestrel, the finance chief, spoke first.\n\nKestrel Labs, a rival, cut prices. Kestrel reported"
        " strong sales. “We are growing,” a Kestrel spokesman said.\n\n“We will not follow,” Kestrel said.\n"
    )
    quotes, mentions = namesakes(text)
    assert mentions[1] == ["kestrel-labs"], "bare Kestrel here may be the company: not the person"
    assert quotes[1] == (None, None), "“Kestrel said” after the rival was named: the person or the company"
    # The family's firm named before the person leaves the surname the person's.
    quotes, mentions = namesakes(
        "Lund Analytics cut its forecast, chief executive Maja Lund said.\n\n“It was a hard year,” Lund said.\n"
    )
    assert quotes == [("maja", None)] and mentions[1] == ["maja"]


def test_an_honorific_alias_is_a_surname_once_a_namesake_was_named() -> None:
    text = (
        "Owen Tallis, 17, was hurt on Friday.\n\nPolice said Mr Tallis was found at 2am.\n\n"
        "His father, Bryn, waited at the hospital.\n\nMr Tallis, a bus driver, said the road was dark."
        " “It needs lights,” he said.\n"
    )
    quotes, mentions = namesakes(text)
    assert mentions[1] == [], "“Mr Tallis” after Owen Tallis was named is Owen, not the alias's holder"
    assert quotes == [(None, None)], "father and son are both Mr Tallis once Bryn came up: not settled"
    # Named in full first, the alias is the holder's.
    quotes, _ = namesakes("Bryn Tallis and his son Owen Tallis were there.\n\n“It was dark,” Mr Tallis said.\n")
    assert quotes == [("bryn", None)]


def test_what_a_person_called_something_is_still_their_words() -> None:
    # "it" calls a thing by a name; "he" calls it something in his own words.
    assert [q.text for q in find("Ann Lee rejected what she called a “final offer” on Monday.\n").quotes] == [
        "final offer"
    ]


@pytest.mark.parametrize(
    "text",
    [
        "“We were second best,” the Acme chief executive, Ann Lee, said afterwards.\n",
        "“We were second best,” Acme’s head of sales, Ann Lee, said.\n",
    ],
)
def test_a_role_in_apposition_before_the_name_after_the_quotation(text: str) -> None:
    assert [(q.entity, q.speaker.rule) for q in find(text).quotes] == [("ann-lee", "cue:X-said")]


def test_a_role_then_a_clause_with_its_own_verb_is_not_an_apposition() -> None:
    text = "“It was late,” the judge told the jury, Bob Roy said.\n"
    assert [q.entity for q in find(text).quotes] == [None]


def test_the_statement_said_is_whoever_the_paragraph_said_issued_it() -> None:
    text = (
        "In a statement on Friday, Acme said it would close the plant. “No jobs will be lost,” the statement said.\n\n"
        "Siemens said in a short statement that it was surprised. “We were not told,” the statement added.\n\n"
        "“Talks continue,” the statement said.\n"
    )
    assert [(q.entity, q.speaker.rule) for q in find(text).quotes] == [
        ("acme", "statement"),
        ("siemens", "statement"),
        (None, "none:role"),  # no statement introduced in this paragraph
    ]


TOWNS = Catalogue(
    {
        "kellerby": Entity("kellerby", "Person", "Shane Kellerby", aliases=("Kellerby",), pronouns="he"),
        "maren": Entity("maren", "Person", "Maren Holt", aliases=("Holt",), pronouns="she"),
        "dunmore": Entity("dunmore", "Organization", "Dunmore"),
        "ada": Entity("ada", "Person", "Ada Dunmore", aliases=("Ms Dunmore",), pronouns="she"),
        "tidewater": Entity("tidewater", "Organization", "Tidewater"),
        "clerk": Entity("clerk", "Person", "Owen Pryde", aliases=("Mr Pryde",), pronouns="he"),
    }
)


def towns(text: str) -> tuple[list[tuple[str | None, str]], list[list[str]]]:
    found = find_quotes(parse_article(text, Path("q.txt")), TOWNS)
    return [(q.entity, q.speaker.rule) for q in found.quotes], [sorted({m.entity for m in p}) for p in found.mentions]


def test_a_surname_that_is_also_the_town_is_the_town_where_the_words_make_it_one() -> None:
    text = (
        "The farm lies south of Kellerby.\n\nKellerby, population 900, lost its bank.\n\n"
        "Buyers filled the Kellerby showground and a faded Kellerby banner hung over it.\n\n"
        "Shane Kellerby manages the bank branch. “We stayed,” Kellerby said.\n"
    )
    quotes, mentions = towns(text)
    assert mentions == [[], [], [], ["kellerby"]]
    assert quotes == [("kellerby", "cue:X-said")]


def test_the_one_asked_is_not_the_one_who_answers() -> None:
    text = (
        "Maren Holt chaired the hearing. Dr Ines Vale gave evidence. Asked by Ms Holt why it took so long,"
        " she replied: “That is for ministers.”\n"
    )
    quotes, _ = towns(text)
    assert quotes[0][0] != "maren"


def test_a_company_named_after_its_founder_is_not_settled_by_its_bare_name() -> None:
    text = "Ada Dunmore founded the label in 1990.\n\n“I built it with two machines,” Dunmore said.\n"
    quotes, mentions = towns(text)
    assert quotes == [(None, "none:ambiguous-name")]
    assert mentions == [["ada"], []]


def test_a_title_in_marks_is_the_work_not_the_band_of_that_name() -> None:
    _, mentions = towns("Her first recording was a song called “Tidewater”.\n\nTidewater play Leeds tonight.\n")
    assert mentions == [[], ["tidewater"]]


def test_a_letter_read_out_is_its_writers_words_not_the_readers() -> None:
    text = (
        "Owen Pryde read a letter from a former teacher. “I will read it in full,” Mr Pryde said, before"
        " beginning: “Dear councillors, I taught half this town to swim.”\n"
    )
    quotes, _ = towns(text)
    assert quotes == [("clerk", "cue:X-said"), (None, "none:document")]


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ("A hand-painted sign on the road into town reads “Pray for rain. Then pray for prices.”\n", []),
        ("The bank fined the firm, in what its chairman called “the worst case in our history”.\n", ["the worst case"]),
    ],
)
def test_a_signs_words_are_not_a_quotation_but_what_one_person_called_something_is(
    text: str, quoted: list[str]
) -> None:
    assert [q.text[: len(w)] for q, w in zip(find(text).quotes, quoted, strict=False)] == quoted
    assert len(find(text).quotes) == len(quoted)


ROUND = Catalogue(
    {
        "reece": Entity("reece", "Person", "Reece Tandy", aliases=("Tandy",), pronouns="he"),
        "eleanor": Entity("eleanor", "Person", "Eleanor Voss", aliases=("Mrs Voss",), pronouns="she"),
        "board": Entity("board", "Organization", "Dyffryn Teg Health Board", aliases=("Dyffryn Teg",)),
        "bank": Entity("bank", "Organization", "Aldmark Reserve Bank"),
    }
)


def round_of(text: str) -> tuple[list[tuple[str | None, str]], list[list[str]], list[str]]:
    found = find_quotes(parse_article(text, Path("q.txt")), ROUND)
    quotes = [(q.entity, q.speaker.rule) for q in found.quotes]
    return quotes, [sorted({m.entity for m in p}) for p in found.mentions], [q.text for q in found.quotes]


def test_a_relative_named_by_first_name_stands_between_he_and_the_last_man_named() -> None:
    text = (
        "Reece Tandy, 24, was jailed.\n\nThe prosecutor read a statement by Mrs Voss’s husband, Daniel, who sat"
        " in the gallery. “She sang in the car,” he wrote.\n"
    )
    assert round_of(text)[0] == [(None, "none:ambiguous-pronoun")]


def test_the_younger_of_two_is_a_person_he_may_mean() -> None:
    text = "Reece Tandy and his brother run the farm.\n\nThe younger recalled the flood. “We lost it all,” he said.\n"
    assert round_of(text)[0][0][0] is None


def test_a_message_that_read_is_its_writers_not_the_sentences_subject() -> None:
    text = "Her last message, sent to Reece Tandy at 2.47pm that day, read: “Made the saddle. Cloud coming in.”\n"
    assert round_of(text)[0] == [(None, "none:document")]


def test_what_a_group_called_at_length_is_quoted_and_a_short_name_is_not() -> None:
    _, _, texts = round_of(
        "The order came in what campaigners have called “a textbook eviction dressed up in a hard hat”.\n\n"
        "It is what locals call “the Big Dry”.\n\nHe greeted her with the words “Still finding germs in your freezer?”\n\n"
        "Her staging of “La traviata” opened on Friday, and traders have begun calling the bank’s habit of"
        " waiting the “Aldmark pause,” a phrase that stuck.\n"
    )
    assert texts == ["a textbook eviction dressed up in a hard hat", "Still finding germs in your freezer?"]


def test_the_statement_of_a_body_the_catalogue_lacks_is_nobodys() -> None:
    text = "The Monetary Policy Committee said in a statement that rates would hold. “Inflation has eased,” the statement said.\n"
    assert round_of(text)[0] == [(None, "none:role")]


def test_an_organisations_short_name_as_the_valley_it_is_named_after() -> None:
    text = "She lives in the Dyffryn Teg valley.\n\nDyffryn Teg Health Board said waits were falling.\n\nPeople in Dyffryn Teg disagree.\n"
    assert round_of(text)[1] == [[], ["board"], []]


def test_quotation_marks_three_deep_stay_inside_the_quotation() -> None:
    text = (
        "“Magda used to say, ‘Violetta sings “Sempre libera” with her mouth and “Addio del passato” with her"
        " lungs,’ and I had no idea what she meant,” Ann Lee said.\n"
    )
    found = find(text)
    assert [(q.text[:18], q.entity) for q in found.quotes] == [
        ("Magda used to say,", "ann-lee"),
        ("Violetta sings “Se", None),
    ]
    assert [note.constraint for note in found.notes if note.constraint == "unmatched-quote-mark"] == []


def test_a_short_name_in_marks_after_a_possessive_is_a_work_not_a_quotation() -> None:
    text = "The critic wrote that Lee’s “Sempre libera” was “sung by a woman who disagrees with it.”\n"
    assert [q.text for q in find(text).quotes] == ["sung by a woman who disagrees with it."]


QUISTS = Catalogue(
    {
        "ada": Entity("ada", "Person", "Ada Quist", aliases=("Quist",), pronouns="she"),
        "sol": Entity("sol", "Person", "Sol Varga", aliases=("Varga",), pronouns="they"),
        "ines": Entity("ines", "Person", "Ines Brandt", aliases=("Brandt",), pronouns="she"),
    }
)


def quists_of(text: str) -> list[tuple[str | None, str]]:
    return [(q.entity, q.speaker.rule) for q in find_quotes(parse_article(text, Path("q.txt")), QUISTS).quotes]


def test_a_relative_named_by_first_name_may_bear_the_bare_surname() -> None:
    """After "Quist’s mother, Marit", a bare "Quist said" may be either of them: no speaker."""
    text = (
        "Ada Quist scored twice.\n\nIn the stand sat Quist’s mother, Marit, who played for the club.\n\n"
        "“I cried more than I ever did when I played,” Quist said.\n"
    )
    assert quists_of(text) == [(None, "none:ambiguous-name")]
    assert quists_of(text.replace("Quist’s mother, Marit, who", "a former captain who")) == [("ada", "cue:X-said")]


def test_they_after_a_group_of_people_is_not_the_singular_they_named_before() -> None:
    """Sol Varga's pronouns are they; "two engineers … they said" means the engineers."""
    text = (
        "Sol Varga, an analyst, cut the price target.\n\n"
        "At the plant, two engineers described the mood as grim. “We found out from an invite,” they said.\n"
    )
    assert quists_of(text) == [(None, "none:plural")]
    named = text.replace("described the mood as grim.", "spoke to Varga.")
    assert quists_of(named) == [("sol", "pronoun")]


def test_she_after_a_role_of_something_introduced_since_is_not_the_woman_named_before() -> None:
    text = (
        "Ines Brandt, a campaigner, spoke first.\n\n"
        "The borough’s head of libraries, who answered questions, said branches would open longer."
        " “Nobody is losing their job,” she told councillors.\n"
    )
    assert quists_of(text) == [(None, "none:ambiguous-pronoun")]
    named = text.replace(
        "The borough’s head of libraries, who answered questions,", "The head of libraries, Ines Brandt,"
    )
    assert quists_of(named) == [("ines", "pronoun")]


def test_a_relative_as_the_cue_is_somebody_not_the_speaker_before() -> None:
    """“…,” her mother says: not the previous quotation's speaker carried over."""
    text = "“She changed the ending because of me,” Ines Brandt says. “I did not sulk. I reflected,” her mother says.\n"
    assert quists_of(text) == [("ines", "cue:X-said"), (None, "none:role")]


def test_a_short_phrase_in_marks_naming_a_kind_of_warning_is_not_a_quotation() -> None:
    text = (
        "Hundreds were moved, with a rare “danger to life” warning in force. Her lawyer said her client"
        " “categorically denies” falsifying data.\n"
    )
    assert [q.text for q in find(text).quotes] == ["categorically denies"]


def test_what_someone_called_a_thing_at_length_is_their_words_and_a_nickname_with_a_speaker_between_is_speech() -> None:
    text = (
        "The council voted for cuts that the cabinet member responsible called “the least worst option on a very"
        " bad menu”.\n\nWhich Quist the nickname means is, one aide joked, “a matter of some debate in the family.”\n\n"
        "A dog that the family called “Rex” barked. The club’s motto, “Always forward,” is on the gate.\n"
    )
    assert [q.text for q in find(text).quotes] == [
        "the least worst option on a very bad menu",
        "a matter of some debate in the family.",
    ]


def test_a_river_sharing_a_surname_is_a_place_not_a_namesake() -> None:
    text = (
        "On the bank of the River Quist, Ada Quist counts glow-worms.\n\n"
        "“The river and I share a name,” says Quist, an ecologist.\n"
    )
    assert quists_of(text) == [("ada", "cue:said-X")]


def test_the_role_a_name_follows_in_news_style_is_theirs_unless_the_text_gives_it_to_another() -> None:
    """ "Kestel head coach Ada Quist" makes her "the coach"; a second captain named by first name
    only ("her sister and captain, Mira.") leaves "the captain" unsettled."""
    coach = "Kestel head coach Ada Quist was angry.\n\n“We were robbed,” the coach said.\n"
    assert quists_of(coach) == [("ada", "title")]
    captains = (
        "Kestel captain Ada Quist scored.\n\nShe batted with Ines Brandt’s sister and captain, Mira.\n\n"
        "“I told her to slow down,” the captain recalled.\n"
    )
    assert quists_of(captains) == [(None, "none:role")]
    assert quists_of(captains.replace(" and captain, Mira.", ".")) == [("ada", "title")]


def test_a_title_after_the_and_a_place_before_its_noun_are_nobody_she_may_mean() -> None:
    text = (
        "Ada Quist has been allowed up the track to Tollan Ridge farm. Her fifth novel, “The Salt Orchard”, is out"
        " next month.\n\nThe Salt Orchard is set on a tenant farm. “It took me fifty years,” she says.\n"
    )
    assert quists_of(text) == [("ada", "pronoun")]


NEWSROOM = Catalogue(
    {
        "harl": Entity("harl", "Organization", "Harl Mining"),
        "msa": Entity("msa", "Organization", "Mineral Standards Authority"),
        "vfm": Entity("vfm", "Organization", "Veltrian Foreign Ministry"),
        "corvo": Entity("corvo", "Organization", "Corvo News Agency"),
        "june": Entity("june", "Person", "June Hollis", aliases=("June",), pronouns="she"),
        "wyatt": Entity("wyatt", "Person", "Wyatt Hollis", aliases=("Wyatt",), pronouns="he"),
        "tess": Entity("tess", "Person", "Tess Brindle", aliases=("Brindle",), pronouns="she"),
        "wilf": Entity("wilf", "Person", "Wilf Orrin", aliases=("Orrin",), pronouns="he"),
        "farr": Entity("farr", "Person", "Jules Farr", aliases=("Farr",), pronouns="they"),
    }
)


def newsroom(text: str) -> list[tuple[str | None, str | None, str]]:
    found = find_quotes(parse_article(text, Path("q.txt")), NEWSROOM)
    return [(q.entity, q.speaker.name, q.speaker.rule) for q in found.quotes]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # an organisation noun with the organisation's name in apposition
            "Harl Mining denied it.\n\nThe regulator, the Mineral Standards Authority, says in a written response"
            " that it has “no evidence of contamination at this time”.\n",
            [("msa", None, "cue:X-said-that")],
        ),
        (  # a catalogued name written in lower case, not the organisation named before
            "Corvo News Agency reported the talks.\n\nIn a statement, the Veltrian foreign ministry said it would"
            " allow inspections “at any time of their choosing”.\n",
            [("vfm", None, "cue:X-said-that")],
        ),
        (  # a name the catalogue lacks: nobody, not the organisation named before
            "Corvo News Agency reported the talks.\n\nThe Ostrian foreign ministry said it would allow inspections"
            " “at any time of their choosing”.\n",
            [(None, None, "none:role")],
        ),
        (  # a comma inside the marks, then a name and a verb that end the sentence
            "Wyatt Hollis writes nothing and “just makes everything louder,” June says.\n",
            [("june", None, "cue:X-said")],
        ),
        (  # somebody named by first name and age is whom "she" means
            "Tess Brindle runs the school.\n\nAmelia, 15, said the cabins were cold. “You learn to work in your coat,”"
            " she said.\n",
            [(None, "Amelia", "pronoun")],
        ),
        (  # an occupation with modifiers before its head, since the last woman named
            "Tess Brindle keeps a list.\n\nThe restaurant’s pastry chef came from Montreal, where, she says,"
            " “dessert was a cart.”\n",
            [(None, None, "none:ambiguous-pronoun")],
        ),
        (  # the text calls the unnamed minister "him": not whom "she" means
            "Tess Brindle studies ice.\n\nWhen a government minister, whom she declines to name, dismissed her"
            " findings, she wrote to him. “I said it was one study built on eleven years,” she says.\n",
            [("tess", None, "pronoun")],
        ),
        (  # a group as an object is not who "they" are
            "Farr, who edits the novels, admits the silence worried the firm’s accountants more than it worried"
            " them. “There were meetings,” they say.\n",
            [("farr", None, "pronoun")],
        ),
        (  # a group after a live blog's time stamp is
            "Jules Farr runs the centre.\n\n10:20 — Neighbours on Mill Row said they had no warning. “The sirens"
            " went at half three,” they said.\n",
            [(None, None, "none:plural")],
        ),
    ],
)
def test_who_an_organisation_noun_a_pronoun_or_a_late_cue_means(
    text: str, expected: list[tuple[str | None, str | None, str]]
) -> None:
    assert newsroom(text) == expected


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ('The display shows tiles, part of what the company calls "glances."\n', []),
        ('The marketing slogan, projected 30 feet high behind the stage, was "See more. Scroll less."\n', []),
        ('The crowd stood while the video board in center field read "Gracias, Lalo."\n', []),
        ('Passengers have been told "do not travel" unless their journey is essential.\n', []),
        (
            "The 40 minutes were, said one counter who asked not to be named, “the longest of my working life”.\n",
            ["the longest of my working life"],
        ),
        ("Inspectors praised its “calm and purposeful” atmosphere.\n", ["calm and purposeful"]),
        (
            'It is a plan the finance minister called "a budget for the long haul, not for the next headline."\n',
            ["a budget for the long haul, not for the next headline."],
        ),
        ("At the pass, Tess Brindle writes the menu. “Turnips. Apparently,” she says.\n", ["Turnips. Apparently"]),
        (
            "He added: \"We shipped 'the first computer you'll forget you're wearing' 18 months ago.\"\n",
            [
                "We shipped 'the first computer you'll forget you're wearing' 18 months ago.",
                "the first computer you'll forget you're wearing",
            ],
        ),
        (
            "\"I wrote the bridge on 'Gravel.' One bridge,\" Wyatt says.\n",
            ["I wrote the bridge on 'Gravel.' One bridge"],
        ),
    ],
)
def test_a_term_a_slogan_a_board_and_advice_are_not_quotations_and_these_are(text: str, quoted: list[str]) -> None:
    assert [q.text for q in find(text).quotes] == quoted


def test_a_surname_the_article_calls_a_ward_is_the_place_after_from() -> None:
    text = (
        "Wilf Orrin came third.\n\nThe agent asked for a check of the votes from the Orrin ward.\n\n"
        "“Three ballot boxes from Orrin arrived late,” Tess Brindle said.\n"
    )
    mentions = [
        sorted({m.entity for m in p}) for p in find_quotes(parse_article(text, Path("q.txt")), NEWSROOM).mentions
    ]
    assert mentions == [["wilf"], [], ["tess"]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a passage read aloud is its author's words, not the reader's
            "Wilf Orrin told the jury the memoir cost his client a career. He then read them the passage at the"
            " centre of the case: “He put his fist through the door.”\n",
            [(None, None, "none:document")],
        ),
        (  # the one who asked him is not the "he" who answers
            "Wilf Orrin took the stand and told jurors he had read it in one sitting. “I kept waiting to recognise"
            " the man,” he said. Wyatt Hollis asked him why he had waited a year. “Because I thought the truth would"
            " be enough,” he said.\n",
            [("wilf", None, "pronoun"), (None, None, "none:ambiguous-pronoun")],  # not Hollis, who asked
        ),
        (  # the man named after a sentence-opening "He" is its object
            "Wilf Orrin says the hospital is ready. He met Wyatt Hollis on Friday. “I have been assured,” he says.\n",
            [(None, None, "none:ambiguous-pronoun")],
        ),
        (  # the owner of the subject of the pronoun's own sentence is not who speaks
            "June Hollis, his spokeswoman, said talks would resume. Brindle’s team had not replied, she said."
            " “We are still waiting,” she said.\n",
            [(None, None, "none:ambiguous-pronoun")],
        ),
        (  # an anonymous figure of an organisation is not the organisation
            "One senior Harl Mining figure, speaking on condition of anonymity, disputes that: “Nothing is agreed.”\n",
            [(None, None, "none:no-cue")],
        ),
        (  # a town after "in" that is also a catalogued surname is no one "he" means
            "Wilf Orrin chairs the board.\n\nA second employee, who worked at the office in Orrin, said families were"
            " turned away. “Mums were crying,” he said.\n",
            [(None, None, "none:ambiguous-pronoun")],
        ),
        (  # somebody's role since the last woman named
            "Tess Brindle said the bill would pass.\n\nWithin an hour the federation’s president answered from the"
            " picket line. “She is welcome to come down here,” she told reporters.\n",
            [(None, None, "none:ambiguous-pronoun")],
        ),
        (  # another speaker between two partial quotations of one sentence
            "Talks broke up, with Tess Brindle saying the sides were “far apart on the money” and her would-be"
            " partner accusing her of negotiating “through the newspapers”.\n",
            [("tess", None, "cue:X-said-that"), (None, None, "none:role")],
        ),
    ],
)
def test_documents_askers_objects_possessors_and_anonymous_figures_are_not_speakers(
    text: str, expected: list[tuple[str | None, str | None, str]]
) -> None:
    assert newsroom(text) == expected


def test_what_a_trust_calls_a_thing_and_a_name_someone_called_a_friend_are_not_quotations() -> None:
    text = (
        "She will ask for a review of what the trust calls a “model of care change”.\n\n"
        "At 3 she talked to an imaginary friend she called “Jojo.” “She’d sit at the table,” her mother says.\n"
    )
    assert [q.text for q in find(text).quotes] == ["She’d sit at the table"]


@pytest.mark.parametrize(
    "text",
    [
        "A hand-lettered sign taped to the door of the Bluejay Diner on Main Street read “CLOSED. GO WEST. STAY SAFE.”\n",
        "It hung the painting with a bench and a card on the wall that reads “Please sit. Take your time.”\n",
        "The clip was viewed two million times, most often under the caption “CASE CLOSED.”\n",
        "The test matched her with a woman under a heading she had never seen before: “Identical twin.”\n",
    ],
)
def test_a_sign_a_card_a_caption_and_a_heading_are_not_quotations(text: str) -> None:
    assert find(text).quotes == ()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # the role's noun again, with the name in apposition, in the next sentence
            "June Hollis ordered the evacuation.\n\n"
            "The incident commander who took over on Wednesday said the wind would decide. “If it drops, we get a"
            " window,” he said. The commander, Wilf Orrin, said 600 firefighters were on the line.\n",
            [("wilf", None, "named-next")],
        ),
        (  # "Her name is …" opening the next paragraph, for the woman a role introduced
            "Wilf Orrin opened the meeting.\n\n"
            "The authority’s director of compliance is more candid when she speaks. “This review is happening"
            " because of the residents’ data,” she tells the room.\n\nHer name is Tess Brindle, and she has been in"
            " the job for ten weeks.\n",
            [("tess", None, "named-next")],
        ),
        (  # an uncatalogued name, written in full
            "Wilf Orrin opened the meeting.\n\n"
            "A law professor who studies forensic evidence said the ruling mattered. “There are dozens of cases"
            " like it,” she said. The professor, Ruth Amsel, has written two books on it.\n",
            [(None, "Ruth Amsel", "named-next")],
        ),
        (  # a role in the cue, named with that role in apposition after the name
            "The museum opened a new wing.\n\n“We waited nine years,” says the museum’s chief curator.\n\n"
            "Tess Brindle, 52, the museum’s chief curator since 2015, first saw the painting in a farmhouse.\n",
            [("tess", None, "named-next")],
        ),
        (  # a role before a partial quotation, named with a title in the next paragraph
            "The budget passed.\n\nThe finance minister said it was “built for the long haul”.\n\n"
            "Finance Minister Wilf Orrin said the deficit would fall.\n",
            [("wilf", None, "named-next")],
        ),
    ],
)
def test_a_speaker_introduced_by_role_is_the_person_the_next_sentence_names_so(
    text: str, expected: list[tuple[str | None, str | None, str]]
) -> None:
    assert newsroom(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # another noun: "the commander" is not said to be the spokeswoman; nor Wilf Orrin, named before,
        # whom the subject just before stands between
        "Wilf Orrin ordered the evacuation.\n\nThe incident commander said the wind would decide. “If it drops,"
        " we get a window,” he said. The spokeswoman, Tess Brindle, said crews were arriving.\n",
        # "His name is" after "she": somebody else
        "Wilf Orrin spoke first.\n\nThe authority’s director is more candid. “This review is overdue,” she said."
        " His name is Jules Farr, and he chairs the board.\n",
        # the sentence before names another woman, whom "she" may mean (the director too, its subject)
        "The authority’s director met June Hollis on Monday. “This review is overdue,” she said. The director,"
        " Tess Brindle, has been in the job ten weeks.\n",
        # an organisation as the cue, its director named next: the trust's words, not hers
        "The trust funds the theatre. “We would like them to keep going,” the trust says in a statement.\n\n"
        "Tess Brindle, the trust’s director, is blunter.\n",
    ],
)
def test_a_role_is_not_the_person_named_next_unless_the_text_says_so(text: str) -> None:
    assert [entity for entity, _, _ in newsroom(text)] == [None]


@pytest.mark.parametrize(
    "text",
    [
        # "One juror, a woman who …": somebody the text does not name, not the judge it names
        "Judge Tess Brindle sentenced him.\n\nOne juror, a woman who asked not to be named because Judge Brindle"
        " had urged privacy, said the text had decided it. “He knew and chose not to wait,” she said.\n",
        # the sentences that go on with "She" after an anonymous engineer are hers, not June Hollis's
        "June Hollis said the warnings went to an unwatched inbox.\n\nA former Acme engineer, who spoke on condition of"
        " anonymity, disputed that account. She said staff had raised it last spring. “We said it out loud,”"
        " she said.\n",
        # "Its chief inspector … she said": not the woman named paragraphs before
        "June Hollis runs the ward.\n\nPatients waited months.\n\nThe inspectorate said it would visit. Its chief"
        " inspector described the claims as “serious”. “Waiting lists are not bookkeeping,” she said.\n",
    ],
)
def test_an_unnamed_person_just_before_is_someone_the_pronoun_may_mean(text: str) -> None:
    assert [entity for entity, _, _ in newsroom(text)][-1] is None


def test_a_profiles_she_past_paragraphs_that_say_her_of_somebody_is_its_subject_only() -> None:
    """Two paragraphs back the last woman named is June Hollis; the paragraph between says "her" of
    somebody it does not name: the profile's subject, named first, may be meant, not June."""
    text = (
        "Judge Tess Brindle retires on Friday after 31 years.\n\n"
        "June Hollis, who clerked for the judge, remembers drafts coming back with one word circled.\n\n"
        "In a statement, the chief judge, Wilf Orrin, called her “the conscience of this courthouse”.\n\n"
        "She is writing a book. “Everybody who retires says that,” she says.\n"
    )
    assert newsroom(text)[-1] == (None, None, "none:ambiguous-pronoun")
    # With the subject the last woman named, the same paragraphs leave no doubt.
    subject_last = text.replace("June Hollis, who clerked for the judge,", "Brindle")
    assert newsroom(subject_last)[-1] == ("tess", None, "pronoun")


@pytest.mark.parametrize(
    "text",
    [
        "The company emailed users under the subject line “Important information about your account,” a day later.\n",
        "Behind the bench hangs a small laminated sign, printed in 1994 and never replaced: “Phones off. Listen.”\n",
        "A whiteboard by the dispatch desk read “NO RETURNS. NO REFUNDS. NO NAMES.”\n",
    ],
)
def test_a_subject_line_a_sign_before_a_colon_and_a_whiteboard_are_not_quotations(text: str) -> None:
    assert find(text).quotes == ()


def test_what_people_call_the_speaker_is_a_name_but_a_post_about_banners_is_speech() -> None:
    nested = "“People stop me in the shop and call me ‘the young doctor.’ I’m 62,” Bob Roy says.\n"
    assert [q.text for q in find(nested).quotes] == [
        "People stop me in the shop and call me ‘the young doctor.’ I’m 62"
    ]
    post = "Late on Saturday, Roy posted a video of the banners with a single line: “I will never forget today.”\n"
    assert speakers(post) == [("I will never forget today.", "bob-roy", None, "cue:X-said:")]


@pytest.mark.parametrize(
    "text",
    [
        # an unnamed person who is the subject after an opening phrase
        "June Hollis unveiled the tablet.\n\nAt a stand after the show, an Acme employee who was not allowed to"
        " speak publicly said staff expected questions. “It is all anyone asks about,” she said.\n",
        # a clause's subject, in a sentence whose main subject is not a person
        "June Hollis won the seat.\n\nThe count was held up for an hour when the returning officer ordered a"
        " recount. “Nobody goes home until every bundle is counted twice,” she told the agents.\n",
        # a trade no list holds ("oncologist"), after an opening phrase
        "Tess Brindle presented the trial.\n\nDuring questions, an oncologist at one of the microphones asked"
        " about side effects. “Did they live longer, or just sicker?” she asked.\n",
    ],
)
def test_an_unnamed_subject_later_in_the_sentence_before_is_someone_the_pronoun_may_mean(text: str) -> None:
    assert [entity for entity, _, _ in newsroom(text)][-1] is None


def test_a_questioners_pronoun_is_not_taken_from_the_one_asked_and_the_role_named_next_speaks() -> None:
    asked = (
        "Wilf Orrin briefed reporters.\n\nAt the evening briefing, a reporter asked Orrin why the order came late."
        " “We made the call on the forecast we had,” he said.\n"
    )
    assert newsroom(asked) == [("wilf", None, "pronoun")]
    officer = (
        "June Hollis won by 17 votes.\n\nThe count was held up when the returning officer ordered a recount."
        " “I would rather be right than quick,” she said.\n\nThe returning officer, Tess Brindle, later"
        " confirmed the result.\n"
    )
    assert newsroom(officer) == [("tess", None, "named-next")]


def test_the_object_of_a_sentence_an_unnamed_person_opens_is_not_its_speaker() -> None:
    """ "A federal judge fined Harl Mining …, telling the company …": the judge's words, named next."""
    text = (
        "A federal judge on Thursday fined Harl Mining $2 million, telling the company it had treated the river"
        " “as a drain”.\n\nU.S. District Judge Tess Brindle said the fine reflected years of conduct.\n"
    )
    assert newsroom(text) == [("tess", None, "named-next")]
    unnamed = text.split("\n\n", maxsplit=1)[0] + "\n"
    assert newsroom(unnamed) == [(None, None, "none:no-cue")]


def test_the_union_is_not_the_trust_named_before_it() -> None:
    catalogue = Catalogue(
        {
            "trust": Entity("trust", "Organization", "Oakmere Learning Trust"),
            "union": Entity("union", "Organization", "United Teachers Association"),
            "acme": Entity("acme", "Organization", "Acme"),
        }
    )
    text = (
        "The United Teachers Association called the strike.\n\nThe Oakmere Learning Trust runs the school."
        " According to the union, the trust’s central costs have risen “by nearly 40% in three years”.\n\n"
        "Acme supplies the laptops. The company said it was “watching closely”.\n"
    )
    found = find_quotes(parse_article(text, Path("q.txt")), catalogue)
    assert [(q.entity, q.speaker.rule) for q in found.quotes] == [
        ("union", "org-reference"),
        ("acme", "org-reference"),
    ]
    police = "Acme Police raided the site. The company said it was “cooperating fully”.\n"
    found = find_quotes(
        parse_article(police, Path("q.txt")), Catalogue({"p": Entity("p", "Organization", "Acme Police")})
    )
    assert [q.entity for q in found.quotes] == [None]


def test_a_question_after_an_answer_in_an_exchange_is_the_askers_turn() -> None:
    text = (
        "Tess Brindle took questions.\n\n“Did the engine ignite?” one reporter asked.\n\n"
        "“It ignited. It did not stay lit,” Brindle said.\n\n“For how long?”\n\n"
        "“About four seconds,” Brindle said.\n"
    )
    assert newsroom(text)[1:3] == [("tess", None, "cue:X-said"), (None, None, "none:no-cue")]
    # Without the question before, a question that opens the next paragraph goes on with the speaker.
    monologue = (
        "Tess Brindle took questions.\n\n“It ignited. It did not stay lit,” Brindle said.\n\n“Who would fly on that?”\n"
    )
    assert newsroom(monologue)[-1] == ("tess", None, "continued")


def test_the_judges_second_sentence_goes_on_after_the_judge_said() -> None:
    text = (
        "Judge Tess Brindle remanded him. “The court will hear from the victims,” the judge said. “That is where"
        " this case began.”\n"
    )
    assert [rule for _, _, rule in newsroom(text)] == ["title", "continued"]


@pytest.mark.parametrize(
    "text",
    [
        "Supporters held up a bedsheet reading “Sell the club, not the dream” outside the gates.\n",
        "Revenue appeared in a column headed “cooperative pricing.”\n",
        "For a century it stood in a case labelled “Chief’s stool. Gift of E. Marsh”.\n",
        "Along Route 9, hand-lettered signs went up overnight. One, propped against a mailbox, read “THANK YOU"
        " FIREFIGHTERS.” Another, zip-tied to a fence, said simply “HOLD STRONG.”\n",
        "His first hand-painted sign still hangs above the register. It reads “Eat. You’re too thin.”\n",
        "Vincent Yost, 82, is known at the diner as “the other Vince.”\n",
    ],
)
def test_a_banner_a_column_heading_a_case_label_signs_and_a_nickname_are_not_quotations(text: str) -> None:
    assert find(text).quotes == ()


def test_a_phrase_named_with_is_inside_a_quotation_is_not_speech_but_words_said_are() -> None:
    named = (
        "“If they delay, the story becomes ‘Acme can’t ship a phone.’ Now the story is ‘Acme is sorry,’” Lee said.\n"
    )
    assert [q.text for q in find(named).quotes] == [
        "If they delay, the story becomes ‘Acme can’t ship a phone.’ Now the story is ‘Acme is sorry,’"
    ]
    said = "“My doctor said, ‘Go home and rest.’ I got a second opinion,” Lee said.\n"
    assert [q.text for q in find(said).quotes] == [
        "My doctor said, ‘Go home and rest.’ I got a second opinion",
        "Go home and rest.",
    ]


def test_an_island_and_the_other_namesake_are_not_mentions_of_the_person() -> None:
    catalogue = Catalogue(
        {
            "fiona": Entity("fiona", "Person", "Fiona Lewis", aliases=("Lewis",), pronouns="she"),
            "vince": Entity("vince", "Person", "Vince Marello", aliases=("Vince",), pronouns="he"),
        }
    )
    text = (
        "Fiona Lewis and Vince Marello spoke.\n\nOn Lewis, the ferry was fully booked.\n\n"
        "Vincent Yost is known as “the other Vince.”\n\nLewis said the strike would go on.\n"
    )
    found = find_quotes(parse_article(text, Path("q.txt")), catalogue)
    assert [sorted(m.entity for m in paragraph) for paragraph in found.mentions] == [
        ["fiona", "vince"],
        [],
        [],
        ["fiona"],
    ]


def test_one_word_that_ends_what_somebody_says_is_a_quotation_but_a_scare_quote_is_not() -> None:
    said = (
        "Acme says that figure is “misleading”, because it counts services. Ann Lee says she backs the"
        " strike, “mostly”.\n"
    )
    assert [(q.text, q.entity) for q in find(said).quotes] == [("misleading", "acme"), ("mostly", "ann-lee")]
    scare = "Acme says the “reform” was never costed. Lee described its software as “smart”.\n"
    assert find(scare).quotes == ()


def test_one_word_somebody_called_a_thing_is_theirs_but_a_name_after_called_is_not() -> None:
    called = (
        "Ann Lee called the report “damning” and left. Online commentators called the sacrifice “computer-like,”"
        " and Acme called it “tone-deaf.”\n"
    )
    assert [(q.text, q.entity) for q in find(called).quotes] == [
        ("damning", "ann-lee"),
        ("computer-like", None),
        ("tone-deaf.", "acme"),
    ]
    named = "Acme demoed a feature called “Halo”. Locals called it “the pit”. She called out “Stop!”\n"
    assert [q.text for q in find(named).quotes] == ["Stop!"]


def test_the_group_is_not_the_outlet_its_president_told() -> None:
    catalogue = Catalogue(
        {
            "friends": Entity("friends", "Organization", "Friends of the Marsh Library"),
            "post": Entity("post", "Organization", "Halford Courier-Post"),
            "walt": Entity("walt", "Person", "Walt Kinsey", aliases=("Kinsey",), pronouns="he"),
        }
    )
    text = (
        "Walt Kinsey, president of the Friends of the Marsh Library, said the group would fight on."
        " “Maybe the voters will,” Kinsey told the Halford Courier-Post.\n\n"
        "In a statement, the group said it was “heartbroken, but not finished”.\n"
    )
    found = find_quotes(parse_article(text, Path("q.txt")), catalogue)
    assert [(q.entity, q.speaker.rule) for q in found.quotes] == [("walt", "cue:X-said"), ("friends", "org-reference")]


def test_a_she_said_sentence_after_an_unnamed_spokeswoman_is_not_the_woman_named_before() -> None:
    text = (
        "June Hollis sent Acme a letter. “It owes them more,” she wrote.\n\n"
        "An Acme spokeswoman said the bank had received the letter. She said customers could use"
        " “more than 4,000 partner machines”.\n"
    )
    assert newsroom(text)[-1] == (None, None, "none:ambiguous-pronoun")


def test_a_partial_in_what_an_organisation_reports_of_a_person_is_nobodys_to_say() -> None:
    text = (
        "The council said in a statement that Lee had asked for a reinspection, which would take place"
        " “within three months”.\n"
    )
    assert [(q.entity, q.speaker.rule) for q in find(text).quotes] == [(None, "none:reported")]
    same = "Lee said she had warned lawmakers in 2022 that such apps held “a map of where people live”.\n"
    assert [q.entity for q in find(same).quotes] == ["ann-lee"]


def test_one_of_a_persons_co_authors_is_someone_he_may_mean() -> None:
    text = (
        "Wilf Orrin ran the lab.\n\nOne of Dr. Orrin’s longtime co-authors, who spoke on condition of anonymity,"
        " said the lab ran “on fear”. “Everybody knew which figures Wilf wanted,” he said.\n"
    )
    assert newsroom(text)[-1] == (None, None, "none:ambiguous-pronoun")


def test_a_role_after_a_name_that_ends_an_opening_phrase_is_the_sentences_subject() -> None:
    text = (
        "According to an affidavit filed by Special Agent Wilf Orrin, the contractor, identified only as"
        " “Business Owner 1,” began cooperating in 2022.\n\n"
        "“He said, ‘Let’s fix the paper,’” the contractor told agents.\n"
    )
    assert newsroom(text)[0] == (None, None, "none:role")


@pytest.mark.parametrize(
    "text",
    [
        "Flyers reading “Have you seen Mochi?” went up on telephone poles.\n",
        "A peacock held up traffic in 2019. Keepers still call that bird “the Commuter.”\n",
        "A zero rating means “urgent improvement necessary” under the scheme.\n",
        "Flowers were left at a white-painted “ghost bike” at the crossing.\n",
        "Agents found a ledger of initials and amounts. One entry read “BO1 - 5 - Elm St.”\n",
    ],
)
def test_a_flyer_a_nickname_a_ratings_meaning_a_term_and_a_ledger_entry_are_not_quotations(text: str) -> None:
    assert find(text).quotes == ()


def test_what_a_menu_calls_a_dish_is_not_a_quotation_but_the_critics_words_after_it_are() -> None:
    text = (
        "Ann Lee wrote that she had called its scallops, which the menu describes as “kissed by the tide”,"
        " “the best thing I ate all year”.\n"
    )
    assert [q.text for q in find(text).quotes] == ["the best thing I ate all year"]
    rating = "Ann Lee said the rating had been applied “exactly as it would be to a chip shop”.\n"
    assert [(q.text, q.entity) for q in find(rating).quotes] == [("exactly as it would be to a chip shop", "ann-lee")]


def test_a_zoo_named_after_its_creek_is_not_mentioned_where_a_house_backs_onto_the_creek() -> None:
    catalogue = Catalogue({"zoo": Entity("zoo", "Organization", "Brindle Creek Zoo", aliases=("Brindle Creek",))})
    text = "Brindle Creek Zoo lost a red panda.\n\nHis house backs onto Brindle Creek.\n"
    found = find_quotes(parse_article(text, Path("q.txt")), catalogue)
    assert [[m.entity for m in paragraph] for paragraph in found.mentions] == [["zoo"], []]


@pytest.mark.parametrize(
    "text",
    [
        # a bare "One, who …": one of those the sentence before speaks of, not the woman named
        "The unit's director, June Hollis, apologised. “I would rather they judged us on what we do,” she"
        " said.\n\nMidwives at the unit say morale is low. One, who asked not to be named, said staff had asked"
        " for help. “We are not the villains,” she said.\n",
        # "One of the two officers held hostage, who …"
        "Wilf Orrin runs the prison.\n\nOne of the two officers held hostage, who spoke on condition of"
        " anonymity, said the riot began at dinner. “They were yelling,” he said.\n",
    ],
)
def test_one_of_those_spoken_of_is_someone_the_pronoun_may_mean(text: str) -> None:
    assert newsroom(text)[-1] == (None, None, "none:ambiguous-pronoun")


def test_the_one_asked_answers_unless_the_quotation_is_a_question_too() -> None:
    asked = "Ms Hollis asked Dr Brindle whether the bats could be moved. “Not without losing them,” she said.\n"
    assert newsroom(asked) == [("tess", None, "pronoun")]
    pressed = "June Hollis pressed Tess Brindle on the numbers. “Are you seeing it everywhere?” she asked.\n"
    assert newsroom(pressed) == [("june", None, "pronoun")]


def test_she_wrote_after_a_letter_from_someone_is_the_letters_writer_not_its_reader() -> None:
    text = (
        "June Hollis later read out a letter from Tess Brindle, 91, who was too frail to attend. “I have"
        " watched that hill go,” she wrote.\n"
    )
    assert newsroom(text) == [("tess", None, "pronoun")]
    said = text.replace("she wrote", "she said")
    assert newsroom(said)[0][0] != "tess"


def test_a_name_after_a_title_phrase_is_the_catalogued_person() -> None:
    catalogue = Catalogue(
        {"stone": Entity("stone", "Person", "Dwayne Stone", aliases=("Sheriff Dwayne Stone", "Stone"), pronouns="he")}
    )
    text = "“We are still treating this as a rescue,” Lowry County Sheriff Dwayne Stone said.\n"
    found = find_quotes(parse_article(text, Path("q.txt")), catalogue)
    assert [(q.entity, q.speaker.name) for q in found.quotes] == [("stone", None)]
    assert [m.entity for m in found.mentions[0]] == ["stone"]


def test_a_quotation_whose_own_sentence_names_somebody_is_not_carried_over() -> None:
    text = (
        "June Hollis said he was a good neighbour. “He told me it wouldn’t hurt a fly,” she said.\n\n"
        "“I just started swinging my bag at it,” the mail carrier who pulled the dog away told jurors.\n"
    )
    assert [entity for entity, _, _ in newsroom(text)] == ["june", None]


@pytest.mark.parametrize(
    "text",
    [
        "Several people wore badges saying “Bats not blasts”.\n",
        "The sweater is sold with a tag reading “Made with care, by people we know,” for $148.\n",
        "Her instrument, a 1742 Guarneri that she calls “the old man,” was bought with a loan.\n",
    ],
)
def test_badges_tags_and_what_she_calls_her_violin_are_not_quotations(text: str) -> None:
    assert find(text).quotes == ()


def test_a_company_named_after_its_river_is_not_mentioned_by_the_river() -> None:
    catalogue = Catalogue({"mardle": Entity("mardle", "Organization", "Mardle Water", aliases=("Mardle",))})
    text = "Mardle Water was fined.\n\nThe works discharged into the Mardle for months.\n"
    found = find_quotes(parse_article(text, Path("q.txt")), catalogue)
    assert [[m.entity for m in paragraph] for paragraph in found.mentions] == [["mardle"], []]


def test_a_phrase_after_a_determiner_in_what_somebody_reports_is_their_words_but_a_programmes_name_is_not() -> None:
    reported = (
        "Acme said in a statement that the health of its guests was its “highest priority” and that it would act.\n"
    )
    assert [(q.text, q.entity) for q in find(reported).quotes] == [("highest priority", "acme")]
    after = "The riot was the “predictable result” of understaffing, the inspector general said.\n"
    assert [q.text for q in find(after).quotes] == ["predictable result"]
    programme = "Bob Roy accused the council of running an “efficiency savings” programme, he said.\n"
    assert find(programme).quotes == ()


def test_she_is_not_the_person_her_own_words_speak_of() -> None:
    text = (
        "She learned to walk again under the eye of the physiotherapist, Tess Brindle.\n\n"
        "Brindle is small and fierce. “Tess would not let me cheat. Not once,” she says.\n"
    )
    assert newsroom(text)[-1] == (None, None, "none:ambiguous-pronoun")
    herself = "Tess Brindle took the stage. “I, Tess Brindle, hereby give notice of the result,” she read.\n"
    assert newsroom(herself) == [("tess", None, "pronoun")]


def test_a_message_someone_else_sent_is_theirs_not_the_sentences_subjects() -> None:
    daughter = "June Hollis showed the BBC a message her daughter sent on Thursday: “Mum, we can see it.”\n"
    assert newsroom(daughter) == [(None, None, "none:document")]
    named = "The report quotes an email that Dr. Orrin sent to a student in 2018: “Make the blots fit.”\n"
    assert newsroom(named) == [("wilf", None, "cue:X-said:")]
    manager = (
        "The complaint quotes a text message that a Harl Mining regional manager, whose name is redacted, sent"
        " that night: “Adjust pricing now.”\n"
    )
    assert [entity for entity, _, _ in newsroom(manager)] == [None]


def test_a_former_engineering_manager_is_a_person_and_a_longer_window_reports_a_clause() -> None:
    text = (
        "Wilf Orrin announced the cuts.\n\nA former engineering manager, who spoke on condition of anonymity,"
        " said managers were told the evening before. “We were asked to keep quiet,” he said.\n"
    )
    assert newsroom(text)[-1] == (None, None, "none:ambiguous-pronoun")
    reported = (
        "In a statement, Harl Mining said it had hired an outside law firm to investigate and that Wilf Orrin"
        " had agreed to “step back from his duties” in the meantime.\n"
    )
    assert newsroom(reported) == [(None, None, "none:reported")]


@pytest.mark.parametrize(
    "text",
    [
        "The call, listed in calendar invitations as “Quick sync: company update,” was led by its founder.\n",
        "The players had a name for him: “the Headmaster.”\n",
        "Somebody had written “2 saved. Well done all” on the whiteboard by the door.\n",
    ],
)
def test_a_calendar_title_a_nickname_given_and_words_written_on_a_board_are_not_quotations(text: str) -> None:
    assert find(text).quotes == ()


def test_a_phrase_after_a_preposition_inside_a_quotation_is_not_speech() -> None:
    text = "“They shut my campground for ‘fire danger,’ so they will see,” Lee said.\n"
    assert [q.text for q in find(text).quotes] == ["They shut my campground for ‘fire danger,’ so they will see"]


def test_an_ordinary_word_that_opens_what_quotation_marks_hold_is_not_the_name() -> None:
    catalogue = Catalogue({"quick": Entity("quick", "Person", "Jenna Quick", aliases=("Quick",), pronouns="she")})
    title = "The call, listed as “Quick sync: company update,” was led by the founder.\n"
    said = "The call was short. “Quick work,” Quick said.\n"
    found = [find_quotes(parse_article(text, Path("q.txt")), catalogue) for text in (title, said)]
    assert [[m.entity for m in f.mentions[0]] for f in found] == [[], ["quick"]]


def test_words_listed_after_a_colon_and_a_name_papers_have_called_it_are_not_quotations() -> None:
    listed = (
        "Handlers steer their dogs with a handful of spoken commands: “come bye” to send the dog clockwise,"
        " “away to me” to send it the other way and “that'll do” to call it off.\n"
    )
    assert find(listed).quotes == ()
    called = "Some newspapers have already called the raid “the 90-second job”.\n"
    assert find(called).quotes == ()
    spoken = "“Come bye,” Bob Roy called to the dog.\n"
    assert [q.text for q in find(spoken).quotes] == ["Come bye"]


def test_what_a_sale_catalogue_says_of_a_piece_is_a_quotation() -> None:
    text = "Acme's sale catalogue described it as “one of the finest Edwardian tiaras to come to market”.\n"
    assert [q.text for q in find(text).quotes] == ["one of the finest Edwardian tiaras to come to market"]


def test_she_said_is_not_the_woman_who_declined_to_be_interviewed() -> None:
    text = (
        "June Hollis won the jackpot. Tess Brindle says half of it was hers.\n\n"
        "The sisters have not spoken since Tess moved away. Tess Brindle declined to be interviewed for"
        " this story. “I still drive past her old place,” she said.\n"
    )
    assert newsroom(text)[-1][0] != "tess"


@pytest.mark.parametrize(
    "text",
    [
        "Buyers received an email signed “The Sagebrook Family.” It gave no date.\n",
        "They put up signs below a billboard that still promises “Your Forever Starts Here.”\n",
        "She has received a steady trickle of memes calling her “Shortcut Queen.” She deleted her accounts.\n",
    ],
)
def test_a_signature_a_billboards_promise_and_a_nickname_in_memes_are_not_quotations(text: str) -> None:
    assert find(text).quotes == ()


def test_one_word_someone_wrote_and_a_surname_that_is_a_village_where_people_live() -> None:
    wrote = "In a post on X, Ann Lee wrote that she had been “clumsy” but that the reaction was unfair.\n"
    assert [(q.text, q.entity) for q in find(wrote).quotes] == [("clumsy", "ann-lee")]
    catalogue = Catalogue({"ruth": Entity("ruth", "Person", "Ruth Ullerby", aliases=("Ullerby",), pronouns="she")})
    text = (
        "The bus runs between Ullerby and Hobthorpe.\n\nMrs Kitteridge has lived in Ullerby all her life.\n\n"
        "Cllr Ruth Ullerby said she understood. “It is a hard choice,” Ullerby said.\n"
    )
    found = find_quotes(parse_article(text, Path("q.txt")), catalogue)
    assert [[m.entity for m in paragraph] for paragraph in found.mentions] == [[], [], ["ruth", "ruth"]]
    assert [q.entity for q in found.quotes] == ["ruth"]


def test_one_word_in_the_clause_somebody_says_is_theirs_but_a_modifier_in_marks_is_not() -> None:
    said = (
        "Ann Lee said she had “followed every rule” and was “devastated” that anyone was hurt. Acme said"
        " it “strongly” denied the claims.\n"
    )
    assert [(q.text, q.entity) for q in find(said).quotes] == [
        ("followed every rule", "ann-lee"),
        ("devastated", "ann-lee"),
        ("strongly", "acme"),
    ]
    modifier = "Acme said its “smart” meters were safe.\n"
    assert find(modifier).quotes == ()


@pytest.mark.parametrize(
    "text",
    [
        "Some wore buttons reading “Keep Verna.” Others wore caps.\n",
        "Others carried signs with the recall group’s name, “Carrigan Deserves Better.”\n",
        "Under the scheme, a score of zero carries the description “urgent improvement is necessary”.\n",
    ],
)
def test_buttons_a_groups_name_and_a_ratings_description_are_not_quotations(text: str) -> None:
    assert find(text).quotes == ()


def test_a_universitys_town_after_on_the_edge_of_is_not_a_mention() -> None:
    text = "Wexham College opened a lab.\n\nHe works in an office on the edge of Wexham.\n"
    _, mentions = namesakes(text)
    assert mentions == [["wexham-college"], []]


def test_a_noun_ending_an_opening_phrase_before_a_name_is_not_that_persons_role() -> None:
    """ "According to a report filed with the federation, Ms. Belinsky was checked": "the federation"
    ends the opening phrase, so "the federation said" is not Kira Belinsky (an apposition closes with
    a comma: "When the judge, Kira Belinsky, entered" makes her the judge)."""
    catalogue = Catalogue(
        {
            "kira": Entity("kira", "Person", "Kira Belinsky", aliases=("Ms. Belinsky", "Belinsky"), pronouns="she"),
            "glcf": Entity("glcf", "Organization", "Great Lakes Chess Federation"),
        }
    )
    text = (
        "When Kira Belinsky sat down, she was 16.\n\nThe accusation set off an inquiry by the organizer, the"
        " Great Lakes Chess Federation. On Monday, the federation said it had found “no evidence whatsoever”"
        " of wrongdoing.\n\nAccording to a report Mr. Lozano filed with the federation, Ms. Belinsky was"
        " checked after the game.\n"
    )
    found = find_quotes(parse_article(text, Path("q.txt")), catalogue)
    assert [q.entity for q in found.quotes] != ["kira"]
    judged = "Kira Belinsky presided.\n\nWhen the judge, Kira Belinsky, entered, the room rose.\n\n“Sit down,” the judge said.\n"
    found = find_quotes(parse_article(judged, Path("q.txt")), catalogue)
    assert [q.entity for q in found.quotes] == ["kira"]


def test_a_surname_that_names_a_place_where_something_is_or_ends_a_list_of_places_is_not_a_mention() -> None:
    catalogue = Catalogue({"clodagh": Entity("clodagh", "Person", "Clodagh Shannon", aliases=("Shannon",))})
    text = (
        "The airline flies from Donegal, Sligo, Waterford and Shannon.\n\n"
        "“We will not fly,” said Capt Clodagh Shannon. Capt Shannon said talks had failed.\n\n"
        "Flights from Shannon, where the airline has its base, will resume last.\n"
    )
    found = find_quotes(parse_article(text, Path("q.txt")), catalogue)
    assert [sorted({m.entity for m in paragraph}) for paragraph in found.mentions] == [[], ["clodagh"], []]
    assert [q.entity for q in found.quotes] == ["clodagh"]


@pytest.mark.parametrize(
    "text",
    [
        "Red placards reading “UNSAFE” went up on 11 doors. On one, someone had added in black marker: “We’ll be back.”\n",
        "On one forum it was soon being referred to as “the Naperville Knight.” Few agreed.\n",
    ],
)
def test_words_added_to_a_sign_and_a_name_referred_to_are_not_quotations(text: str) -> None:
    assert find(text).quotes == ()


def test_whom_a_question_or_what_she_said_is_about_is_not_the_one_who_answers() -> None:
    asked = (
        "Wilf Orrin sacked the coach. “It was the hardest call,” Orrin said.\n\n"
        "Asked whether Wyatt Hollis had been given enough money, he said: “He had the budget we could afford.”\n"
    )
    assert [q.entity for q in find_quotes(parse_article(asked, Path("q.txt")), NEWSROOM).quotes] == ["wilf", "wilf"]
    said = (
        "Ms Brindle said farmers had let ambulances through. Asked about the minister, she said June Hollis had"
        " been invited three times. “She is always busy,” she said.\n"
    )
    assert newsroom(said)[0][0] == "tess"


def test_a_passage_read_aloud_and_a_witness_a_judge_quoted_are_not_the_readers_words() -> None:
    read = "At the meeting, Ann Lee reads aloud a passage from the 14th chapter: “She did not tell anyone.”\n"
    assert speakers(read) == [("She did not tell anyone.", None, None, "none:document")]
    relative = (
        "Ann Lee quoted the evidence of the count supervisor for Kingsmead, who told the court: “I cannot say"
        " which table that bundle came from.”\n"
    )
    assert [(q.entity, q.speaker.rule) for q in find(relative).quotes] == [(None, "none:role")]
    named = "Ann Lee met Bob Roy, who told the court: “I saw it.”\n"
    assert [q.entity for q in find(named).quotes] == ["bob-roy"]


@pytest.mark.parametrize(
    "text",
    [
        "Others wear round yellow stickers that say “Protect Childhood.” Few spoke.\n",
        "Signs at the entrance say “No disposable barbecues. No exceptions.” It burned anyway.\n",
        "Ann Lee had taped a hand-lettered note to the door: “Yes, we are open.” She kept the grill on.\n",
        "The last poster was still stapled to a pole on Linden Street: “MISSING: BRAMBLE. REWARD.”\n",
        "On one ballot a voter had written “none of them” across all three boxes; it was rejected.\n",
        "“He ran the place,” Ann Lee says. His crew called the cat “Foreman.”\n",
    ],
)
def test_stickers_signs_notes_posters_a_spoilt_ballot_and_a_cats_name_are_not_quotations(text: str) -> None:
    assert [q.text for q in find(text).quotes] == (["He ran the place"] if "says" in text else [])


def test_what_emails_call_her_is_a_quotation_of_nobody_named_and_a_year_closes_a_quotation() -> None:
    called = "Ann Lee spoke first. Since January, Ms. Lee has received emails calling her “a groomer” and worse.\n"
    assert [(q.text, q.entity, q.speaker.rule) for q in find(called).quotes] == [("a groomer", None, "none:document")]
    year = 'Bob Roy said he had voted for the party "every single time since 1987". Few had.\n'
    assert [(q.text, q.entity) for q in find(year).quotes] == [("every single time since 1987", "bob-roy")]
    assert find('A 65" screen hung on the wall.\n').quotes == ()  # an inch mark still


def test_a_bare_name_the_article_gives_an_animal_is_not_the_person_who_shares_it() -> None:
    catalogue = Catalogue({"greer": Entity("greer", "Person", "Greer Bramble", aliases=("Bramble",), pronouns="she")})
    text = (
        "Bramble, a gray tabby with a white bib, slipped out five years ago.\n\n"
        "The shelter's manager, Greer Bramble, ran a scanner over him.\n\n"
        "When Bramble was a kitten he slept upside down. “It beeped,” Bramble says.\n"
    )
    found = find_quotes(parse_article(text, Path("q.txt")), catalogue)
    assert [sorted({m.entity for m in paragraph}) for paragraph in found.mentions] == [[], ["greer"], ["greer"]]
    assert [q.entity for q in found.quotes] == ["greer"]
    mentions = [[m.start for m in paragraph] for paragraph in found.mentions]
    assert mentions[2] == [text.split("\n\n")[2].rindex("Bramble")], "the kitten is not her; the one who says is"


def test_the_end_of_a_longer_name_and_a_body_of_people_are_not_a_persons() -> None:
    joined = (
        "The Foundation for Individual Rights and Expression, a free speech group, said in a letter that the"
        " college had handed protesters “a heckler’s veto.”\n"
    )
    assert [(q.entity, q.speaker.name) for q in find(joined).quotes] == [(None, None)]
    catalogue = Catalogue({"gill": Entity("gill", "Person", "Ernest Gillespie", aliases=("Gillespie",), pronouns="he")})
    body = (
        "The chair of the licensing sub-committee, Ernest Gillespie, opened the hearing.\n\n"
        "In its written decision, the sub-committee said it was “not satisfied that the licence holder could"
        " run the premises safely”.\n"
    )
    found = find_quotes(parse_article(body, Path("q.txt")), catalogue)
    assert [q.entity for q in found.quotes] == [None]


def test_one_heard_saying_a_crowds_shout_and_one_word_a_report_gives() -> None:
    heard = "Ann Lee said the footage had captured a member of the door team saying “get him out the back”.\n"
    assert [(q.entity, q.speaker.rule) for q in find(heard).quotes] == [(None, "none:role")]
    crowd = "The crowd counts down from ten and then, more or less together, shouts “Get in!” The water is cold.\n"
    assert find(crowd).quotes == ()
    man = "The crowd went quiet as a man shouted “Who is paying?” at the front.\n"
    assert [q.text for q in find(man).quotes] == ["Who is paying?"]
    report = "According to the stewards’ report, Bob Roy had been “cautioned” about his whip use.\n"
    assert [q.text for q in find(report).quotes] == ["cautioned"]


def test_a_later_clauses_speaker_a_line_before_its_train_and_a_firm_after_solicitors() -> None:
    later = (
        "Bob Roy called the decision “purely medical”, although Ann Lee said she had been passed fit that"
        " morning. “The doctor signed me off at eight,” she said.\n"
    )
    assert [q.entity for q in find(later).quotes][1] != "bob-roy"
    train = (
        "On a stalled inbound Valley Line train, a conductor walked through the cars. “Folks, I know as much"
        " as you do,” he told passengers.\n"
    )
    assert [(q.entity, q.speaker.name) for q in find(train).quotes] == [(None, None)]
    firm = "Her solicitors, Farquhar Rennie, said in a statement that she had “co-operated fully” with it.\n"
    assert [(q.entity, q.speaker.name) for q in find(firm).quotes] == [(None, None)]


@pytest.mark.parametrize(
    "text",
    [
        "Several people in the public gallery shouted “Pay it back!” as she left.\n",
        "By midmorning, commuters had settled on a name for the day: “Meltdown Monday.”\n",
        "Its “No child grieves alone” appeal raised £3.1m last year.\n",
    ],
)
def test_a_gallerys_shout_a_name_for_the_day_and_an_appeals_name_are_not_quotations(text: str) -> None:
    assert find(text).quotes == ()


def test_one_word_a_release_quoted_her_as_saying_is_a_quotation() -> None:
    text = "A company news release quoted Ann Lee as saying the family was “heartbroken” that children were hurt.\n"
    assert [q.text for q in find(text).quotes] == ["heartbroken"]
