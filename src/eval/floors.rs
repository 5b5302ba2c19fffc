//! Minimum accepted scores per gold set (`eval/floors.toml`), so CI fails
//! when accuracy drops.
//!
//! The file is TOML: one table per gold set (`[set]`), holding `path`, a
//! string (relative to the evaluation root), and metric names from
//! [`Evaluation::METRICS`] with a number between 0 and 1; a precision,
//! recall or F1 metric may name one label after a colon (a quoted key:
//! `"event_f1:Statement" = 0.86`, `"argument_f1:speaker" = 0.81`). The `toml` crate
//! parses it; its spans become `line:column` in every error.

use super::error::{Error, lowercase_first};
use super::score::Evaluation;
use std::fmt;
use toml::Spanned;
use toml::de::{DeString, DeTable, DeValue};

/// How far above its floor a score may rise before a note suggests raising it.
const SLACK: f64 = 0.005;

/// The floor a note suggests for a score: the score rounded down to two
/// decimals, as the floors are written. A score whose suggestion is no
/// higher than its floor (0.839 over 0.83) gets no note.
fn suggested_floor(score: f64) -> f64 {
    (score * 100.0).floor() / 100.0
}

/// Every gold set's floors, in file order.
#[derive(Clone, Debug, PartialEq)]
pub struct Floors {
    sets: Vec<FloorSet>,
}

/// The floors of one gold set.
#[derive(Clone, Debug, PartialEq)]
pub struct FloorSet {
    /// The set's name (the `[header]`).
    pub name: String,
    /// Where its gold lives, relative to the evaluation root: a gold file, a
    /// directory of them, or a CoNLL `.txt` file.
    pub path: String,
    /// Its floors, in file order.
    pub floors: Vec<Floor>,
}

/// One minimum score.
#[derive(Clone, Debug, PartialEq)]
pub struct Floor {
    /// The metric name, e.g. `entity_f1`.
    pub metric: String,
    /// The lowest accepted value.
    pub minimum: f64,
    /// The line it was set on.
    pub line: usize,
}

/// How a measured score compares with its floor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Verdict {
    /// At or above the floor, by at most 0.005.
    Holds,
    /// Above the floor by more than 0.005: the floor should be raised.
    Exceeds,
    /// Below the floor: a failure.
    Below,
    /// The metric was not measured on this set (no entity annotation).
    NotMeasured,
}

/// One floor checked against a measured score.
#[derive(Clone, Debug, PartialEq)]
pub struct FloorCheck {
    /// The gold set.
    pub set: String,
    /// The metric.
    pub metric: String,
    /// Its floor.
    pub floor: f64,
    /// The measured value, if the metric was measured.
    pub measured: Option<f64>,
    /// The comparison.
    pub verdict: Verdict,
}

impl fmt::Display for FloorCheck {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (set, metric, floor) = (&self.set, &self.metric, self.floor);
        let measured = self.measured.unwrap_or(0.0);
        match self.verdict {
            Verdict::Holds => write!(f, "{set} {metric} {measured:.4} holds its floor {floor:.2}"),
            Verdict::Exceeds => write!(
                f,
                "note: {set} {metric} {measured:.4} exceeds its floor {floor:.2}; raise it to {:.2}",
                suggested_floor(measured)
            ),
            Verdict::Below => write!(
                f,
                "FAIL: {set} {metric} {measured:.4} is below its floor {floor:.2}"
            ),
            Verdict::NotMeasured => write!(
                f,
                "FAIL: {set} {metric} is not measured on this set (floor {floor:.2})"
            ),
        }
    }
}

impl Floors {
    /// Parses a floors file; errors give line and column.
    ///
    /// ```
    /// let floors = herald::eval::Floors::parse("[seed]\npath = \"seed\"\nevent_f1 = 0.25\n").unwrap();
    /// assert_eq!(floors.sets()[0].floors[0].minimum, 0.25);
    /// ```
    pub fn parse(text: &str) -> Result<Floors, Error> {
        let document = DeTable::parse(text).map_err(|error| {
            let message = lowercase_first(error.message().trim());
            match error.span() {
                Some(span) => at(text, span.start, message),
                None => Error::new(message),
            }
        })?;
        let mut sets = Vec::new();
        for (key, value) in in_file_order(document.get_ref()) {
            let name = key.get_ref().as_ref();
            let Some(table) = value.get_ref().as_table() else {
                return Err(at(
                    text,
                    key.span().start,
                    format!("{name} set before any [set] header"),
                ));
            };
            if name.trim().is_empty() {
                return Err(at(text, key.span().start, "empty set name"));
            }
            sets.push(FloorSet::parse(text, name, header_start(text, key), table)?);
        }
        Ok(Floors { sets })
    }

