//! Gazetteer compile and match throughput.
//!
//! Text: `../shared/corpus/bbc-politics/*.txt` concatenated when present,
//! else a team-written paragraph repeated. Gazetteers: the embedded defaults
//! plus synthetic entries (deterministic, built from name parts and common
//! capitalized words so that many text tokens do hit the vocabulary).
//!
//! Run briefly: `cargo bench --bench gazetteer -- --warm-up-time 1 --measurement-time 3`

mod support;

use aho_corasick::{AhoCorasick, MatchKind as AcMatchKind};
use criterion::{BatchSize, BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use herald::gazetteer::{self, Gazetteer, GazetteerMatcher};
use herald::text::{Tokenizing, tokenize};
use std::fmt::Write;
use std::hint::black_box;
use std::sync::{Mutex, OnceLock};
use std::time::Duration;

const FALLBACK: &str = "\
BAGHDAD (Wire) — Iraqi Prime Minister Mohammed Shia al-Sudani met NATO Secretary-General Mark Rutte \
in Baghdad on Tuesday, his office said, as the alliance weighs the future of its training mission. \
Al-Sudani told Rutte that Iraq wanted closer ties with the United States and Europe, while lawmakers \
in Washington debated new funding. “We are ready to work with every partner,” Sudani said. The \
European Union and the UN General Assembly will discuss the issue in New York next month, officials \
in Brussels and Ankara said. Turkish President Recep Tayyip Erdogan is expected to attend.\n";

/// The benchmark text.
fn corpus() -> String {
    match support::news_articles() {
        Some((_, articles)) => articles.join("\n"),
        None => FALLBACK.repeat(2000),
    }
}

const FIRST: &[&str] = &[
    "Ali", "Anna", "Boris", "Carlos", "David", "Elena", "Fatima", "George", "Hassan", "Ivan",
    "James", "Kemal", "Laura", "Mohammed", "Nadia", "Omar", "Peter", "Rosa", "Sergei", "Tony",
    "Ursula", "Victor", "Wei", "Yusuf", "Zainab", "Gordon", "Michael", "John", "Charles", "Robert",
];
const SYLLABLES: &[&str] = &[
    "ba", "ko", "ri", "mat", "sen", "dor", "lu", "vi", "ham", "tes", "gar", "nel", "os", "pra",
    "quin", "zu", "wel", "fan", "ter", "mo",
];
const WORDS: &[&str] = &[
    "National",
    "Party",
    "Council",
    "Labour",
    "Union",
    "Bank",
    "City",
    "New",
    "Democratic",
    "Liberal",
    "Green",
    "Royal",
    "Ministry",
    "Defence",
    "Health",
    "Foreign",
    "Office",
    "Court",
    "Commission",
    "Trust",
    "Group",
    "Football",
    "Club",
    "Home",
    "Social",
    "Conservative",
    "British",
    "European",
    "Trade",
    "Energy",
    "Agency",
    "Service",
    "Police",
    "Board",
    "Institute",
    "Centre",
    "General",
    "Assembly",
    "House",
    "Street",
];

/// A deterministic pseudo-random sequence (a 64-bit LCG).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n
    }
}

fn invented(rng: &mut Lcg) -> String {
    let mut word = String::new();
    for _ in 0..2 + rng.next(2) {
        word.push_str(SYLLABLES[rng.next(SYLLABLES.len())]);
    }
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// A TSV gazetteer with about `aliases` aliases (two per entry: a name and a variant).
fn synthetic(aliases: usize) -> String {
    let mut rng = Lcg(aliases as u64);
    let mut tsv = String::with_capacity(aliases * 40);
    for i in 0..aliases / 2 {
        match i % 3 {
            0 => {
                let (first, last) = (FIRST[rng.next(FIRST.len())], invented(&mut rng));
                let _ = writeln!(
                    tsv,
                    "PERSON\t{first} {last}\t{first} {} {last}\tid=S{i}",
                    invented(&mut rng)
                );
            }
            1 => {
                let (a, b) = (WORDS[rng.next(WORDS.len())], WORDS[rng.next(WORDS.len())]);
                let place = invented(&mut rng);
                let _ = writeln!(
                    tsv,
                    "ORG\t{a} {b} of {place}\t{place} {b}\tid=S{i} ; kind=agency"
                );
            }
            _ => {
                let (town, word) = (invented(&mut rng), WORDS[rng.next(WORDS.len())]);
                let _ = writeln!(
                    tsv,
                    "PLACE\t{town}\t{word} {town}\tid=S{i} ; kind=city ; population={}",
                    rng.next(1_000_000)
                );
            }
        }
    }
    tsv
}

/// A matcher over the defaults plus about `aliases` synthetic aliases, built
/// once per size (criterion calls a benchmark's closure several times).
fn matcher(aliases: usize) -> &'static GazetteerMatcher {
    static CACHE: OnceLock<Mutex<Vec<(usize, &'static GazetteerMatcher)>>> = OnceLock::new();
    let mut cache = CACHE.get_or_init(Default::default).lock().unwrap();
    if let Some((_, matcher)) = cache.iter().find(|(n, _)| *n == aliases) {
        return matcher;
    }
    let matcher: &'static GazetteerMatcher = Box::leak(Box::new(
        GazetteerMatcher::new(&gazetteers(aliases)).unwrap(),
    ));
    cache.push((aliases, matcher));
    matcher
}

