//! Plants in the header and the identity: a wrong ID check digit, a birth date that is not the
//! ID's, an impossible report time, a report number of the wrong form, a report number dated
//! another day than the report, a mobile number not of the printed form.

use super::super::ident::id_check_char;
use super::super::model::Block;
use super::print::{below, cell_reading, has, reprint, reprint_value, starting, table_with};
use super::{read_date, Draft};

/// An unmasked 18-character 居民身份证 number (17 digits and a check character).
fn unmasked(id: &str) -> bool {
    let b = id.as_bytes();
    b.len() == 18 && b[..17].iter().all(u8::is_ascii_digit)
}

/// Prints one unmasked ID number (the header's, a 户口簿 number, the spouse's) with a check
/// character that does not agree with its 17 digits. The digits, birth date included, stay.
pub fn check_digit(d: &mut Draft<'_>) -> Option<()> {
    let h = &mut d.truth.credit_header;
    let mut ids: Vec<&mut String> = Vec::new();
    if unmasked(&h.id_num) {
        ids.push(&mut h.id_num);
    }
    ids.extend(
        h.other_id_info
            .iter_mut()
            .map(|o| &mut o.id_num)
            .filter(|s| unmasked(s)),
    );
    let spouse = &mut d.truth.person_basic_info.connubial_info.id_num;
    if unmasked(spouse) {
        ids.push(spouse);
    }
    if ids.is_empty() {
        return None;
    }
    let k = d.rng.below(ids.len() as u64) as usize;
    let id = ids.swap_remove(k);
    let right = id_check_char(&id[..17]);
    let wrong = loop {
        let c = char::from(b'0' + d.rng.below(10) as u8);
        if c != right {
            break c;
        }
    };
    let new = format!("{}{wrong}", &id[..17]);
    // An ID number is printed once, in the one cell that reads it.
    let cell = cell_reading(d.blocks, id);
    reprint_value(id, cell, new)
}

/// Prints a 出生日期 other than the one inside the (unmasked) header ID number.
pub fn birth_date(d: &mut Draft<'_>) -> Option<()> {
    unmasked(&d.truth.credit_header.id_num).then_some(())?;
    let b = &mut d.truth.person_basic_info.person_info.birthday.value;
    let old = read_date(b)?;
    let shift = d.rng.range(1, 400) * if d.rng.chance(0.5) { 1 } else { -1 };
    let new = old.add_days(shift).dot();
    let cell = table_with(d.blocks, "出生日期").and_then(|t| below(t, "出生日期"));
    reprint_value(b, cell, new)
}

/// The header table (the one printing `报告时间：`).
fn header_table(blocks: &mut [Block]) -> Option<&mut super::super::model::Table> {
    blocks.iter_mut().find_map(|b| match b {
        Block::Table(t)
            if t.rows
                .iter()
                .flat_map(|r| &r.cells)
                .any(|c| c.text.starts_with("报告时间：")) =>
        {
            Some(t)
        }
        _ => None,
    })
}

/// Prints a report time with an hour past 23 (`2015.06.01 26:05:15`).
pub fn report_time_format(d: &mut Draft<'_>) -> Option<()> {
    let t = &mut d.truth.credit_header.report_time;
    let (day, clock) = t.split_once(' ')?;
    let (_, rest) = clock.split_once(':')?;
    let new = format!("{day} {}:{rest}", d.rng.range(24, 29));
    reprint(
        t,
        header_table(d.blocks).and_then(|h| starting(h, "报告时间：")),
        "报告时间：",
        "",
        new,
    )
}

/// Prints a report number too short to be one (its last digits dropped).
pub fn serial_format(d: &mut Draft<'_>) -> Option<()> {
    let s = &mut d.truth.credit_header.serial_no;
    (s.len() >= 18 && s.is_ascii()).then_some(())?;
    let keep = d.rng.urange(14, 17);
    let new = s[..keep].to_string();
    reprint(
        s,
        header_table(d.blocks).and_then(|h| starting(h, "报告编号：")),
        "报告编号：",
        "",
        new,
    )
}

