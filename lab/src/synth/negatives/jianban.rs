//! Credit reports that are not the second-generation personal report: the narrative 简版
//! (layout from shared/design/report_layout.md §12 and the 5-page sample) and the title page
//! of an enterprise credit report. Both say 信用报告 prominently, which is what makes them good
//! negatives for the classifier.

use super::canvas::{Align, Canvas, PAGE_W};
use super::vocab;
use crate::synth::rng::SplitMix64;
use zhengxin::pdf::PdfEngine;
use zhengxin::Result;

const MARGIN: f32 = 50.0;
const BODY: f32 = 10.0;
const LEADING: f32 = 15.0;
const TEXT_W: f32 = PAGE_W - 2.0 * MARGIN;

/// `2004 年 8 月 30 日` — the 简版 spaces numbers apart from the CJK unit characters.
fn cn_date(y: i64, m: i64, d: i64) -> String {
    format!("{y} 年 {m} 月 {d} 日")
}

fn card_sentence(i: usize, overdue: bool, report_year: i64, rng: &mut SplitMix64) -> String {
    let (y, m, d) = vocab::date(rng, 2003, report_year - 2);
    let bank = rng.pick(vocab::BANKS);
    let city = rng.pick(vocab::CITIES);
    let limit = rng.range_i64(1, 20) * 5_000;
    let used = rng.range_i64(0, limit);
    let mut s = format!(
        "{i}. {}{bank}{city}分行发放的贷记卡（人民币账户，卡片尾号：{}）。截至 {report_year} 年 {} 月，信用额度 {}，已使用额度 {}",
        cn_date(y, m, d),
        vocab::digits(rng, 4),
        rng.range_i64(1, 12),
        vocab::thousands(limit as u64),
        vocab::thousands(used as u64),
    );
    if overdue {
        let months = rng.range_i64(1, 12);
        let over90 = rng.range_i64(0, months / 2);
        s.push_str(&format!("，当前无逾期。最近 5 年内有 {months} 个月处于逾期状态"));
        if over90 > 0 {
            s.push_str(&format!("，其中 {over90} 个月逾期超过 90 天。"));
        } else {
            s.push_str("，没有发生过 90 天以上逾期。");
        }
    } else {
        s.push('。');
    }
    s
}

fn loan_sentence(i: usize, overdue: bool, report_year: i64, rng: &mut SplitMix64) -> String {
    let (y, m, d) = vocab::date(rng, 2008, report_year - 1);
    let kind = *rng.pick(&["个人住房贷款", "个人汽车贷款", "个人消费贷款", "个人经营性贷款"]);
    let amount = rng.range_i64(2, 120) * 10_000;
    let years = if kind == "个人住房贷款" {
        rng.range_i64(10, 30)
    } else {
        rng.range_i64(1, 5)
    };
    let balance = amount * rng.range_i64(5, 95) / 100;
    let mut s = format!(
        "{i}. {}{}{}分行发放的 {} 元（人民币）{kind}，{} 到期。截至 {report_year} 年 {} 月，余额 {}",
        cn_date(y, m, d),
        rng.pick(vocab::BANKS),
        rng.pick(vocab::CITIES),
        vocab::thousands(amount as u64),
        cn_date(y + years, m, d),
        rng.range_i64(1, 12),
        vocab::thousands(balance as u64),
    );
    if overdue {
        s.push_str(&format!(
            "，当前无逾期。最近 5 年内有 {} 个月处于逾期状态，没有发生过 90 天以上逾期。",
            rng.range_i64(1, 6)
        ));
    } else {
        s.push('。');
    }
    s
}

/// Writes a numbered list under a lead sentence; returns the next baseline.
fn list(c: &mut Canvas<'_>, y: f32, lead: &str, items: &[String]) -> Result<f32> {
    c.text(MARGIN, y, BODY, Align::Left, lead)?;
    let mut y = y + LEADING;
    for item in items {
        y = c.paragraph(MARGIN, y, TEXT_W, BODY, LEADING, item)? + 3.0;
    }
    Ok(y)
}

