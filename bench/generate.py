"""Generate a synthetic corpus in the wire format, seeded so that runs repeat.

    python bench/generate.py --articles 1000 --out /tmp/corpus

Writes `<out>/entities.toml` (a generated catalogue of people and organisations) and, per article,
`<out>/story-NNNNN.txt` and for most of them a sidecar `story-NNNNN.toml`. Articles vary in
paragraph count and length, mention catalogue entities (by name, alias and possessive), carry
curly and straight quotations with "he said" attributions, Reference Maps and Source lines, and
some unicode (accents, emoji, right-to-left text); a few are hard-wrapped or use CRLF.
"""

from __future__ import annotations

import argparse
import random
import textwrap
from dataclasses import dataclass
from pathlib import Path

WORDS = [
    "market",
    "growth",
    "policy",
    "report",
    "analysts",
    "company",
    "shares",
    "government",
    "workers",
    "technology",
    "energy",
    "costs",
    "investors",
    "climate",
    "plans",
    "season",
    "league",
    "council",
    "budget",
    "research",
    "health",
    "data",
    "network",
    "security",
    "trade",
    "prices",
    "industry",
    "change",
    "future",
    "jobs",
    "customers",
    "service",
    "leaders",
    "strategy",
    "production",
    "supply",
    "demand",
    "regional",
    "national",
    "global",
    "quarterly",
    "annual",
    "record",
    "decline",
    "increase",
    "support",
    "pressure",
    "outlook",
    "risk",
]
VERBS = ["said", "stated", "warned", "added", "noted", "explained", "argued", "told", "reporters", "claimed"]
FIRST = [
    "Ana",
    "Bruno",
    "Chen",
    "Dmitri",
    "Elena",
    "Farid",
    "Grace",
    "Hugo",
    "Ines",
    "Jonas",
    "Kofi",
    "Lena",
    "Mateo",
    "Nadia",
    "Omar",
    "Priya",
    "Rafael",
    "Sofia",
    "Tariq",
    "Uma",
]
LAST = [
    "Almeida",
    "Becker",
    "Castro",
    "Dubois",
    "Eriksen",
    "Fischer",
    "García",
    "Haddad",
    "Ivanova",
    "Jensen",
    "Kowalski",
    "Laurent",
    "Moreau",
    "Novak",
]
ORG_HEAD = [
    "Acme",
    "Borealis",
    "Cobalt",
    "Delta",
    "Everest",
    "Fjord",
    "Granite",
    "Helios",
    "Ionic",
    "Juniper",
    "Kestrel",
    "Lumen",
]
ORG_TAIL = ["Energy", "Holdings", "Bank", "Labs", "Media", "Motors", "Foods", "Logistics", "Telecom", "Pharma"]
REGIONS = ["", "Nordic", "Pacific", "Atlantic", "Andean", "Baltic", "Sahel", "Alpine", "Gulf", "Delta", "Coastal"]
INITIALS = [""] + [f"{letter}." for letter in "ABCDEFGHJKLMNPRSTVW"]
TITLES = ["Chief Executive Officer", "Chief Financial Officer", "Spokesperson", "Minister", "Head of Research"]
SUPPLIERS = ["Noah Wire Services", "Agence Éclair", "Northwind News", "Pacific Wire"]
SPICE = ["😀", "café", "naïve", "Zürich", "שלום", "e\u0301", "€", "—"]


@dataclass(frozen=True)
class Entity:
    id: str
    kind: str
    name: str
    alias: str | None
    title: str | None = None
    employer: str | None = None