/// Prints a report number whose leading date is a few days before or after the report time's.
pub fn serial_date(d: &mut Draft<'_>) -> Option<()> {
    let s = &mut d.truth.credit_header.serial_no;
    (s.len() >= 18 && s.is_ascii()).then_some(())?;
    let shift = d.rng.range(1, 30) * if d.rng.chance(0.5) { 1 } else { -1 };
    let day = d.today.add_days(shift);
    let new = format!("{:04}{:02}{:02}{}", day.y, day.m, day.d, &s[8..]);
    let header = header_table(d.blocks)?;
    has(header, &format!("报告编号：{s}")).then_some(())?;
    reprint(s, starting(header, "报告编号："), "报告编号：", "", new)
}

/// Prints one 手机号码 with its last digit dropped: ten digits are no phone number's form.
pub fn mobile_format(d: &mut Draft<'_>) -> Option<()> {
    let mobiles = &mut d.truth.person_basic_info.person_info.mobile;
    let k = mobiles
        .iter()
        .position(|m| m.mobile.len() == 11 && m.mobile.bytes().all(|b| b.is_ascii_digit()))?;
    let m = &mut mobiles[k].mobile;
    let new = m[..10].to_string();
    // A number is printed once, in the one cell that reads it.
    let cell = cell_reading(d.blocks, m);
    reprint_value(m, cell, new)
}

/// Numbers the last 居住信息 record one past its place (`编号` 3 for the second of two), in every
/// cell of the table that prints that number (the personal version prints it twice).
pub fn record_numbering(d: &mut Draft<'_>) -> Option<()> {
    let records = &mut d.truth.person_basic_info.lived_infos;
    let last = records.len().checked_sub(1)?;
    let old = records[last].no.clone();
    (old == records.len().to_string()).then_some(())?;
    let new = (records.len() + 1).to_string();
    let t = table_with(d.blocks, "居住地址")?;
    let cells: Vec<_> = t
        .rows
        .iter_mut()
        .flat_map(|r| r.cells.iter_mut())
        .filter(|c| c.text == old)
        .collect();
    if cells.is_empty() {
        return None;
    }
    for c in cells {
        c.text = new.clone();
    }
    records[last].no = new;
    Some(())
}

/// Sets the 编号 cell of the one printed row whose cells read exactly `row` (a record's number
/// and values, in print order) to `new`; `None` when no row or several read so.
fn renumber_row(blocks: &mut [Block], row: &[&str], new: &str) -> Option<()> {
    let mut hits = blocks
        .iter_mut()
        .filter_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
        .flat_map(|t| t.rows.iter_mut())
        .filter(|r| r.cells.len() == row.len() && r.cells.iter().zip(row).all(|(c, v)| c.text == *v));
    let hit = hits.next()?;
    if hits.next().is_some() {
        return None;
    }
    hit.cells[0].text = new.to_string();
    Some(())
}

/// The number one past the last record's place, printed in that record's row (`row`: its
/// number and values in print order) when the record holds its place (`n` records); the
/// caller then writes it to the truth.
fn renumber_last(blocks: &mut [Block], n: usize, row: &[&str]) -> Option<String> {
    (row.first()? == &n.to_string()).then_some(())?;
    let new = (n + 1).to_string();
    renumber_row(blocks, row, &new)?;
    Some(new)
}

/// Numbers the last 欠税记录 one past its place (`编号` 3 for the second of two).
pub fn public_numbering(d: &mut Draft<'_>) -> Option<()> {
    let records = &mut d.truth.public_info_detail.owing_tax_record;
    let n = records.len();
    let r = records.last_mut()?;
    let row = [
        r.no.as_str(),
        &r.charged_tax_office,
        &r.owing_tax_amount,
        &r.owing_tax_stats_date,
    ];
    r.no = renumber_last(d.blocks, n, &row)?;
    Some(())
}

/// Numbers the last 机构查询记录 one past its place.
pub fn query_numbering(d: &mut Draft<'_>) -> Option<()> {
    let records = &mut d.truth.query_record.company_query_record;
    let n = records.len();
    let r = records.last_mut()?;
    let row = [r.no.as_str(), &r.date, &r.query_company, &r.query_reason];
    r.no = renumber_last(d.blocks, n, &row)?;
    Some(())
}