/// 个人信用报告（简版）: three pages of narrative sentences.
pub(super) fn jianban(engine: &PdfEngine, font: &[u8], rng: &mut SplitMix64) -> Result<Vec<u8>> {
    const PAGES: usize = 3;
    let mut c = Canvas::new(engine, font)?;
    let (ry, rm, rd) = vocab::date(rng, 2014, 2019);
    let footer = |c: &mut Canvas<'_>, p: usize| {
        c.text(
            PAGE_W / 2.0,
            815.0,
            9.0,
            Align::Center,
            &format!("第 {p} 页/共 {PAGES} 页"),
        )
    };

    // Page 1: header, summary grid, credit cards. Item counts are bounded so each planned
    // page always fits (worst case ~3 wrapped lines per item).
    c.new_page()?;
    for (k, line) in [
        "本报告仅供您了解自身信用状况，",
        "不用于信贷申请及其他用途。",
        "请妥善保管，避免信息泄露",
    ]
    .iter()
    .enumerate()
    {
        c.text(390.0, 40.0 + k as f32 * 12.0, 9.0, Align::Left, line)?;
    }
    c.text(PAGE_W / 2.0, 110.0, 18.0, Align::Center, "个人信用报告")?;
    c.text(
        MARGIN,
        135.0,
        9.5,
        Align::Left,
        &format!("报告编号：{ry}{rm:02}{rd:02}{}", vocab::digits(rng, 14)),
    )?;
    c.text(
        PAGE_W - MARGIN,
        135.0,
        9.5,
        Align::Right,
        &format!(
            "报告时间：{ry}-{rm:02}-{rd:02} {:02}:{:02}:{:02}",
            rng.range_i64(8, 17),
            rng.range_i64(0, 59),
            rng.range_i64(0, 59)
        ),
    )?;
    let name = vocab::person(rng);
    let marital = *rng.pick(&["已婚", "未婚", "离异"]);
    c.text(
        MARGIN,
        152.0,
        9.5,
        Align::Left,
        &format!(
            "姓名: {name}    证件类型: 身份证    证件号码: {}    {marital}",
            vocab::id_number(rng)
        ),
    )?;
    c.text(PAGE_W / 2.0, 190.0, 14.0, Align::Center, "信贷记录")?;
    c.text(
        MARGIN + 20.0,
        208.0,
        9.5,
        Align::Left,
        "这部分包含您的信用卡、贷款和其他信贷记录。金额类数据均以人民币计算，精确到元。",
    )?;
    c.text(MARGIN, 232.0, 11.0, Align::Left, "信息概要")?;
    let heads = ["信用卡", "购房贷款", "其他贷款", "其他业务"];
    let col_x = [250.0, 320.0, 390.0, 460.0];
    for (h, x) in heads.iter().zip(col_x) {
        c.text(x, 252.0, 9.0, Align::Center, h)?;
    }
    let n_cards = rng.range_i64(2, 5) as usize;
    let n_over_cards = rng.range_i64(1, 2).min(n_cards as i64) as usize;
    let n_loans = rng.range_i64(2, 4) as usize;
    let n_over_loans = rng.range_i64(0, 2).min(n_loans as i64) as usize;
    let housing = rng.range_i64(0, n_loans as i64) as usize;
    let others = rng.range_i64(0, 3);
    let grid: [(&str, [i64; 4]); 4] = [
        (
            "账户数",
            [n_cards as i64, housing as i64, (n_loans - housing) as i64, others],
        ),
        (
            "未结清/未销户账户数",
            [n_cards as i64 - 1, housing as i64, (n_loans - housing) as i64, others],
        ),
        ("发生过逾期的账户数", [n_over_cards as i64, 0, n_over_loans as i64, 0]),
        (
            "发生过 90 天以上逾期的账户数",
            [rng.range_i64(0, n_over_cards as i64), 0, 0, 0],
        ),
    ];
    for (r, (label, values)) in grid.iter().enumerate() {
        let y = 272.0 + r as f32 * 18.0;
        c.text(MARGIN, y, 9.0, Align::Left, label)?;
        for (v, x) in values.iter().zip(col_x) {
            c.text(x, y, 9.0, Align::Center, &v.to_string())?;
        }
    }
    c.text(MARGIN, 370.0, 11.0, Align::Left, "信用卡")?;
    let overdue: Vec<String> = (0..n_over_cards).map(|i| card_sentence(i + 1, true, ry, rng)).collect();
    let y = list(&mut c, 390.0, "发生过逾期的贷记卡账户明细如下：", &overdue)?;
    let clean: Vec<String> = (n_over_cards..n_cards)
        .map(|i| card_sentence(i + 1, false, ry, rng))
        .collect();
    if !clean.is_empty() {
        list(
            &mut c,
            y + 8.0,
            "从未逾期过的贷记卡及透支未超过 60 天的准贷记卡账户明细如下：",
            &clean,
        )?;
    }
    footer(&mut c, 1)?;

    // Page 2: loans and guarantees.
    c.new_page()?;
    c.text(MARGIN, 60.0, 11.0, Align::Left, "贷款")?;
    let mut y = 80.0;
    if n_over_loans > 0 {
        let items: Vec<String> = (0..n_over_loans).map(|i| loan_sentence(i + 1, true, ry, rng)).collect();
        y = list(&mut c, y, "发生过逾期的账户明细如下：", &items)? + 8.0;
    }
    let items: Vec<String> = (n_over_loans..n_loans)
        .map(|i| loan_sentence(i + 1, false, ry, rng))
        .collect();
    y = list(&mut c, y, "从未逾期过的账户明细如下：", &items)? + 16.0;
    c.text(MARGIN, y, 11.0, Align::Left, "相关还款责任信息")?;
    let (gy, gm, gd) = vocab::date(rng, 2008, ry - 1);
    let guarantee = format!(
        "1. {}，为{}（证件类型：身份证，证件号码：{}）在{}办理的个人住房商业贷款承担相关还款责任，责任人类型为保证人，相关还款责任金额 {}。",
        cn_date(gy, gm, gd),
        vocab::person(rng),
        vocab::id_number(rng),
        rng.pick(vocab::BANKS),
        vocab::thousands(rng.range_i64(1, 50) as u64 * 10_000),
    );
    c.paragraph(MARGIN, y + 20.0, TEXT_W, BODY, LEADING, &guarantee)?;
    footer(&mut c, 2)?;

    // Page 3: non-credit records, public records, enquiries, notes.
    c.new_page()?;
    c.text(PAGE_W / 2.0, 60.0, 14.0, Align::Center, "非信贷交易记录")?;
    c.text(
        MARGIN,
        82.0,
        BODY,
        Align::Left,
        "这部分包含您最近 5 年内的非信贷交易记录。金额类数据均以人民币计算，精确到元。",
    )?;
    c.text(PAGE_W / 2.0, 120.0, 14.0, Align::Center, "公共记录")?;
    c.paragraph(MARGIN, 142.0, TEXT_W, BODY, LEADING,
        "这部分包含您最近 5 年内的欠税记录、民事判决记录、强制执行记录、行政处罚记录及电信欠费记录。金额类数据均以人民币计算，精确到元。")?;
    c.text(PAGE_W / 2.0, 200.0, 14.0, Align::Center, "查询记录")?;
    c.text(
        MARGIN,
        222.0,
        BODY,
        Align::Left,
        "这部分包含您的信用报告最近 2 年内被查询的记录。",
    )?;
    c.text(MARGIN, 244.0, 11.0, Align::Left, "机构查询记录明细")?;
    let cols = [
        (MARGIN, "编号"),
        (110.0, "查询日期"),
        (210.0, "查询操作员"),
        (400.0, "查询原因"),
    ];
    for (x, h) in cols {
        c.text(x, 264.0, 9.0, Align::Left, h)?;
    }
    let reasons = ["信用卡审批", "贷款审批", "贷后管理", "担保资格审查"];
    for i in 0..rng.range_i64(2, 6) as usize {
        let y = 282.0 + i as f32 * 16.0;
        let (qy, qm, qd) = vocab::date(rng, ry - 1, ry);
        c.text(MARGIN, y, 9.0, Align::Left, &(i + 1).to_string())?;
        c.text(110.0, y, 9.0, Align::Left, &format!("{qy}年{qm}月{qd}日"))?;
        c.text(
            210.0,
            y,
            9.0,
            Align::Left,
            &format!("{}/{}", rng.pick(vocab::BANKS), vocab::digits(rng, 6)),
        )?;
        let reason = *rng.pick(&reasons);
        c.text(400.0, y, 9.0, Align::Left, reason)?;
    }
    c.text(PAGE_W / 2.0, 420.0, 14.0, Align::Center, "说 明")?;
    let notes = [
        "1. 除查询记录外，本报告中的信息是依据截至报告时间个人征信系统记录的信息生成，征信中心不确保其真实性和准确性，但承诺在信息汇总、加工、整合的全过程中保持客观、中立的地位。",
        "2. 本报告仅包含可能影响您信用评价的主要信息，如需获取您在个人征信系统中更详细的记录，请到当地信用报告查询网点查询。",
        "3. 如果您对本报告中的信息有异议，可联系数据提供单位，也可到当地信用报告查询网点提出异议申请。",
    ];
    let mut y = 442.0;
    for note in notes {
        y = c.paragraph(MARGIN, y, TEXT_W, BODY, LEADING, note)? + 3.0;
    }
    footer(&mut c, 3)?;
    c.finish(engine)
}

