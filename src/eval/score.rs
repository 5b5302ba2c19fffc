//! The scoring rules of the evaluation README, as pure functions.

use super::gold::{GoldDocument, GoldEntity, GoldEvent};
use super::prediction::{PredictedArgument, PredictedEntity, PredictedEvent, Prediction};
use crate::span::Span;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Entity types that are scored.
const ENTITY_TYPES: [&str; 4] = ["PERSON", "ORG", "PLACE", "DATE"];
/// Roles that are scored (`content` is welcome in output but not scored).
const ROLES: [&str; 8] = [
    "participant",
    "place",
    "occasion",
    "inviter",
    "invitee",
    "destination",
    "speaker",
    "addressee",
];

/// True positives, false positives and false negatives, and the
/// precision, recall and F1 computed from them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// True positives.
    pub tp: usize,
    /// False positives.
    pub fp: usize,
    /// False negatives.
    pub fn_: usize,
}

impl Counts {
    /// `tp / (tp + fp)`, 0 when nothing was predicted.
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }

    /// `tp / (tp + fn)`, 0 when there was nothing to find.
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }

    /// The harmonic mean of precision and recall, 0 when both are 0.
    pub fn f1(&self) -> f64 {
        ratio(2 * self.tp, 2 * self.tp + self.fp + self.fn_)
    }

    fn add(&mut self, other: Counts) {
        self.tp += other.tp;
        self.fp += other.fp;
        self.fn_ += other.fn_;
    }
}

fn ratio(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

impl Serialize for Counts {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut out = serializer.serialize_struct("Counts", 6)?;
        out.serialize_field("tp", &self.tp)?;
        out.serialize_field("fp", &self.fp)?;
        out.serialize_field("fn", &self.fn_)?;
        out.serialize_field("precision", &self.precision())?;
        out.serialize_field("recall", &self.recall())?;
        out.serialize_field("f1", &self.f1())?;
        out.end()
    }
}

/// Counts per label (entity type, event type or role) and their micro total.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Table {
    by_label: BTreeMap<String, Counts>,
}

impl Table {
    /// The counts of one label (all zero when it never occurred).
    pub fn label(&self, label: &str) -> Counts {
        self.by_label.get(label).copied().unwrap_or_default()
    }

    /// Every label that occurred, with its counts, sorted by label.
    pub fn iter(&self) -> impl Iterator<Item = (&str, Counts)> {
        self.by_label
            .iter()
            .map(|(label, counts)| (label.as_str(), *counts))
    }

    /// The micro-average: counts summed over every label.
    pub fn total(&self) -> Counts {
        let mut total = Counts::default();
        for counts in self.by_label.values() {
            total.add(*counts);
        }
        total
    }

    fn entry(&mut self, label: &str) -> &mut Counts {
        self.by_label.entry(label.to_owned()).or_default()
    }

    fn merge(&mut self, other: &Table) {
        for (label, counts) in &other.by_label {
            self.entry(label).add(*counts);
        }
    }
}

impl Serialize for Table {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut out = serializer.serialize_struct("Table", 2)?;
        out.serialize_field("micro", &self.total())?;
        out.serialize_field("by_label", &self.by_label)?;
        out.end()
    }
}

/// `hits` of `total`: date values, event dates.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Ratio {
    /// How many were right.
    pub hits: usize,
    /// Of how many.
    pub total: usize,
}

impl Ratio {
    /// `hits / total`, 0 when there was nothing to check.
    pub fn accuracy(&self) -> f64 {
        ratio(self.hits, self.total)
    }
}

/// What went wrong in a [`Mistake`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum MistakeKind {
    /// Predicted, not in the gold.
    FalsePositive,
    /// In the gold, not predicted.
    FalseNegative,
    /// A DATE found with the wrong value, or a matched event with the wrong date.
    WrongValue,
}

