//! The OCR engine loaded now or on first use. Loading the models takes most of a short
//! `zhengxin parse` of a text report (≈ 0.5 s of 0.7 s) although no page of it needs them, so
//! a one-shot process loads them when a page first does; the server loads them at start-up,
//! before it reports ready, so that no request pays for it and a missing model stops start-up.

use std::sync::{Arc, Mutex, OnceLock};

use super::crew::Crew;
use super::{OcrEngine, OcrFiles, OcrParams};
use crate::Result;

/// An [`OcrEngine`], built at most once.
#[derive(Debug)]
pub struct OcrSlot {
    params: OcrParams,
    files: OcrFiles,
    engine: OnceLock<OcrEngine>,
    /// The pool and the engine's place in it, for a pool's engine.
    crew: Option<(Arc<Crew>, usize)>,
    /// Serialises the first load so that two pages needing OCR at once load the models once.
    loading: Mutex<()>,
}

impl OcrSlot {
    /// A slot that loads the models on first use.
    pub fn lazy(params: &OcrParams, files: &OcrFiles) -> Self {
        Self {
            params: params.clone(),
            files: files.clone(),
            engine: OnceLock::new(),
            crew: None,
            loading: Mutex::new(()),
        }
    }

    /// A slot that loads engine `index` of `crew` on first use ([`OcrEngine::in_crew`]).
    pub fn member(params: &OcrParams, files: &OcrFiles, crew: &Arc<Crew>, index: usize) -> Self {
        Self {
            crew: Some((Arc::clone(crew), index)),
            ..Self::lazy(params, files)
        }
    }

    /// A slot with the models loaded now; fails as [`OcrEngine::new`] does.
    pub fn eager(params: &OcrParams, files: &OcrFiles) -> Result<Self> {
        let slot = Self::lazy(params, files);
        slot.get()?;
        Ok(slot)
    }

    /// The engine, loading it first if no one has. A failed load is returned to this caller
    /// and tried again by the next one (a model file put in place meanwhile is picked up).
    pub fn get(&self) -> Result<&OcrEngine> {
        if let Some(engine) = self.engine.get() {
            return Ok(engine);
        }
        let _guard = self.loading.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(engine) = self.engine.get() {
            return Ok(engine);
        }
        let engine = match &self.crew {
            Some((crew, index)) => OcrEngine::in_crew(&self.params, &self.files, crew, *index)?,
            None => OcrEngine::new(&self.params, &self.files)?,
        };
        Ok(self.engine.get_or_init(|| engine))
    }

    /// The engine if it is loaded.
    pub fn loaded(&self) -> Option<&OcrEngine> {
        self.engine.get()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Settings;

    #[test]
    fn lazy_slot_loads_on_first_use_and_keeps_the_engine() {
        let settings = Settings::from_env().expect("settings");
        let slot = OcrSlot::lazy(&settings.ocr, &settings.ocr_files());
        assert!(slot.loaded().is_none(), "nothing is loaded before the first use");
        let first = slot.get().expect("models (run scripts/download_models.sh)") as *const OcrEngine;
        let second = slot.get().expect("second use") as *const OcrEngine;
        assert_eq!(first, second, "the engine is built once");
        assert!(slot.loaded().is_some());
    }

    #[test]
    fn missing_models_fail_on_use_and_again_on_retry() {
        let settings = Settings::from_env().expect("settings");
        let mut files = settings.ocr_files();
        files.models_dir = std::env::temp_dir().join("zhengxin-no-models-here");
        let slot = OcrSlot::lazy(&settings.ocr, &files);
        assert!(slot.get().is_err());
        assert!(slot.get().is_err(), "a failed load is not cached as success");
        assert!(slot.loaded().is_none());
        assert!(
            OcrSlot::eager(&settings.ocr, &files).is_err(),
            "eager load fails at once"
        );
    }
}
