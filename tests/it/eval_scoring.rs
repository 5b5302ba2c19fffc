//! The scoring rules of the evaluation README, one table per rule, on
//! hand-made gold/prediction pairs over invented text.

use herald::eval::{
    Counts, Evaluation, GoldDocument, GoldEntity, GoldEvent, GoldReference, GoldTrigger,
    MistakeKind, PredictedArgument, PredictedEntity, PredictedEvent, PredictedTrigger, Prediction,
    Ratio, score,
};

const TEXT: &str = "Mayor Lena Brandt met envoy Tomas Reyes in Valdora on Tuesday. She said the Harbor Council would vote.";

/// Byte span of the `nth` (0-based) occurrence of `needle` in [`TEXT`].
fn at(needle: &str, nth: usize) -> (usize, usize) {
    let start = TEXT
        .match_indices(needle)
        .nth(nth)
        .map(|(i, _)| i)
        .expect(needle);
    (start, start + needle.len())
}

fn gold(needle: &str, kind: &str, cluster: &str) -> GoldEntity {
    let (start, end) = at(needle, 0);
    GoldEntity {
        start,
        end,
        text: needle.into(),
        kind: kind.into(),
        entity: cluster.into(),
        ..GoldEntity::default()
    }
}

fn optional(entity: GoldEntity) -> GoldEntity {
    GoldEntity {
        optional: true,
        ..entity
    }
}

fn date(needle: &str, value: &str) -> GoldEntity {
    GoldEntity {
        value: Some(value.into()),
        ..gold(needle, "DATE", "d")
    }
}

fn reference(needle: &str, cluster: &str) -> GoldReference {
    let (start, end) = at(needle, 0);
    GoldReference {
        start,
        end,
        text: needle.into(),
        entity: cluster.into(),
    }
}

fn predicted(needle: &str, kind: &str, cluster: &str) -> PredictedEntity {
    let (start, end) = at(needle, 0);
    PredictedEntity {
        start,
        end,
        kind: kind.into(),
        entity: Some(cluster.into()),
        source: Some("rule:test".into()),
        ..PredictedEntity::default()
    }
}

fn predicted_span(start: usize, end: usize, kind: &str) -> PredictedEntity {
    PredictedEntity {
        start,
        end,
        kind: kind.into(),
        ..PredictedEntity::default()
    }
}

fn predicted_date(needle: &str, value: &str) -> PredictedEntity {
    PredictedEntity {
        value: Some(value.into()),
        ..predicted(needle, "DATE", "d-1")
    }
}

fn gold_event(kind: &str, trigger: &str, arguments: &[(&str, &[&str])]) -> GoldEvent {
    let (start, end) = at(trigger, 0);
    GoldEvent {
        kind: kind.into(),
        triggers: vec![GoldTrigger {
            start,
            end,
            text: trigger.into(),
        }],
        arguments: arguments
            .iter()
            .map(|(role, clusters)| {
                (
                    role.to_string(),
                    clusters.iter().map(|c| c.to_string()).collect(),
                )
            })
            .collect(),
        ..GoldEvent::default()
    }
}

fn optional_event(event: GoldEvent) -> GoldEvent {
    GoldEvent {
        optional: true,
        ..event
    }
}

fn dated_event(event: GoldEvent, date: &str) -> GoldEvent {
    GoldEvent {
        date: Some(date.into()),
        ..event
    }
}

fn event_at(kind: &str, start: usize, end: usize) -> PredictedEvent {
    PredictedEvent {
        kind: kind.into(),
        trigger: PredictedTrigger { start, end },
        rule: Some("test/event".into()),
        ..PredictedEvent::default()
    }
}

fn event(kind: &str, trigger: &str) -> PredictedEvent {
    let (start, end) = at(trigger, 0);
    event_at(kind, start, end)
}

