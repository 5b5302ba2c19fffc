//! End-to-end extraction throughput: one `Extractor` over the news corpus,
//! article by article, single-threaded, plus the one-off cost of building
//! the default extractor (compiling every embedded gazetteer and rule).
//!
//! Reads `../shared/corpus/bbc-politics` when present, else the team-written
//! stories in `examples/texts`. Run briefly with
//! `cargo bench --bench extract -- --warm-up-time 1 --measurement-time 5`.

use std::hint::black_box;
use std::path::{Path, PathBuf};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use herald::Extractor;

fn articles() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for dir in [
        root.join("../shared/corpus/bbc-politics"),
        root.join("../../shared/corpus/bbc-politics"),
        root.join("examples/texts"),
    ] {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut files: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        files.sort();
        let texts: Vec<String> = files
            .iter()
            .filter_map(|f| std::fs::read_to_string(f).ok())
            .collect();
        if !texts.is_empty() {
            return texts;
        }
    }
    panic!("no corpus: neither ../shared/corpus/bbc-politics nor examples/texts holds .txt files");
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