/// One false positive, false negative or wrong value, for the report.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Mistake {
    /// The document it is in.
    pub document: String,
    /// What was scored: `entity`, `date value`, `event`, `argument` or `event date`.
    pub layer: &'static str,
    /// False positive, false negative or wrong value.
    pub kind: MistakeKind,
    /// The entity type, event type, or `EventType/role`.
    pub label: String,
    /// Byte span in the document.
    pub span: Span,
    /// The text of that span.
    pub text: String,
    /// What produced a prediction (source or rule), the gold cluster of a
    /// missed argument, or expected and predicted values.
    pub detail: String,
    /// Why it went wrong, for the report grouped by cause: for entities
    /// "wrong type: …", "wrong boundary: …", "not found: …" or "spurious:
    /// from gazetteer cities"; for events and arguments "missed: no
    /// trigger", "wrong speaker", …; empty for dates.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub cause: String,
}

/// Mistakes of one layer, kind, label and cause, counted, with a few
/// examples: one line of the report grouped by cause.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CauseGroup {
    /// `entity`, `event` or `argument`.
    pub layer: &'static str,
    /// False positive or false negative.
    pub kind: MistakeKind,
    /// The entity type, event type or `EventType/role`.
    pub label: String,
    /// The shared cause.
    pub cause: String,
    /// How many mistakes have it.
    pub count: usize,
    /// The texts of the first few of them.
    pub examples: Vec<String>,
}

/// How many examples a [`CauseGroup`] keeps.
const CAUSE_EXAMPLES: usize = 5;

/// The scores of one or more documents.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Evaluation {
    /// How many documents were scored.
    pub documents: usize,
    /// How many of them had entities annotated (entity scores come from these).
    pub entity_documents: usize,
    /// Entity mentions per type.
    pub entities: Table,
    /// Non-optional gold DATEs found with the same span and value.
    pub date_values: Ratio,
    /// Events per type.
    pub events: Table,
    /// Event arguments per role (end to end).
    pub arguments: Table,
    /// Matched non-optional gold events with a date, predicted with that date.
    pub event_dates: Ratio,
    /// Every false positive, false negative and wrong value.
    pub mistakes: Vec<Mistake>,
}

impl Evaluation {
    /// Adds another evaluation: counts are summed (micro-average) and
    /// mistakes appended.
    pub fn merge(&mut self, other: Evaluation) {
        self.documents += other.documents;
        self.entity_documents += other.entity_documents;
        self.entities.merge(&other.entities);
        self.date_values.hits += other.date_values.hits;
        self.date_values.total += other.date_values.total;
        self.events.merge(&other.events);
        self.arguments.merge(&other.arguments);
        self.event_dates.hits += other.event_dates.hits;
        self.event_dates.total += other.event_dates.total;
        self.mistakes.extend(other.mistakes);
    }

    /// The mistakes that have a cause, grouped by layer, kind, label and
    /// cause; largest group first (then by layer, kind, label and cause).
    ///
    /// ```
    /// use herald::eval::{GoldDocument, Prediction, score};
    ///
    /// let text = "Leeds beat Hull.";
    /// let gold = GoldDocument::from_json(r#"{"text": "x", "entities": [
    ///     {"start": 0, "end": 5, "text": "Leeds", "type": "ORG", "entity": "a"},
    ///     {"start": 11, "end": 15, "text": "Hull", "type": "ORG", "entity": "b"}]}"#).unwrap();
    /// let prediction = Prediction::from_json(r#"{"entities": [
    ///     {"start": 0, "end": 5, "type": "PLACE", "source": "gazetteer:cities:7"}]}"#).unwrap();
    /// let groups = score("x", text, &gold, &prediction).cause_groups();
    /// let lines: Vec<(&str, usize)> = groups.iter().map(|g| (g.cause.as_str(), g.count)).collect();
    /// assert_eq!(lines, [
    ///     ("wrong type: gold ORG from gazetteer cities", 1),
    ///     ("not found: in no gazetteer, no rule fired", 1),
    ///     ("wrong type: found as PLACE from gazetteer cities", 1),
    /// ]);
    /// ```
    pub fn cause_groups(&self) -> Vec<CauseGroup> {
        let mut groups: BTreeMap<(&str, MistakeKind, &str, &str), Vec<&Mistake>> = BTreeMap::new();
        for mistake in self.mistakes.iter().filter(|m| !m.cause.is_empty()) {
            groups
                .entry((
                    mistake.layer,
                    mistake.kind,
                    mistake.label.as_str(),
                    mistake.cause.as_str(),
                ))
                .or_default()
                .push(mistake);
        }
        let mut groups: Vec<CauseGroup> = groups
            .into_iter()
            .map(|((layer, kind, label, cause), list)| CauseGroup {
                layer,
                kind,
                label: label.to_owned(),
                cause: cause.to_owned(),
                count: list.len(),
                examples: list
                    .iter()
                    .take(CAUSE_EXAMPLES)
                    .map(|m| m.text.clone())
                    .collect(),
            })
            .collect();
        // Stable: equal counts keep the map's order.
        groups.sort_by_key(|group| std::cmp::Reverse(group.count));
        groups
    }

