//! End-to-end extraction throughput: one `Extractor` over the news corpus,
//! article by article and paragraph by paragraph (documents of ~400 bytes,
//! where per-document costs show), single-threaded; how cost grows with
//! document size; writing the documents as JSON; and the one-off cost of
//! building the default extractor (compiling every embedded gazetteer and
//! rule) beside the cost of every later `Extractor::default()`.
//!
//! Before timing, each bench checks what it found against
//! `benches/expected-counts.tsv`, so a speed-up that changes results fails.
//!
//! Reads `../shared/corpus/bbc-politics` when present, else the team-written
//! stories in `examples/texts`. Run briefly with
//! `cargo bench --bench extract -- --warm-up-time 1 --measurement-time 5`.

mod support;

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use herald::Extractor;

/// The texts measured and a label naming them (corpus or team-written
/// fallback, with the size) for the recorded counts.
fn articles() -> (String, Vec<String>) {
    let (source, texts) = match support::news_articles() {
        Some((_, texts)) => ("corpus", texts),
        None => ("fallback", support::example_stories()),
    };
    assert!(!texts.is_empty(), "no corpus and no example stories");
    (support::input_label(source, &texts), texts)
}

/// Benchmarks extracting every text of `texts`, one by one, after checking
/// what they hold against the recorded counts.
fn bench_texts(
    c: &mut Criterion,
    extractor: &Extractor,
    name: &str,
    input: &str,
    texts: &[String],
) {
    let bytes: usize = texts.iter().map(String::len).sum();
    let counts = support::count_results(texts.iter().map(|t| extractor.extract(t)));
    support::expect_counts(&format!("extract/{name}"), input, &counts);
    let mut group = c.benchmark_group("extract");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function(name, |b| {
        b.iter(|| {
            for text in texts {
                black_box(extractor.extract(black_box(text)));
            }
        })
    });
    group.finish();
}

fn extraction(c: &mut Criterion) {
    let (input, texts) = articles();
    let extractor = Extractor::default();
    // Whole articles, and event-dense text: the team-written event
    // stories, where nearly every sentence has a trigger, so the event
    // stage's own cost shows.
    bench_texts(c, &extractor, "articles", &input, &texts);
    bench_texts(c, &extractor, "paragraphs", &input, &paragraphs(&texts));
    let stories = event_stories();
    let stories_input = support::input_label("event-stories", &stories);
    bench_texts(c, &extractor, "event-stories", &stories_input, &stories);

    let mut group = c.benchmark_group("build");
    group.sample_size(10);
    // Compiling the embedded gazetteers and rules: what the first
    // `Extractor::default()` of a process pays (an empty rule file added,
    // so the builder cannot hand back the shared default).
    group.bench_function("default-extractor", |b| {
        b.iter(|| {
            black_box(
                Extractor::builder()
                    .rules_source("empty", "")
                    .build()
                    .unwrap(),
            )
        })
    });
    // Every later `Extractor::default()`.
    group.bench_function("shared-default", |b| {
        b.iter(|| black_box(Extractor::default()))
    });
    group.finish();
}

/// Writing the documents of the articles as JSON, the command's output:
/// `Document::to_json` beside serde_json's generic path to the same bytes.
/// Throughput counts the JSON written.
fn json(c: &mut Criterion) {
    let (input, texts) = articles();
    let extractor = Extractor::default();
    let documents: Vec<herald::Document> = texts.iter().map(|t| extractor.extract(t)).collect();
    let written: Vec<String> = documents.iter().map(herald::Document::to_json).collect();
    for (document, json) in documents.iter().zip(&written) {
        assert_eq!(
            *json,
            serde_json::to_string(document).unwrap(),
            "to_json and serde_json differ"
        );
    }
    let bytes: usize = written.iter().map(String::len).sum();
    support::expect_counts("extract/json", &input, &[("json_bytes", bytes)]);
    let mut group = c.benchmark_group("extract/json");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("to_json", |b| {
        b.iter(|| {
            for document in &documents {
                black_box(black_box(document).to_json());
            }
        })
    });
    group.bench_function("serde_json", |b| {
        b.iter(|| {
            for document in &documents {
                black_box(serde_json::to_string(black_box(document)).unwrap());
            }
        })
    });
    group.finish();
}

