//! Everyday financial paperwork that a user might upload instead of a credit report: an
//! e-invoice, a bank statement and a loan contract.

use super::canvas::{Align, Canvas, PAGE_W};
use super::vocab::{self, capital_amount, money};
use crate::synth::rng::SplitMix64;
use zhengxin::pdf::PdfEngine;
use zhengxin::Result;

const MARGIN: f32 = 50.0;

/// 电子发票（普通发票）with buyer/seller block, ruled item table and totals.
pub(super) fn invoice(engine: &PdfEngine, font: &[u8], rng: &mut SplitMix64) -> Result<Vec<u8>> {
    let mut c = Canvas::new(engine, font)?;
    c.new_page()?;
    let (y, m, d) = vocab::date(rng, 2021, 2025);
    c.text(PAGE_W / 2.0, 70.0, 20.0, Align::Center, "电子发票（普通发票）")?;
    c.text(
        400.0,
        100.0,
        9.0,
        Align::Left,
        &format!("发票号码：{}{}", y % 100, vocab::digits(rng, 18)),
    )?;
    c.text(
        400.0,
        114.0,
        9.0,
        Align::Left,
        &format!("开票日期：{y}年{m:02}月{d:02}日"),
    )?;

    let (top, w) = (125.0, PAGE_W - 2.0 * MARGIN);
    c.rect(MARGIN, top, w, 70.0, 0.8)?;
    c.line(MARGIN + w / 2.0, top, MARGIN + w / 2.0, top + 70.0, 0.8)?;
    for (x, role) in [(MARGIN + 8.0, "购买方信息"), (MARGIN + w / 2.0 + 8.0, "销售方信息")] {
        c.text(x, top + 16.0, 9.0, Align::Left, role)?;
    }
    let buyer = vocab::company(rng);
    let seller = vocab::company(rng);
    for (x, name) in [(MARGIN + 8.0, &buyer), (MARGIN + w / 2.0 + 8.0, &seller)] {
        c.text(x, top + 36.0, 9.0, Align::Left, &format!("名称：{name}"))?;
        c.text(
            x,
            top + 54.0,
            8.0,
            Align::Left,
            &format!("统一社会信用代码/纳税人识别号：{}", vocab::credit_code(rng)),
        )?;
    }

    // Item table.
    let cols = [
        ("项目名称", 120.0),
        ("规格型号", 60.0),
        ("单位", 35.0),
        ("数量", 40.0),
        ("单价", 60.0),
        ("金额", 65.0),
        ("税率/征收率", 55.0),
        ("税额", 60.0),
    ];
    const ITEMS: &[(&str, &str, &str)] = &[
        ("*信息技术服务*软件维护费", "年度", "项"),
        ("*办公用品*打印纸", "A4 70g", "箱"),
        ("*计算机配套产品*显示器", "27英寸", "台"),
        ("*餐饮服务*餐费", "", "次"),
        ("*印刷品*宣传册", "16开", "本"),
        ("*电子元件*连接线", "1.5m", "根"),
    ];
    let row_h = 20.0;
    let table_top = top + 85.0;
    let n_items = rng.range_i64(2, 5) as usize;
    let rows = n_items + 2; // header + items + 合计
    let mut x = MARGIN;
    let mut xs = vec![x];
    for (_, cw) in cols {
        x += cw;
        xs.push(x);
    }
    for r in 0..=rows {
        c.line(
            MARGIN,
            table_top + r as f32 * row_h,
            x,
            table_top + r as f32 * row_h,
            0.6,
        )?;
    }
    for &cx in &xs {
        c.line(cx, table_top, cx, table_top + (rows - 1) as f32 * row_h, 0.6)?;
    }
    c.line(
        MARGIN,
        table_top + (rows - 1) as f32 * row_h,
        MARGIN,
        table_top + rows as f32 * row_h,
        0.6,
    )?;
    c.line(
        x,
        table_top + (rows - 1) as f32 * row_h,
        x,
        table_top + rows as f32 * row_h,
        0.6,
    )?;
    for (i, (name, _)) in cols.iter().enumerate() {
        c.text((xs[i] + xs[i + 1]) / 2.0, table_top + 14.0, 8.5, Align::Center, name)?;
    }
    let rate = *rng.pick(&[1i64, 3, 6, 13]);
    let (mut total, mut total_tax) = (0i64, 0i64);
    let first = rng.below(ITEMS.len() as u64) as usize;
    for r in 0..n_items {
        let (name, spec, unit) = ITEMS[(first + r) % ITEMS.len()];
        let qty = rng.range_i64(1, 20);
        let unit_price = rng.range_i64(500, 200_000);
        let amount = qty * unit_price;
        let tax = amount * rate / 100;
        total += amount;
        total_tax += tax;
        let y = table_top + (r + 1) as f32 * row_h + 14.0;
        c.text(xs[0] + 3.0, y, 8.0, Align::Left, name)?;
        c.text(xs[1] + 3.0, y, 8.0, Align::Left, spec)?;
        c.text((xs[2] + xs[3]) / 2.0, y, 8.0, Align::Center, unit)?;
        c.text(xs[4] - 3.0, y, 8.0, Align::Right, &qty.to_string())?;
        c.text(xs[5] - 3.0, y, 8.0, Align::Right, &money(unit_price))?;
        c.text(xs[6] - 3.0, y, 8.0, Align::Right, &money(amount))?;
        c.text((xs[6] + xs[7]) / 2.0, y, 8.0, Align::Center, &format!("{rate}%"))?;
        c.text(xs[8] - 3.0, y, 8.0, Align::Right, &money(tax))?;
    }
    let y_sum = table_top + (n_items + 1) as f32 * row_h + 14.0;
    c.text(xs[0] + 3.0, y_sum, 8.5, Align::Left, "合计")?;
    c.text(xs[6] - 3.0, y_sum, 8.5, Align::Right, &format!("¥{}", money(total)))?;
    c.text(xs[8] - 3.0, y_sum, 8.5, Align::Right, &format!("¥{}", money(total_tax)))?;
    let grand = total + total_tax;
    let y_grand = table_top + rows as f32 * row_h + 14.0;
    c.text(
        xs[0] + 3.0,
        y_grand,
        9.0,
        Align::Left,
        &format!("价税合计（大写）  {}", capital_amount(grand as u64)),
    )?;
    c.text(
        xs[6] - 3.0,
        y_grand,
        9.0,
        Align::Left,
        &format!("（小写）¥{}", money(grand)),
    )?;

    let y_note = table_top + (rows + 1) as f32 * row_h + 20.0;
    c.text(
        MARGIN,
        y_note,
        9.0,
        Align::Left,
        &format!("备注：合同编号 HT{}{}", y, vocab::digits(rng, 6)),
    )?;
    c.text(
        MARGIN,
        y_note + 40.0,
        9.0,
        Align::Left,
        &format!("开票人：{}", vocab::person(rng)),
    )?;
    c.finish(engine)
}

