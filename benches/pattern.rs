//! Rule matching throughput: 10 to 1,000 generated rules over news text, and a
//! pathological input (one huge sentence of capitalized words against
//! nested quantifiers and gaps) at 0.1, 1 and 10 MB to show linear time.
//!
//! News text: `../shared/corpus/bbc-politics/*.txt`
//! when present, else the team-written paragraphs below, repeated.
//!
//!     cargo bench --bench pattern -- --warm-up-time 1 --measurement-time 3

mod support;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use herald::EntityKind;
use herald::pattern::{Annotation, Cache, RuleSet};
use herald::text::{Sentence, Shape, TokenKind, Tokens, split_sentences, tokenize};
use std::hint::black_box;

/// Written by the team for this bench; used when no corpus is available.
const FALLBACK: &str = "\
Prime Minister Amara Diallo met the President of Kenya, William Ruto, in Nairobi on Tuesday. \
The two leaders held talks on trade and security, officials said. \
\"We have agreed to work together on the border,\" Diallo told reporters after the meeting. \
Ruto said the government would announce new measures next week, and invited Diallo to visit Mombasa in March.\n\n\
The opposition party criticised the talks. Its leader, Grace Otieno, said the minister had not consulted parliament. \
Ministers will vote on the budget on Thursday, the Treasury said in a statement. \
Labour and the Conservatives both called for an inquiry into the election campaign spending of 1,200 candidates.\n\n";

/// The corpus's articles joined, else the team-written paragraphs
/// repeated to about 1 MB.
fn corpus() -> String {
    match support::news_articles() {
        Some((_, articles)) => articles.join("\n\n"),
        None => FALLBACK.repeat(1_000_000 / FALLBACK.len() + 1),
    }
}

const ANCHORS: &[&str] = &[
    "said",
    "told",
    "met",
    "talks",
    "visit",
    "invited",
    "announced",
    "government",
    "minister",
    "election",
    "party",
    "vote",
    "leader",
    "labour",
    "conservative",
    "plans",
    "warned",
    "claimed",
    "urged",
    "added",
    "agreed",
    "meeting",
    "summit",
    "called",
    "criticised",
    "campaign",
    "policy",
    "public",
    "tax",
    "spending",
    "report",
    "members",
    "parliament",
    "commons",
    "secretary",
    "chancellor",
    "prime",
    "mps",
    "says",
    "believed",
    "promised",
    "rejected",
    "backed",
    "attacked",
    "denied",
    "accused",
    "insisted",
    "suggested",
    "confirmed",
    "defended",
    "council",
    "blair",
    "howard",
    "kennedy",
    "brown",
    "tories",
    "lib",
    "dems",
    "bill",
    "law",
];
const SECOND: &[&str] = &[
    "that", "the", "to", "on", "in", "would", "with", "for", "of", "by", "it", "was", "has", "will",
];

/// `count` rules with varied anchors, quantifiers, gaps, negations and
/// anti-patterns.
fn generated_rules(count: usize) -> String {
    let mut source = String::from("words neg = not never no\nwords prep = to with in on at\n");
    for k in 0..10 {
        let words: Vec<&str> = (0..6)
            .map(|j| ANCHORS[(k * 7 + j * 11) % ANCHORS.len()])
            .collect();
        source.push_str(&format!(
            "words list{k} = {} \"{} {}\"\n",
            words.join(" "),
            words[0],
            SECOND[k % SECOND.len()]
        ));
    }
    for i in 0..count {
        let a = ANCHORS[i % ANCHORS.len()];
        let b = SECOND[(i / 3) % SECOND.len()];
        let (produces, pattern, unless) = match i % 8 {
            0 => (
                "Statement",
                format!(
                    "speaker:(PERSON | ORG) ...{{0,3}} trigger:\"{a}\" content:(Any{{0,20}} !Punct)?"
                ),
                String::new(),
            ),
            1 => (
                "Meeting",
                format!(
                    "participant:PERSON (\",\" participant:PERSON)* \"and\"? \"{a}\" participant:(PERSON | ORG)?"
                ),
                String::new(),
            ),
            2 => (
                "Statement",
                format!("Cap+ \"{a}\" Lower{{1,3}} \"{b}\"?"),
                String::new(),
            ),
            3 => (
                "Meeting",
                format!("\"the\"? \"{a}\" ...{{0,5}} place:(PLACE | ORG)"),
                String::new(),
            ),
            4 => (
                "Statement",
                format!("@list{} ...{{0,2}} speaker:Cap{{1,3}}", i % 10),
                String::new(),
            ),
            5 => (
                "Invitation",
                format!("!@neg \"{a}\" @prep invitee:(PERSON | ORG | Cap+)"),
                String::new(),
            ),
            6 => (
                "Statement",
                format!("\"{a}\" ...{{0,4}} \"{b}\" Num?"),
                format!("@neg ...{{0,2}} \"{a}\""),
            ),
            _ => (
                "Statement",
                format!("speaker:((Cap | CAPS)+ \"'s\"?) \"{a}\" (\"that\" | \"the\")?"),
                String::new(),
            ),
        };
        source.push_str(&format!(
            "rule bench/t{}/{i} -> {produces} priority {}\n  match {pattern}\n",
            i % 8,
            i % 5
        ));
        if !unless.is_empty() {
            source.push_str(&format!("  unless {unless}\n"));
        }
        source.push_str("  example \"unused\"\n");
    }
    source
}

