//! The five-line quick start: extract one story and print what is in it.
//!
//!     cargo run --example quick_start

fn main() {
    let text = std::fs::read_to_string("examples/texts/minister-visit.txt")
        .expect("run from the repository root");
    let extractor = herald::Extractor::default();
    let doc = extractor.extract(&text);
    for entity in doc.entities() {
        println!("{:<8} {}", entity.kind(), &doc.text()[entity.span()]);
    }
    for event in doc.events() {
        let roles: Vec<String> = event
            .arguments()
            .iter()
            .map(|a| format!("{}={:?}", a.role(), &doc.text()[a.span()]))
            .collect();
        println!(
            "{} {:?} {}",
            event.kind(),
            &doc.text()[event.trigger()],
            roles.join(" ")
        );
    }
}
