//! Values in their printed form (rule `value.format`). The report prints each kind of value in
//! one form (report_layout.md §3, CONVENTIONS 1–4): dates as `YYYY.MM.DD` / `YYYY年MM月DD日` or
//! their months, amounts grouped by commas (`1,010,000`), counts as plain digits, shares as
//! `12%`, landlines with the area code and an em dash, a repayment grid's state as one code
//! character, and `--` where nothing applies. A value in another form was not printed so: two
//! cells run together (`0 0`, `NN`, `790,080790,180`), a character lost or added (`2011.01.`,
//! `00`), a dash read as stars (`**` for a count). Such a value is named by a failed check, so
//! it goes to review however sure the recogniser was of each character, and the confidence
//! model counts it as a value that does not parse ([`super::super::confidence::format_ok`]).
//!
//! Which form a value has is told by its JSON key (and, for a closed code table under the
//! generic key `value`, the key above it); keys whose printed form varies (names, institutions,
//! sentences, ranges such as `>65%`) have none and are not checked. An identifier's form is only
//! its alphabet: ID numbers of every type are printed in ASCII letters, digits and `*`, so a
//! character read into one from a neighbouring cell (`E71496117六`) is not printed so.
//!
//! A value of no fixed form is still not printed holding a column label of the report: an
//! address that ends in `数据发生机构名称` is two cells of a scan run together where a ruling
//! between them was lost, and the label's own cell (with the value under it) went missing with
//! it. Only labels of five characters or more count: shorter ones (`职务`, `还款方式`) are words a
//! name, an address or a sentence may hold; and not the labels that are also words of a code
//! table (`信用卡审批` heads a summary column and is a query's reason).

use std::sync::OnceLock;

use aho_corasick::AhoCorasick;

use super::Check;
use crate::correct::formats as form;
use crate::evidence::attribute::Leaf;
use crate::lexicon::codes::{
    self, ACCOUNT_STATES, COMPANY_NATURE, CURRENCIES, DEGREE, DUTY_TYPES, EDUCATION, EMPLOYMENT, FIVE_CLASS, GENDER,
    GRID_STATUS, INDUSTRIES, MARITAL, OCCUPATIONS, PAYMENT_STATES, PAYMENT_STATUS, POSITIONS, RESIDENCE_STATUS, TITLES,
};

const RULE: &str = "value.format";

/// The printed forms a value can be held to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// A date or a month, dotted or in 年月日, or `--`.
    Date,
    /// A money amount (`360,000`, `12.50`), or `--`.
    Amount,
    /// A whole count without leading zeros, or `--`.
    Count,
    /// A share `12%` / `7.5%`, or `--`.
    Percent,
    /// A mobile, a local number or `area—number`, or `--`.
    Phone,
    /// One status code of a repayment or payment grid.
    GridState,
    /// Two months `YYYY年MM月—YYYY年MM月` (a repayment grid's range).
    MonthRange,
    /// A word of a closed code table, or `--`.
    Code(&'static [&'static str]),
    /// An ID number: ASCII letters, digits, `*` (masking), `()` and `-`, or `--`.
    IdNumber,
    /// A country's Chinese name: two or more ideographs (中国, 美国, 中华人民共和国), or `--`.
    Country,
    /// A person's name: two characters or more (a surname and a given name), no digit, or `--`.
    PersonName,
}

/// Forms told by the end of a value's path, not by its key alone: the words of closed code
/// tables (under the generic `value`, the key above it names the table) and 国籍. Only tables
/// whose every printed word is known (a word missing from one would send right values to review):
/// the personal ones are the code tables of the PBOC product description (report_layout.md §13).
const PATH_FORMS: &[(&str, Form)] = &[
    ("accountState.value", Form::Code(ACCOUNT_STATES)),
    ("currPayedState", Form::Code(PAYMENT_STATES)),
    ("fiveLevelType", Form::Code(FIVE_CLASS)),
    ("personDutyType", Form::Code(DUTY_TYPES)),
    ("currencyType", Form::Code(CURRENCIES)),
    ("personInfo.country.value", Form::Country),
    ("connubialInfo.name", Form::PersonName),
    ("personInfo.gender.value", Form::Code(GENDER)),
    ("personInfo.isMarried.value", Form::Code(MARITAL)),
    ("personInfo.education.value", Form::Code(EDUCATION)),
    ("personInfo.qualification.value", Form::Code(DEGREE)),
    ("personInfo.job.value", Form::Code(EMPLOYMENT)),
    ("status", Form::Code(RESIDENCE_STATUS)),
    ("companyCharacter", Form::Code(COMPANY_NATURE)),
    ("jobNature", Form::Code(OCCUPATIONS)),
    ("industry", Form::Code(INDUSTRIES)),
    ("title", Form::Code(POSITIONS)),
];

