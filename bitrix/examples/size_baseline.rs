//! Size probe, baseline: see `size/baseline_body.rs`. Compare with `size_client`; see
//! `benches/wasm-size.sh`.

#[cfg(target_arch = "wasm32")]
#[path = "size/baseline_body.rs"]
mod baseline;