/// An argument over `needle`, pointing at predicted cluster `cluster`.
fn argument(role: &str, needle: &str, cluster: Option<&str>) -> PredictedArgument {
    let (start, end) = at(needle, 0);
    PredictedArgument {
        role: role.into(),
        start,
        end,
        entity: cluster.map(str::to_owned),
    }
}

fn with_arguments(mut event: PredictedEvent, arguments: Vec<PredictedArgument>) -> PredictedEvent {
    event.arguments = arguments;
    event
}

fn with_date(mut event: PredictedEvent, date: &str) -> PredictedEvent {
    event.date = Some(date.into());
    event
}

fn document(
    entities: Vec<GoldEntity>,
    references: Vec<GoldReference>,
    events: Vec<GoldEvent>,
) -> GoldDocument {
    GoldDocument {
        text: "mayor.txt".into(),
        document_date: Some("2024-03-06".into()),
        entities_annotated: true,
        entities,
        references,
        events,
        scored_types: None,
    }
}

fn run(
    gold: &GoldDocument,
    entities: Vec<PredictedEntity>,
    events: Vec<PredictedEvent>,
) -> Evaluation {
    score("mayor", TEXT, gold, &Prediction { entities, events })
}

fn counts(tp: usize, fp: usize, fn_: usize) -> Counts {
    Counts { tp, fp, fn_ }
}

#[test]
fn entity_mentions_match_by_exact_span_and_type_and_ignore_optional_overlaps() {
    let brandt = || gold("Lena Brandt", "PERSON", "brandt");
    let (start, end) = at("Lena Brandt", 0);
    let cases: Vec<(&str, Vec<GoldEntity>, Vec<PredictedEntity>, Counts)> = vec![
        (
            "exact span and type",
            vec![brandt()],
            vec![predicted("Lena Brandt", "PERSON", "p")],
            counts(1, 0, 0),
        ),
        (
            "span one byte short",
            vec![brandt()],
            vec![predicted_span(start, end - 1, "PERSON")],
            counts(0, 1, 1),
        ),
        (
            "title included",
            vec![brandt()],
            vec![predicted("Mayor Lena Brandt", "PERSON", "p")],
            counts(0, 1, 1),
        ),
        (
            "same span, wrong type",
            vec![brandt()],
            vec![predicted("Lena Brandt", "ORG", "p")],
            counts(0, 1, 1),
        ),
        ("nothing predicted", vec![brandt()], vec![], counts(0, 0, 1)),
        (
            "overlaps an optional mention",
            vec![optional(brandt())],
            vec![predicted("Brandt", "PERSON", "p")],
            counts(0, 0, 0),
        ),
        (
            "exactly an optional mention",
            vec![optional(brandt())],
            vec![predicted("Lena Brandt", "PERSON", "p")],
            counts(0, 0, 0),
        ),
        (
            "optional mention missed",
            vec![optional(brandt())],
            vec![],
            counts(0, 0, 0),
        ),
        (
            "overlaps optional of another type",
            vec![optional(gold("Harbor Council", "ORG", "hc"))],
            vec![predicted("Harbor", "PLACE", "p")],
            counts(0, 0, 0),
        ),
        (
            "unscored predicted type",
            vec![],
            vec![predicted("Mayor", "TITLE", "t")],
            counts(0, 0, 0),
        ),
        (
            "identical predictions count once",
            vec![brandt()],
            vec![
                predicted("Lena Brandt", "PERSON", "p"),
                predicted("Lena Brandt", "PERSON", "q"),
            ],
            counts(1, 0, 0),
        ),
        (
            "overlaps a MISC gold span",
            vec![gold("Harbor Council", "MISC", "m")],
            vec![predicted("Harbor Council", "ORG", "p")],
            counts(0, 0, 0),
        ),
        (
            "beside a MISC gold span",
            vec![gold("Harbor Council", "MISC", "m")],
            vec![predicted("Valdora", "PLACE", "p")],
            counts(0, 1, 0),
        ),
        (
            "MISC gold is never missed",
            vec![gold("Harbor Council", "MISC", "m")],
            vec![],
            counts(0, 0, 0),
        ),
    ];
    for (name, gold_entities, predictions, expected) in cases {
        let evaluation = run(
            &document(gold_entities, vec![], vec![]),
            predictions,
            vec![],
        );
        assert_eq!(evaluation.entities.total(), expected, "{name}");
        let listed = |kind| {
            evaluation
                .mistakes
                .iter()
                .filter(|m| m.kind == kind)
                .count()
        };
        assert_eq!(
            (
                listed(MistakeKind::FalsePositive),
                listed(MistakeKind::FalseNegative)
            ),
            (expected.fp, expected.fn_),
            "{name}: every FP and FN is listed"
        );
    }
}