/// 银行流水: personal current-account statement with a ruled transaction table over two pages.
pub(super) fn bank_statement(engine: &PdfEngine, font: &[u8], rng: &mut SplitMix64) -> Result<Vec<u8>> {
    let mut c = Canvas::new(engine, font)?;
    let bank = *rng.pick(vocab::BANKS);
    let city = *rng.pick(vocab::CITIES);
    let holder = vocab::person(rng);
    let account = format!(
        "6217 {} {} {}",
        vocab::digits(rng, 4),
        vocab::digits(rng, 4),
        vocab::digits(rng, 4)
    );
    let year = rng.range_i64(2020, 2025);
    let cols: [(&str, f32); 7] = [
        ("序号", 30.0),
        ("交易日期", 62.0),
        ("摘要", 60.0),
        ("收入金额", 70.0),
        ("支出金额", 70.0),
        ("账户余额", 78.0),
        ("对方户名", 125.0),
    ];
    const SUMMARIES: &[&str] = &[
        "工资",
        "转账",
        "消费",
        "ATM取款",
        "还款",
        "利息",
        "快捷支付",
        "跨行转入",
    ];
    let rows_per_page = [28usize, rng.range_i64(12, 22) as usize];
    let pages = rows_per_page.len();
    let mut balance = rng.range_i64(100_000, 5_000_000);
    let mut seq = 0;
    let mut month_day = (1i64, 1i64);
    for (p, &rows) in rows_per_page.iter().enumerate() {
        c.new_page()?;
        let mut y = 60.0;
        if p == 0 {
            c.text(
                PAGE_W / 2.0,
                y,
                16.0,
                Align::Center,
                &format!("{bank}个人活期账户交易明细"),
            )?;
            y += 28.0;
            c.text(MARGIN, y, 9.0, Align::Left, &format!("户名：{holder}"))?;
            c.text(300.0, y, 9.0, Align::Left, &format!("账号：{account}"))?;
            y += 16.0;
            c.text(
                MARGIN,
                y,
                9.0,
                Align::Left,
                &format!("开户机构：{bank}{city}分行营业部"),
            )?;
            c.text(300.0, y, 9.0, Align::Left, "币种：人民币    钞汇标志：钞")?;
            y += 16.0;
            c.text(
                MARGIN,
                y,
                9.0,
                Align::Left,
                &format!("起止日期：{year}-01-01 至 {year}-12-31"),
            )?;
            y += 14.0;
        }
        let row_h = 18.0;
        let top = y;
        let mut xs = vec![MARGIN];
        for (_, w) in cols {
            xs.push(xs.last().copied().unwrap_or(MARGIN) + w);
        }
        let right = *xs.last().unwrap_or(&MARGIN);
        for r in 0..=rows + 1 {
            c.line(MARGIN, top + r as f32 * row_h, right, top + r as f32 * row_h, 0.5)?;
        }
        for &x in &xs {
            c.line(x, top, x, top + (rows + 1) as f32 * row_h, 0.5)?;
        }
        for (i, (name, _)) in cols.iter().enumerate() {
            c.text((xs[i] + xs[i + 1]) / 2.0, top + 13.0, 8.5, Align::Center, name)?;
        }
        for r in 0..rows {
            seq += 1;
            month_day.1 += rng.range_i64(0, 3);
            if month_day.1 > 28 {
                month_day = ((month_day.0 + 1).min(12), 1);
            }
            let summary = *rng.pick(SUMMARIES);
            let income = matches!(summary, "工资" | "利息" | "跨行转入") || (summary == "转账" && rng.chance(0.5));
            let amount = match summary {
                "工资" => rng.range_i64(500_000, 3_000_000),
                "利息" => rng.range_i64(100, 5_000),
                _ => rng.range_i64(1_000, 800_000),
            };
            let amount = if income { amount } else { amount.min(balance) };
            balance += if income { amount } else { -amount };
            let counterparty = match summary {
                "工资" => vocab::company(rng),
                "利息" | "ATM取款" => String::new(),
                "还款" => format!("{}信用卡中心", rng.pick(vocab::BANKS)),
                _ => vocab::person(rng),
            };
            let yb = top + (r + 1) as f32 * row_h + 13.0;
            c.text((xs[0] + xs[1]) / 2.0, yb, 8.0, Align::Center, &seq.to_string())?;
            c.text(
                xs[1] + 3.0,
                yb,
                8.0,
                Align::Left,
                &format!("{year}-{:02}-{:02}", month_day.0, month_day.1),
            )?;
            c.text(xs[2] + 3.0, yb, 8.0, Align::Left, summary)?;
            let (col, text) = if income { (4, money(amount)) } else { (5, money(amount)) };
            c.text(xs[col] - 3.0, yb, 8.0, Align::Right, &text)?;
            c.text(xs[6] - 3.0, yb, 8.0, Align::Right, &money(balance))?;
            c.text(xs[6] + 3.0, yb, 8.0, Align::Left, &counterparty)?;
        }
        c.text(
            PAGE_W / 2.0,
            810.0,
            8.0,
            Align::Center,
            &format!("第 {} 页 共 {} 页", p + 1, pages),
        )?;
    }
    c.finish(engine)
}

