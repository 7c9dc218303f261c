//! What the tab downloads: each file of `dist/`, raw and gzip (level 9); the deal tab's files
//! (everything but the admin bundle and the installer page) against the 150 KB budget, and the
//! admin bundle that only the app page and the installer load.

use std::io::Write;

use flate2::Compression;
use flate2::write::GzEncoder;

use super::report::{Budget, Figure};
use crate::support::stand::dist_dir;

/// Files only the app page and the installer load: the admin bundle and `install.html`.
fn admin_only(name: &str) -> bool {
    name.starts_with("storelink_admin") || name == "install.html"
}

/// 150 KB gzip for everything the deal tab downloads.
pub const BUDGET_BYTES: f64 = 150.0 * 1024.0;

/// The gzip (level 9) size of some bytes.
pub fn gzip_len(bytes: &[u8]) -> usize {
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
    let (mut tab_total, mut admin_total) = (0, 0);
    for path in files {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let gz = gzip_len(&bytes);
        if admin_only(&name) {
            admin_total += gz;
        } else {
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
            "the deal tab's files, gzip",
            tab_total as f64,
            "B",
        )
        .budget(Budget::AtMost(BUDGET_BYTES)),
    );
    figures.push(Figure::new(
        "bundle",
        "+ admin bundle and installer (app page only), gzip",
        admin_total as f64,
        "B",
    ));
    figures
}
