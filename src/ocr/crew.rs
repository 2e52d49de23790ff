//! The engines of one pool and which of them are free, so that an idle engine's recogniser
//! can read part of a busy engine's page.
//!
//! Pages are the unit of work: one engine reads one page. When a document's last pages are
//! being read, the engines that have no page left stand idle: on a 2-core box the last page
//! of an 8-page scan read alone for 1.7 s of the run's 12.9 (the 1 → 2-core scaling missed
//! 1.8× by that tail). A recogniser call's batches are independent, so an
//! engine that is out of work can take some of them: the calling page borrows a free engine
//! here ([`Crew::spare`]) for as long as batches are left, and gives it back at once when a
//! page is waiting for an engine ([`Spare::wanted`]). Only free engines are borrowed, so the
//! number of engines at work (one per core) stays the pool's size.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, OnceLock};

use crate::ocr::session::Models;

/// A pool's engines: their models once loaded, and which engines nobody holds.
#[derive(Debug)]
pub struct Crew {
    /// Each engine's models, set when it is loaded.
    members: Vec<OnceLock<Arc<Models>>>,
    /// Indices of the engines nobody holds.
    free: Mutex<Vec<usize>>,
    /// Signalled whenever an engine is given back.
    returned: Condvar,
    /// Callers waiting in [`Crew::hold`]: a lent engine goes back to them first.
    waiting: AtomicUsize,
    /// Engines lent so far.
    lends: AtomicUsize,
}

impl Crew {
    /// `size` engines (at least one), none loaded and all free.
    pub fn new(size: usize) -> Arc<Self> {
        let size = size.max(1);
        Arc::new(Self {
            members: (0..size).map(|_| OnceLock::new()).collect(),
            // Reversed so that `pop` hands out engine 0 first: a one-page document loads one.
            free: Mutex::new((0..size).rev().collect()),
            returned: Condvar::new(),
            waiting: AtomicUsize::new(0),
            lends: AtomicUsize::new(0),
        })
    }

    /// How many engines there are.
    pub fn size(&self) -> usize {
        self.members.len()
    }

    /// How many times an idle engine was lent.
    pub fn lends(&self) -> usize {
        self.lends.load(Ordering::Relaxed)
    }

    /// Records that engine `index` has loaded `models` (the first record stands).
    pub fn joined(&self, index: usize, models: &Arc<Models>) {
        if let Some(slot) = self.members.get(index) {
            let _ = slot.set(Arc::clone(models));
        }
    }

    /// Takes a free engine, waiting until one is given back if all are held. The caller gives
    /// it back with [`Crew::release`].
    pub fn hold(&self) -> usize {
        // A panic while the list was held cannot leave it inconsistent (push and pop only).
        let mut free = self.free.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(index) = free.pop() {
            return index;
        }
        self.waiting.fetch_add(1, Ordering::SeqCst);
        let index = loop {
            free = self.returned.wait(free).unwrap_or_else(|p| p.into_inner());
            if let Some(index) = free.pop() {
                break index;
            }
        };
        self.waiting.fetch_sub(1, Ordering::SeqCst);
        index
    }

    /// Gives engine `index` back.
    pub fn release(&self, index: usize) {
        let mut free = self.free.lock().unwrap_or_else(|p| p.into_inner());
        free.push(index);
        drop(free);
        self.returned.notify_one();
    }

    /// A free engine whose models are loaded, lent until the [`Spare`] drops; `None` when
    /// every loaded engine is held or someone is waiting for one (a page comes first).
    /// Never loads an engine: loading costs more than the batches it would read.
    pub fn spare(self: &Arc<Self>) -> Option<Spare> {
        let mut free = self.free.lock().unwrap_or_else(|p| p.into_inner());
        // Read under the lock: `hold` counts itself waiting while it holds the lock, so an
        // engine given back meanwhile cannot be lent before the waiting page takes it.
        if self.waiting.load(Ordering::SeqCst) > 0 {
            return None;
        }
        let (at, models) = free
            .iter()
            .enumerate()
            .rev()
            .find_map(|(at, &i)| Some((at, Arc::clone(self.members[i].get()?))))?;
        let index = free.remove(at);
        drop(free);
        self.lends.fetch_add(1, Ordering::Relaxed);
        Some(Spare {
            crew: Arc::clone(self),
            index,
            models,
        })
    }
}

/// An idle engine's models, lent for part of one recogniser call; given back when dropped.
pub struct Spare {
    crew: Arc<Crew>,
    index: usize,
    models: Arc<Models>,
}

impl Spare {
    /// The lent engine's models.
    pub fn models(&self) -> &Models {
        &self.models
    }

    /// Whether a page is waiting for an engine: the borrower should stop after its batch.
    pub fn wanted(&self) -> bool {
        self.crew.waiting.load(Ordering::SeqCst) > 0
    }
}

impl Drop for Spare {
    fn drop(&mut self) {
        self.crew.release(self.index);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    // Holding and giving back engines is tested through the pool (`pipeline::engines`).

    fn models() -> Arc<Models> {
        let settings = crate::config::Settings::from_env().expect("settings");
        let params = crate::ocr::OcrParams {
            threads: 1,
            ..settings.ocr.clone()
        };
        Arc::new(
            crate::ocr::session::load_models(&params, &settings.ocr_files())
                .expect("models (run scripts/download_models.sh)"),
        )
    }

    #[test]
    fn only_free_loaded_engines_are_lent_and_they_come_back() {
        let crew = Crew::new(3);
        let page = crew.hold();
        assert_eq!(page, 0);
        assert!(crew.spare().is_none(), "engines 1 and 2 are free but have no models");
        crew.joined(2, &models());
        let spare = crew.spare().expect("engine 2 is free and loaded");
        assert_eq!(spare.index, 2);
        assert!(crew.spare().is_none(), "engine 2 is lent once");
        assert_eq!(crew.hold(), 1, "a page still gets the free unloaded engine");
        drop(spare);
        assert_eq!(crew.hold(), 2, "the lent engine came back");
    }

    #[test]
    fn a_waiting_page_stops_lending_and_gets_the_lent_engine() {
        let crew = Crew::new(2);
        crew.joined(1, &models());
        let page = crew.hold();
        let spare = crew.spare().expect("engine 1 is free and loaded");
        assert!(!spare.wanted());
        std::thread::scope(|s| {
            let waiter = s.spawn(|| crew.hold());
            while crew.waiting.load(Ordering::SeqCst) == 0 {
                std::thread::sleep(Duration::from_millis(1));
            }
            assert!(spare.wanted(), "the borrower is told to stop");
            let index = spare.index;
            drop(spare);
            assert!(crew.spare().is_none(), "the engine given back goes to the waiting page");
            assert_eq!(waiter.join().unwrap(), index);
            crew.release(index);
            // Free and loaded again, but no one waits: lent again.
            assert!(crew.spare().is_some());
        });
        assert_eq!(crew.waiting.load(Ordering::SeqCst), 0);
        crew.release(page);
    }
}
