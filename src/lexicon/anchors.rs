//! The fixed words of dated anchor lines (report_layout.md §15): `截至YYYY年MM月DD日…`,
//! `YYYY年MM月DD日以后的最新还款记录`, `YYYY年MM月—YYYY年MM月的还款记录` / `…的缴费记录`. The dates
//! between them are read by the parsers and checked by correction.

/// Opens a state line: `截至2015年05月25日，…`.
pub const AS_OF: &str = "截至";
/// The homophone some renderings print for [`AS_OF`].
pub const AS_OF_VARIANT: &str = "截止";
/// Closes the title of an account's latest repayment: `2015年05月05日以后的最新还款记录`.
pub const LATEST_REPAYMENT: &str = "以后的最新还款记录";
/// Closes the title of a credit account's repayment grid.
pub const REPAYMENT_RECORD: &str = "的还款记录";
/// Closes the title of a 后付费 account's payment grid.
pub const PAYMENT_RECORD: &str = "的缴费记录";
