//! The stock lookup as markup (being written).