/// The defaults plus a synthetic list of about `aliases` aliases.
fn gazetteers(aliases: usize) -> Vec<Gazetteer> {
    let mut lists = gazetteer::defaults();
    lists.push(
        Gazetteer::parse("synthetic", &synthetic(aliases)).expect("synthetic gazetteer parses"),
    );
    lists
}

fn compile(c: &mut Criterion) {
    let mut group = c.benchmark_group("compile");
    group.sample_size(10);
    group.bench_function("defaults", |b| {
        let lists = gazetteer::defaults();
        b.iter_batched(
            || lists.clone(),
            |lists| GazetteerMatcher::from_gazetteers(lists).unwrap(),
            BatchSize::LargeInput,
        );
    });
    for (label, aliases) in [("40k entries", 80_000), ("1M aliases", 1_000_000)] {
        group.bench_function(format!("parse+compile {label}"), |b| {
            let tsv = synthetic(aliases);
            b.iter_batched(
                || (),
                |()| {
                    let list = Gazetteer::parse("synthetic", black_box(&tsv)).unwrap();
                    GazetteerMatcher::from_gazetteers(vec![list]).unwrap()
                },
                BatchSize::LargeInput,
            );
        });
    }
    group.bench_function("compile 1M aliases", |b| {
        let lists = gazetteers(1_000_000);
        b.iter_batched(
            || lists.clone(),
            |lists| GazetteerMatcher::from_gazetteers(lists).unwrap(),
            BatchSize::LargeInput,
        );
    });
    group.finish();
}

fn matching(c: &mut Criterion) {
    let text = corpus();
    let input = format!("{} bytes", text.len());
    let tokens = tokenize(&text);
    let mut group = c.benchmark_group("match");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.measurement_time(Duration::from_secs(3));
    group.bench_function("tokenize only", |b| b.iter(|| tokenize(black_box(&text))));
    let defaults = OnceLock::new();
    group.bench_function("find (pre-tokenized)/defaults", |b| {
        let matcher = defaults.get_or_init(|| {
            let matcher = GazetteerMatcher::new(&gazetteer::defaults()).unwrap();
            support::expect_counts(
                "match/find/defaults",
                &input,
                &[("matches", matcher.find(&text, &tokens).len())],
            );
            matcher
        });
        b.iter(|| matcher.find(black_box(&text), black_box(&tokens)));
    });
    for aliases in [10_000, 100_000, 1_000_000] {
        let mut printed = false;
        group.bench_with_input(
            BenchmarkId::new("find (pre-tokenized)", aliases),
            &aliases,
            |b, &aliases| {
                let matcher = matcher(aliases);
                if !std::mem::replace(&mut printed, true) {
                    support::expect_counts(
                        &format!("match/find/{aliases}"),
                        &input,
                        &[("matches", matcher.find(&text, &tokens).len())],
                    );
                }
                b.iter(|| matcher.find(black_box(&text), black_box(&tokens)));
            },
        );
    }
    group.bench_function("tokenize+find 10000", |b| {
        let matcher = matcher(10_000);
        b.iter(|| {
            let tokens = tokenize(black_box(&text));
            matcher.find(&text, &tokens).len()
        });
    });
    // As a stream is tagged: one article at a time, the token buffers
    // reused (the whole corpus as one text puts 7 MB of tokens out of cache
    // and a fresh allocation's page faults into every iteration).
    let articles: Vec<String> = match support::news_articles() {
        Some((_, articles)) => articles,
        None => vec![FALLBACK.repeat(8); 250],
    };
    group.throughput(Throughput::Bytes(
        articles.iter().map(|a| a.len() as u64).sum(),
    ));
    // 153k synthetic aliases on top of the defaults' 98k make the 251k-alias
    // list the throughput goal is stated for.
    for aliases in [0, 153_000] {
        let matcher = matcher(aliases);
        let mut tokenizing = Tokenizing::default();
        let label = format!(
            "tokenize+find per article/{} aliases",
            matcher
                .entries()
                .iter()
                .map(|e| e.names().count())
                .sum::<usize>()
        );
        let found: usize = articles
            .iter()
            .map(|a| matcher.find(a, tokenizing.tokenize(a)).len())
            .sum();
        support::expect_counts(
            &format!("match/per-article/{aliases}"),
            &support::input_label("articles", &articles),
            &[("matches", found)],
        );
        group.bench_function(label, |b| {
            b.iter(|| {
                articles
                    .iter()
                    .map(|a| matcher.find(a, tokenizing.tokenize(black_box(a))).len())
                    .sum::<usize>()
            })
        });
    }
    group.throughput(Throughput::Bytes(text.len() as u64));
    // The yardstick: a raw Aho-Corasick scan of the same text for the same
    // aliases (no token alignment, no capitalization, no transliteration).
    let raw = OnceLock::new();
    group.bench_function("raw aho-corasick 10000", |b| {
        let ac = raw.get_or_init(|| {
            let patterns: Vec<&str> = matcher(10_000)
                .entries()
                .iter()
                .flat_map(|e| e.names())
                .collect();
            let ac = AhoCorasick::builder()
                .match_kind(AcMatchKind::LeftmostLongest)
                .ascii_case_insensitive(true)
                .build(&patterns)
                .unwrap();
            support::expect_counts(
                "match/raw-aho-corasick/10000",
                &input,
                &[("matches", ac.find_iter(&text).count())],
            );
            ac
        });
        b.iter(|| ac.find_iter(black_box(&text)).count());
    });
    group.finish();
}

criterion_group!(benches, compile, matching);
criterion_main!(benches);