/// Forms of a key inside one list: `level` is 职称 in 职业信息 but a free 等级 in 执业资格记录.
/// The borrower a person is liable for is a person in 个人借款 and a company in 企业借款.
const LIST_FORMS: &[(&str, &str, Form)] = &[
    ("personBasicInfo.experiences[", "level", Form::Code(TITLES)),
    (
        "creditTransInfoDetail.concernedRefundDutyInfo.concernRefundPersonBorrow[",
        "primaryBorrower",
        Form::PersonName,
    ),
];

/// Count keys that do not end in `Num`: the query counts of 查询记录概要 and 当前逾期期数.
const COUNT_KEYS: &[&str] = &[
    "currOverduePeriods",
    "loanApproval",
    "creditApproval",
    "selfQuery",
    "managerAfterLoan",
    "guaranteeInvestigate",
    "bespokeMerchantsRealNameInvestigate",
];

/// Amount keys that do not end in `Amount`: payments, overdue balances by age, incomes, the
/// per-institution and per-month highs and lows of the summaries (`tests/schema_coverage.rs`
/// holds this list to the contract's descriptions).
const AMOUNT_KEYS: &[&str] = &[
    "maxAmountPerCompany",
    "minAmountPerCompany",
    "maxAmountPerMonth",
    "realPayed",
    "scheduledPayment",
    "avg6monthPay",
    "amountPerMonth",
    "familyIncomePerMonth",
    "overdue31Tp60",
    "overdue61Tp90",
    "overdue91Tp180",
    "overdue180",
    "applyExecuteSubjectValue",
];

const DATE_KEYS: &[&str] = &["updateAt", "firstGotAt", "scheduledPayAt"];

const PHONE_KEYS: &[&str] = &["mobile", "tel", "homeTel", "officeTel"];

const PERCENT_KEYS: &[&str] = &["companyContributionProportion", "selfContributionProportion"];

/// The form of the value at `path` (whose last key is `key`), if its keys imply one.
pub fn form_at(path: &str, key: &str) -> Option<Form> {
    if let Some(&(_, _, form)) = LIST_FORMS
        .iter()
        .find(|(list, k, _)| *k == key && path.starts_with(list))
    {
        return Some(form);
    }
    PATH_FORMS
        .iter()
        .find(|(tail, _)| {
            path.strip_suffix(tail)
                .is_some_and(|head| head.is_empty() || head.ends_with('.'))
        })
        .map(|&(_, form)| form)
        .or_else(|| form_of(key))
}

/// The form of the value under JSON key `key`, if its key implies one.
pub fn form_of(key: &str) -> Option<Form> {
    // Asked once per leaf of a report (thousands): the case is ignored without a copy of the key.
    let ends = |suffix: &str| {
        let (k, s) = (key.as_bytes(), suffix.as_bytes());
        k.len() >= s.len() && k[k.len() - s.len()..].eq_ignore_ascii_case(s)
    };
    if DATE_KEYS.contains(&key) || (ends("date") && key != "dateRange") {
        Some(Form::Date)
    } else if AMOUNT_KEYS.contains(&key) || ends("amount") || ends("balance") {
        Some(Form::Amount)
    } else if COUNT_KEYS.contains(&key) || (key.ends_with("Num") && !key.ends_with("IdNum") && key != "idNum") {
        Some(Form::Count)
    } else if PERCENT_KEYS.contains(&key) {
        Some(Form::Percent)
    } else if PHONE_KEYS.contains(&key) {
        Some(Form::Phone)
    } else if key == "state" {
        Some(Form::GridState)
    } else if key == "dateRange" {
        Some(Form::MonthRange)
    } else if key == "idNum" || key.ends_with("IdNum") {
        Some(Form::IdNumber)
    } else if key == "whoWasChecked" {
        Some(Form::PersonName)
    } else {
        None
    }
}

