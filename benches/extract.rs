//! End-to-end extraction throughput: one `Extractor` over the news corpus,
//! article by article, single-threaded, plus the one-off cost of building
//! the default extractor (compiling every embedded gazetteer and rule).
//!
//! Reads `../shared/corpus/bbc-politics` when present, else the team-written
//! stories in `examples/texts`. Run briefly with
//! `cargo bench --bench extract -- --warm-up-time 1 --measurement-time 5`.

mod support;

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use herald::Extractor;

fn articles() -> Vec<String> {
    let texts = support::news_articles()
        .map(|(_, texts)| texts)
        .unwrap_or_else(support::example_stories);
    assert!(!texts.is_empty(), "no corpus and no example stories");
    texts
}

fn extraction(c: &mut Criterion) {
    let texts = articles();
    let bytes: usize = texts.iter().map(String::len).sum();
    let extractor = Extractor::default();
    let entities: usize = texts
        .iter()
        .map(|t| extractor.extract(t).entities().len())
        .sum();
    eprintln!(
        "corpus: {} articles, {bytes} bytes, {entities} entities",
        texts.len()
    );

    let mut group = c.benchmark_group("extract");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("articles", |b| {
        b.iter(|| {
            for text in &texts {
                black_box(extractor.extract(black_box(text)));
            }
        })
    });
    group.finish();

    let mut group = c.benchmark_group("build");
    group.sample_size(10);
    group.bench_function("default-extractor", |b| {
        b.iter(|| black_box(Extractor::default()))
    });
    group.finish();
}

criterion_group!(benches, extraction);
criterion_main!(benches);
