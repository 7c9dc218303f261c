//! What the tab downloads: each file of `dist/`, raw and gzip (level 9), and the total of
//! what a deal tab loads against the 150 KB budget.

use std::io::Write;

use flate2::Compression;
use flate2::write::GzEncoder;

use super::report::{Budget, Figure};
use crate::support::stand::dist_dir;

/// The files the deal tab's `index.html` loads (the installer page is not among them).
const TAB_FILES: &[&str] = &[
    "index.html",
    "boot.js",
    "storelink.js",
    "storelink_bg.wasm",
    "storelink.css",
    "icon.svg",
];

const BUDGET_BYTES: f64 = 150.0 * 1024.0;

fn gzip_len(bytes: &[u8]) -> usize {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::best());
    // Writing into a Vec cannot fail.
    let _ = encoder.write_all(bytes);
    encoder.finish().map(|v| v.len()).unwrap_or(0)
}

pub fn measure() -> Vec<Figure> {
    let dir = dist_dir();
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.extension().is_none_or(|x| x != "zip"))
        .collect();
    files.sort();
    let mut figures = Vec::new();
    let (mut tab_total, mut all_total) = (0, 0);
    for path in files {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let gz = gzip_len(&bytes);
        all_total += gz;
        if TAB_FILES.contains(&name.as_str()) {
            tab_total += gz;
        }
        figures.push(Figure::new(
            "bundle",
            format!("{name} raw"),
            bytes.len() as f64,
            "B",
        ));
        figures.push(Figure::new(
            "bundle",
            format!("{name} gzip"),
            gz as f64,
            "B",
        ));
    }
    figures.push(
        Figure::new(
            "bundle",
            "what the deal tab downloads, gzip",
            tab_total as f64,
            "B",
        )
        .budget(Budget::AtMost(BUDGET_BYTES)),
    );
    figures.push(Figure::new(
        "bundle",
        "every file in dist/, gzip",
        all_total as f64,
        "B",
    ));
    figures
}
