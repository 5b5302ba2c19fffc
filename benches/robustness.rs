//! Time over document size: one document of 1, 2, 4 and 8 MB. The time
//! per byte (criterion's throughput) stays flat when extraction is linear;
//! a stage that is quadratic in the document shows as throughput halving
//! with each doubling.
//!
//! `scaling` concatenates the news corpus (`../shared/corpus/bbc-politics`)
//! into one document, or the team-written stories when it is missing;
//! `scaling-hostile` does the same with text shaped to hit the document-wide
//! stages: a title and a pronoun in every sentence, glued text without
//! whitespace, and a feed of datelined items. Run briefly with
//! `cargo bench --bench robustness -- --warm-up-time 1 --measurement-time 5`.

mod support;

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use herald::Extractor;

const SIZES: &[(&str, usize)] = &[
    ("1MB", 1 << 20),
    ("2MB", 2 << 20),
    ("4MB", 4 << 20),
    ("8MB", 8 << 20),
];

/// `pieces` repeated (separated by blank lines) until `bytes` long.
fn document(pieces: &[String], bytes: usize) -> String {
    let mut text = String::with_capacity(bytes + 4096);
    for piece in pieces.iter().cycle() {
        if text.len() >= bytes {
            break;
        }
        text.push_str(piece);
        text.push_str("\n\n");
    }
    text
}

fn bench_sizes(
    c: &mut Criterion,
    extractor: &Extractor,
    name: &str,
    source: &str,
    pieces: &[String],
) {
    let mut group = c.benchmark_group(name);
    group.sample_size(10);
    for &(label, bytes) in SIZES {
        let text = document(pieces, bytes);
        let counts = support::count_results([extractor.extract(&text)]);
        support::expect_counts(
            &format!("{name}/{label}"),
            &format!("{source} {} bytes", text.len()),
            &counts,
        );
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(label), &text, |b, text| {
            b.iter(|| black_box(extractor.extract(black_box(text))))
        });
    }
    group.finish();
}

fn scaling(c: &mut Criterion) {
    let extractor = Extractor::default();
    let (source, articles) = match support::news_articles() {
        Some((_, texts)) => ("corpus", texts),
        None => ("fallback", support::example_stories()),
    };
    assert!(!articles.is_empty(), "no corpus and no example stories");
    bench_sizes(c, &extractor, "scaling", source, &articles);
}

/// Shapes that once made a document-wide stage quadratic.
fn hostile_pieces() -> Vec<String> {
    let mut pieces = Vec::new();
    // Titled speakers, pronouns that fit no one ("her" after men, "they"
    // with no organization), an invitation and a meeting per item.
    for i in 0..200 {
        pieces.push(format!(
            "President John Maro{i} said they would meet her soon. \
             Maro{i} invited Kessler to visit Lisbon, and the meeting was brief."
        ));
    }
    // Text whose spaces were lost: no sentence end anywhere.
    pieces.push("Baghdad,NATO’s(Kessler)said:“talks”—2024.Okafor/al-Amin;“Lisbon”".repeat(200));
    // A feed of datelined items.
    for i in 0..200 {
        pieces.push(format!(
            "LISBON, March {} (Reuters) - Minister Ana Reis{i} met NATO officials on Tuesday.",
            i % 28 + 1
        ));
    }
    pieces
}

fn scaling_hostile(c: &mut Criterion) {
    let extractor = Extractor::default();
    bench_sizes(
        c,
        &extractor,
        "scaling-hostile",
        "team-written",
        &hostile_pieces(),
    );
}

criterion_group!(benches, scaling, scaling_hostile);
criterion_main!(benches);