/// 借款合同: numbered clauses in wrapped paragraphs, with a signature block.
pub(super) fn contract(engine: &PdfEngine, font: &[u8], rng: &mut SplitMix64) -> Result<Vec<u8>> {
    let mut c = Canvas::new(engine, font)?;
    let lender = vocab::person(rng);
    let borrower = vocab::person(rng);
    let cents = rng.range_i64(10, 500) * 1_000_000; // 10k – 5M yuan, whole thousands
    let rate = rng.range_f64(3.0, 14.0);
    let months = *rng.pick(&[6i64, 12, 24, 36]);
    let (y, m, d) = vocab::date(rng, 2019, 2025);
    let clauses = [
        format!("第一条 借款金额：甲方同意向乙方出借人民币（大写）{}（小写：¥{}）。", capital_amount(cents as u64), money(cents)),
        format!("第二条 借款用途：乙方承诺借款仅用于{}，不得用于证券投资、购房或其他违法用途。", rng.pick(&["个人消费", "装修", "子女教育", "经营周转"])),
        format!("第三条 借款期限：自{y}年{m}月{d}日起至借款实际到账之日起满{months}个月止，借款实际到账日以甲方转账凭证为准。"),
        format!("第四条 借款利率：年利率为{rate:.2}%，按月计息，利息自借款实际到账之日起计算，不计复利。"),
        "第五条 还款方式：乙方按月等额本息还款，每月还款日为借款到账日的对应日，遇节假日不顺延。乙方可以提前还款，提前还款的，利息按实际借款天数计算。".to_string(),
        "第六条 担保：本合同项下借款由乙方提供连带责任保证担保，保证期间为借款到期之日起两年。".to_string(),
        "第七条 违约责任：乙方未按约定还款的，应按逾期金额每日万分之五向甲方支付违约金；逾期超过九十日的，甲方有权宣布借款全部提前到期。".to_string(),
        "第八条 争议解决：因本合同引起的争议，双方协商解决；协商不成的，任何一方可向甲方住所地人民法院提起诉讼。".to_string(),
        "第九条 其他：本合同未尽事宜，双方可另行签订补充协议，补充协议与本合同具有同等法律效力。".to_string(),
        "第十条 本合同一式两份，甲乙双方各执一份，自双方签字之日起生效。".to_string(),
    ];
    c.new_page()?;
    c.text(PAGE_W / 2.0, 80.0, 20.0, Align::Center, "借款合同")?;
    c.text(
        PAGE_W - MARGIN,
        110.0,
        9.0,
        Align::Right,
        &format!("合同编号：JK{y}{}", vocab::digits(rng, 8)),
    )?;
    let mut yb = 140.0;
    for (role, name) in [("甲方（出借人）", &lender), ("乙方（借款人）", &borrower)] {
        c.text(MARGIN, yb, 11.0, Align::Left, &format!("{role}：{name}"))?;
        c.text(
            MARGIN + 20.0,
            yb + 18.0,
            10.0,
            Align::Left,
            &format!("身份证号码：{}", vocab::id_number(rng)),
        )?;
        yb += 44.0;
    }
    yb = c.paragraph(
        MARGIN,
        yb + 10.0,
        PAGE_W - 2.0 * MARGIN,
        11.0,
        20.0,
        "甲乙双方本着平等自愿、诚实信用的原则，经协商一致，就乙方向甲方借款事宜达成如下协议，以资共同遵守：",
    )?;
    let mut page = 1;
    for clause in &clauses {
        let lines = super::canvas::wrap(clause, (PAGE_W - 2.0 * MARGIN) / 11.0).len() as f32;
        if yb + lines * 20.0 > 780.0 {
            c.text(PAGE_W / 2.0, 810.0, 9.0, Align::Center, &format!("第{page}页"))?;
            c.new_page()?;
            page += 1;
            yb = 70.0;
        }
        yb = c.paragraph(MARGIN, yb + 8.0, PAGE_W - 2.0 * MARGIN, 11.0, 20.0, clause)?;
    }
    if page == 1 {
        // Keep the signature block on its own page, as printed contracts do.
        c.text(PAGE_W / 2.0, 810.0, 9.0, Align::Center, "第1页")?;
        c.new_page()?;
        page = 2;
        yb = 70.0;
    }
    yb += 40.0;
    c.text(MARGIN, yb, 11.0, Align::Left, "甲方（签字）：")?;
    c.text(320.0, yb, 11.0, Align::Left, "乙方（签字）：")?;
    c.text(
        MARGIN,
        yb + 30.0,
        11.0,
        Align::Left,
        &format!("签订日期：{y}年{m}月{d}日"),
    )?;
    c.text(
        320.0,
        yb + 30.0,
        11.0,
        Align::Left,
        &format!("签订地点：{}市", rng.pick(vocab::CITIES)),
    )?;
    c.text(PAGE_W / 2.0, 810.0, 9.0, Align::Center, &format!("第{page}页"))?;
    c.finish(engine)
}