    /// The metric names [`metric`](Evaluation::metric) knows.
    pub const METRICS: [&'static str; 11] = [
        "entity_precision",
        "entity_recall",
        "entity_f1",
        "date_value_accuracy",
        "event_precision",
        "event_recall",
        "event_f1",
        "argument_precision",
        "argument_recall",
        "argument_f1",
        "event_date_accuracy",
    ];

    /// A metric by name (see [`METRICS`](Evaluation::METRICS)); `None` for
    /// an unknown name and for entity metrics when no document had entities
    /// annotated.
    ///
    /// A name may end in `:LABEL` to measure one entity type, event type
    /// or role instead of the micro-average: `event_f1:Statement`,
    /// `argument_f1:speaker`, `entity_recall:ORG`.
    pub fn metric(&self, name: &str) -> Option<f64> {
        let entities = self.entity_documents > 0;
        if let Some((metric, label)) = name.split_once(':') {
            let (table, measure) = metric.split_once('_')?;
            let counts = match table {
                "entity" if entities => self.entities.label(label),
                "event" => self.events.label(label),
                "argument" => self.arguments.label(label),
                _ => return None,
            };
            return Some(match measure {
                "precision" => counts.precision(),
                "recall" => counts.recall(),
                "f1" => counts.f1(),
                _ => return None,
            });
        }
        Some(match name {
            "entity_precision" if entities => self.entities.total().precision(),
            "entity_recall" if entities => self.entities.total().recall(),
            "entity_f1" if entities => self.entities.total().f1(),
            "date_value_accuracy" if entities => self.date_values.accuracy(),
            "event_precision" => self.events.total().precision(),
            "event_recall" => self.events.total().recall(),
            "event_f1" => self.events.total().f1(),
            "argument_precision" => self.arguments.total().precision(),
            "argument_recall" => self.arguments.total().recall(),
            "argument_f1" => self.arguments.total().f1(),
            "event_date_accuracy" => self.event_dates.accuracy(),
            _ => return None,
        })
    }
}

/// Scores one document: `prediction` against `gold`, where both refer to
/// byte offsets in `text`. `name` labels the document's mistakes.
pub fn score(name: &str, text: &str, gold: &GoldDocument, prediction: &Prediction) -> Evaluation {
    let mut scorer = Scorer {
        name,
        text,
        evaluation: Evaluation {
            documents: 1,
            ..Evaluation::default()
        },
    };
    if gold.entities_annotated {
        scorer.evaluation.entity_documents = 1;
        scorer.entities(gold, prediction);
        scorer.date_values(gold, prediction);
    }
    scorer.events(gold, prediction);
    scorer.evaluation
}

struct Scorer<'a> {
    name: &'a str,
    text: &'a str,
    evaluation: Evaluation,
}

