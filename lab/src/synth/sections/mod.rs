//! One module per report section. Each draws its values once, writes them into the truth
//! (`zhengxin::report::CreditReport`, following shared/spec/CONVENTIONS.md) and emits the blocks
//! that print exactly those values.

pub mod accounts;
pub mod basic;
pub mod cards;
pub mod detail_other;
pub mod grid;
pub mod header;
pub mod public;
pub mod summary;
pub mod tail;

use super::date::Date;

/// The fictitious subject of a report.
#[derive(Debug, Clone)]
pub struct Person {
    pub name: String,
    pub male: bool,
    pub birth: Date,
    pub id: String,
}

/// Chinese numerals for section numbers.
pub fn cn_num(n: usize) -> &'static str {
    [
        "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二",
    ][n.saturating_sub(1).min(11)]
}

/// `（一）`-style sub-section prefix.
pub fn sub_title(n: usize, title: &str) -> String {
    format!("（{}）{}", cn_num(n), title)
}
