//! The `result` object (placeholder until the typed structs land).

use serde::{Deserialize, Serialize};

/// Root of `result`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CreditReport {}
