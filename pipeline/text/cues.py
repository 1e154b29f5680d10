"""The words news copy uses to say who spoke: speech verbs, honorifics, role titles, gendered nouns.

The lexicon follows news style guides: beyond "said", the verbs reporters use for a reply, a
retort, a warning or a post ("fired back", "shot back", "conceded", "posted"). A verb the lexicon
lacks does not make a quotation anybody's; the name next to the quotation in its own sentence does
(`pipeline.text.attribution`).
"""

from __future__ import annotations

import re

_VERBS = """said says say added adds told tells wrote writes asked asks replied replies continued continues
    warned warns stated states explained explains noted notes argued argues insisted insists claimed
    claims cautioned cautions declared declares remarked remarks recalled recalls acknowledged
    acknowledges admitted admits announced announces answered answers commented comments concluded
    concludes conceded concedes emphasised emphasises emphasized emphasizes observed observes posted
    posts quipped quips responded responds stressed stresses suggested suggests tweeted tweets urged
    urges predicted predicts promised promises joked jokes affirmed affirms maintained maintains shouted
    shouts whispered whispers testified testifies agreed agrees countered counters boasted boasts
    complained complains confirmed confirms mused muses retorted retorts snapped snaps pressed presses
    interjected interjects objected objects protested protests pleaded pleads demanded demands vowed
    vows pledged pledges reiterated reiterates repeated repeats muttered mutters murmured murmurs
    exclaimed exclaims lamented laments recounted recounts reflected reflects conceded alleged alleges
    wondered wonders queried queries texted texts emailed emails messaged messages cried cries yelled
    yells laughed sighed added""".split()
# Two-word verbs: "fired back", "shot back", "hit back", "pointed out", "went on", "chimed in".
_PHRASAL = ["fired back", "fires back", "shot back", "shoots back", "hit back", "hits back", "pointed out",
            "points out", "went on", "goes on", "chimed in", "chimes in", "cut in", "cuts in", "weighed in",
            "weighs in", "summed up", "sums up", "put it"]  # fmt: skip
LABEL_VERBS = [
    *("called", "calls", "described", "describes", "dubbed", "labelled", "labeled", "termed", "branded"),
    *("accused", "accuses", "dismissed", "dismisses", "hailed", "hails", "praised", "praises", "criticised"),
    *("criticises", "criticized", "condemned", "condemns", "blamed", "blames", "welcomed", "welcomes"),
    *("accusing", "calling", "describing", "dismissing", "branding"),  # "… and her partner accusing her of …"
]
SPEECH_VERB = re.compile(r"\b(?:" + "|".join(sorted({*_VERBS, *_PHRASAL}, key=len, reverse=True)) + r")\b")
PARTIAL_VERB = re.compile(
    r"\b(?:" + "|".join(sorted({*_VERBS, *_PHRASAL, *LABEL_VERBS}, key=len, reverse=True)) + r")\b"
)

# Honorifics and the pronoun they imply (None: says nothing about it).
HONORIFICS: dict[str, str | None] = {
    "Mr": "he", "Mrs": "she", "Ms": "she", "Miss": "she", "Mx": None, "Dr": None, "Prof": None,
    "Professor": None, "Sir": "he", "Dame": "she", "Lord": "he", "Lady": "she", "Rev": None, "Rt": None,
    "Fr": "he", "Sr": None, "Madam": "she", "Madame": "she", "Mme": "she", "Herr": "he", "Frau": "she",
    "Shri": "he", "Smt": "she", "Shrimati": "she", "Thiru": "he", "Tmt": "she",  # Indian English
    "Alhaji": "he", "Alhaja": "she", "Hajiya": "she", "Comrade": None, "Engr": None, "Barr": None,  # Nigerian
}  # fmt: skip
COURTESY = frozenset({"Mr", "Mrs", "Ms", "Miss", "Mx"})  # the honorifics of plain courtesy
# Capitalised roles written before a name ("Mayor Ingrid Solberg", "Det Sgt Liam Brennan"): not part
# of the name, but they say it is a person.
ROLE_TITLES: dict[str, str | None] = {
    **dict.fromkeys(
        """Mayor President Minister Senator Governor Chancellor Judge General Chief Executive Director Officer
        Prime Secretary Chairman Chair Premier Pope Captain Coach Inspector Sergeant Detective Commissioner
        Councillor Councilor Cllr Ambassador Representative Rep Sen Gov Det Sgt Insp Supt Superintendent
        Constable Pc Dc Cmdr Commander Lt Lieutenant Col Colonel Maj Major Gen Adm Admiral Justice Magistrate
        Coroner Sheriff Deputy Bishop Archbishop Cardinal Rabbi Imam Father Brother Sister Speaker
        Treasurer Attorney Solicitor Counsel Dean Provost Principal Headteacher Vice Capt Cpt Cdr Cpl Pte Brig
        Lieut Brigadier Corporal Grandmaster""".split(),
        None,
    ),
    "Chairwoman": "she", "Chairman": "he", "Councilwoman": "she", "Councilman": "he", "Congresswoman": "she",
    "Congressman": "he", "Assemblywoman": "she", "Assemblyman": "he", "Alderwoman": "she", "Alderman": "he",
    "Selectwoman": "she", "Selectman": "he", "Councilmember": None, "Assemblymember": None,
    "King": "he", "Queen": "she", "Prince": "he", "Princess": "she",
    "Duke": "he", "Duchess": "she", "Count": "he", "Countess": "she", "Baroness": "she", "Baron": "he",
    "Sister": "she", "Brother": "he", "Father": "he",
}  # fmt: skip
TITLES = frozenset(HONORIFICS) | frozenset(ROLE_TITLES)

