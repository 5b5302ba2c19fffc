//! The human-readable evaluation report.

use super::score::{Counts, Evaluation, MistakeKind, Table};
use std::fmt::Write;

/// Renders an evaluation as a plain-text report headed by `title`: tables
/// of P/R/F1 per type and role with their micro totals, the date ratios,
/// and, when `mistakes` is true, every false positive, false negative and
/// wrong value with its document, byte span, text and source.
pub fn render_text(title: &str, evaluation: &Evaluation, mistakes: bool) -> String {
    let mut out = String::new();
    let documents = evaluation.documents;
    let _ = writeln!(
        out,
        "== {title}: {documents} document{} ==",
        if documents == 1 { "" } else { "s" }
    );
    if evaluation.entity_documents > 0 {
        table(
            &mut out,
            "entities",
            &evaluation.entities,
            &["PERSON", "ORG", "PLACE", "DATE"],
        );
        let dates = evaluation.date_values;
        let _ = writeln!(out, "date values: {} of {}", dates.hits, dates.total);
    } else {
        let _ = writeln!(out, "entities: not annotated");
    }
    table(
        &mut out,
        "events",
        &evaluation.events,
        &["Meeting", "Invitation", "Statement"],
    );
    table(&mut out, "arguments", &evaluation.arguments, &[]);
    let dates = evaluation.event_dates;
    let _ = writeln!(out, "event dates: {} of {}", dates.hits, dates.total);
    causes(&mut out, evaluation, mistakes);
    if mistakes && !evaluation.mistakes.is_empty() {
        let _ = writeln!(out, "mistakes:");
        for mistake in &evaluation.mistakes {
            let kind = match mistake.kind {
                MistakeKind::FalsePositive => "FP",
                MistakeKind::FalseNegative => "FN",
                MistakeKind::WrongValue => "WRONG",
            };
            let _ = write!(
                out,
                "  {kind:<5} {:<10} {:<22} {}:{}..{} {:?}",
                mistake.layer,
                mistake.label,
                mistake.document,
                mistake.span.start,
                mistake.span.end,
                mistake.text
            );
            if !mistake.detail.is_empty() {
                let _ = write!(out, " ({})", mistake.detail);
            }
            out.push('\n');
        }
    }
    out
}

/// Mistakes grouped by cause, entities first, then events and arguments
/// ("FN ORG not found: …", "FN Statement missed: no trigger"), largest
/// group first within each, with a few examples (unless `examples` is
/// false: a summary lists no mistakes).
fn causes(out: &mut String, evaluation: &Evaluation, examples: bool) {
    let groups = evaluation.cause_groups();
    for (heading, entity_layer) in [
        ("entity mistakes by cause:", true),
        ("event mistakes by cause:", false),
    ] {
        let mut lines = groups
            .iter()
            .filter(|g| (g.layer == "entity") == entity_layer)
            .peekable();
        if lines.peek().is_none() {
            continue;
        }
        let _ = writeln!(out, "{heading}");
        for group in lines {
            let kind = match group.kind {
                MistakeKind::FalsePositive => "FP",
                MistakeKind::FalseNegative => "FN",
                MistakeKind::WrongValue => "WRONG",
            };
            let _ = write!(
                out,
                "  {:>5}  {kind:<3} {:<22} {}",
                group.count, group.label, group.cause
            );
            if examples {
                out.push(':');
                for text in group.examples.iter().take(3) {
                    let _ = write!(out, " {text:?}");
                }
            }
            out.push('\n');
        }
    }
}

/// A P/R/F1 table: the `first` labels always, in that order, then any other
/// label that occurred, then the micro total.
fn table(out: &mut String, name: &str, table: &Table, first: &[&str]) {
    let _ = writeln!(
        out,
        "{name:<14} {:>6} {:>6} {:>6} {:>6} {:>6} {:>6}",
        "P", "R", "F1", "tp", "fp", "fn"
    );
    let others = table
        .iter()
        .map(|(label, _)| label)
        .filter(|label| !first.contains(label));
    for label in first.iter().copied().chain(others) {
        row(out, label, table.label(label));
    }
    row(out, "micro", table.total());
}

fn row(out: &mut String, label: &str, counts: Counts) {
    let _ = writeln!(
        out,
        "  {label:<12} {:>6.4} {:>6.4} {:>6.4} {:>6} {:>6} {:>6}",
        counts.precision(),
        counts.recall(),
        counts.f1(),
        counts.tp,
        counts.fp,
        counts.fn_
    );
}