impl Scorer<'_> {
    fn mistake(
        &mut self,
        layer: &'static str,
        kind: MistakeKind,
        label: &str,
        span: Span,
        detail: String,
    ) {
        self.evaluation.mistakes.push(Mistake {
            document: self.name.to_owned(),
            layer,
            kind,
            label: label.to_owned(),
            span,
            text: self.text.get(span.range()).unwrap_or("").to_owned(),
            detail,
            cause: String::new(),
        });
    }

    /// Sets the cause of the mistake recorded last.
    fn because(&mut self, cause: String) {
        if let Some(last) = self.evaluation.mistakes.last_mut() {
            last.cause = cause;
        }
    }

    /// Rule 1. Identical predictions (same span and type) count once.
    fn entities(&mut self, gold: &GoldDocument, prediction: &Prediction) {
        let scored = |kind: &str| match &gold.scored_types {
            Some(types) => types.iter().any(|t| t == kind),
            None => ENTITY_TYPES.contains(&kind),
        };
        let mut used = vec![false; gold.entities.len()];
        // Optional mentions, and mentions of unscored gold types (CoNLL's
        // MISC), make overlapping predictions neither right nor wrong.
        let ignored: Vec<Span> = gold
            .entities
            .iter()
            .filter(|g| g.optional || !scored(&g.kind))
            .map(|g| g.span())
            .collect();
        let mut seen = BTreeSet::new();
        for predicted in &prediction.entities {
            if !scored(&predicted.kind)
                || !seen.insert((predicted.start, predicted.end, predicted.kind.as_str()))
            {
                continue;
            }
            let hit = gold.entities.iter().enumerate().position(|(i, g)| {
                !used[i]
                    && !g.optional
                    && g.start == predicted.start
                    && g.end == predicted.end
                    && g.kind == predicted.kind
            });
            if let Some(i) = hit {
                used[i] = true;
                self.evaluation.entities.entry(&predicted.kind).tp += 1;
            } else if !ignored.iter().any(|span| span.overlaps(predicted.span())) {
                self.evaluation.entities.entry(&predicted.kind).fp += 1;
                let detail = predicted.source.clone().unwrap_or_default();
                self.mistake(
                    "entity",
                    MistakeKind::FalsePositive,
                    &predicted.kind,
                    predicted.span(),
                    detail,
                );
                let scored_gold = gold
                    .entities
                    .iter()
                    .filter(|g| !g.optional && scored(&g.kind));
                self.because(false_alarm_cause(predicted, scored_gold));
            }
        }
        for (i, g) in gold.entities.iter().enumerate() {
            if !used[i] && !g.optional && scored(&g.kind) {
                self.evaluation.entities.entry(&g.kind).fn_ += 1;
                self.mistake(
                    "entity",
                    MistakeKind::FalseNegative,
                    &g.kind,
                    g.span(),
                    format!("cluster {}", g.entity),
                );
                self.because(miss_cause(g, &prediction.entities));
            }
        }
    }

    /// Rule 2.
    fn date_values(&mut self, gold: &GoldDocument, prediction: &Prediction) {
        for g in gold
            .entities
            .iter()
            .filter(|g| !g.optional && g.kind == "DATE")
        {
            self.evaluation.date_values.total += 1;
            let same_span = prediction
                .entities
                .iter()
                .filter(|p| p.kind == "DATE" && p.span() == g.span());
            let values: Vec<&Option<String>> = same_span.map(|p| &p.value).collect();
            if values.contains(&&g.value) {
                self.evaluation.date_values.hits += 1;
            } else if let Some(first) = values.first() {
                let detail = format!("expected {}, predicted {}", show(&g.value), show(first));
                self.mistake(
                    "date value",
                    MistakeKind::WrongValue,
                    "DATE",
                    g.span(),
                    detail,
                );
            }
        }
    }

    /// Rules 3, 4 and 6.
    fn events(&mut self, gold: &GoldDocument, prediction: &Prediction) {
        let resolver = Resolver::new(gold, prediction);
        let mut used = vec![false; gold.events.len()];
        for predicted in &prediction.events {
            let trigger = predicted.trigger_span();
            let rule = predicted.rule.clone().unwrap_or_default();
            let hit = gold.events.iter().enumerate().position(|(i, g)| {
                !used[i]
                    && g.kind == predicted.kind
                    && g.triggers.iter().any(|t| t.span().overlaps(trigger))
            });
            let Some(i) = hit else {
                self.spurious_event(gold, predicted, &rule);
                continue;
            };
            used[i] = true;
            let g = &gold.events[i];
            if g.optional {
                continue;
            }
            self.evaluation.events.entry(&predicted.kind).tp += 1;
            for role in ROLES {
                self.event_role(gold, g, predicted, role, &resolver, &rule);
            }
            if let Some(date) = &g.date {
                self.event_date(g, date, predicted, &rule);
            }
        }
        for (i, g) in gold.events.iter().enumerate() {
            if !used[i] && !g.optional {
                self.missed_event(gold, g, prediction);
            }
        }
    }

    /// A predicted event no gold event matches, with its arguments.
    fn spurious_event(&mut self, gold: &GoldDocument, predicted: &PredictedEvent, rule: &str) {
        let trigger = predicted.trigger_span();
        self.evaluation.events.entry(&predicted.kind).fp += 1;
        self.mistake(
            "event",
            MistakeKind::FalsePositive,
            &predicted.kind,
            trigger,
            rule.to_owned(),
        );
        let cause = spurious_cause(self.text, gold, predicted.kind.as_str(), trigger);
        self.because(cause);
        for argument in predicted
            .arguments
            .iter()
            .filter(|a| ROLES.contains(&a.role.as_str()))
        {
            self.argument_false_positive(&predicted.kind, argument, rule);
        }
    }

    /// The arguments of one role of a matched event: each gold cluster
    /// reached is a hit, each predicted argument reaching none a false
    /// positive, each cluster unreached a false negative.
    fn event_role(
        &mut self,
        gold: &GoldDocument,
        g: &GoldEvent,
        predicted: &PredictedEvent,
        role: &str,
        resolver: &Resolver<'_>,
        rule: &str,
    ) {
        let gold_clusters = g.clusters(role);
        let mut reached = BTreeSet::new();
        let predicted_any = predicted.arguments.iter().any(|a| a.role == role);
        for argument in predicted.arguments.iter().filter(|a| a.role == role) {
            let hits: Vec<&str> = resolver
                .resolve(argument)
                .into_iter()
                .filter(|c| gold_clusters.contains(c))
                .collect();
            if hits.is_empty() {
                self.argument_false_positive(&predicted.kind, argument, rule);
                let cause = if gold_clusters.is_empty() {
                    format!("extra {role} (gold has none)")
                } else {
                    format!("wrong {role}")
                };
                self.because(cause);
            }
            reached.extend(hits);
        }
        let counts = self.evaluation.arguments.entry(role);
        counts.tp += reached.len();
        for cluster in gold_clusters.difference(&reached) {
            self.argument_false_negative(gold, &g.kind, role, cluster);
            let cause = if predicted_any {
                format!("wrong {role}")
            } else {
                format!("missed {role}: none found")
            };
            self.because(cause);
        }
    }

    /// The date of a matched event whose gold event has `date`.
    fn event_date(&mut self, g: &GoldEvent, date: &str, predicted: &PredictedEvent, rule: &str) {
        self.evaluation.event_dates.total += 1;
        if predicted.date.as_deref() == Some(date) {
            self.evaluation.event_dates.hits += 1;
        } else {
            let detail = format!(
                "expected {date}, predicted {}; {rule}",
                show(&predicted.date)
            );
            self.mistake(
                "event date",
                MistakeKind::WrongValue,
                &g.kind,
                predicted.trigger_span(),
                detail,
            );
        }
    }

    /// A gold event no prediction matched, with its arguments.
    fn missed_event(&mut self, gold: &GoldDocument, g: &GoldEvent, prediction: &Prediction) {
        self.evaluation.events.entry(&g.kind).fn_ += 1;
        let trigger = g.triggers.first().map(|t| t.span()).unwrap_or_default();
        self.mistake(
            "event",
            MistakeKind::FalseNegative,
            &g.kind,
            trigger,
            String::new(),
        );
        let cause = missed_cause(self.text, g, prediction, trigger);
        self.because(cause);
        for role in ROLES {
            for cluster in g.clusters(role) {
                self.argument_false_negative(gold, &g.kind, role, cluster);
            }
        }
    }

    fn argument_false_positive(&mut self, kind: &str, argument: &PredictedArgument, rule: &str) {
        self.evaluation.arguments.entry(&argument.role).fp += 1;
        let label = format!("{kind}/{}", argument.role);
        self.mistake(
            "argument",
            MistakeKind::FalsePositive,
            &label,
            argument.span(),
            rule.to_owned(),
        );
    }

    /// Shown at the cluster's first gold mention.
    fn argument_false_negative(
        &mut self,
        gold: &GoldDocument,
        kind: &str,
        role: &str,
        cluster: &str,
    ) {
        self.evaluation.arguments.entry(role).fn_ += 1;
        let span = gold
            .mentions()
            .filter(|(_, c)| *c == cluster)
            .map(|(span, _)| span)
            .min()
            .unwrap_or_default();
        let label = format!("{kind}/{role}");
        self.mistake(
            "argument",
            MistakeKind::FalseNegative,
            &label,
            span,
            format!("cluster {cluster}"),
        );
    }
}