impl Form {
    /// Whether `text` is printed in this form.
    pub fn fits(self, text: &str) -> bool {
        match self {
            Form::Date => form::is_date(text),
            Form::Amount => form::is_amount(text),
            Form::Count => form::is_count(text),
            Form::Percent => form::is_percent(text),
            Form::Phone => form::is_phone(text),
            Form::GridState => {
                let mut chars = text.chars();
                match (chars.next(), chars.next()) {
                    (Some(c), None) => GRID_STATUS.contains(&c) || PAYMENT_STATUS.contains(&c),
                    _ => false,
                }
            }
            Form::MonthRange => form::is_month_range(text),
            Form::Code(table) => text == "--" || table.contains(&text),
            Form::IdNumber => {
                text == "--"
                    || (!text.is_empty()
                        && text
                            .chars()
                            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '*' | '(' | ')' | '-')))
            }
            Form::PersonName => {
                text == "--" || (text.chars().count() >= 2 && !text.bytes().any(|b| b.is_ascii_digit()))
            }
            Form::Country => {
                text == "--"
                    || (text.chars().count() >= 2 && text.chars().all(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)))
            }
        }
    }

    /// What the form is, for a check's message.
    fn describe(self) -> &'static str {
        match self {
            Form::Date => "a date not in a printed date form",
            Form::Amount => "an amount not in the printed form (digits grouped by commas)",
            Form::Count => "a count that is not plain digits or --",
            Form::Percent => "a share not in the printed form (12%)",
            Form::Phone => "a phone number not in a printed form",
            Form::GridState => "a grid state that is not one status code",
            Form::MonthRange => "a month range not in the printed form (YYYY年MM月—YYYY年MM月)",
            Form::Code(_) => "a word that is not in its code table",
            Form::IdNumber => "an ID number with a character no ID number prints",
            Form::Country => "a country name that is not two or more ideographs",
            Form::PersonName => "a person's name of one character or with a digit",
        }
    }
}

/// Whether `text`, the value at `path` (last key `key`), is in the form its keys imply; `None`
/// when they imply none.
pub fn fits_at(path: &str, key: &str, text: &str) -> Option<bool> {
    form_at(path, key).map(|f| f.fits(text))
}

/// [`fits_at`] for a value known by its key alone.
pub fn fits(key: &str, text: &str) -> Option<bool> {
    fits_at(key, key, text)
}

/// Labels long enough that no value of the report prints one (see the module comment).
const LONG_LABEL_CHARS: usize = 5;

/// The column label of the report that `text` holds, if it holds one of
/// [`LONG_LABEL_CHARS`] characters or more.
pub fn held_label(text: &str) -> Option<&'static str> {
    static LABELS: OnceLock<(Vec<&'static str>, AhoCorasick, usize)> = OnceLock::new();
    let (labels, finder, shortest) = LABELS.get_or_init(|| {
        let is_code_word = |l: &str| codes::ALL.iter().any(|(_, words)| words.iter().any(|w| w.contains(l)));
        let labels: Vec<&'static str> = crate::lexicon::labels::column_labels()
            .iter()
            .copied()
            .filter(|l| l.chars().count() >= LONG_LABEL_CHARS && !is_code_word(l))
            .collect();
        let finder = AhoCorasick::new(&labels).expect("the lexicon's labels build one automaton");
        let shortest = labels.iter().map(|l| l.len()).min().unwrap_or(usize::MAX);
        (labels, finder, shortest)
    });
    // Most values (counts, dates, names) are shorter than any such label: no search.
    if text.len() < *shortest {
        return None;
    }
    finder.find(text).map(|m| labels[m.pattern().as_usize()])
}

