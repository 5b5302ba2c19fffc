//! Extracts every `.txt` file of a directory in parallel and prints a line
//! per file, in a stable order.
//!
//!     cargo run --release --example batch_dir [DIR]   (default examples/texts)

fn main() -> std::io::Result<()> {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "examples/texts".to_owned());
    let mut paths: Vec<std::path::PathBuf> = std::fs::read_dir(&dir)?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "txt"))
        .collect();
    paths.sort();
    let texts = paths
        .iter()
        .map(std::fs::read_to_string)
        .collect::<std::io::Result<Vec<String>>>()?;
    let extractor = herald::Extractor::default();
    // One call, every core; the documents come back in the order given.
    let docs = extractor.extract_batch(&texts);
    for (path, doc) in paths.iter().zip(&docs) {
        println!(
            "{}: {} entities, {} events",
            path.display(),
            doc.entities().len(),
            doc.events().len()
        );
    }
    Ok(())
}
