//! A fixed set of OCR engines shared by every page of every request.
//!
//! Each engine holds its own ONNX Runtime sessions (one detector session cannot run two pages
//! at once: ort's `Session::run` takes `&mut self`), so reading `n` pages side by side needs
//! `n` engines. A page borrows one for as long as it is being prepared and read and gives it
//! back when done; whoever asks while all are out waits. The pool's size is therefore the
//! bound on OCR work in the whole process: concurrent requests and the pages inside each share
//! the same engines, and engines × intra-op threads stays at the core count
//! (`Settings::page_workers`). An engine nobody holds may be lent to a page's recogniser
//! calls meanwhile ([`Crew`]), so the cores of engines left without a page help read the
//! last ones.

use std::sync::Arc;

use crate::ocr::{Crew, OcrEngine, OcrFiles, OcrParams, OcrSlot};
use crate::Result;

/// The engines and which of them are free (the [`Crew`], through which an idle engine also
/// helps read a busy one's page).
pub struct EnginePool {
    slots: Vec<OcrSlot>,
    crew: Arc<Crew>,
}

impl EnginePool {
    /// `size` engines (at least one) that load their models when first borrowed.
    pub fn lazy(params: &OcrParams, files: &OcrFiles, size: usize) -> Self {
        let crew = Crew::new(size);
        Self {
            slots: (0..crew.size())
                .map(|i| OcrSlot::member(params, files, &crew, i))
                .collect(),
            crew,
        }
    }

    /// `size` engines with their models loaded now, side by side (a server: no request pays
    /// for the load). Fails as [`OcrEngine::new`] does.
    pub fn eager(params: &OcrParams, files: &OcrFiles, size: usize) -> Result<Self> {
        let pool = Self::lazy(params, files, size);
        std::thread::scope(|s| {
            let loads: Vec<_> = pool
                .slots
                .iter()
                .map(|slot| s.spawn(|| slot.get().map(|_| ())))
                .collect();
            loads
                .into_iter()
                .map(|h| {
                    h.join()
                        .unwrap_or_else(|_| Err(crate::Error::ocr("OCR model load panicked")))
                })
                .collect::<Result<Vec<()>>>()
        })?;
        Ok(pool)
    }

    /// How many engines there are: the most pages read at once.
    pub fn size(&self) -> usize {
        self.slots.len()
    }

    /// The first engine, loaded if it is not yet, without borrowing it (tools that run one
    /// model call at a time; pages go through [`EnginePool::lease`]).
    pub fn first(&self) -> Result<&OcrEngine> {
        self.slots[0].get()
    }

    /// The first engine if it is loaded.
    pub fn first_loaded(&self) -> Option<&OcrEngine> {
        self.slots[0].loaded()
    }

    /// Borrows a free engine, waiting until one is given back if all are out.
    pub fn lease(&self) -> Lease<'_> {
        Lease {
            pool: self,
            index: self.crew.hold(),
        }
    }
}

/// One borrowed engine; given back when dropped.
pub struct Lease<'a> {
    pool: &'a EnginePool,
    index: usize,
}

impl Lease<'_> {
    /// The engine, its models loaded first if no one has yet.
    pub fn engine(&self) -> Result<&OcrEngine> {
        self.pool.slots[self.index].get()
    }
}

impl Drop for Lease<'_> {
    fn drop(&mut self) {
        self.pool.crew.release(self.index);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::Duration;

    fn pool(size: usize) -> EnginePool {
        // Lazy and never asked for an engine: no model file is read.
        EnginePool::lazy(
            &OcrParams::default(),
            &OcrFiles {
                models_dir: "/nonexistent".into(),
                ort_lib: "/nonexistent".into(),
                gpu_ort_lib: "/nonexistent".into(),
            },
            size,
        )
    }

    #[test]
    fn leases_are_distinct_and_come_back() {
        let p = pool(2);
        let a = p.lease();
        let b = p.lease();
        assert_ne!(a.index, b.index);
        drop(a);
        let c = p.lease();
        assert_ne!(c.index, b.index);
        assert_eq!(pool(0).size(), 1, "at least one engine");
    }

    #[test]
    fn no_more_holders_than_engines() {
        let p = pool(2);
        let (now, most) = (AtomicUsize::new(0), AtomicUsize::new(0));
        std::thread::scope(|s| {
            for _ in 0..6 {
                s.spawn(|| {
                    for _ in 0..5 {
                        let _lease = p.lease();
                        let held = now.fetch_add(1, Ordering::SeqCst) + 1;
                        most.fetch_max(held, Ordering::SeqCst);
                        std::thread::sleep(Duration::from_millis(2));
                        now.fetch_sub(1, Ordering::SeqCst);
                    }
                });
            }
        });
        let most = most.load(Ordering::SeqCst);
        assert!((1..=2).contains(&most), "{most} holders at once");
    }
}