/// How cost grows with document size: the corpus joined and cut into
/// documents of 1 kB to 1 MB (at paragraph ends), the same bytes in all.
fn document_size(c: &mut Criterion) {
    let (input, texts) = articles();
    let extractor = Extractor::default();
    let joined = texts.join("\n\n");
    let mut group = c.benchmark_group("extract/document-size");
    group.sample_size(10);
    for (label, size) in [
        ("1kB", 1_000),
        ("10kB", 10_000),
        ("100kB", 100_000),
        ("1MB", 1_000_000),
    ] {
        let documents = cut_into_documents(&joined, size);
        let bytes: usize = documents.iter().map(String::len).sum();
        let counts = support::count_results(documents.iter().map(|t| extractor.extract(t)));
        support::expect_counts(&format!("extract/document-size/{label}"), &input, &counts);
        group.throughput(Throughput::Bytes(bytes as u64));
        group.bench_function(label, |b| {
            b.iter(|| {
                for document in &documents {
                    black_box(extractor.extract(black_box(document)));
                }
            })
        });
    }
    group.finish();
}

/// `text` cut into documents of about `size` bytes, each ending at a
/// paragraph end once it has reached `size`.
fn cut_into_documents(text: &str, size: usize) -> Vec<String> {
    let mut documents = Vec::new();
    let mut current = String::new();
    for paragraph in text.split("\n\n") {
        if !current.is_empty() {
            current.push_str("\n\n");
        }
        current.push_str(paragraph);
        if current.len() >= size {
            documents.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        documents.push(current);
    }
    documents
}

/// The paragraphs of `articles` (split on blank lines), as separate
/// documents: the size a scraper or a streaming job often hands over.
fn paragraphs(articles: &[String]) -> Vec<String> {
    articles
        .iter()
        .flat_map(|article| article.split("\n\n"))
        .filter(|p| !p.trim().is_empty())
        .map(str::to_owned)
        .collect()
}

/// The texts of the event story fixtures (`text` lines, one story each).
fn event_stories() -> Vec<String> {
    let mut stories = Vec::new();
    for name in ["meetings.stories", "statements.stories"] {
        let path = format!(
            "{}/tests/fixtures/events/{name}",
            env!("CARGO_MANIFEST_DIR")
        );
        let source = std::fs::read_to_string(&path).unwrap_or_default();
        let mut current: Option<String> = None;
        for line in source.lines() {
            let line = line.trim();
            if line.starts_with("story ") {
                stories.extend(current.take());
                current = Some(String::new());
            } else if let (Some(text), Some(story)) = (line.strip_prefix("text"), current.as_mut())
            {
                if !story.is_empty() {
                    story.push('\n');
                }
                story.push_str(text.trim_start());
            }
        }
        stories.extend(current);
    }
    stories.retain(|s| !s.is_empty());
    stories
}

/// One sentence of name-like words with no full stop, as a scraper might
/// hand over: extraction must stay linear in its length.
fn word_soup(bytes: usize) -> String {
    const WORDS: &[&str] = &[
        "Baghdad",
        "NATO",
        "Mr.",
        "Al-Sudani",
        "Prime",
        "Minister",
        "Jordan",
        "Kessler",
        "said",
        "Ministry",
        "of",
        "Defense",
        "September",
        "21",
        ",",
        "University",
        "the",
        "Council",
    ];
    let mut state = 0x2545_f491_u32;
    let mut text = String::with_capacity(bytes + 16);
    while text.len() < bytes {
        // xorshift: a fixed, dependency-free word order.
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        text.push_str(WORDS[state as usize % WORDS.len()]);
        text.push(' ');
    }
    text
}

fn hostile(c: &mut Criterion) {
    let extractor = Extractor::default();
    let mut group = c.benchmark_group("extract/word-soup");
    group.sample_size(10);
    for (label, bytes) in [("0.1MB", 100_000), ("1MB", 1_000_000)] {
        let text = word_soup(bytes);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(label, |b| {
            b.iter(|| black_box(extractor.extract(black_box(&text))))
        });
    }
    group.finish();
}

criterion_group!(benches, extraction, json, document_size, hostile);
criterion_main!(benches);
