//! Section parsers: [`crate::layout::Document`] → [`crate::report::CreditReport`] (issue [3/4]).

pub mod detail;

/// Which of the two report versions a document is; they differ in a fixed set of rows and
/// names (report_layout.md §1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportVersion {
    /// 本人版: the personal copy.
    Personal,
    /// 授信机构版: the lender's copy.
    Institution,
}