/// Why a gold entity was missed. A prediction with its span but another
/// type (scored or not: a TITLE or DEMONYM took it) is a wrong type; one of
/// its type overlapping it is a wrong boundary; any other overlapping
/// prediction is both; nothing there means no gazetteer entry and no rule
/// produced it.
fn miss_cause(gold: &GoldEntity, predictions: &[PredictedEntity]) -> String {
    let overlapping: Vec<&PredictedEntity> = predictions
        .iter()
        .filter(|p| p.span().overlaps(gold.span()))
        .collect();
    if let Some(p) = overlapping.iter().find(|p| p.span() == gold.span()) {
        return format!("wrong type: found as {} {}", p.kind, source_name(p));
    }
    if let Some(p) = overlapping.iter().find(|p| p.kind == gold.kind) {
        return format!("wrong boundary: {}", source_name(p));
    }
    match overlapping.first() {
        Some(p) => format!(
            "wrong boundary and type: found as {} {}",
            p.kind,
            source_name(p)
        ),
        None => "not found: in no gazetteer, no rule fired".to_owned(),
    }
}

/// Why a predicted entity matched no gold mention: the gold has another
/// type on its span, or its type on an overlapping span, or nothing there
/// (spurious, named by the gazetteer or rule that produced it).
fn false_alarm_cause<'g>(
    predicted: &PredictedEntity,
    scored_gold: impl Iterator<Item = &'g GoldEntity>,
) -> String {
    let overlapping: Vec<&GoldEntity> = scored_gold
        .filter(|g| g.span().overlaps(predicted.span()))
        .collect();
    let source = source_name(predicted);
    if let Some(g) = overlapping.iter().find(|g| g.span() == predicted.span()) {
        return format!("wrong type: gold {} {source}", g.kind);
    }
    if overlapping.iter().any(|g| g.kind == predicted.kind) {
        return format!("wrong boundary: {source}");
    }
    match overlapping.first() {
        Some(g) => format!("wrong boundary and type: gold {} {source}", g.kind),
        None => format!("spurious: {source}"),
    }
}

