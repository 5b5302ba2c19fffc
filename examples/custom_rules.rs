//! Adds an event rule of your own: "huddled with" becomes a Meeting
//! trigger, and the event stage attaches its arguments as for any meeting.
//! `herald check examples/data/conferred.rules` runs the rule's examples.
//!
//!     cargo run --example custom_rules

fn main() -> Result<(), herald::Error> {
    let extractor = herald::Extractor::builder()
        .rules_file("examples/data/conferred.rules")
        .build()?;
    let doc = extractor.extract("President William Ruto huddled with Lula in Nairobi on Monday.");
    for event in doc.events() {
        println!("{} by rule {}", event.kind(), event.rule());
        for argument in event.arguments() {
            println!("  {:<12} {}", argument.role(), &doc.text()[argument.span()]);
        }
    }
    Ok(())
}
