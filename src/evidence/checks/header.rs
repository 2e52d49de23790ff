//! The report header: a valid report time, a report number of the printed form, and a report
//! number whose leading date is the report date (an integrity signal: the two are issued
//! together, so a mismatch points at an edited header).

use super::values;
use super::Check;
use crate::report::CreditReport;

const REPORT_TIME: &str = "header.reportTime.format";
const SERIAL_FORMAT: &str = "header.serialNo.format";
const SERIAL_TIME: &str = "integrity.serialNo.reportTime";

/// The report number's leading `YYYYMMDD`, when it has the printed form: digits only, 18 to
/// 24 of them, starting with a valid date.
fn serial_date(serial: &str) -> Option<values::Day> {
    let s = serial.trim();
    if !(18..=24).contains(&s.len()) || !s.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    values::date(&format!("{}.{}.{}", &s[..4], &s[4..6], &s[6..8]))
}

pub(super) fn run(r: &CreditReport, out: &mut Vec<Check>) {
    let h = &r.credit_header;
    let time = values::date_time(&h.report_time);
    if !h.report_time.trim().is_empty() {
        let ok = time.is_some();
        out.push(Check::new(
            REPORT_TIME,
            ok,
            vec!["creditHeader.reportTime".into()],
            if ok {
                "a valid date and time"
            } else {
                "not a valid YYYY.MM.DD HH:MM:SS date and time"
            }
            .into(),
        ));
    }
    if h.serial_no.trim().is_empty() {
        return;
    }
    let serial = serial_date(&h.serial_no);
    out.push(Check::new(
        SERIAL_FORMAT,
        serial.is_some(),
        vec!["creditHeader.serialNo".into()],
        if serial.is_some() {
            "18–24 digits starting with a date"
        } else {
            "not 18–24 digits starting with a date"
        }
        .into(),
    ));
    if let (Some(serial), Some((day, ..))) = (serial, time) {
        let ok = serial == day;
        out.push(Check::new(
            SERIAL_TIME,
            ok,
            vec!["creditHeader.serialNo".into(), "creditHeader.reportTime".into()],
            if ok {
                "the report number starts with the report date".to_string()
            } else {
                format!(
                    "the report number's date is {} day(s) from the report date",
                    (serial.ordinal() - day.ordinal()).abs()
                )
            },
        ));
    }
}
