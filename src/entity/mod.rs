//! Entity layer: rule-based names, dates, overlap resolution and coreference.

pub mod date;
