//! Prints an HTML document to PDF with headless Chromium (Debian's `chromium`), in a temporary
//! directory with its own profile, under a time limit, and makes the output byte-reproducible.
//!
//! Chromium's PDF (Skia) is deterministic for the same input apart from the wall-clock
//! `/CreationDate` and `/ModDate`; both are overwritten in place with the report time.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use zhengxin::{Error, Result};

/// Names the browser goes by; `ZHENGXIN_CHROMIUM` overrides the search.
const CANDIDATES: &[&str] = &["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"];
/// One report of 30 pages prints in a few seconds; a hung browser is killed after this.
const TIME_LIMIT: Duration = Duration::from_secs(120);

/// The Chromium executable, or an error that says how to install it.
pub fn find_chromium() -> Result<PathBuf> {
    if let Some(p) = std::env::var_os("ZHENGXIN_CHROMIUM") {
        let p = PathBuf::from(p);
        return if p.is_file() {
            Ok(p)
        } else {
            Err(missing(&p.display().to_string(), "ZHENGXIN_CHROMIUM names no file"))
        };
    }
    let path = std::env::var_os("PATH").unwrap_or_default();
    for dir in std::env::split_paths(&path) {
        for name in CANDIDATES {
            let p = dir.join(name);
            if p.is_file() {
                return Ok(p);
            }
        }
    }
    Err(missing(
        "chromium (searched PATH)",
        "not installed; the chromium route needs the Debian package chromium and the fonts \
         fonts-noto-cjk fonts-wqy-zenhei fonts-arphic-uming fonts-liberation fonts-urw-base35",
    ))
}

fn missing(path: &str, reason: &str) -> Error {
    Error::artefact("chromium", path.to_string(), reason.to_string())
}

/// A scratch directory removed on drop.
struct Scratch(PathBuf);

impl Scratch {
    fn new() -> Result<Self> {
        static N: AtomicU64 = AtomicU64::new(0);
        let dir = std::env::temp_dir().join(format!(
            "zhengxin-chromium-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir)?;
        Ok(Scratch(dir))
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Prints `html` to PDF bytes; `stamp` (`YYYYMMDDhhmmss`) replaces the wall-clock dates.
pub fn print_pdf(chromium: &Path, html: &str, stamp: &str) -> Result<Vec<u8>> {
    let dir = Scratch::new()?;
    let page = dir.0.join("report.html");
    let pdf = dir.0.join("report.pdf");
    let log = dir.0.join("chromium.log");
    std::fs::write(&page, html)?;
    let mut child = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-pdf-header-footer",
            "--no-first-run",
            "--disable-extensions",
            "--disable-background-networking",
            "--disable-dev-shm-usage",
            "--run-all-compositor-stages-before-draw",
        ])
        .arg(format!("--user-data-dir={}", dir.0.join("profile").display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", page.display()))
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&log)?)
        .stderr(std::fs::File::create(dir.0.join("chromium.err"))?)
        .spawn()
        .map_err(|e| missing(&chromium.display().to_string(), &format!("could not start: {e}")))?;
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break status;
        }
        if start.elapsed() > TIME_LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            return Err(Error::internal(format!(
                "chromium did not print within {} s",
                TIME_LIMIT.as_secs()
            )));
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let bytes = std::fs::read(&pdf).unwrap_or_default();
    if !status.success() || !bytes.starts_with(b"%PDF") {
        let err = std::fs::read_to_string(dir.0.join("chromium.err")).unwrap_or_default();
        let tail: Vec<&str> = err.lines().filter(|l| !l.contains("dbus")).rev().take(5).collect();
        return Err(Error::internal(format!(
            "chromium printed no PDF ({status}): {}",
            tail.into_iter().rev().collect::<Vec<_>>().join(" | ")
        )));
    }
    let mut bytes = bytes;
    stamp_dates(&mut bytes, stamp);
    Ok(bytes)
}

/// Overwrites the 14 clock digits and the zone of every `(D:YYYYMMDDhhmmss+00'00')` in place
/// (equal length, so the xref stays valid) with `stamp` at +08'00'.
fn stamp_dates(bytes: &mut [u8], stamp: &str) {
    const KEY: &[u8] = b"(D:";
    let want = format!("{stamp}+08'00'");
    let mut at = 0;
    while let Some(pos) = bytes[at..].windows(KEY.len()).position(|w| w == KEY) {
        let start = at + pos + KEY.len();
        let end = start + want.len();
        if stamp.len() == 14
            && end < bytes.len()
            && bytes[start..start + 14].iter().all(u8::is_ascii_digit)
            && bytes[end] == b')'
        {
            bytes[start..end].copy_from_slice(want.as_bytes());
        }
        at = start;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_stamped_in_place() {
        let mut pdf = b"<</CreationDate (D:20261203162957+00'00')\n/ModDate (D:20261203162957+00'00')>>".to_vec();
        let n = pdf.len();
        stamp_dates(&mut pdf, "20150601100515");
        assert_eq!(pdf.len(), n);
        let s = String::from_utf8(pdf).unwrap();
        assert_eq!(s.matches("(D:20150601100515+08'00')").count(), 2, "{s}");
    }

    #[test]
    fn missing_browser_is_an_artefact_error() {
        let e = missing("x", "y");
        assert!(e.to_string().contains("chromium could not be loaded from x"), "{e}");
    }
}