# Nationalities written before a name ("Italian Lorenzo Ancona", "Danish Prime Minister Mette
# Frederiksen"): not part of it. A list, not a suffix rule: Juan, Brian and Christian are names.
NATIONALITIES = frozenset(
    """Italian French Belgian Dutch German Spanish British English Irish Scottish Welsh American Canadian
    Australian Brazilian Colombian Mexican Argentine Argentinian Portuguese Danish Norwegian Swedish Finnish
    Swiss Austrian Polish Czech Slovak Slovenian Croatian Serbian Bosnian Russian Ukrainian Belarusian
    Greek Turkish Israeli Palestinian Iranian Iraqi Syrian Lebanese Egyptian Moroccan Algerian Tunisian
    Nigerian Ghanaian Kenyan Ethiopian Eritrean Ugandan Tanzanian Chinese Japanese Korean Indian Pakistani
    Bangladeshi Vietnamese Thai Filipino Indonesian Malaysian Singaporean Kazakh Uzbek Venezuelan Chilean
    Peruvian Ecuadorian Cuban Jamaican Hungarian Romanian Bulgarian Latvian Lithuanian Estonian Icelandic
    Georgian Armenian Afghan Saudi Emirati Qatari Kuwaiti Jordanian Yemeni Sudanese Somali Zimbabwean
    Zambian Cameroonian Senegalese Ivorian Congolese Angolan Mozambican Namibian Botswanan""".split()
)

# Occupations written before a name as a description, not a title (AP style: "meteorologist Kyle
# Brandt"): in lower case they never join the name; capitalised where they open a sentence, they are
# still not part of it. Occupations that are also given names (Hunter, Mason, Taylor, Cooper…) are
# left out.
OCCUPATIONS = frozenset(
    """meteorologist forecaster climatologist economist historian astronaut physicist chemist biologist
    geologist epidemiologist virologist psychologist sociologist anthropologist archaeologist
    astronomer mathematician statistician researcher scientist analyst strategist consultant
    novelist author writer poet playwright screenwriter journalist photographer filmmaker artist
    painter sculptor composer pianist violinist cellist guitarist drummer singer songwriter rapper
    comedian actor actress dancer choreographer chef restaurateur farmer rancher fisherman winemaker
    nurse surgeon physician doctor dentist pharmacist paramedic veterinarian midwife teacher
    lecturer student pupil lawyer barrister prosecutor defendant plaintiff witness juror activist
    campaigner organiser organizer volunteer resident homeowner shopkeeper landlord tenant entrepreneur
    investor banker trader accountant engineer architect designer developer programmer firefighter
    pilot referee umpire jockey cyclist runner swimmer sprinter skier boxer golfer goalkeeper
    midfielder striker winger quarterback pitcher teammate colleague co-worker coworker classmate neighbour
    neighbor spokesman spokeswoman spokesperson""".split()
)

# Nouns that say which pronoun fits the person they describe ("his mother, Eileen Walsh").
GENDERED_NOUNS: dict[str, str] = {
    **dict.fromkeys(
        """mother wife daughter sister aunt grandmother granddaughter niece widow girlfriend fiancee
        spokeswoman chairwoman businesswoman congresswoman councilwoman sportswoman actress waitress
        stepmother stepdaughter mum mom grandma postmistress headmistress hostess heiress stewardess duchess
        princess countess baroness policewoman horsewoman sportswoman""".split(),
        "she",
    ),
    **dict.fromkeys(
        """father husband son brother uncle grandfather grandson nephew widower boyfriend fiance spokesman
        chairman businessman congressman councilman sportsman actor waiter stepfather stepson dad grandpa""".split(),
        "he",
    ),
}
PRONOUNS = {"he": "he", "she": "she", "him": "he", "her": "she", "his": "he", "hers": "she"}

# Verbs whose subject is a person, beside the speech verbs: "Hope rejected the criticism" (the
# person), where "Hope has faded" says nothing either way.
PERSON_VERB = re.compile(
    r"(?:rejected|denied|accepted|defended|dismissed|welcomed|criticised|criticized|praised|thanked|apologised|"
    r"apologized|refused|declined|resigned|joined|smiled|laughed|shrugged|nodded|paused|hesitated|believes|"
    r"believed|thinks|thought|hopes|hoped|wants|wanted|recalls|remembers|remembered|admits|conceded|insists|"
    r"accused|accuses|blamed|sued|voted|signed|visited|met|hired|appointed|resigned|thanked|urged)\b"
)

