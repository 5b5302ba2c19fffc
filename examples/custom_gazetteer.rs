//! Adds a gazetteer of your own to the embedded ones, so names that no
//! default list knows are found, with their canonical names and ids.
//!
//!     cargo run --example custom_gazetteer

fn main() -> Result<(), herald::Error> {
    let extractor = herald::Extractor::builder()
        .gazetteer_file("examples/data/water-boards.tsv")
        .build()?;
    let doc = extractor.extract(
        "BAGHDAD — Halima Saadoun, who chairs the TWB, met officials of the EBA on Sunday.",
    );
    for entity in doc.entities() {
        println!(
            "{:<7} {:<16} canonical {:?} from {}",
            entity.kind(),
            &doc.text()[entity.span()],
            entity.canonical(),
            entity.source()
        );
    }
    Ok(())
}
