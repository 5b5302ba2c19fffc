//! One `Extractor` serves many threads at once: every document extracted
//! concurrently is byte-identical (as JSON) to the same document extracted
//! alone.

use herald::Extractor;

use crate::invariants::json;

/// The team-written stories: the example texts and every story of the
/// event fixtures, each a document of its own.
fn documents() -> Vec<String> {
    let mut docs = Vec::new();
    let mut names: Vec<_> = std::fs::read_dir("examples/texts")
        .expect("examples/texts")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    names.sort();
    for name in names {
        docs.push(std::fs::read_to_string(name).expect("example text"));
    }
    for fixture in ["meetings.stories", "statements.stories"] {
        let source = std::fs::read_to_string(format!("tests/fixtures/events/{fixture}"))
            .expect("story fixture");
        let mut story: Option<String> = None;
        for line in source.lines().map(str::trim) {
            if line.starts_with("story ") {
                docs.extend(story.take().filter(|s| !s.is_empty()));
                story = Some(String::new());
            } else if let (Some(text), Some(story)) = (line.strip_prefix("text"), story.as_mut()) {
                if !story.is_empty() {
                    story.push('\n');
                }
                story.push_str(text.trim_start());
            }
        }
        docs.extend(story.filter(|s| !s.is_empty()));
    }
    docs
}

#[test]
fn sixteen_threads_sharing_one_extractor_agree_with_one_thread() {
    let extractor = Extractor::default();
    let docs = documents();
    assert!(docs.len() >= 40, "only {} documents", docs.len());
    // Some documents must hold events, or agreement would prove little.
    let alone: Vec<String> = docs.iter().map(|d| json(&extractor.extract(d))).collect();
    assert!(alone.iter().filter(|j| j.contains("\"trigger\"")).count() >= 20);

    const THREADS: usize = 16;
    const ROUNDS: usize = 3;
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..THREADS)
            .map(|thread| {
                let (extractor, docs) = (&extractor, &docs);
                scope.spawn(move || {
                    // Each thread starts at another document, so different
                    // documents are in flight at the same moment.
                    let mut results = Vec::new();
                    for round in 0..ROUNDS {
                        for k in 0..docs.len() {
                            let index = (thread * 7 + round * 3 + k) % docs.len();
                            results.push((index, json(&extractor.extract(&docs[index]))));
                        }
                    }
                    results
                })
            })
            .collect();
        for (thread, handle) in handles.into_iter().enumerate() {
            let results = handle.join().expect("no thread panics");
            assert_eq!(results.len(), ROUNDS * docs.len());
            for (index, output) in results {
                assert!(
                    output == alone[index],
                    "thread {thread}, document {index}: output differs from one thread's"
                );
            }
        }
    });
}