pub(super) fn run(leaves: &[Leaf], out: &mut Vec<Check>) {
    let mut checked = 0usize;
    let mut failed = Vec::new();
    for leaf in leaves {
        let Some(form) = form_at(&leaf.path, &leaf.key) else {
            if let Some(label) = held_label(&leaf.text) {
                // Counted as checked so that `fit` below counts the values in form.
                checked += 1;
                failed.push(Check::new(
                    RULE,
                    false,
                    vec![leaf.path.clone()],
                    format!("a value that holds the column label {label}: two cells run together"),
                ));
            }
            continue;
        };
        checked += 1;
        if !form.fits(&leaf.text) {
            failed.push(Check::new(RULE, false, vec![leaf.path.clone()], form.describe().into()));
        }
    }
    // The values that fit are many (every grid cell): one passed check stands for all of
    // them; each value that does not fit fails a check of its own.
    let fit = checked - failed.len();
    if fit > 0 {
        out.push(Check::new(
            RULE,
            true,
            Vec::new(),
            format!(
                "{fit} dates, amounts, counts, shares, phone numbers, grid states, month ranges, \
                 code words and ID numbers in their printed form"
            ),
        ));
    }
    out.extend(failed);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_name_their_form() {
        assert_eq!(form_of("startDate"), Some(Form::Date));
        assert_eq!(form_of("updateAt"), Some(Form::Date));
        assert_eq!(form_of("dateRange"), Some(Form::MonthRange));
        assert_eq!(form_of("surplusAmount"), Some(Form::Amount));
        assert_eq!(form_of("amount"), Some(Form::Amount));
        assert_eq!(form_of("amountId"), None);
        assert_eq!(form_of("realPayed"), Some(Form::Amount));
        assert_eq!(form_of("accountNum"), Some(Form::Count));
        assert_eq!(form_of("idNum"), Some(Form::IdNumber));
        assert_eq!(form_of("primaryBorrowerIdNum"), Some(Form::IdNumber));
        assert_eq!(
            form_at("a.b[0].accountState.value", "value"),
            Some(Form::Code(ACCOUNT_STATES))
        );
        assert_eq!(form_at("a.b[0].country.value", "value"), None);
        assert_eq!(
            form_at("personBasicInfo.personInfo.country.value", "value"),
            Some(Form::Country)
        );
        assert_eq!(
            fits_at("personBasicInfo.personInfo.country.value", "value", "中国"),
            Some(true)
        );
        assert_eq!(
            fits_at("personBasicInfo.personInfo.country.value", "value", "中"),
            Some(false)
        );
        assert_eq!(
            form_at("a.b[0].currPayedState", "currPayedState"),
            Some(Form::Code(PAYMENT_STATES))
        );
        assert_eq!(form_at("a.xcurrPayedState", "xcurrPayedState"), None);
        assert_eq!(form_of("selfQuery"), Some(Form::Count));
        assert_eq!(form_of("officeTel"), Some(Form::Phone));
        assert_eq!(form_of("selfContributionProportion"), Some(Form::Percent));
        assert_eq!(form_of("relativeLocation"), None);
        assert_eq!(form_of("state"), Some(Form::GridState));
        assert_eq!(form_of("manageCompany"), None);
    }

    #[test]
    fn printed_forms_fit_and_run_together_cells_do_not() {
        for (key, good) in [
            ("startDate", "2015.06.01"),
            ("startDate", "2015.06"),
            ("dueDate", "2015年05月25日"),
            ("deadlineDate", "--"),
            ("surplusAmount", "1,010,000"),
            ("amount", "0"),
            ("amount", "12.50"),
            ("amount", "--"),
            ("accountNum", "12"),
            ("monthNum", "--"),
            ("selfContributionProportion", "12%"),
            ("officeTel", "0755—93702369"),
            ("mobile", "13811117777"),
            ("state", "N"),
            ("state", "*"),
            ("state", "-"),
            ("dateRange", "2015年12月—2017年02月"),
            ("idNum", "120101******1773"),
            ("idNum", "E71496117"),
            ("primaryBorrowerIdNum", "91110000X00000000A"),
            ("idNum", "--"),
            ("currPayedState", "欠费"),
            ("fiveLevelType", "--"),
            ("personDutyType", "共同借款人"),
        ] {
            assert_eq!(fits(key, good), Some(true), "{key} {good}");
        }
        for (key, bad) in [
            ("startDate", "2011.01."),
            ("startDate", "2011.1.04"),
            ("amount", "00"),
            ("amount", "790,080790,180"),
            ("amount", "1,0000"),
            ("currOverduePeriods", "0 0"),
            ("monthNum", "**"),
            ("accountNum", "01"),
            ("officeTel", "075593702369"),
            ("state", "NN"),
            ("state", "X"),
            ("selfContributionProportion", "12"),
            ("dateRange", "2011年11月一2016年10月"),
            ("idNum", "E71496117六"),
            ("idNum", ""),
            ("currPayedState", "正常0"),
            ("fiveLevelType", "可"),
        ] {
            assert_eq!(fits(key, bad), Some(false), "{key} {bad}");
        }
        assert_eq!(fits("organization", "x y"), None);
    }

    #[test]
    fn personal_code_words_are_held_to_their_tables() {
        let exp = "personBasicInfo.experiences[2]";
        assert_eq!(fits_at(&format!("{exp}.title"), "title", "一般员工"), Some(true));
        // A character lost at the start of the word (a heavy scan of the real sample).
        assert_eq!(fits_at(&format!("{exp}.title"), "title", "般员工"), Some(false));
        assert_eq!(fits_at(&format!("{exp}.level"), "level", "中级"), Some(true));
        assert_eq!(fits_at(&format!("{exp}.level"), "level", "*中级"), Some(false));
        // 执业资格记录's 等级 is free text under the same key.
        let q = "publicInfoDetail.executiveQualificationRecord[0].level";
        assert_eq!(fits_at(q, "level", "一级"), None);
        let gender = "personBasicInfo.personInfo.gender.value";
        assert_eq!(fits_at(gender, "value", "男"), Some(true));
        assert_eq!(fits_at(gender, "value", "男性"), Some(false));
        assert_eq!(
            fits_at("personBasicInfo.livedInfos[0].status", "status", "自置"),
            Some(true)
        );
    }

    #[test]
    fn a_persons_name_has_two_characters_or_more() {
        let borrower = "creditTransInfoDetail.concernedRefundDutyInfo.concernRefundPersonBorrow[0].primaryBorrower";
        assert_eq!(fits_at(borrower, "primaryBorrower", "张三"), Some(true));
        // 张三 with its given name lost (a heavy scan of the real sample).
        assert_eq!(fits_at(borrower, "primaryBorrower", "张"), Some(false));
        // A company borrower's name has no fixed form.
        let company = "creditTransInfoDetail.concernedRefundDutyInfo.concernRefundCompanyBorrow[0].primaryBorrower";
        assert_eq!(fits_at(company, "primaryBorrower", "某"), None);
        assert_eq!(fits("whoWasChecked", "欧阳娜娜"), Some(true));
        assert_eq!(fits("whoWasChecked", "王1"), Some(false));
        assert_eq!(fits_at("personBasicInfo.connubialInfo.name", "name", "--"), Some(true));
        assert_eq!(fits_at("a.b[0].name", "name", "x"), None);
    }

    fn failed_messages(leaves: &[Leaf]) -> Vec<String> {
        let mut out = Vec::new();
        run(leaves, &mut out);
        out.into_iter().filter(|c| !c.ok).map(|c| c.message).collect()
    }

    fn leaf(path: &str, key: &str, text: &str) -> Leaf {
        Leaf {
            path: path.into(),
            key: key.into(),
            section: "personBasicInfo".into(),
            text: text.into(),
        }
    }

    #[test]
    fn a_free_value_holding_a_long_label_fails() {
        let addr = "personBasicInfo.personInfo.postAddr.value";
        assert_eq!(
            held_label("北京市朝阳区春晓园北区7号楼C522室数据发生机构名称"),
            Some("数据发生机构名称")
        );
        assert_eq!(held_label("北京市朝阳区春晓园北区7号楼C522室"), None);
        // Short labels are words values hold; code words that are also labels are values too.
        assert_eq!(held_label("某某公司职务部"), None);
        assert_eq!(held_label("信用卡审批"), None);
        let merged = failed_messages(&[leaf(addr, "value", "北京市西城区金融大街35号数据发生机构名称")]);
        assert_eq!(merged.len(), 1, "{merged:?}");
        assert!(merged[0].contains("数据发生机构名称"));
        assert!(failed_messages(&[leaf(addr, "value", "北京市西城区金融大街35号")]).is_empty());
        // A value with a form is held to its form only.
        assert!(failed_messages(&[leaf("a.b[0].startDate", "startDate", "2015.06.01")]).is_empty());
    }
}
