//! Events: Meeting, Invitation and Statement extraction, and merging.