/// Stand-in entity annotations: runs of capitalized words not opening a
/// sentence, labelled PERSON, ORG or PLACE by the length of the first word.
fn annotations(tokens: &Tokens, sentences: &[Sentence]) -> Vec<Annotation> {
    let kinds = [EntityKind::Person, EntityKind::Org, EntityKind::Place];
    let mut out = Vec::new();
    for sentence in sentences {
        let mut i = sentence.tokens.start + 1;
        while i < sentence.tokens.end {
            let cap = |t: usize| {
                tokens[t].kind == TokenKind::Word
                    && matches!(tokens[t].shape, Shape::Capitalized | Shape::AllCaps)
            };
            if cap(i) {
                let start = i;
                while i < sentence.tokens.end && cap(i) {
                    i += 1;
                }
                let kind = kinds[tokens.key(start).len() % 3];
                out.push(Annotation {
                    tokens: start..i,
                    kind,
                });
            } else {
                i += 1;
            }
        }
    }
    out
}

fn news(c: &mut Criterion) {
    let text = corpus();
    let input = format!("{} bytes", text.len());
    let tokens = tokenize(&text);
    let sentences = split_sentences(&text, &tokens);
    let anns = annotations(&tokens, &sentences);
    let mut cache = Cache::new();
    support::expect_counts(
        "pattern/news/tokenize+split",
        &input,
        &[
            ("tokens", tokens.len()),
            ("sentences", sentences.len()),
            ("annotations", anns.len()),
        ],
    );

    let mut group = c.benchmark_group("pattern/news");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("tokenize+split", |b| {
        b.iter(|| {
            let tokens = tokenize(black_box(&text));
            split_sentences(&text, &tokens).len()
        })
    });
    // How cost grows with the number of rules.
    for count in [10, 100, 200, 1000] {
        let rules = RuleSet::parse("generated.rules", &generated_rules(count))
            .expect("generated rules load");
        assert_eq!(rules.len(), count);
        let found = rules.find_document(&mut cache, &text, &tokens, &sentences, &anns);
        support::expect_counts(
            &format!("pattern/news/match-{count}-rules"),
            &input,
            &[("matches", found.len())],
        );
        group.bench_function(format!("match-{count}-rules"), |b| {
            b.iter(|| {
                rules
                    .find_document(&mut cache, black_box(&text), &tokens, &sentences, &anns)
                    .len()
            })
        });
    }
    group.finish();
}

const PATHOLOGICAL_RULES: &str = r#"
rule patho/nested/1 -> Statement
  match speaker:((Cap | CAPS)+ ...{0,3})+ "said" (Cap+ | Cap{1,3})* ...{0,4} "today"
  example "unused"
rule patho/gaps/1 -> Statement
  match (Cap ...{0,2})* "said" ...{0,5} (Cap Cap?)+ "announced"
  example "unused"
rule patho/alt/1 -> Meeting
  match ((Cap | Word) (Cap | Any))* "met" participant:(Cap+ | (Cap Cap)+)
  example "unused"
"#;

/// One sentence of capitalized words, with the rules' anchors sprinkled in.
fn pathological(bytes: usize) -> String {
    let words = [
        "Alpha",
        "Bravo",
        "Charlie",
        "Delta",
        "Said",
        "Echo",
        "Met",
        "Foxtrot",
        "Announced",
        "Golf",
    ];
    let mut text = String::with_capacity(bytes + 16);
    let mut i = 0usize;
    while text.len() < bytes {
        text.push_str(words[(i * 7 + i / 13) % words.len()]);
        text.push(' ');
        i += 1;
    }
    text
}

fn linear(c: &mut Criterion) {
    let rules = RuleSet::parse("pathological.rules", PATHOLOGICAL_RULES).expect("rules load");
    let mut group = c.benchmark_group("pattern/pathological");
    group.sample_size(10);
    for (label, size) in [("0.1MB", 100_000), ("1MB", 1_000_000), ("10MB", 10_000_000)] {
        let text = pathological(size);
        let tokens = tokenize(&text);
        // One sentence of the whole text: the splitter would cut it
        // (text::MAX_SENTENCE_TOKENS), and the matcher must stay linear on
        // any range it is given.
        let sentences = [Sentence {
            span: herald::Span::new(0, text.len()),
            tokens: 0..tokens.len(),
            dateline: None,
        }];
        let mut cache = Cache::new();
        let found = rules.find_document(&mut cache, &text, &tokens, &sentences, &[]);
        eprintln!(
            "pathological {label}: {} tokens, {} matches",
            tokens.len(),
            found.len()
        );
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(label, |b| {
            b.iter(|| {
                rules
                    .find_document(&mut cache, black_box(&text), &tokens, &sentences, &[])
                    .len()
            })
        });
    }
    group.finish();
}

criterion_group!(benches, news, linear);
criterion_main!(benches);