/// "from gazetteer cities" or "from rule org/the-council/1": what produced
/// a prediction, without the entry id (so mistakes group by list).
fn source_name(predicted: &PredictedEntity) -> String {
    let source = predicted.source.as_deref().unwrap_or("");
    if let Some(rest) = source.strip_prefix("gazetteer:") {
        let list = rest.split(':').next().unwrap_or(rest);
        format!("from gazetteer {list}")
    } else if let Some(rule) = source.strip_prefix("rule:") {
        format!("from rule {rule}")
    } else if source.is_empty() {
        "from an unnamed source".to_owned()
    } else {
        format!("from {source}")
    }
}

/// Why a gold event was missed: its trigger was predicted as another
/// type, or taken by another gold event; or the trigger word is one herald
/// knows (so the event was vetoed or dropped for want of a role); or the
/// word is not a trigger at all.
fn missed_cause(text: &str, gold: &GoldEvent, prediction: &Prediction, trigger: Span) -> String {
    let overlapping = |same: bool| {
        prediction
            .events
            .iter()
            .any(|p| (p.kind == gold.kind) == same && p.trigger_span().overlaps(trigger))
    };
    if overlapping(true) {
        return "missed: trigger taken by another gold event".to_owned();
    }
    if overlapping(false) {
        return "missed: predicted as another event type".to_owned();
    }
    let words = text.get(trigger.range()).unwrap_or("");
    if gold.kind == "Statement" {
        if known_speech_word(words) {
            "missed: trigger found, no speaker (or vetoed)".to_owned()
        } else {
            "missed: no trigger (not a speech word herald knows)".to_owned()
        }
    } else {
        "missed: no trigger".to_owned()
    }
}

