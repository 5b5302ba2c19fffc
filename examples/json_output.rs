//! Writes one story's result as JSON, the same contract as
//! `herald extract --format json` (docs/output-format.md).
//!
//!     cargo run --example json_output

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let text = std::fs::read_to_string("examples/texts/ministry-statement.txt")?;
    let extractor = herald::Extractor::default();
    let doc = extractor.extract_dated(&text, Some(jiff::civil::date(2025, 3, 18)));
    println!("{}", serde_json::to_string_pretty(&doc)?);
    Ok(())
}