# The roles that titles written short stand for ("Cllr O’Brien" is the councillor).
ROLE_ABBREVIATIONS = {
    "Cllr": "councillor", "Councilor": "councillor", "Det": "detective", "Sgt": "sergeant", "Insp": "inspector",
    "Supt": "superintendent", "Gen": "general", "Lt": "lieutenant", "Col": "colonel", "Maj": "major",
    "Rep": "representative", "Sen": "senator", "Gov": "governor", "Cmdr": "commander", "Adm": "admiral",
    "Capt": "captain", "Cpt": "captain", "Cdr": "commander", "Cpl": "corporal", "Pte": "private",
    "Brig": "brigadier", "Lieut": "lieutenant",
}  # fmt: skip

# Nouns for a person by their trade that no list can hold: "oncologist", "pediatrician".
_PERSON_SUFFIX = re.compile(r"[a-z]{3,}(?:ologist|ician|ist)")
_NOT_PEOPLE = frozenset("checklist playlist shortlist wishlist waitlist tracklist".split())


def is_person_noun(word: str) -> bool:
    """Whether `word` is a noun for one person: listed (`PERSON_NOUNS`, `ROLE_NOUNS`) or a trade's
    (-ist, -ician: "an oncologist at one of the microphones")."""
    word = word.removeprefix("co-")  # a co-author, a co-worker
    return (
        word in PERSON_NOUNS
        or word in ROLE_NOUNS
        or (_PERSON_SUFFIX.fullmatch(word) is not None and word not in _NOT_PEOPLE)
    )


# Roles a news sentence puts between an employer and a name ("Dalton Freight chief executive Ana
# Kühn", "Labour leader Keir Starmer", "Fiverr founder Micha Kaufman").
ROLE_NOUNS = frozenset(
    """executive officer founder co-founder cofounder chairman chairwoman chair chairperson president
    vice-president director spokesperson spokesman spokeswoman manager head leader minister secretary
    analyst economist strategist engineer boss owner partner captain coach striker goalkeeper midfielder
    defender editor reporter correspondent lawyer attorney adviser advisor counsel governor mayor
    councillor councilor member official representative researcher scientist professor lecturer
    chief treasurer trader investor researcher curator principal headteacher dean superintendent
    inspector commissioner commander general spokesperson negotiator envoy ambassador administrator
    organiser organizer campaigner activist founder-director architect designer developer""".split()
)

# Nouns for one person the text does not name ("one woman", "a resident", "the interpreter"): a
# "she said" after one of them may mean that person rather than anyone named earlier.
PERSON_NOUNS: dict[str, str | None] = {
    **dict.fromkeys(
        """person resident worker driver volunteer witness neighbour neighbor passenger customer shopper
        fan voter parent student pupil teacher nurse doctor patient farmer owner reporter journalist
        interpreter translator official source officer protester survivor victim mourner commuter
        tourist visitor local pensioner employee colleague friend relative child teenager adult
        bystander onlooker shopkeeper trader juror tenant landlord caller listener viewer reader
        member supporter opponent critic expert economist analyst lawyer solicitor barrister
        manager director spokesperson representative insider aide adviser advisor diplomat
        delegate candidate councillor campaigner activist organiser organizer engineer scientist
        researcher coach player referee captain striker guard soldier firefighter paramedic
        constable detective inspector sergeant minister mayor executive founder chair boss host
        guest speaker runner rider climber diver fisher fisherman younger elder older youngest eldest
        oldest chef cook baker butcher plumber electrician mechanic builder carpenter surgeon dentist
        pharmacist vet veterinarian midwife accountant banker broker architect designer artist painter
        writer author novelist poet musician singer drummer guitarist bassist pianist dancer
        photographer filmmaker producer clerk cashier receptionist cleaner caretaker gardener labourer
        laborer miner tailor barber hairdresser porter courier sailor ranger warden specialist consultant
        academic historian scholar psychologist psychiatrist therapist counsellor counselor chemist
        physicist biologist ecologist geologist technician auditor trustee whistleblower staffer partner
        investigator prosecutor moderator coordinator supervisor instructor surveyor negotiator mentor
        tutor pastor vicar priest bishop imam rabbi chaplain physician clinician forecaster politician
        bailiff marshal deputy sheriff trooper controller dispatcher judge magistrate coroner""".split(),
        # "younger" …: "The younger recalled …" (of two siblings the text names so)
        None,
    ),
    **{noun: gender for noun, gender in GENDERED_NOUNS.items()},
    **dict.fromkeys("woman girl lady grandmother mum".split(), "she"),
    **dict.fromkeys("man boy gentleman grandfather".split(), "he"),
}
