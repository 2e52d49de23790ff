//! Allocator settings for the OCR path.
//!
//! ONNX Runtime runs without its CPU arena (it kept ~450 MB more resident), so every inference
//! allocates its tensors from the C heap. glibc serves blocks above its mmap threshold with
//! fresh `mmap`s and returns them with `munmap`, so each page's tensors were faulted in anew:
//! 15–19 % of a scanned page's time was kernel page-fault work. Serving every block from the
//! heap (no mmap; the threshold cannot be raised past 32 MB, and det tensors are larger) and
//! trimming only past 1 GB of free top keeps freed blocks for the next page. Measured on a 7-page 300-DPI scan
//! (`/usr/bin/time zhengxin parse`): system time 4.4 → 1.2 s, wall −8 %, peak RSS unchanged
//! (1,117 → 1,085 MB).
//!
//! One heap (arena) for all threads. By default glibc gives each thread that allocates at
//! once its own arena, and with the settings above each arena keeps what it freed: a page's
//! recogniser sessions and page workers then each held their own high-water mark, freed
//! memory that another thread's next tensor could not reuse. Measured on one 300-DPI page
//! (`zhengxin parse`, one page worker, 2 rec sessions): peak RSS 729 MB with the default
//! arenas, 506 MB with 2, 413 MB with 1, at no cost in time (4.1 / 3.6 / 3.4 s, noisy).
//! Threads allocate large tensors rarely and small blocks from their own per-thread cache, so
//! the one arena's lock is not contended.

/// Free heap top kept rather than returned to the system.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
const TRIM_THRESHOLD: libc::c_int = 1 << 30;

/// Arenas (heaps) shared by all threads.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
const ARENA_MAX: libc::c_int = 1;

/// Applies the settings; call once at start-up, before heavy allocation. A no-op where the
/// C library is not glibc. The crate's only `unsafe` (the lint is `deny` rather than `forbid`
/// for this one call).
#[allow(unsafe_code)]
pub fn tune_for_ocr() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only changes allocator parameters; it is called before any thread that
    // allocates heavily is started, and invalid values are rejected by glibc (returns 0).
    unsafe {
        if libc::mallopt(libc::M_MMAP_MAX, 0) == 0
            || libc::mallopt(libc::M_TRIM_THRESHOLD, TRIM_THRESHOLD) == 0
            || libc::mallopt(libc::M_ARENA_MAX, ARENA_MAX) == 0
        {
            tracing::debug!("mallopt rejected the OCR allocator settings");
        }
    }
}

/// Returns the heap's free memory to the system: called once a document's OCR pages are read,
/// so a server does not hold a long scan's high-water mark between requests. Not after every
/// page: `malloc_trim` also releases the free pages inside the heap, and the next page faulted
/// them all in again. Measured on a 22-page 200-DPI scan (`/usr/bin/time zhengxin parse`, two
/// rounds): system time 4.1–4.4 → 0.8 s; peak RSS of the 50-page 28.7 MB scan 945 → 900 MB
/// (within the ±60 MB the peak varies by from run to run), so the heap does not grow across
/// pages without it.
#[allow(unsafe_code)]
pub fn release_free_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only releases free heap pages; it takes the allocator's own locks.
    unsafe {
        libc::malloc_trim(0);
    }
}
