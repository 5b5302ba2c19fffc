"""Makes N `{"id", "text", "date"}` records for the Spark check.

From the shared news corpus beside the repository (`../shared/corpus`, or
HERALD_CORPUS) when it is there: its articles split into paragraphs, in
file-name order. Else from a generator of news-like paragraphs written for
herald (names, places and templates of our own). Corpus text is read at run
time only and never written into the repository: the records go to a
scratch folder under target/.

Every third record carries a document date; one record carries an
impossible date ("2005-02-30"), so both engines must report the same
failure.

    python make_docs.py 1000 > docs.jsonl
"""

import json
import os
import pathlib
import random
import sys

REPO = pathlib.Path(__file__).resolve().parents[2]
BAD_DATE_AT = 499


def corpus_paragraphs():
    """Paragraphs of the shared corpus, or nothing when it is absent."""
    root = pathlib.Path(os.environ.get("HERALD_CORPUS", REPO.parent / "shared" / "corpus"))
    if not root.is_dir():
        return
    for path in sorted(root.rglob("*.txt")):
        text = path.read_text(encoding="utf-8", errors="replace")
        paragraphs = [p.strip() for p in text.replace("\r\n", "\n").split("\n\n")]
        for number, paragraph in enumerate(p for p in paragraphs if p):
            yield f"{path.parent.name}/{path.stem}#{number}", paragraph


PEOPLE = [
    "William Ruto", "Karen Whitfield", "Layla Haddad-Nasser", "James O'Connell",
    "Élodie Marchetti", "Tomasz Wierzbicki", "Amina Wekesa", "Rafael Quintero",
    "Halima Saadoun", "Kenji Morimoto", "Grace Achieng", "Olumide Bakare",
]
TITLES = [
    "President", "Foreign Minister", "Prime Minister", "Deputy Secretary",
    "Defence Minister", "Ambassador", "Governor",
]
PLACES = [
    "Nairobi", "Amman", "Riyadh", "Lisbon", "Baghdad", "Kampala", "Brussels",
    "Warsaw", "Lagos", "Osaka", "Montevideo", "Dakar",
]
ORGS = [
    "the State Department", "NATO", "the European Union", "the United Nations",
    "the African Union", "the World Bank", "the Red Cross",
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
TEMPLATES = [
    "{title} {p1} met {p2} in {place} on {day}.",
    "{p1} invited {p2} to visit {place} next month, {org} said on {day}.",
    "“We will not give up on these talks,” {p1} told reporters in {place}.",
    "{org} said on {day} that {title} {p1} would travel to {place} and {place2}.",
    "Officials of {org} and {org2} held talks in {place} about water and trade.",
    "{p1} declined to say whether {p2} would meet the delegation from {place}.",
    "Roads around {place} stayed closed for a second day after heavy rain.",
    "In {place}, {title} {p1} welcomed the visit, saying the door was open.",
    "{p2}, a spokesman for {org}, said the meeting had been postponed.",
]


def generated_paragraphs(seed=17):
    """Endless news-like paragraphs of 1 to 4 sentences, reproducible."""
    rng = random.Random(seed)
    number = 0
    while True:
        sentences = []
        for _ in range(rng.randint(1, 4)):
            p1, p2 = rng.sample(PEOPLE, 2)
            place, place2 = rng.sample(PLACES, 2)
            org, org2 = rng.sample(ORGS, 2)
            sentence = rng.choice(TEMPLATES).format(
                title=rng.choice(TITLES), p1=p1, p2=p2, place=place, place2=place2,
                org=org, org2=org2, day=rng.choice(WEEKDAYS),
            )
            sentences.append(sentence[0].upper() + sentence[1:])
        yield f"generated#{number}", " ".join(sentences)
        number += 1


def records(count, tally=None):
    """`count` records: the corpus's paragraphs, topped up by the generator.
    `tally` (a dict) counts the records taken from each source."""
    sources = {"corpus": corpus_paragraphs(), "generated": generated_paragraphs()}
    made = 0
    for name, source in sources.items():
        for doc_id, text in source:
            if made == count:
                return
            if tally is not None:
                tally[name] = tally.get(name, 0) + 1
            date = None
            if made == BAD_DATE_AT:
                date = "2005-02-30"
            elif made % 3 == 0:
                date = f"2005-{1 + made % 12:02d}-{1 + made % 28:02d}"
            yield {"id": doc_id, "text": text, "date": date}
            made += 1


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    tally = {}
    for record in records(count, tally):
        sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"make_docs: {tally}", file=sys.stderr)


if __name__ == "__main__":
    main()
