//! Invariants of the scorer on generated gold documents: a prediction made
//! from the gold scores perfectly, nothing predicted scores zero, and for any
//! prediction tp + fn equals the scored gold count.

use herald::eval::{
    GoldDocument, GoldEntity, GoldEvent, GoldReference, GoldTrigger, PredictedArgument,
    PredictedEntity, PredictedEvent, PredictedTrigger, Prediction, score,
};
use proptest::prelude::*;
use std::collections::BTreeMap;

/// Every mention and trigger gets its own 10-byte slot, so none overlap.
const SLOT: usize = 10;
const TYPES: [&str; 5] = ["PERSON", "ORG", "PLACE", "DATE", "MISC"];
const EVENTS: [(&str, &[&str]); 3] = [
    ("Meeting", &["participant", "place"]),
    ("Invitation", &["inviter", "invitee", "destination"]),
    ("Statement", &["speaker", "addressee"]),
];
const CLUSTERS: usize = 6;

fn slot(index: usize, len: usize) -> (usize, usize) {
    (index * SLOT, index * SLOT + len)
}

/// (type index, cluster, optional, length) per entity; (cluster, length) per
/// reference; (event kind, optional, role picks, date?) per event.
type Spec = (
    Vec<(usize, usize, bool, usize)>,
    Vec<(usize, usize)>,
    Vec<(usize, bool, Vec<(usize, usize)>, bool)>,
);

fn spec() -> impl Strategy<Value = Spec> {
    (
        prop::collection::vec((0..TYPES.len(), 0..CLUSTERS, any::<bool>(), 1..SLOT), 0..12),
        prop::collection::vec((0..CLUSTERS, 1..SLOT), 0..4),
        prop::collection::vec(
            (
                0..EVENTS.len(),
                any::<bool>(),
                prop::collection::vec((0..3usize, 0..CLUSTERS), 0..4),
                any::<bool>(),
            ),
            0..6,
        ),
    )
}

fn build(spec: &Spec) -> (String, GoldDocument) {
    let (entities, references, events) = spec;
    let mut next = 0;
    let mut take = |len| {
        next += 1;
        slot(next - 1, len)
    };
    let gold_entities: Vec<GoldEntity> = entities
        .iter()
        .map(|&(kind, cluster, optional, len)| {
            let (start, end) = take(len);
            GoldEntity {
                start,
                end,
                kind: TYPES[kind].into(),
                entity: format!("c{cluster}"),
                optional,
                value: (TYPES[kind] == "DATE").then(|| format!("2024-01-{:02}", cluster + 1)),
                ..GoldEntity::default()
            }
        })
        .collect();
    let gold_references: Vec<GoldReference> = references
        .iter()
        .map(|&(cluster, len)| {
            let (start, end) = take(len);
            GoldReference {
                start,
                end,
                entity: format!("c{cluster}"),
                ..GoldReference::default()
            }
        })
        .collect();
    let gold_events: Vec<GoldEvent> = events
        .iter()
        .map(|(kind, optional, picks, dated)| {
            let (start, end) = take(4);
            let (name, roles) = EVENTS[*kind];
            let mut arguments: BTreeMap<String, Vec<String>> = BTreeMap::new();
            for &(role, cluster) in picks {
                // Only clusters with a mention can be reached by an argument.
                let has_mention = gold_entities
                    .iter()
                    .any(|e| e.entity == format!("c{cluster}"))
                    || gold_references
                        .iter()
                        .any(|r| r.entity == format!("c{cluster}"));
                if has_mention {
                    let list = arguments
                        .entry(roles[role % roles.len()].into())
                        .or_default();
                    if !list.contains(&format!("c{cluster}")) {
                        list.push(format!("c{cluster}"));
                    }
                }
            }
            GoldEvent {
                kind: name.into(),
                triggers: vec![GoldTrigger {
                    start,
                    end,
                    text: String::new(),
                }],
                arguments,
                date: dated.then(|| "2024-02-02".to_owned()),
                optional: *optional,
                ..GoldEvent::default()
            }
        })
        .collect();
    let text = "x".repeat(next * SLOT);
    let gold = GoldDocument {
        text: "generated.txt".into(),
        document_date: Some("2024-03-01".into()),
        entities_annotated: true,
        entities: gold_entities,
        references: gold_references,
        events: gold_events,
        scored_types: None,
    };
    (text, gold)
}

fn scored_entity(entity: &GoldEntity) -> bool {
    !entity.optional && ["PERSON", "ORG", "PLACE", "DATE"].contains(&entity.kind.as_str())
}

