//! Pure domain logic: no web-sys, no I/O. Tested natively.
