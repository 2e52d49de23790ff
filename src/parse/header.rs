//! 报告头 → `creditHeader` (report_layout.md §4): report number and time, the subject table,
//! 其他证件信息, 防欺诈警示 and 异议信息提示.

use crate::evidence::provenance;
use crate::layout::Block;
use crate::report::{AntiHackInfo, CreditHeader, OtherIdInfo};

use super::form::{accepts, items, read_form, read_list, sentence, split_titles, Item};

const SECTION: &str = "creditHeader";

const T_OTHER_ID: usize = 0;
const T_ANTI_HACK: usize = 1;
const T_OBJECTION: usize = 2;
const TITLES: &[&[&str]] = &[&["其他证件信息"], &["防欺诈警示"], &["异议信息提示"]];

fn set_subject(h: &mut CreditHeader, label: &str, v: String) -> bool {
    match label {
        "被查询者姓名" => h.who_was_checked = v,
        "被查询者证件类型" => h.id_type = v,
        "被查询者证件号码" => h.id_num = v,
        "查询机构" | "查询操作机构" => h.organization = v,
        "查询原因" => h.reason = v,
        _ => return false,
    }
    true
}

fn set_other_id(o: &mut OtherIdInfo, label: &str, v: String) -> bool {
    match label {
        "证件类型" => o.kind = v,
        "证件号码" => o.id_num = v,
        _ => return false,
    }
    true
}

fn set_anti_hack(a: &mut AntiHackInfo, label: &str, v: String) -> bool {
    match label {
        "生效日期" => a.effect_date = v,
        "截止日期" | "截至日期" => a.due_date = v,
        _ => return false,
    }
    true
}

/// Text after `label：` in `text`, up to `stop` (when another labelled value shares the line).
fn labelled(text: &str, label: &str, stop: &str) -> Option<String> {
    let start = text.find(label)? + label.len();
    let rest = text[start..].trim_start_matches([' ', '：', ':']);
    let rest = match rest.find(stop) {
        Some(end) if !stop.is_empty() => &rest[..end],
        _ => rest,
    };
    Some(rest.trim().to_string())
}

/// 报告编号 and 报告时间 wherever they are printed (a table's first row, or lines above it).
fn number_and_time(its: &[Item], h: &mut CreditHeader) {
    let texts = its.iter().flat_map(|it| match it {
        Item::Line { text, boxes, .. } => vec![(text.as_str(), boxes.as_slice())],
        Item::Row(cells) => cells.iter().map(|c| (c.text.as_str(), c.boxes.as_slice())).collect(),
    });
    for (t, boxes) in texts {
        if h.serial_no.is_empty() {
            if let Some(v) = labelled(t, "报告编号", "报告时间") {
                provenance::note_keyed(Some("serialNo"), &v, boxes);
                h.serial_no = v;
            }
        }
        if h.report_time.is_empty() {
            if let Some(v) = labelled(t, "报告时间", "报告编号") {
                provenance::note_keyed(Some("reportTime"), &v, boxes);
                h.report_time = v;
            }
        }
    }
}

/// 防欺诈警示: the sentence row (or line) and the 生效日期/截止日期 pair.
fn anti_hack(its: &[Item]) -> AntiHackInfo {
    let mut a: AntiHackInfo = read_form(its, set_anti_hack, SECTION);
    let is_label = accepts(set_anti_hack);
    let first_header = its
        .iter()
        .position(|it| matches!(it, Item::Row(cells) if cells.iter().any(|c| is_label(&c.key))));
    let before = &its[..first_header.unwrap_or(its.len())];
    a.warning_info = sentence(before);
    a
}