#[test]
fn entity_counts_are_kept_per_type() {
    let gold = document(
        vec![
            gold("Lena Brandt", "PERSON", "b"),
            gold("Valdora", "PLACE", "v"),
            gold("Harbor Council", "ORG", "h"),
        ],
        vec![],
        vec![],
    );
    let evaluation = run(
        &gold,
        vec![
            predicted("Lena Brandt", "PERSON", "1"),
            predicted("Valdora", "ORG", "2"),
            predicted("Tomas", "PERSON", "3"),
        ],
        vec![],
    );
    assert_eq!(evaluation.entities.label("PERSON"), counts(1, 1, 0));
    assert_eq!(evaluation.entities.label("ORG"), counts(0, 1, 1));
    assert_eq!(evaluation.entities.label("PLACE"), counts(0, 0, 1));
    assert_eq!(evaluation.entities.total(), counts(1, 2, 2));
}

#[test]
fn false_positives_name_text_span_document_and_source() {
    let evaluation = run(
        &document(vec![], vec![], vec![]),
        vec![predicted("Valdora", "PLACE", "v")],
        vec![],
    );
    let mistake = &evaluation.mistakes[0];
    assert_eq!(
        (
            mistake.document.as_str(),
            mistake.text.as_str(),
            (mistake.span.start, mistake.span.end)
        ),
        ("mayor", "Valdora", at("Valdora", 0))
    );
    assert_eq!(mistake.detail, "rule:test");
}

/// A prediction from a named source, for the cause table.
fn from_source(needle: &str, kind: &str, source: &str) -> PredictedEntity {
    PredictedEntity {
        source: Some(source.into()),
        ..predicted(needle, kind, "p")
    }
}

