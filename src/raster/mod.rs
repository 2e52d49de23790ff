//! Raster page analysis for image-only pages: choosing the render resolution, removing
//! seals, watermarks, wide gray overlays and halftone screens, binarising, finding copier streaks, estimating orientation and skew, and finding table
//! rulings in pixels. Pure image functions (no pdfium, no models) except [`dpi`], which reads
//! the page's embedded images. Output rulings are in PDF points so they feed the same grid
//! reconstruction as the text path.

pub mod binarize;
pub mod dpi;
pub mod flatten;
pub mod lines;
pub mod marks;
pub mod overlay;
pub mod pale_marks;
pub mod parts;
pub mod quad;
pub mod ridge;
pub mod rotate;
pub mod screen;
pub mod seal;
pub mod skew;
pub mod streaks;

pub use binarize::{
    binarize, clean_for_ocr, gray_to_rgb, keep_faint_strokes, smooth_along, suppress_seal_and_watermark, whiten_tint,
    BinarizeParams,
};
pub use dpi::choose_dpi;
pub use flatten::{flatten_background, FlattenParams};
pub use lines::{find_rulings, find_rulings_in, LineParams};
pub use overlay::{lift_overlay, Lifted, OverlayParams};
pub use pale_marks::{lift_pale_marks, PaleMarkParams};
pub use ridge::{ridge_mask, RidgeParams};
pub use rotate::{rotate_bilinear, rotate_bilinear_together};
pub use screen::{descreen, find_screen, Screen, ScreenParams};
pub use seal::{find_seals, gray_without_seals, Seal, SealParams};
pub use skew::{estimate_skew_deg, SkewParams};
pub use streaks::{column_depth, deep_stretches, streak_columns, StreakParams};
