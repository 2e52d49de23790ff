//! Replays every input the fuzzers kept (`tests/fuzz/<target>/*`: crashes found and fixed,
//! minimized) through the same entry the fuzz target calls (`fuzz/src/entries.rs`), on the
//! stable toolchain and without cargo-fuzz. A replay that panics fails its test.

#[allow(dead_code)]
#[path = "../fuzz/src/entries.rs"]
mod entries;

use std::path::PathBuf;

/// The kept inputs of one target, in name order (a missing directory is an error: every
/// target has one, so a renamed target cannot silently replay nothing).
fn inputs(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fuzz")
        .join(target);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        // Dotfiles keep empty directories in git; `.md` files describe the inputs.
        .filter(|p| p.is_file() && !p.file_name().unwrap().to_string_lossy().starts_with('.'))
        .filter(|p| p.extension().is_none_or(|x| x != "md"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&p).expect("read kept input"))
        })
        .collect()
}

/// Runs `entry` on every kept input of `target`, naming the input that fails.
fn replay(target: &str, entry: fn(&[u8])) {
    for (name, data) in inputs(target) {
        let r = std::panic::catch_unwind(|| entry(&data));
        assert!(r.is_ok(), "tests/fuzz/{target}/{name} panics again");
    }
}

#[test]
fn multipart_inputs() {
    replay("multipart", entries::multipart);
}

#[test]
fn pdf_open_inputs() {
    replay("pdf_open", entries::pdf_open);
}

#[test]
fn grid_inputs() {
    replay("grid", entries::grid);
}

#[test]
fn sections_inputs() {
    replay("sections", entries::sections);
}