/// Why a predicted event matched no gold event.
fn spurious_cause(text: &str, gold: &GoldDocument, kind: &str, trigger: Span) -> String {
    if gold
        .events
        .iter()
        .any(|g| g.kind != kind && g.triggers.iter().any(|t| t.span().overlaps(trigger)))
    {
        return "spurious: gold has another event type here".to_owned();
    }
    if !gold.events.iter().any(|g| g.kind == kind) && kind != "Statement" {
        return format!("spurious: {kind} (the document annotates none)");
    }
    let words = text.get(trigger.range()).unwrap_or("");
    if kind == "Statement" && !known_speech_word(words) {
        return "spurious: not a speech verb (quote, colon, noun)".to_owned();
    }
    "spurious: no gold event here".to_owned()
}

/// True when the first word of `words` is a verb of saying of herald's
/// lexicon (`@sayverb`, `@expressverb`) or "according".
fn known_speech_word(words: &str) -> bool {
    static LISTS: std::sync::OnceLock<BTreeSet<String>> = std::sync::OnceLock::new();
    let lists = LISTS.get_or_init(|| {
        ["sayverb", "expressverb"]
            .iter()
            .flat_map(|list| crate::lexicon::list(list).words())
            .filter_map(|entry| entry.split(' ').next().map(str::to_owned))
            .chain(["according".to_owned()])
            .collect()
    });
    let first = words
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .find(|w| !w.is_empty())
        .map(crate::text::normalize_key)
        .unwrap_or_default();
    lists.contains(&first)
}

fn show(value: &Option<String>) -> &str {
    value.as_deref().unwrap_or("none")
}

/// Rule 4's resolution of a predicted argument to gold clusters.
struct Resolver<'a> {
    /// Every gold mention (entities, optional or not, and references).
    gold: Vec<(Span, &'a str)>,
    /// Predicted mention spans by cluster id.
    predicted: HashMap<&'a str, Vec<Span>>,
}

impl<'a> Resolver<'a> {
    fn new(gold: &'a GoldDocument, prediction: &'a Prediction) -> Resolver<'a> {
        let mentions = gold.mentions().collect();
        let mut predicted: HashMap<&str, Vec<Span>> = HashMap::new();
        for p in &prediction.entities {
            if let Some(cluster) = &p.entity {
                predicted
                    .entry(cluster.as_str())
                    .or_default()
                    .push(p.span());
            }
        }
        Resolver {
            gold: mentions,
            predicted,
        }
    }

    /// Every gold cluster with a mention overlapping the argument's span or
    /// a predicted mention sharing its entity id.
    fn resolve(&self, argument: &PredictedArgument) -> BTreeSet<&'a str> {
        let mut spans = vec![argument.span()];
        if let Some(cluster) = &argument.entity
            && let Some(more) = self.predicted.get(cluster.as_str())
        {
            spans.extend(more);
        }
        self.gold
            .iter()
            .filter(|(mention, _)| spans.iter().any(|span| span.overlaps(*mention)))
            .map(|(_, cluster)| *cluster)
            .collect()
    }
}