/// The prediction a perfect system would make.
fn perfect(gold: &GoldDocument) -> Prediction {
    let entities = gold
        .entities
        .iter()
        .filter(|e| scored_entity(e))
        .map(|e| PredictedEntity {
            start: e.start,
            end: e.end,
            kind: e.kind.clone(),
            entity: Some(e.entity.clone()),
            value: e.value.clone(),
            source: None,
        })
        .collect();
    let mention = |cluster: &str| {
        let spans = gold.entities.iter().map(|e| (e.start, e.end, &e.entity));
        let spans = spans.chain(gold.references.iter().map(|r| (r.start, r.end, &r.entity)));
        spans
            .into_iter()
            .find(|(_, _, c)| c.as_str() == cluster)
            .map(|(s, e, _)| (s, e))
            .unwrap_or((0, 0))
    };
    let events = gold
        .events
        .iter()
        .filter(|e| !e.optional)
        .map(|e| PredictedEvent {
            kind: e.kind.clone(),
            trigger: PredictedTrigger {
                start: e.triggers[0].start,
                end: e.triggers[0].end,
            },
            arguments: e
                .arguments
                .iter()
                .flat_map(|(role, clusters)| {
                    clusters
                        .iter()
                        .map(move |cluster| (role.clone(), cluster.clone()))
                })
                .map(|(role, cluster)| {
                    let (start, end) = mention(&cluster);
                    PredictedArgument {
                        role,
                        start,
                        end,
                        entity: None,
                    }
                })
                .collect(),
            date: e.date.clone(),
            rule: None,
        })
        .collect();
    Prediction { entities, events }
}

proptest! {
    #![proptest_config(crate::proptest_config(256))]

    #[test]
    fn a_prediction_made_from_the_gold_scores_perfectly(spec in spec()) {
        let (text, gold) = build(&spec);
        let evaluation = score("generated", &text, &gold, &perfect(&gold));
        let entities = evaluation.entities.total();
        prop_assert_eq!((entities.fp, entities.fn_), (0, 0));
        prop_assert_eq!(entities.tp, gold.entities.iter().filter(|e| scored_entity(e)).count());
        let events = evaluation.events.total();
        prop_assert_eq!((events.tp, events.fp, events.fn_), (gold.events.iter().filter(|e| !e.optional).count(), 0, 0));
        let arguments = evaluation.arguments.total();
        prop_assert_eq!((arguments.fp, arguments.fn_), (0, 0));
        prop_assert_eq!(evaluation.date_values.hits, evaluation.date_values.total);
        prop_assert_eq!(evaluation.event_dates.hits, evaluation.event_dates.total);
        prop_assert!(evaluation.mistakes.is_empty());
    }

    #[test]
    fn nothing_predicted_misses_exactly_the_scored_gold(spec in spec()) {
        let (text, gold) = build(&spec);
        let evaluation = score("generated", &text, &gold, &Prediction::default());
        prop_assert_eq!(evaluation.entities.total().fn_, gold.entities.iter().filter(|e| scored_entity(e)).count());
        let required: Vec<&GoldEvent> = gold.events.iter().filter(|e| !e.optional).collect();
        prop_assert_eq!(evaluation.events.total().fn_, required.len());
        let clusters: usize = required.iter().map(|e| e.arguments.values().map(Vec::len).sum::<usize>()).sum();
        prop_assert_eq!(evaluation.arguments.total().fn_, clusters);
        prop_assert_eq!(evaluation.mistakes.len(), evaluation.entities.total().fn_ + required.len() + clusters);
    }

    #[test]
    fn true_positives_plus_false_negatives_is_the_gold_count_for_any_prediction(
        spec in spec(),
        shifts in prop::collection::vec((0usize..200, 0usize..12, 0..TYPES.len()), 0..20),
    ) {
        let (text, gold) = build(&spec);
        let mut prediction = perfect(&gold);
        // Move, resize and retype some predictions at random.
        for (i, &(start, len, kind)) in shifts.iter().enumerate() {
            if let Some(entity) = prediction.entities.get_mut(i) {
                (entity.start, entity.end, entity.kind) = (start, start + len, TYPES[kind].into());
            }
            if let Some(event) = prediction.events.get_mut(i) {
                event.trigger = PredictedTrigger { start, end: start + len };
            }
        }
        let evaluation = score("generated", &text, &gold, &prediction);
        let entities = evaluation.entities.total();
        prop_assert_eq!(entities.tp + entities.fn_, gold.entities.iter().filter(|e| scored_entity(e)).count());
        prop_assert!(entities.tp + entities.fp <= prediction.entities.len());
        let events = evaluation.events.total();
        prop_assert_eq!(events.tp + events.fn_, gold.events.iter().filter(|e| !e.optional).count());
        prop_assert!(events.tp + events.fp <= prediction.events.len());
        for metric in herald::eval::Evaluation::METRICS {
            let value = evaluation.metric(metric).unwrap_or(0.0);
            prop_assert!((0.0..=1.0).contains(&value), "{} = {}", metric, value);
        }
    }
}
