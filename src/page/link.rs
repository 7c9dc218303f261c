//! Linking a deal to an order in the browser (being written).
