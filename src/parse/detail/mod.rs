//! 三 信贷交易信息明细 → `creditTransInfoDetail` (report_layout.md §7).
//!
//! Input: the blocks between the section heading and the next level-1 heading, sub-headings
//! `（一）被追偿信息` … `（八）授信协议信息` included as lines. The blocks become one stream of
//! rows ([`rows`]); sub-headings and captions (`账户N…`, `授信协议N`) cut it into records; each
//! record is read into label → value forms ([`record`]) and then into the schema type of its
//! sub-section ([`loan`], [`card`], [`other`]). Nothing here panics or fails: whatever cannot be
//! placed is logged (labels only, never values) and skipped.

mod addons;
mod anchors;
mod card;
mod grid;
mod labels;
mod loan;
mod other;
mod record;
mod rows;
mod state;

#[cfg(test)]
mod tests;

use crate::layout::Block;
use crate::report::CreditTransInfoDetail;

use super::ReportVersion;
use crate::parse::table::{self, Item};
use anchors::{DutyClass, Naming, SubSection};
use labels::compact;
use record::read_record;

/// Parses section 三 信贷交易信息明细. Both report versions and both naming sets of the
/// revolving sub-sections are accepted; `version` is only used to note a naming set that does
/// not match it.
pub fn parse_credit_trans_detail(blocks: &[Block], version: ReportVersion) -> CreditTransInfoDetail {
    let items = table::items(blocks);
    let mut walker = Walker {
        version: Some(version),
        detail: CreditTransInfoDetail::default(),
        ..Walker::default()
    };
    for item in &items {
        walker.visit(*item);
    }
    walker.flush();
    walker.detail
}

/// Labels that open a record's basic-info form (report_layout.md §7.1–7.10): every record
/// prints exactly one row headed by one of them, first in the record.
const OPENING_LABELS: &[&str] = &["管理机构", "发卡机构"];

/// Whether `item` is the header row that opens a record's basic-info form: its first known
/// label is an opening label (`管理机构` also heads no other form of the section).
fn opens_record(item: &Item<'_>) -> bool {
    rows::header(item).is_some_and(|h| h.first_known().is_some_and(|l| OPENING_LABELS.contains(&l)))
}

/// Where the walk is: sub-section, 相关还款责任 class, and the record being collected.
#[derive(Default)]
struct Walker<'a> {
    version: Option<ReportVersion>,
    detail: CreditTransInfoDetail,
    section: Option<SubSection>,
    duty_class: Option<DutyClass>,
    /// Caption name and the rows after it.
    current: Option<(String, Vec<Item<'a>>)>,
}

impl<'a> Walker<'a> {
    fn visit(&mut self, item: Item<'a>) {
        if let Some(text) = rows::title(&item) {
            let text = compact(&text);
            // Headings are only looked for in free lines: a table row holding a title word is
            // data. An OCR line may hold a heading, a 相关还款责任 class and a caption at once
            // (lines merged out of order); in print they come in that order.
            let section = matches!(item, Item::Line(_))
                .then(|| anchors::sub_section_within(&text))
                .flatten();
            let class = anchors::duty_class(&text);
            let caption = anchors::caption(&text);
            if let Some((section, naming)) = section {
                self.flush();
                self.note_naming(naming);
                self.section = Some(section);
                self.duty_class = None;
            }
            if let Some(class) = class {
                self.flush();
                self.duty_class = Some(class);
            }
            let handled = section.is_some() || class.is_some() || caption.is_some();
            if let Some(name) = caption {
                self.flush();
                // Evidence: the account's name points at its caption.
                crate::evidence::provenance::note_keyed(Some("name"), &name, &item.boxes());
                self.current = Some((name, Vec::new()));
            }
            if handled {
                return;
            }
        }
        if opens_record(&item)
            && self
                .current
                .as_ref()
                .is_some_and(|(_, rows)| rows.iter().any(opens_record))
        {
            // A second basic-info form in one record: the caption between the two records was
            // lost (OCR). Without this cut the second record's 截至 date, grid and add-ons
            // would overwrite or join the first one's; its name stays empty (not guessed).
            tracing::warn!("second basic-info form without a caption; read as a new record");
            self.flush();
            self.current = Some((String::new(), Vec::new()));
        }
        match &mut self.current {
            Some((_, rows)) => rows.push(item),
            None => {
                // A form before any caption: the caption line was lost (OCR), but the account is
                // still there, so read it without a name rather than drop it.
                if self.section.is_some() && rows::header(&item).is_some() {
                    tracing::warn!("account block without a caption; read with an empty name");
                    self.current = Some((String::new(), vec![item]));
                } else {
                    tracing::debug!("row before the first record skipped");
                }
            }
        }
    }

    /// Logs a revolving heading from the other version's naming set (both are accepted).
    fn note_naming(&self, naming: Naming) {
        let expected = match self.version {
            Some(ReportVersion::Personal) => Naming::Personal,
            Some(ReportVersion::Institution) => Naming::Institution,
            None => return,
        };
        if naming != Naming::Shared && naming != expected {
            tracing::debug!(?naming, "revolving sub-section uses the other version's naming set");
        }
    }

    /// Reads the record collected so far into its sub-section's list.
    fn flush(&mut self) {
        let Some((name, rows)) = self.current.take() else {
            return;
        };
        let Some(section) = self.section else {
            tracing::warn!("record before any sub-section heading skipped");
            return;
        };
        let raw = read_record(name, &rows);
        let d = &mut self.detail;
        match section {
            SubSection::Recovery => d.recovery_info.push(other::recovery_info(raw)),
            SubSection::Acyclic => d.acyclic_credit_account.push(loan::loan_account(raw)),
            SubSection::CyclicalAmount => d.cyclical_amount_per_account.push(loan::loan_account(raw)),
            SubSection::CyclicalLoan => d.cyclical_loan_account.push(loan::cyclical_loan_account(raw)),
            SubSection::CreditCard => d.credit_account.push(card::credit_account(raw)),
            SubSection::QuasiCreditCard => d.quasi_credit_account.push(card::quasi_credit_account(raw)),
            SubSection::RefundDuty => match other::refund_duty(raw, self.duty_class) {
                other::Duty::Person(p) => d.concerned_refund_duty_info.concern_refund_person_borrow.push(p),
                other::Duty::Company(c) => d.concerned_refund_duty_info.concern_refund_company_borrow.push(c),
            },
            SubSection::Protocol => d.extension_protocol_info.push(other::extension_protocol(raw)),
        }
    }
}