SATURATED = 0.9  # share of a name space in use past which new names get a numeral (redraws get slow)
NUMERALS = ["II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]


def catalogue(rng: random.Random, people: int, organisations: int) -> list[Entity]:
    """Organisations, then people, with distinct names; a name drawn twice is drawn again. Past
    nine tenths of the combinations of the word lists (above 1,188 organisations or 5,040 people,
    from 60,000 articles), a name gets a numeral ("Pacific Acme Energy II") and the space grows by
    as much again: corpora of the sizes that fitted before come out as they did."""
    orgs: list[Entity] = []
    used: set[str] = set()
    space_orgs = len(ORG_HEAD) * len(ORG_TAIL) * len(REGIONS)
    space_people = len(FIRST) * len(INITIALS) * len(LAST)
    while len(orgs) < organisations:
        name = " ".join(filter(None, (rng.choice(REGIONS), rng.choice(ORG_HEAD), rng.choice(ORG_TAIL))))
        name = _numbered(name, len(orgs), space_orgs, rng)
        if name not in used:
            used.add(name)
            orgs.append(Entity(f"org-{len(orgs) + 1}", "Organization", name, None))
    persons: list[Entity] = []
    surnames: set[str] = set()
    while len(persons) < people:
        first, last = rng.choice(FIRST), rng.choice(LAST)
        name = _numbered(" ".join(filter(None, (first, rng.choice(INITIALS), last))), len(persons), space_people, rng)
        if name in used:
            continue
        used.add(name)
        alias = last if last not in surnames else None  # an alias must name one entity only
        surnames.add(last)
        employer = rng.choice(orgs).id if orgs and rng.random() < 0.8 else None
        persons.append(Entity(f"person-{len(persons) + 1}", "Person", name, alias, rng.choice(TITLES), employer))
    return orgs + persons


def _numbered(name: str, made: int, space: int, rng: random.Random) -> str:
    """`name`, or past saturation of the word lists' `space`, `name` with a numeral of the rounds so far."""
    rounds = int(made / (space * SATURATED))
    if rounds == 0:
        return name
    if rounds > len(NUMERALS):
        raise ValueError(f"at most {int(space * SATURATED) * (len(NUMERALS) + 1):,} names of a kind can be made")
    return f"{name} {NUMERALS[rng.randrange(rounds)]}"


def catalogue_toml(entities: list[Entity]) -> str:
    lines = ["# Generated by bench/generate.py: fictional people and organisations.", ""]
    for entity in entities:
        lines += [f"[entity.{entity.id}]", f'type = "{entity.kind}"', f'name = "{entity.name}"']
        if entity.alias:
            lines.append(f'aliases = ["{entity.alias}"]')
        if entity.title:
            lines.append(f'job_title = "{entity.title}"')
        if entity.employer:
            lines.append(f'works_for = "{entity.employer}"')
        lines.append("")
    return "\n".join(lines)


def sentence(rng: random.Random, words: int) -> str:
    body = " ".join(rng.choice(WORDS) for _ in range(words))
    if rng.random() < 0.05:
        body += " " + rng.choice(SPICE)
    return body[0].upper() + body[1:] + "."


def paragraph(rng: random.Random, people: list[Entity], orgs: list[Entity]) -> str:
    parts = []
    for _ in range(rng.randint(2, 5)):
        roll = rng.random()
        if roll < 0.25 and people:
            person = rng.choice(people)
            named = person.name if rng.random() < 0.5 or not person.alias else person.alias
            parts.append(f"{named}{rng.choice(['', '’s', chr(39) + 's'])} {sentence(rng, rng.randint(6, 14)).lower()}")
        elif roll < 0.40:
            quote = sentence(rng, rng.randint(5, 12)).rstrip(".")
            verb = rng.choice(VERBS)
            if rng.random() < 0.7:
                parts.append(f"“{quote},” {rng.choice(['he', 'she', 'they'])} {verb}.")
            else:
                who = rng.choice(people).name if people else "a spokesperson"
                parts.append(f'"{quote}," {verb} {who}.')
        elif roll < 0.50 and orgs:
            parts.append(f"{rng.choice(orgs).name} {sentence(rng, rng.randint(6, 12)).lower()}")
        else:
            parts.append(sentence(rng, rng.randint(8, 22)))
    return " ".join(parts)


def article(rng: random.Random, entities: list[Entity]) -> tuple[str, str | None]:
    people = [e for e in entities if e.kind == "Person"]
    orgs = [e for e in entities if e.kind == "Organization"]
    cast = rng.sample(people, k=min(len(people), rng.randint(1, 4)))
    companies = rng.sample(orgs, k=min(len(orgs), rng.randint(0, 2)))
    count = rng.randint(3, 12)
    paragraphs = [paragraph(rng, cast, companies) for _ in range(count)]
    if rng.random() < 0.1:
        paragraphs = [textwrap.fill(p, width=72) for p in paragraphs]
    lines = ["\n\n".join(paragraphs), "", ""]
    if rng.random() < 0.95:
        lines += ["Reference Map", ""]
        cited = sorted(rng.sample(range(1, count + 1), k=rng.randint(1, count)))
        for index, position in enumerate(cited, start=1):
            sources = rng.sample(range(1, 11), k=rng.randint(1, 4))
            lines.append(f"  {index}. Paragraph {position}: {', '.join(map(str, sources))}")
        lines.append("")
    if rng.random() < 0.97:
        lines.append(f"Source: {rng.choice(SUPPLIERS)}")
    text = "\n".join(lines)
    if rng.random() < 0.05:
        text = text.replace("\n", "\r\n")
    sidecar = None
    if rng.random() < 0.8:
        day = f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        about = ", ".join(f'"{e.id}"' for e in cast[:1] + companies[:1])
        headline = f"{cast[0].name} on {rng.choice(WORDS)} and {rng.choice(WORDS)}"
        sidecar = f'headline = "{headline}"\ndate_published = {day}\nlanguage = "en"\nabout = [{about}]\n'
    return text, sidecar


def generate(articles: int, out: Path, seed: int = 20251125) -> None:
    rng = random.Random(seed)
    entities = catalogue(rng, people=max(20, articles // 20), organisations=max(10, articles // 50))
    out.mkdir(parents=True, exist_ok=True)
    (out / "entities.toml").write_text(catalogue_toml(entities), encoding="utf-8")
    for number in range(1, articles + 1):
        text, sidecar = article(rng, entities)
        path = out / f"story-{number:05d}.txt"
        path.write_bytes(text.encode("utf-8"))
        if sidecar is not None:
            path.with_suffix(".toml").write_text(sidecar, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, required=True, help="how many articles")
    parser.add_argument("--out", type=Path, required=True, help="folder to write the corpus into")
    parser.add_argument("--seed", type=int, default=20251125, help="random seed (same seed, same corpus)")
    args = parser.parse_args()
    generate(args.articles, args.out, args.seed)
    print(f"wrote {args.articles} articles and entities.toml to {args.out}")


if __name__ == "__main__":
    main()
