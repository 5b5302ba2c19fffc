//! Minimum accepted scores per gold set (`eval/floors.toml`), so CI fails
//! when accuracy drops.
//!
//! The file is a small TOML subset: `[set]` headers, then `key = value`
//! lines where `path` is a quoted path (relative to the evaluation root) and
//! every other key is a metric name from [`Evaluation::METRICS`] with a
//! number between 0 and 1. `#` starts a comment.

use super::error::Error;
use super::score::Evaluation;
use std::fmt;

/// How far above its floor a score may rise before a note suggests raising it.
const SLACK: f64 = 0.005;

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
                (measured * 100.0).floor() / 100.0
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
        let mut sets: Vec<FloorSet> = Vec::new();
        let mut paths: Vec<Option<String>> = Vec::new();
        let mut header_lines = Vec::new();
        for (index, raw) in text.lines().enumerate() {
            let number = index + 1;
            let line = raw.split('#').next().unwrap_or("");
            let indent = line.len() - line.trim_start().len();
            let line = line.trim();
            if line.is_empty() {
                continue;
            }
            if let Some(name) = line
                .strip_prefix('[')
                .and_then(|rest| rest.strip_suffix(']'))
            {
                let name = name.trim().trim_matches('"');
                if name.is_empty() || sets.iter().any(|set| set.name == name) {
                    return Err(Error::at(
                        number,
                        indent + 1,
                        format!("empty or repeated set name {name:?}"),
                    ));
                }
                sets.push(FloorSet {
                    name: name.to_owned(),
                    path: String::new(),
                    floors: Vec::new(),
                });
                paths.push(None);
                header_lines.push(number);
                continue;
            }
            let Some((key, value)) = line.split_once('=') else {
                return Err(Error::at(
                    number,
                    indent + 1,
                    "expected `[set]` or `key = value`",
                ));
            };
            let (key, value) = (key.trim(), value.trim());
            let equals = raw.find('=').unwrap_or(0);
            let after = &raw[equals + 1..];
            let value_column = equals + 1 + (after.len() - after.trim_start().len()) + 1;
            let (Some(set), Some(path)) = (sets.last_mut(), paths.last_mut()) else {
                return Err(Error::at(
                    number,
                    indent + 1,
                    format!("{key} set before any [set] header"),
                ));
            };
            if key == "path" {
                let Some(quoted) = value.strip_prefix('"').and_then(|v| v.strip_suffix('"')) else {
                    return Err(Error::at(
                        number,
                        value_column,
                        "path must be a quoted string",
                    ));
                };
                *path = Some(quoted.to_owned());
                continue;
            }
            if !Evaluation::METRICS.contains(&key) {
                let known = Evaluation::METRICS.join(", ");
                return Err(Error::at(
                    number,
                    indent + 1,
                    format!("unknown metric {key:?}; known: path, {known}"),
                ));
            }
            let minimum = match value.parse::<f64>() {
                Ok(minimum) if (0.0..=1.0).contains(&minimum) => minimum,
                _ => {
                    return Err(Error::at(
                        number,
                        value_column,
                        format!("{value:?} is not a number from 0 to 1"),
                    ));
                }
            };
            set.floors.push(Floor {
                metric: key.to_owned(),
                minimum,
                line: number,
            });
        }
        for ((set, path), line) in sets.iter_mut().zip(paths).zip(header_lines) {
            set.path =
                path.ok_or_else(|| Error::at(line, 1, format!("set [{}] has no path", set.name)))?;
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
    /// Checks every floor of this set against its evaluation.
    pub fn check(&self, evaluation: &Evaluation) -> Vec<FloorCheck> {
        self.floors
            .iter()
            .map(|floor| {
                let measured = evaluation.metric(&floor.metric);
                let verdict = match measured {
                    None => Verdict::NotMeasured,
                    Some(value) if value < floor.minimum => Verdict::Below,
                    Some(value) if value > floor.minimum + SLACK => Verdict::Exceeds,
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
                "not a number",
                "[a]\npath = \"a\"\nevent_f1 = high\n",
                "3:12: \"high\" is not a number",
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
                "3:1: empty or repeated set name",
            ),
            (
                "unquoted path",
                "[a]\npath = seed\n",
                "2:8: path must be a quoted string",
            ),
        ];
        for (name, text, expected) in cases {
            let error = Floors::parse(text).unwrap_err().to_string();
            assert!(error.starts_with(expected), "{name}: {error}");
        }
    }

    /// tp 1, fp 1, fn 1: event P = R = F1 = 0.5; no entities annotated.
    fn evaluation_with_event_f1_half() -> Evaluation {
        let gold = crate::eval::GoldDocument::from_json(
            r#"{"text": "t", "entities_annotated": false, "events": [
                {"type": "Meeting", "triggers": [{"start": 0, "end": 3}]},
                {"type": "Meeting", "triggers": [{"start": 10, "end": 13}]}]}"#,
        )
        .unwrap();
        let prediction = crate::eval::Prediction::from_json(
            r#"{"events": [
                {"type": "Meeting", "trigger": {"start": 1, "end": 2}},
                {"type": "Meeting", "trigger": {"start": 20, "end": 22}}]}"#,
        )
        .unwrap();
        let evaluation = crate::eval::score("d", "", &gold, &prediction);
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
