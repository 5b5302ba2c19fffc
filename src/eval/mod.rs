//! Scoring predictions against gold documents, by the rules of the shared evaluation README.
