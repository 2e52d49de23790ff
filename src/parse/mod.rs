//! Section parsers: [`crate::layout::Document`] → [`crate::report::CreditReport`] (issue [3/4]).
//!
//! [`parse_report`] splits the document at its headings ([`segment`]) and hands each section's
//! blocks to its parser. Every parser reads tables by label through one table reader
//! ([`table`]: row stream, header ↔ value pairing by overlap, values that keep their page
//! boxes), with the form-style sections' labels in [`form`] and the account blocks' in
//! [`detail`], so a parser never fails: what it cannot place stays at the schema's "absent"
//! value and is logged.

mod basic_info;
mod closing;
pub mod detail;
mod form;
mod header;
mod labels;
mod noncredit;
mod public_info;
pub mod segment;
mod summary;
mod summary_debt;
mod table;
mod text;

use crate::evidence::provenance::section as sec;
use crate::layout::Document;
use crate::report::CreditReport;

use segment::{SectionId as S, Sections};

/// Which of the two report versions a document is; they differ in a fixed set of rows and
/// names (report_layout.md §1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportVersion {
    /// 本人版: the personal copy.
    Personal,
    /// 授信机构版: the lender's copy.
    Institution,
}

/// Parses a whole report. Never panics and never fails: sections that are not printed (or not
/// found) come out empty, as the contract's "every key present" rule wants.
pub fn parse_report(doc: &Document, version: ReportVersion) -> CreditReport {
    let blocks = segment::lift_headings(&doc.blocks);
    let s = Sections::new(&blocks);
    // Each section under its `result` key, so that evidence notes know where they belong.
    CreditReport {
        credit_header: sec("creditHeader", || header::parse_header(s.get(S::Header))),
        person_basic_info: sec("personBasicInfo", || {
            basic_info::parse_basic_info(&basic_info::BasicInfoBlocks {
                identity: s.get(S::Identity),
                spouse: s.get(S::Spouse),
                residence: s.get(S::Residence),
                occupation: s.get(S::Occupation),
            })
        }),
        info_summary: sec("infoSummary", || {
            summary::parse_summary(&summary::SummaryBlocks {
                explication: s.get(S::DigitExplication),
                hint: s.get(S::CreditTransHint),
                breach: s.get(S::BreachSummary),
                extension_debt: s.get(S::ExtensionDebtSummary),
                noncredit: s.get(S::NoncreditSummary),
                public: s.get(S::PublicSummary),
                query: s.get(S::QuerySummary),
            })
        }),
        credit_trans_info_detail: sec("creditTransInfoDetail", || {
            detail::parse_credit_trans_detail(s.get(S::CreditTransDetail), version)
        }),
        noncredit_trans_info_detail: sec("noncreditTransInfoDetail", || {
            noncredit::parse_noncredit(s.get(S::NoncreditDetail))
        }),
        public_info_detail: sec("publicInfoDetail", || {
            public_info::parse_public_info(&public_info::PublicBlocks {
                owing_tax: s.get(S::OwingTax),
                civil_judgment: s.get(S::CivilJudgment),
                force_execute: s.get(S::ForceExecute),
                administrative_penalty: s.get(S::AdministrativePenalty),
                housing_fund: s.get(S::HousingFund),
                low_security_rescue: s.get(S::LowSecurityRescue),
                executive_qualification: s.get(S::ExecutiveQualification),
                administrative_reward: s.get(S::AdministrativeReward),
            })
        }),
        self_declare: sec("selfDeclare", || closing::parse_self_declare(s.get(S::SelfDeclare))),
        objection_label: sec("objectionLabel", || {
            closing::parse_objection_label(s.get(S::ObjectionLabel))
        }),
        query_record: sec("queryRecord", || {
            closing::parse_query_record(s.get(S::QueryRecord), version)
        }),
    }
}

#[cfg(test)]
mod sample_tests;