#[test]
fn entity_mistakes_carry_their_cause() {
    // (case, gold, prediction, expected (kind, label, text, cause) of each mistake)
    type Expected = (MistakeKind, &'static str, &'static str, &'static str);
    let fp = MistakeKind::FalsePositive;
    let fn_ = MistakeKind::FalseNegative;
    type Case = (
        &'static str,
        Vec<GoldEntity>,
        Vec<PredictedEntity>,
        Vec<Expected>,
    );
    let cases: Vec<Case> = vec![
        (
            "nothing predicted",
            vec![gold("Harbor Council", "ORG", "h")],
            vec![],
            vec![(
                fn_,
                "ORG",
                "Harbor Council",
                "not found: in no gazetteer, no rule fired",
            )],
        ),
        (
            "same span, other type",
            vec![gold("Valdora", "ORG", "v")],
            vec![from_source(
                "Valdora",
                "PLACE",
                "gazetteer:cities:geonames:12",
            )],
            vec![
                (
                    fp,
                    "PLACE",
                    "Valdora",
                    "wrong type: gold ORG from gazetteer cities",
                ),
                (
                    fn_,
                    "ORG",
                    "Valdora",
                    "wrong type: found as PLACE from gazetteer cities",
                ),
            ],
        ),
        (
            "an unscored type took the span",
            vec![gold("Mayor", "PERSON", "m")],
            vec![from_source("Mayor", "TITLE", "gazetteer:titles:Mayor")],
            vec![(
                fn_,
                "PERSON",
                "Mayor",
                "wrong type: found as TITLE from gazetteer titles",
            )],
        ),
        (
            "same type, longer span",
            vec![gold("Lena Brandt", "PERSON", "l")],
            vec![from_source(
                "Mayor Lena Brandt",
                "PERSON",
                "rule:person/x/1",
            )],
            vec![
                (
                    fp,
                    "PERSON",
                    "Mayor Lena Brandt",
                    "wrong boundary: from rule person/x/1",
                ),
                (
                    fn_,
                    "PERSON",
                    "Lena Brandt",
                    "wrong boundary: from rule person/x/1",
                ),
            ],
        ),
        (
            "other type, other span",
            vec![gold("Harbor Council", "ORG", "h")],
            vec![from_source("Harbor", "PLACE", "rule:place/y/1")],
            vec![
                (
                    fp,
                    "PLACE",
                    "Harbor",
                    "wrong boundary and type: gold ORG from rule place/y/1",
                ),
                (
                    fn_,
                    "ORG",
                    "Harbor Council",
                    "wrong boundary and type: found as PLACE from rule place/y/1",
                ),
            ],
        ),
        (
            "nothing in the gold there",
            vec![],
            vec![from_source("Tuesday", "PERSON", "rule:name/context/person")],
            vec![(
                fp,
                "PERSON",
                "Tuesday",
                "spurious: from rule name/context/person",
            )],
        ),
        (
            "a gazetteer false alarm",
            vec![],
            vec![from_source("Tomas", "PLACE", "gazetteer:cities:geonames:3")],
            vec![(fp, "PLACE", "Tomas", "spurious: from gazetteer cities")],
        ),
    ];
    for (case, gold_entities, predictions, expected) in cases {
        let evaluation = run(
            &document(gold_entities, vec![], vec![]),
            predictions,
            vec![],
        );
        let found: Vec<(MistakeKind, &str, &str, &str)> = evaluation
            .mistakes
            .iter()
            .map(|m| (m.kind, m.label.as_str(), m.text.as_str(), m.cause.as_str()))
            .collect();
        assert_eq!(found, expected, "{case}");
    }
}

#[test]
fn cause_groups_count_mistakes_and_keep_examples() {
    let text = "Hull beat Leeds. Hull lost to Derby.";
    let gold = GoldDocument::from_json(
        r#"{"text": "x", "entities": [
        {"start": 0, "end": 4, "text": "Hull", "type": "ORG", "entity": "h"},
        {"start": 10, "end": 15, "text": "Leeds", "type": "ORG", "entity": "l"},
        {"start": 17, "end": 21, "text": "Hull", "type": "ORG", "entity": "h"},
        {"start": 30, "end": 35, "text": "Derby", "type": "ORG", "entity": "d"}]}"#,
    )
    .unwrap();
    let place = |start: usize, end: usize| PredictedEntity {
        source: Some("gazetteer:cities:geonames:1".into()),
        ..predicted_span(start, end, "PLACE")
    };
    let prediction = Prediction {
        entities: vec![place(0, 4), place(10, 15), place(17, 21)],
        events: vec![],
    };
    let groups = score("x", text, &gold, &prediction).cause_groups();
    let summary: Vec<(MistakeKind, &str, usize, Vec<&str>)> = groups
        .iter()
        .map(|g| {
            (
                g.kind,
                g.cause.as_str(),
                g.count,
                g.examples.iter().map(String::as_str).collect(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            (
                MistakeKind::FalsePositive,
                "wrong type: gold ORG from gazetteer cities",
                3,
                vec!["Hull", "Leeds", "Hull"]
            ),
            (
                MistakeKind::FalseNegative,
                "wrong type: found as PLACE from gazetteer cities",
                3,
                vec!["Hull", "Leeds", "Hull"]
            ),
            (
                MistakeKind::FalseNegative,
                "not found: in no gazetteer, no rule fired",
                1,
                vec!["Derby"]
            ),
        ]
    );
}

#[test]
fn date_values_count_gold_dates_found_with_span_and_value() {
    let tuesday = || date("Tuesday", "2024-03-05");
    let cases: Vec<(&str, Vec<GoldEntity>, Vec<PredictedEntity>, Ratio)> = vec![
        (
            "same span and value",
            vec![tuesday()],
            vec![predicted_date("Tuesday", "2024-03-05")],
            Ratio { hits: 1, total: 1 },
        ),
        (
            "wrong value",
            vec![tuesday()],
            vec![predicted_date("Tuesday", "2024-02-27")],
            Ratio { hits: 0, total: 1 },
        ),
        (
            "wrong span",
            vec![tuesday()],
            vec![predicted_date("on Tuesday", "2024-03-05")],
            Ratio { hits: 0, total: 1 },
        ),
        (
            "optional date not counted",
            vec![optional(tuesday())],
            vec![],
            Ratio { hits: 0, total: 0 },
        ),
    ];
    for (name, gold_entities, predictions, expected) in cases {
        let evaluation = run(
            &document(gold_entities, vec![], vec![]),
            predictions,
            vec![],
        );
        assert_eq!(evaluation.date_values, expected, "{name}");
    }
    let evaluation = run(
        &document(vec![tuesday()], vec![], vec![]),
        vec![predicted_date("Tuesday", "2024-02-27")],
        vec![],
    );
    assert!(
        evaluation
            .mistakes
            .iter()
            .any(|m| m.kind == MistakeKind::WrongValue && m.detail.contains("2024-02-27"))
    );
}

#[test]
fn events_match_first_unused_gold_of_same_type_with_overlapping_trigger() {
    let (met, met_end) = at("met", 0);
    let (said, _) = at("said", 0);
    let meeting = || gold_event("Meeting", "met", &[]);
    let cases: Vec<(&str, Vec<GoldEvent>, Vec<PredictedEvent>, Counts)> = vec![
        (
            "same trigger",
            vec![meeting()],
            vec![event("Meeting", "met")],
            counts(1, 0, 0),
        ),
        (
            "overlap by one byte",
            vec![meeting()],
            vec![event_at("Meeting", met_end - 1, met_end + 6)],
            counts(1, 0, 0),
        ),
        (
            "touching is not overlapping",
            vec![meeting()],
            vec![event_at("Meeting", met_end, met_end + 6)],
            counts(0, 1, 1),
        ),
        (
            "wrong type",
            vec![meeting()],
            vec![event("Statement", "met")],
            counts(0, 1, 1),
        ),
        ("missed", vec![meeting()], vec![], counts(0, 0, 1)),
        (
            "two predictions, two gold events on one trigger",
            vec![meeting(), meeting()],
            vec![event("Meeting", "met"), event("Meeting", "met")],
            counts(2, 0, 0),
        ),
        (
            "a gold event matches only once",
            vec![meeting()],
            vec![event("Meeting", "met"), event("Meeting", "met")],
            counts(1, 1, 0),
        ),
        (
            "first unused gold is taken even when optional",
            vec![optional_event(meeting()), meeting()],
            vec![event("Meeting", "met")],
            counts(0, 0, 1),
        ),
        (
            "optional gold matched counts nothing",
            vec![optional_event(meeting())],
            vec![event("Meeting", "met")],
            counts(0, 0, 0),
        ),
        (
            "optional gold missed costs nothing",
            vec![optional_event(meeting())],
            vec![],
            counts(0, 0, 0),
        ),
        (
            "any of several triggers",
            vec![GoldEvent {
                triggers: vec![
                    GoldTrigger {
                        start: met,
                        end: met_end,
                        text: "met".into(),
                    },
                    GoldTrigger {
                        start: said,
                        end: said + 4,
                        text: "said".into(),
                    },
                ],
                ..meeting()
            }],
            vec![event("Meeting", "said")],
            counts(1, 0, 0),
        ),
    ];
    for (name, gold_events, predictions, expected) in cases {
        let evaluation = run(&document(vec![], vec![], gold_events), vec![], predictions);
        assert_eq!(evaluation.events.total(), expected, "{name}");
    }
}

#[test]
fn events_are_counted_per_type() {
    let gold = document(
        vec![],
        vec![],
        vec![
            gold_event("Meeting", "met", &[]),
            gold_event("Statement", "said", &[]),
        ],
    );
    let evaluation = run(
        &gold,
        vec![],
        vec![event("Statement", "said"), event("Invitation", "vote")],
    );
    assert_eq!(evaluation.events.label("Statement"), counts(1, 0, 0));
    assert_eq!(evaluation.events.label("Meeting"), counts(0, 0, 1));
    assert_eq!(evaluation.events.label("Invitation"), counts(0, 1, 0));
}

#[test]
fn arguments_resolve_to_gold_clusters_end_to_end() {
    let entities = || {
        vec![
            gold("Lena Brandt", "PERSON", "brandt"),
            gold("Tomas Reyes", "PERSON", "reyes"),
            gold("Valdora", "PLACE", "valdora"),
        ]
    };
    let meeting = || {
        gold_event(
            "Meeting",
            "met",
            &[
                ("participant", &["brandt", "reyes"]),
                ("place", &["valdora"]),
            ],
        )
    };
    let statement = || gold_event("Statement", "said", &[("speaker", &["brandt"])]);
    type Case = (
        &'static str,
        Vec<GoldReference>,
        Vec<GoldEvent>,
        Vec<PredictedEntity>,
        Vec<PredictedEvent>,
        Counts,
    );
    let cases: Vec<Case> = vec![
        (
            "argument spans overlap gold mentions",
            vec![],
            vec![meeting()],
            vec![],
            vec![with_arguments(
                event("Meeting", "met"),
                vec![
                    argument("participant", "Mayor Lena Brandt", None),
                    argument("participant", "Reyes", None),
                    argument("place", "Valdora", None),
                ],
            )],
            counts(3, 0, 0),
        ),
        (
            "a missing argument is a false negative",
            vec![],
            vec![meeting()],
            vec![],
            vec![with_arguments(
                event("Meeting", "met"),
                vec![argument("participant", "Lena Brandt", None)],
            )],
            counts(1, 0, 2),
        ),
        (
            "wrong role is a false positive and a false negative",
            vec![],
            vec![meeting()],
            vec![],
            vec![with_arguments(
                event("Meeting", "met"),
                vec![
                    argument("participant", "Lena Brandt", None),
                    argument("participant", "Tomas Reyes", None),
                    argument("participant", "Valdora", None),
                ],
            )],
            counts(2, 1, 1),
        ),
        (
            "two arguments reaching one cluster count once",
            vec![],
            vec![statement()],
            vec![],
            vec![with_arguments(
                event("Statement", "said"),
                vec![
                    argument("speaker", "Lena Brandt", None),
                    argument("speaker", "Mayor Lena", None),
                ],
            )],
            counts(1, 0, 0),
        ),
        (
            "pronoun without help reaches nothing",
            vec![],
            vec![statement()],
            vec![],
            vec![with_arguments(
                event("Statement", "said"),
                vec![argument("speaker", "She", None)],
            )],
            counts(0, 1, 1),
        ),
        (
            "pronoun resolved by a gold reference",
            vec![reference("She", "brandt")],
            vec![statement()],
            vec![],
            vec![with_arguments(
                event("Statement", "said"),
                vec![argument("speaker", "She", None)],
            )],
            counts(1, 0, 0),
        ),
        (
            "pronoun resolved through its predicted cluster id",
            vec![],
            vec![statement()],
            vec![predicted("Lena Brandt", "PERSON", "p-brandt")],
            vec![with_arguments(
                event("Statement", "said"),
                vec![argument("speaker", "She", Some("p-brandt"))],
            )],
            counts(1, 0, 0),
        ),
        (
            "a predicted cluster id pointing elsewhere misleads",
            vec![],
            vec![statement()],
            vec![predicted("Tomas Reyes", "PERSON", "p-reyes")],
            vec![with_arguments(
                event("Statement", "said"),
                vec![argument("speaker", "She", Some("p-reyes"))],
            )],
            counts(0, 1, 1),
        ),
        (
            "content is not scored",
            vec![],
            vec![statement()],
            vec![],
            vec![with_arguments(
                event("Statement", "said"),
                vec![
                    argument("speaker", "Lena Brandt", None),
                    argument("content", "the Harbor Council would vote", None),
                ],
            )],
            counts(1, 0, 0),
        ),
        (
            "arguments of an unmatched prediction are false positives",
            vec![],
            vec![],
            vec![],
            vec![with_arguments(
                event("Meeting", "met"),
                vec![
                    argument("participant", "Lena Brandt", None),
                    argument("place", "Valdora", None),
                ],
            )],
            counts(0, 2, 0),
        ),
        (
            "arguments of a missed gold event are false negatives",
            vec![],
            vec![meeting()],
            vec![],
            vec![],
            counts(0, 0, 3),
        ),
        (
            "arguments of an optional gold event count nothing",
            vec![],
            vec![optional_event(meeting())],
            vec![],
            vec![with_arguments(
                event("Meeting", "met"),
                vec![argument("place", "Lena Brandt", None)],
            )],
            counts(0, 0, 0),
        ),
    ];
    for (name, references, gold_events, predicted_entities, predicted_events, expected) in cases {
        let evaluation = run(
            &document(entities(), references, gold_events),
            predicted_entities,
            predicted_events,
        );
        assert_eq!(evaluation.arguments.total(), expected, "{name}");
    }
}

#[test]
fn argument_counts_are_kept_per_role() {
    let gold = document(
        vec![
            gold("Lena Brandt", "PERSON", "brandt"),
            gold("Valdora", "PLACE", "valdora"),
        ],
        vec![],
        vec![gold_event(
            "Meeting",
            "met",
            &[("participant", &["brandt"]), ("place", &["valdora"])],
        )],
    );
    let evaluation = run(
        &gold,
        vec![],
        vec![with_arguments(
            event("Meeting", "met"),
            vec![argument("participant", "Lena Brandt", None)],
        )],
    );
    assert_eq!(evaluation.arguments.label("participant"), counts(1, 0, 0));
    assert_eq!(evaluation.arguments.label("place"), counts(0, 0, 1));
}

#[test]
fn event_dates_count_matched_gold_events_with_a_date() {
    let meeting = || dated_event(gold_event("Meeting", "met", &[]), "2024-03-05");
    let cases: Vec<(&str, Vec<GoldEvent>, Vec<PredictedEvent>, Ratio)> = vec![
        (
            "same date",
            vec![meeting()],
            vec![with_date(event("Meeting", "met"), "2024-03-05")],
            Ratio { hits: 1, total: 1 },
        ),
        (
            "other date",
            vec![meeting()],
            vec![with_date(event("Meeting", "met"), "2024-03-06")],
            Ratio { hits: 0, total: 1 },
        ),
        (
            "no date predicted",
            vec![meeting()],
            vec![event("Meeting", "met")],
            Ratio { hits: 0, total: 1 },
        ),
        (
            "gold event missed",
            vec![meeting()],
            vec![],
            Ratio { hits: 0, total: 0 },
        ),
        (
            "gold without date",
            vec![gold_event("Meeting", "met", &[])],
            vec![event("Meeting", "met")],
            Ratio { hits: 0, total: 0 },
        ),
        (
            "optional gold event",
            vec![optional_event(meeting())],
            vec![with_date(event("Meeting", "met"), "2024-03-05")],
            Ratio { hits: 0, total: 0 },
        ),
    ];
    for (name, gold_events, predictions, expected) in cases {
        let evaluation = run(&document(vec![], vec![], gold_events), vec![], predictions);
        assert_eq!(evaluation.event_dates, expected, "{name}");
    }
}

#[test]
fn entities_not_annotated_are_not_scored_but_still_resolve_arguments() {
    let mut gold = document(
        vec![],
        vec![reference("Mayor Lena Brandt", "brandt")],
        vec![gold_event("Statement", "said", &[("speaker", &["brandt"])])],
    );
    gold.entities_annotated = false;
    let evaluation = run(
        &gold,
        vec![
            predicted("Lena Brandt", "PERSON", "b"),
            predicted("Valdora", "PLACE", "v"),
        ],
        vec![with_arguments(
            event("Statement", "said"),
            vec![argument("speaker", "She", Some("b"))],
        )],
    );
    assert_eq!(evaluation.entities.total(), counts(0, 0, 0));
    assert_eq!(evaluation.entity_documents, 0);
    assert_eq!(evaluation.metric("entity_f1"), None);
    assert_eq!(evaluation.arguments.total(), counts(1, 0, 0));
    assert_eq!(evaluation.metric("event_f1"), Some(1.0));
}

#[test]
fn several_documents_are_micro_averaged() {
    let brandt = document(vec![gold("Lena Brandt", "PERSON", "b")], vec![], vec![]);
    let mut total = run(
        &brandt,
        vec![predicted("Lena Brandt", "PERSON", "1")],
        vec![],
    );
    let other = run(
        &brandt,
        vec![
            predicted("Tomas", "PERSON", "1"),
            predicted("Reyes", "PERSON", "2"),
            predicted("Valdora", "PLACE", "3"),
        ],
        vec![],
    );
    total.merge(other);
    assert_eq!(total.documents, 2);
    assert_eq!(total.entities.total(), counts(1, 3, 1));
    // Micro: 2·1 / (2·1 + 3 + 1) = 1/3; the mean of per-document F1s would be 1/2.
    assert!((total.entities.total().f1() - 1.0 / 3.0).abs() < 1e-12);
    assert_eq!(total.mistakes.len(), 4);
}

#[test]
fn empty_counts_score_zero_not_nan() {
    let evaluation = run(&document(vec![], vec![], vec![]), vec![], vec![]);
    for metric in Evaluation::METRICS {
        assert_eq!(evaluation.metric(metric), Some(0.0), "{metric}");
    }
}

#[test]
fn spans_outside_the_text_do_not_panic() {
    let gold = document(
        vec![gold("Valdora", "PLACE", "v")],
        vec![],
        vec![gold_event("Meeting", "met", &[])],
    );
    let evaluation = run(
        &gold,
        vec![
            predicted_span(500, 520, "PLACE"),
            predicted_span(9, 3, "ORG"),
        ],
        vec![event_at("Meeting", 900, 905)],
    );
    assert_eq!(evaluation.entities.total(), counts(0, 2, 1));
    assert!(
        evaluation
            .mistakes
            .iter()
            .any(|m| m.span.start == 500 && m.text.is_empty())
    );
}

#[test]
fn a_metric_can_measure_one_label() {
    // one Meeting found, one Statement missed: the micro F1 mixes them,
    // the per-label metrics do not
    let evaluation = run(
        &document(
            vec![],
            vec![],
            vec![
                gold_event("Meeting", "met", &[]),
                gold_event("Statement", "said", &[]),
            ],
        ),
        vec![],
        vec![event("Meeting", "met")],
    );
    assert_eq!(evaluation.metric("event_f1:Meeting"), Some(1.0));
    assert_eq!(evaluation.metric("event_recall:Statement"), Some(0.0));
    let micro = evaluation.metric("event_f1").unwrap();
    assert!((micro - 2.0 / 3.0).abs() < 1e-9, "{micro}");
    assert_eq!(evaluation.metric("event_f2:Meeting"), None);
}
