//! The stock lookup in the browser (being written).
