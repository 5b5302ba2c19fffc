//! Entity layer: rule-based names, dates, overlap resolution and coreference.

pub(crate) mod acronyms;
pub(crate) mod coordination;
pub(crate) mod coref;
pub mod date;
pub(crate) mod names;
pub(crate) mod persons;
pub(crate) mod resolve;
pub(crate) mod stage;
pub(crate) mod teams;
