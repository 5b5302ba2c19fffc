//! Scoring predictions against gold documents, by the rules of the shared
//! evaluation README (`shared/eval/README.md`), which an independent scorer
//! also follows.
//!
//! The scoring functions are pure: [`score`] takes a [`GoldDocument`] and a
//! [`Prediction`] (made from a [`Document`](crate::Document) or read from
//! herald's JSON output) and returns an [`Evaluation`]: counts plus every
//! false positive and false negative. Evaluations of several documents
//! [`merge`](Evaluation::merge) by summing counts (micro-average).
//!
//! ```
//! use herald::eval::{GoldDocument, Prediction, score};
//!
//! let text = "Ministers met in Oslo.";
//! let gold = GoldDocument::from_json(r#"{
//!     "text": "x.txt", "document_date": "2024-05-02",
//!     "entities": [{"start": 17, "end": 21, "text": "Oslo", "type": "PLACE", "entity": "oslo"}],
//!     "events": [{"type": "Meeting", "triggers": [{"start": 10, "end": 13, "text": "met"}],
//!                 "arguments": {"place": ["oslo"]}}]
//! }"#).unwrap();
//! let prediction = Prediction::from_json(r#"{
//!     "entities": [{"start": 17, "end": 21, "type": "PLACE", "entity": "p1"}],
//!     "events": [{"type": "Meeting", "trigger": {"start": 10, "end": 13},
//!                 "arguments": [{"role": "place", "start": 17, "end": 21, "entity": "p1"}]}]
//! }"#).unwrap();
//! let evaluation = score("x", text, &gold, &prediction);
//! assert_eq!(evaluation.entities.total().f1(), 1.0);
//! assert_eq!(evaluation.events.total().tp, 1);
//! assert_eq!(evaluation.arguments.total().tp, 1);
//! ```

mod conll;
mod error;
mod floors;
mod gold;
mod prediction;
mod report;
mod score;

pub use conll::{ConllDocument, load_conll, read_conll};
pub use error::Error;
pub use floors::{Floor, FloorCheck, FloorSet, Floors, Verdict};
pub use gold::{
    GoldDocument, GoldEntity, GoldEvent, GoldReference, GoldTrigger, gold_files, load_gold,
};
pub use prediction::{
    PredictedArgument, PredictedEntity, PredictedEvent, PredictedTrigger, Prediction,
};
pub use report::render_text;
pub use score::{CauseGroup, Counts, Evaluation, Mistake, MistakeKind, Ratio, Table, score};