/// Parses the blocks before `一 个人基本信息`.
pub fn parse_header(blocks: &[Block]) -> CreditHeader {
    let its = items(blocks);
    let parts = split_titles(&its, TITLES);
    let mut h = CreditHeader::default();
    for p in &parts {
        match p.title {
            None => {
                number_and_time(p.items, &mut h);
                let subject: CreditHeader = read_form(p.items, set_subject, SECTION);
                h.who_was_checked = subject.who_was_checked;
                h.id_type = subject.id_type;
                h.id_num = subject.id_num;
                h.organization = subject.organization;
                h.reason = subject.reason;
            }
            Some(T_OTHER_ID) => h.other_id_info.extend(read_list(p.items, set_other_id, SECTION)),
            Some(T_ANTI_HACK) => h.anti_hack_info = anti_hack(p.items),
            Some(T_OBJECTION) => {
                // The sentence is the title's only companion; a wrapped sentence may come as
                // several lines.
                h.objection_info = sentence(p.items);
            }
            Some(_) => {}
        }
    }
    h
}

#[cfg(test)]
mod tests {
    use super::super::form::testutil::{line, table};
    use super::*;

    #[test]
    fn reads_all_header_tables() {
        let blocks = vec![
            line("个人信用报告"),
            line("（本人版）"),
            table(&[
                &["3|报告编号：201506010000332123", "2|报告时间：2015.06.01 10:05:15"],
                &[
                    "被查询者姓名",
                    "被查询者证件类型",
                    "被查询者证件号码",
                    "查询机构",
                    "查询原因",
                ],
                &[
                    "张十五",
                    "身份证",
                    "110108******181X",
                    "中国人民银行营业管理部",
                    "本人查询（临柜）",
                ],
            ]),
            table(&[
                &["2|其他证件信息"],
                &["证件类型", "证件号码"],
                &["护照", "G30003516"],
                &["军官证", "M0938981"],
            ]),
            table(&[
                &["2|防欺诈警示"],
                &["2|信息主体申请设置防欺诈警示，联系电话：010—90000000/13900000000。"],
                &["生效日期", "截止日期"],
                &["2015 年 5 月 29 日", "2016年5月28日"],
            ]),
            line("异议信息提示"),
            table(&[&["信息主体对信用报告内容提出了 3 笔异议且正在处理中，请浏览时注意阅读相关内容。"]]),
        ];
        let h = parse_header(&blocks);
        assert_eq!(h.serial_no, "201506010000332123");
        assert_eq!(h.report_time, "2015.06.01 10:05:15");
        assert_eq!(h.who_was_checked, "张十五");
        assert_eq!(h.id_type, "身份证");
        assert_eq!(h.id_num, "110108******181X");
        assert_eq!(h.organization, "中国人民银行营业管理部");
        assert_eq!(h.reason, "本人查询（临柜）");
        assert_eq!(h.other_id_info.len(), 2);
        assert_eq!(h.other_id_info[1].kind, "军官证");
        assert_eq!(h.other_id_info[1].id_num, "M0938981");
        assert_eq!(
            h.anti_hack_info.warning_info,
            "信息主体申请设置防欺诈警示，联系电话：010—90000000/13900000000。"
        );
        assert_eq!(h.anti_hack_info.effect_date, "2015年5月29日");
        assert_eq!(h.anti_hack_info.due_date, "2016年5月28日");
        assert_eq!(
            h.objection_info,
            "信息主体对信用报告内容提出了3笔异议且正在处理中，请浏览时注意阅读相关内容。"
        );
    }

    #[test]
    fn number_and_time_on_one_line_and_absent_tables() {
        let blocks = vec![
            line("报告编号：2021022310000000000001 报告时间：2021.02.23 10:00:01"),
            table(&[&["查询原因", "被查询者姓名"], &["贷款审批", "李四"]]),
        ];
        let h = parse_header(&blocks);
        assert_eq!(h.serial_no, "2021022310000000000001");
        assert_eq!(h.report_time, "2021.02.23 10:00:01");
        assert_eq!(h.who_was_checked, "李四");
        assert_eq!(h.reason, "贷款审批");
        assert!(h.other_id_info.is_empty());
        assert_eq!(h.anti_hack_info, AntiHackInfo::default());
        assert_eq!(h.objection_info, "");
    }
}