    /// Reads a floors file; errors name the file, line and column.
    pub fn load(path: &std::path::Path) -> Result<Floors, Error> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, &e))?;
        Floors::parse(&text).map_err(|e| e.in_file(path))
    }

    /// The gold sets, in file order.
    pub fn sets(&self) -> &[FloorSet] {
        &self.sets
    }
}

impl FloorSet {
    /// One `[set]` table; `header` is where its header starts, for errors
    /// about the set as a whole.
    fn parse(
        text: &str,
        name: &str,
        header: usize,
        table: &DeTable<'_>,
    ) -> Result<FloorSet, Error> {
        let mut path = None;
        let mut floors = Vec::new();
        for (key, value) in in_file_order(table) {
            let metric = key.get_ref().as_ref();
            let value_start = value.span().start;
            // The value as written, for messages ("85", not "85.0").
            let written = text[value.span()].trim();
            if metric == "path" {
                let Some(quoted) = value.get_ref().as_str() else {
                    return Err(at(text, value_start, "path must be a quoted string"));
                };
                path = Some(quoted.to_owned());
                continue;
            }
            let base = metric.split_once(':').map_or(metric, |(base, _)| base);
            let per_label = ["entity_", "event_", "argument_"]
                .iter()
                .any(|prefix| base.starts_with(prefix))
                && !base.contains("accuracy");
            if !Evaluation::METRICS.contains(&base) || (base != metric && !per_label) {
                let known = Evaluation::METRICS.join(", ");
                return Err(at(
                    text,
                    key.span().start,
                    format!(
                        "unknown metric {metric:?}; known: path, {known} (a precision, recall or F1 may end in `:LABEL`)"
                    ),
                ));
            }
            let number = match value.get_ref() {
                DeValue::Float(float) => float.as_str().replace('_', "").parse::<f64>().ok(),
                DeValue::Integer(integer) if integer.radix() == 10 => {
                    integer.as_str().replace('_', "").parse::<f64>().ok()
                }
                _ => None,
            };
            let Some(minimum) = number.filter(|n| (0.0..=1.0).contains(n)) else {
                // A TOML string is shown as written, already in quotes.
                let shown = if written.starts_with('"') {
                    written.to_owned()
                } else {
                    format!("{written:?}")
                };
                return Err(at(
                    text,
                    value_start,
                    format!("{shown} is not a number from 0 to 1"),
                ));
            };
            floors.push(Floor {
                metric: metric.to_owned(),
                minimum,
                line: position(text, key.span().start).0,
            });
        }
        let Some(path) = path else {
            return Err(at(text, header, format!("set [{name}] has no path")));
        };
        Ok(FloorSet {
            name: name.to_owned(),
            path,
            floors,
        })
    }

    /// Checks every floor of this set against its evaluation.
    pub fn check(&self, evaluation: &Evaluation) -> Vec<FloorCheck> {
        self.floors
            .iter()
            .map(|floor| {
                let measured = evaluation.metric(&floor.metric);
                let verdict = match measured {
                    None => Verdict::NotMeasured,
                    Some(value) if value < floor.minimum => Verdict::Below,
                    Some(value)
                        if value > floor.minimum + SLACK
                            && suggested_floor(value) > floor.minimum =>
                    {
                        Verdict::Exceeds
                    }
                    Some(_) => Verdict::Holds,
                };
                FloorCheck {
                    set: self.name.clone(),
                    metric: floor.metric.clone(),
                    floor: floor.minimum,
                    measured,
                    verdict,
                }
            })
            .collect()
    }
}

/// A table's entries in the order they are written: the parser's map is
/// sorted by key, but sets and floors report in file order.
fn in_file_order<'t, 'i>(
    table: &'t DeTable<'i>,
) -> Vec<(&'t Spanned<DeString<'i>>, &'t Spanned<DeValue<'i>>)> {
    let mut entries: Vec<_> = table.iter().collect();
    entries.sort_by_key(|(key, _)| key.span().start);
    entries
}

