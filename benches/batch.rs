//! The batch API: `Extractor::extract_batch` over the corpus's paragraphs
//! and articles on a rayon pool of one thread and of two, so the scaling
//! from one core to two shows (the machine these figures come from has
//! two).
//!
//! Before timing, each run checks that the batch found exactly what the
//! recorded counts say (`benches/expected-counts.tsv`), the same counts
//! as one-by-one extraction in the `extract` bench. Run briefly with
//! `cargo bench --bench batch -- --warm-up-time 1 --measurement-time 5`.

mod support;

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use herald::Extractor;

fn batch(c: &mut Criterion) {
    let (source, articles) = match support::news_articles() {
        Some((_, texts)) => ("corpus", texts),
        None => ("fallback", support::example_stories()),
    };
    assert!(!articles.is_empty(), "no corpus and no example stories");
    let input = support::input_label(source, &articles);
    let paragraphs: Vec<String> = articles
        .iter()
        .flat_map(|article| article.split("\n\n"))
        .filter(|p| !p.trim().is_empty())
        .map(str::to_owned)
        .collect();
    let extractor = Extractor::default();
    for (name, texts) in [("paragraphs", &paragraphs), ("articles", &articles)] {
        let bytes: usize = texts.iter().map(String::len).sum();
        let mut group = c.benchmark_group(format!("extract_batch/{name}"));
        group.sample_size(10);
        group.throughput(Throughput::Bytes(bytes as u64));
        for threads in [1, 2] {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .expect("a thread pool");
            let counts = support::count_results(pool.install(|| extractor.extract_batch(texts)));
            support::expect_counts(&format!("extract/{name}"), &input, &counts);
            group.bench_with_input(BenchmarkId::new("threads", threads), texts, |b, texts| {
                b.iter(|| pool.install(|| black_box(extractor.extract_batch(black_box(texts)))))
            });
        }
        group.finish();
    }
}

criterion_group!(benches, batch);
criterion_main!(benches);