/// Title page of an enterprise credit report (企业信用报告).
pub(super) fn enterprise_title(engine: &PdfEngine, font: &[u8], rng: &mut SplitMix64) -> Result<Vec<u8>> {
    let mut c = Canvas::new(engine, font)?;
    c.new_page()?;
    let (y, m, d) = vocab::date(rng, 2019, 2025);
    c.text(
        PAGE_W - MARGIN,
        60.0,
        10.0,
        Align::Right,
        &format!("报告编号：{y}{m:02}{d:02}{}", vocab::digits(rng, 12)),
    )?;
    c.text(PAGE_W / 2.0, 230.0, 30.0, Align::Center, "企业信用报告")?;
    let edition = *rng.pick(&["（自主查询版）", "（授信机构版）"]);
    c.text(PAGE_W / 2.0, 262.0, 14.0, Align::Center, edition)?;
    let company = vocab::company(rng);
    let fields = [
        ("企业名称", company),
        ("统一社会信用代码", vocab::credit_code(rng)),
        ("中征码", vocab::digits(rng, 16)),
        ("报告日期", format!("{y}年{m:02}月{d:02}日")),
        (
            "查询机构",
            format!("中国人民银行征信中心{}分中心", rng.pick(vocab::CITIES)),
        ),
    ];
    let (label_x, top) = (150.0, 360.0);
    for (i, (label, value)) in fields.iter().enumerate() {
        let yb = top + i as f32 * 30.0;
        c.text(label_x, yb, 12.0, Align::Left, &format!("{label}："))?;
        c.text(label_x + 110.0, yb, 12.0, Align::Left, value)?;
        c.line(label_x + 105.0, yb + 5.0, PAGE_W - 120.0, yb + 5.0, 0.5)?;
    }
    c.text(PAGE_W / 2.0, 640.0, 14.0, Align::Center, "中国人民银行征信中心")?;
    c.paragraph(MARGIN + 30.0, 690.0, TEXT_W - 60.0, 9.0, 14.0,
        "本报告由中国人民银行征信中心出具，依据截至报告日期企业征信系统记录的信息生成。本报告仅供查询机构在约定用途范围内使用，请妥善保管。")?;
    c.finish(engine)
}
