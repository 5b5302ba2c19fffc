//! Entity layer: rule-based names, dates, overlap resolution and coreference.

pub mod coref;
pub mod date;
pub(crate) mod names;
pub mod resolve;
pub mod stage;
