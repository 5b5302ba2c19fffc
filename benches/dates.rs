//! DATE recognition throughput on news text.
//!
//! Reads the BBC politics corpus from `../shared/corpus/bbc-politics` when it
//! is there, else a few team-written stories below. Tokens and sentences are
//! prepared once: the bench measures `find_dates` and `document_date` alone.
//! Run briefly with
//! `cargo bench --bench dates -- --warm-up-time 1 --measurement-time 3`.

mod support;

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use herald::entity::date::{document_date, find_dates};
use herald::text::{Sentence, Tokens, split_sentences, tokenize};

/// Team-written stand-ins for when the shared corpus is absent.
const FALLBACK: &[&str] = &[
    "Port talks resume\n\nLISBON, March 4 — Dock workers and shipping firms met on Monday and will meet again next Tuesday, \
     two weeks after a strike that began on 12 February 2024 closed the port for three days. The union said last week \
     that wages had fallen since January.\n\nMarch 4, 2024",
    "Budget vote delayed\n\nThe finance committee postponed a vote scheduled for Thursday. Members said yesterday that \
     the draft, first tabled on Sept. 3, would return to the floor later this month. A similar plan failed a year ago.",
    "Flood aid arrives\n\nRelief convoys reached the valley on Wednesday evening, a few days after the river burst its \
     banks. Officials expect roads to reopen by 20/10/2023, and a review is due next month.",
];

/// The texts and where they came from (the corpus or the fallback).
fn corpus() -> (&'static str, Vec<String>) {
    match support::news_articles() {
        Some((_, texts)) => ("corpus", texts),
        None => ("fallback", FALLBACK.iter().map(|s| s.to_string()).collect()),
    }
}

fn bench(c: &mut Criterion) {
    let (source, texts) = corpus();
    let docs: Vec<(String, Tokens, Vec<Sentence>)> = texts
        .into_iter()
        .map(|text| {
            let tokens = tokenize(&text);
            let sentences = split_sentences(&text, &tokens);
            (text, tokens, sentences)
        })
        .collect();
    let bytes: usize = docs.iter().map(|(text, _, _)| text.len()).sum();
    let mentions: usize = docs
        .iter()
        .map(|(text, tokens, sentences)| {
            let date = document_date(text, tokens, sentences, None);
            find_dates(text, tokens, sentences, date).len()
        })
        .sum();
    support::expect_counts(
        "dates/document_date+find_dates",
        &format!("{source} {bytes} bytes"),
        &[("dates", mentions)],
    );

    let mut group = c.benchmark_group("dates");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("document_date+find_dates", |b| {
        b.iter(|| {
            let mut count = 0;
            for (text, tokens, sentences) in &docs {
                let date = document_date(text, tokens, sentences, None);
                count += find_dates(text, tokens, sentences, date).len();
            }
            assert_eq!(count, mentions);
            black_box(count)
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