/// Where a set's `[header]` starts: its `[` when the key sits in a header
/// on its own line, else (an inline table `name = {…}`) the key itself.
fn header_start(text: &str, key: &Spanned<DeString<'_>>) -> usize {
    let before = &text[..key.span().start];
    let line_start = before.rfind('\n').map_or(0, |newline| newline + 1);
    match before[line_start..].find('[') {
        Some(bracket) => line_start + bracket,
        None => key.span().start,
    }
}

/// An error at a byte offset of the text.
fn at(text: &str, offset: usize, message: impl Into<String>) -> Error {
    let (line, column) = position(text, offset);
    Error::at(line, column, message)
}

/// The 1-based line and column (in characters) of a byte offset, as every
/// other herald error counts them.
fn position(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line_start = before.rfind('\n').map_or(0, |newline| newline + 1);
    let line = before.matches('\n').count() + 1;
    (line, before[line_start..].chars().count() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::score::Counts;

    #[test]
    fn malformed_floors_name_line_and_column() {
        let cases = [
            (
                "metric before header",
                "entity_f1 = 0.5\n",
                "1:1: entity_f1 set before any [set] header",
            ),
            (
                "unknown metric",
                "[a]\npath = \"a\"\n  entity_f2 = 0.1\n",
                "3:3: unknown metric \"entity_f2\"",
            ),
            (
                "unquoted word (a TOML syntax error, located by the toml crate)",
                "[a]\npath = \"a\"\nevent_f1 = high\n",
                "3:12: string values must be quoted",
            ),
            (
                "a string is not a number",
                "[a]\npath = \"a\"\nevent_f1 = \"0.5\"\n",
                "3:12: \"0.5\" is not a number from 0 to 1",
            ),
            (
                "out of range",
                "[a]\npath = \"a\"\nevent_f1 = 85\n",
                "3:12: \"85\" is not a number from 0 to 1",
            ),
            (
                "missing path",
                "# floors\n[a]\nevent_f1 = 0.1\n",
                "2:1: set [a] has no path",
            ),
            (
                "repeated set",
                "[a]\npath = \"a\"\n[a]\n",
                "3:2: duplicate key",
            ),
            (
                "empty set name",
                "[\"\"]\npath = \"a\"\n",
                "1:2: empty set name",
            ),
            (
                "unquoted path",
                "[a]\npath = seed\n",
                "2:8: string values must be quoted",
            ),
            (
                "path not a string",
                "[a]\npath = 3\n",
                "2:8: path must be a quoted string",
            ),
            (
                "columns count characters, not bytes",
                "[a]\npath = \"café\" x\n",
                "2:15: ",
            ),
        ];
        for (name, text, expected) in cases {
            let error = Floors::parse(text).unwrap_err().to_string();
            assert!(error.starts_with(expected), "{name}: {error}");
        }
    }

    /// The evaluation of one document whose gold and predicted Meetings
    /// have these triggers (byte ranges); no entities annotated.
    fn meeting_evaluation(gold: &[(usize, usize)], predicted: &[(usize, usize)]) -> Evaluation {
        let list = |triggers: &[(usize, usize)], event: &dyn Fn(usize, usize) -> String| {
            let events: Vec<String> = triggers.iter().map(|&(s, e)| event(s, e)).collect();
            events.join(", ")
        };
        let gold_event = |start, end| {
            format!(r#"{{"type": "Meeting", "triggers": [{{"start": {start}, "end": {end}}}]}}"#)
        };
        let predicted_event = |start, end| {
            format!(r#"{{"type": "Meeting", "trigger": {{"start": {start}, "end": {end}}}}}"#)
        };
        let gold = crate::eval::GoldDocument::from_json(&format!(
            r#"{{"text": "t", "entities_annotated": false, "events": [{}]}}"#,
            list(gold, &gold_event)
        ))
        .unwrap();
        let prediction = crate::eval::Prediction::from_json(&format!(
            r#"{{"events": [{}]}}"#,
            list(predicted, &predicted_event)
        ))
        .unwrap();
        crate::eval::score("d", "", &gold, &prediction)
    }

    /// tp 1, fp 1, fn 1: event P = R = F1 = 0.5.
    fn evaluation_with_event_f1_half() -> Evaluation {
        let evaluation = meeting_evaluation(&[(0, 3), (10, 13)], &[(1, 2), (20, 22)]);
        assert_eq!(
            evaluation.events.total(),
            Counts {
                tp: 1,
                fp: 1,
                fn_: 1
            }
        );
        evaluation
    }

    #[test]
    fn floors_compare_with_measured_scores() {
        let evaluation = evaluation_with_event_f1_half();
        let floors = Floors::parse(
            "[x]\npath = \"x\"\nevent_f1 = 0.50\nevent_precision = 0.497\nevent_recall = 0.40\nargument_f1 = 0.6\nentity_f1 = 0\n",
        )
        .unwrap();
        let verdicts: Vec<(String, Verdict)> = floors.sets()[0]
            .check(&evaluation)
            .into_iter()
            .map(|c| (c.metric, c.verdict))
            .collect();
        let expected = [
            ("event_f1", Verdict::Holds),
            ("event_precision", Verdict::Holds),
            ("event_recall", Verdict::Exceeds),
            ("argument_f1", Verdict::Below),
            ("entity_f1", Verdict::NotMeasured),
        ];
        let expected: Vec<(String, Verdict)> =
            expected.iter().map(|(m, v)| (m.to_string(), *v)).collect();
        assert_eq!(verdicts, expected);
    }

    /// A note suggests a higher floor, never the one written: recall 2/3
    /// (0.6667) over a floor of 0.66 gets none, over 0.65 one to 0.66.
    #[test]
    fn a_note_suggests_only_a_higher_floor() {
        let evaluation = meeting_evaluation(&[(0, 3), (10, 13), (20, 23)], &[(1, 2), (11, 12)]);
        let check = |floor: &str| {
            let floors =
                Floors::parse(&format!("[x]\npath = \"x\"\nevent_recall = {floor}\n")).unwrap();
            floors.sets()[0].check(&evaluation).remove(0)
        };
        assert_eq!(check("0.66").verdict, Verdict::Holds);
        let raised = check("0.65");
        assert_eq!(raised.verdict, Verdict::Exceeds);
        assert!(raised.to_string().ends_with("raise it to 0.66"), "{raised}");
    }

    #[test]
    fn sets_and_floors_keep_file_order() {
        // The toml crate's tables are sorted by key; the report follows the file.
        let floors = Floors::parse(
            "[seed]\npath = \"seed\"\nevent_f1 = 0.25\nentity_f1 = 1\n\n[conll]\npath = \"conll2003/dev.txt\"\nentity_precision = 0.8\n",
        )
        .unwrap();
        /// (metric, minimum, line)
        type Row<'a> = (&'a str, f64, usize);
        let sets: Vec<(&str, &str, Vec<Row<'_>>)> = floors
            .sets()
            .iter()
            .map(|set| {
                let floors = set
                    .floors
                    .iter()
                    .map(|f| (f.metric.as_str(), f.minimum, f.line))
                    .collect();
                (set.name.as_str(), set.path.as_str(), floors)
            })
            .collect();
        assert_eq!(
            sets,
            [
                (
                    "seed",
                    "seed",
                    vec![("event_f1", 0.25, 3), ("entity_f1", 1.0, 4)]
                ),
                (
                    "conll",
                    "conll2003/dev.txt",
                    vec![("entity_precision", 0.8, 8)]
                ),
            ]
        );
    }

    #[test]
    fn a_floor_may_measure_one_label() {
        let floors = Floors::parse(
            "[polnear]\npath = \"polnear-dev\"\n\"event_f1:Statement\" = 0.86\n\"argument_recall:speaker\" = 0.8\n",
        )
        .unwrap();
        let metrics: Vec<&str> = floors.sets()[0]
            .floors
            .iter()
            .map(|f| f.metric.as_str())
            .collect();
        assert_eq!(metrics, ["event_f1:Statement", "argument_recall:speaker"]);
        for bad in [
            "\"date_value_accuracy:DATE\" = 0.5",
            "\"event_f2:Statement\" = 0.5",
        ] {
            let error = Floors::parse(&format!("[s]\npath = \"s\"\n{bad}\n")).unwrap_err();
            assert!(error.to_string().contains("3:1"), "{error}");
        }
    }

    #[test]
    fn failing_floor_message_names_set_and_metric() {
        let check = FloorCheck {
            set: "conll-dev".into(),
            metric: "entity_f1".into(),
            floor: 0.85,
            measured: Some(0.8123),
            verdict: Verdict::Below,
        };
        assert_eq!(
            check.to_string(),
            "FAIL: conll-dev entity_f1 0.8123 is below its floor 0.85"
        );
    }
}
