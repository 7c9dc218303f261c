//! Linking a deal to an order, as markup (being written).
