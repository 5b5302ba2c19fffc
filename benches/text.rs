//! Tokenizer and sentence splitter throughput on news text.
//!
//! Reads the BBC politics corpus from `../shared/corpus/bbc-politics` when it
//! is there, else the team-written stories in `examples/texts`, concatenated
//! with blank lines between stories. Run briefly with
//! `cargo bench --bench text -- --warm-up-time 1 --measurement-time 3`.
//!
//! Two groups measure the same work: `text` in wall-clock time, `text-cpu`
//! in the benchmark thread's CPU time, which a machine shared with other
//! busy processes does not inflate.

mod support;

use std::hint::black_box;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use criterion::measurement::{Measurement, ValueFormatter, WallTime};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use herald::text::{split_sentences, tokenize};

fn corpus() -> (String, String) {
    let (source, texts) = match support::news_articles() {
        Some((_, texts)) => ("corpus".to_owned(), texts),
        None => ("fallback".to_owned(), support::example_stories()),
    };
    assert!(
        !texts.is_empty(),
        "no corpus: neither ../shared/corpus/bbc-politics nor examples/texts holds .txt files"
    );
    (source, texts.join("\n\n"))
}

/// CPU time of the calling thread, from Linux's scheduler statistics; wall
/// time where those cannot be read.
struct CpuTime;

static WALL: WallTime = WallTime;

fn thread_cpu_ns() -> u64 {
    let cpu = std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|stat| stat.split_whitespace().next()?.parse().ok());
    cpu.unwrap_or_else(|| {
        static START: OnceLock<Instant> = OnceLock::new();
        START.get_or_init(Instant::now).elapsed().as_nanos() as u64
    })
}

impl Measurement for CpuTime {
    type Intermediate = u64;
    type Value = Duration;

    fn start(&self) -> u64 {
        thread_cpu_ns()
    }
    fn end(&self, start: u64) -> Duration {
        Duration::from_nanos(thread_cpu_ns().saturating_sub(start))
    }
    fn add(&self, a: &Duration, b: &Duration) -> Duration {
        *a + *b
    }
    fn zero(&self) -> Duration {
        Duration::ZERO
    }
    fn to_f64(&self, value: &Duration) -> f64 {
        value.as_nanos() as f64
    }
    fn formatter(&self) -> &dyn ValueFormatter {
        WALL.formatter()
    }
}

fn text(c: &mut Criterion) {
    run(c, "text");
}

fn text_cpu(c: &mut Criterion<CpuTime>) {
    run(c, "text-cpu");
}

fn run<M: Measurement>(c: &mut Criterion<M>, name: &str) {
    let (source, text) = corpus();
    let tokens = tokenize(&text);
    let sentences = split_sentences(&text, &tokens);
    support::expect_counts(
        "text/tokenize+split_sentences",
        &format!("{source} {} bytes", text.len()),
        &[("tokens", tokens.len()), ("sentences", sentences.len())],
    );

    let mut group = c.benchmark_group(name);
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("tokenize", |b| b.iter(|| tokenize(black_box(&text))));
    group.bench_function("split_sentences", |b| {
        b.iter(|| split_sentences(black_box(&text), black_box(&tokens)))
    });
    group.bench_function("tokenize+split_sentences", |b| {
        b.iter(|| {
            let tokens = tokenize(black_box(&text));
            split_sentences(&text, &tokens).len()
        })
    });
    group.finish();
}

criterion_group!(wall, text);
criterion_group! {
    name = cpu;
    config = Criterion::default().with_measurement(CpuTime);
    targets = text_cpu
}
criterion_main!(wall, cpu);
