//! 四 非信贷交易信息明细 (§8), 本人声明, 异议标注, 查询记录 (§10) and the closing 报告说明 (§11).

use super::super::ctx::{institution_name, Ctx};
use super::super::date::amount;
use super::super::model::{Block, Cell, Table, BLACK, BLUE, RED};
use super::super::vocab;
use super::grid::payment;
use zhengxin::report::{NoncreditTransInfo, ObjectionLabel, QueryRecord, QueryRecordEntry, SelfDeclare};

pub fn noncredit(cx: &mut Ctx, n: usize, out: &mut Vec<Block>, sec: usize) -> Vec<NoncreditTransInfo> {
    out.push(Block::Heading {
        text: format!("{} 非信贷交易信息明细", super::cn_num(sec)),
        level: 1,
        color: BLACK,
    });
    out.push(Block::Heading {
        text: "后付费记录".into(),
        level: 2,
        color: BLACK,
    });
    let mut res = Vec::new();
    for _ in 0..n {
        let (kind, _) = *cx.rng.pick(vocab::POSTPAY_KINDS);
        let owing = cx.rng.chance(0.35);
        let acct_month = cx.this_month().add(-1);
        let mut a = NoncreditTransInfo {
            name: "账户".into(),
            company_name: cx.rng.pick(vocab::TELCOS).to_string(),
            kind: kind.to_string(),
            start_date: cx.days_ago(400, 4000).dot(),
            curr_payed_state: if owing { "欠费".into() } else { "正常".into() },
            curr_overdue_amount: if owing {
                amount(cx.rng.amount(20, 12_000, 10))
            } else {
                "0".into()
            },
            account_date: acct_month.dot(),
            ..Default::default()
        };
        let border = if owing { RED } else { BLUE };
        let mut t = Table::uniform(border);
        t.even(vec![
            Cell::h("机构名称"),
            Cell::h("业务类型"),
            Cell::h("业务开通日期"),
            Cell::h("当前缴费状态"),
            Cell::h("当前欠费金额").red(),
            Cell::h("记账年月"),
        ]);
        t.val(&[
            &a.company_name,
            &a.kind,
            &a.start_date,
            &a.curr_payed_state,
            &a.curr_overdue_amount,
            &a.account_date,
        ]);
        out.push(Block::Caption(a.name.clone()));
        out.push(Block::Table(t));
        if cx.rng.chance(0.75) {
            let (g, rec) = payment(&mut cx.rng, acct_month, owing, border);
            out.push(Block::Table(g));
            a.refund_record = rec;
        }
        res.push(a);
    }
    res
}

fn dated_rows(
    cx: &mut Ctx,
    title: &str,
    head: &str,
    pool: &[&str],
    out: &mut Vec<Block>,
    sec: usize,
) -> Vec<(String, String, String)> {
    out.push(Block::Heading {
        text: format!("{} {title}", super::cn_num(sec)),
        level: 1,
        color: BLACK,
    });
    let mut t = Table::with_cols(BLUE, &[0.6, 5.0, 1.2]);
    t.row(vec![Cell::h("编号"), Cell::h(head), Cell::h("添加日期")]);
    let mut rows = Vec::new();
    for i in 1..=cx.rng.urange(1, 3) {
        let r = (i.to_string(), cx.rng.pick(pool).to_string(), cx.days_ago(5, 900).dot());
        t.row(vec![Cell::v(&r.0), Cell::v(&r.1), Cell::v(&r.2)]);
        rows.push(r);
    }
    out.push(Block::Table(t));
    rows
}

pub fn self_declare(cx: &mut Ctx, out: &mut Vec<Block>, sec: usize) -> Vec<SelfDeclare> {
    dated_rows(cx, "本人声明", "声明内容", vocab::SELF_NOTES, out, sec)
        .into_iter()
        .map(|(no, declare_content, add_date)| SelfDeclare {
            no,
            declare_content,
            add_date,
        })
        .collect()
}

pub fn objection_labels(cx: &mut Ctx, out: &mut Vec<Block>, sec: usize) -> Vec<ObjectionLabel> {
    dated_rows(cx, "异议标注", "标注内容", vocab::OBJECTION_NOTES, out, sec)
        .into_iter()
        .map(|(no, label_content, add_date)| ObjectionLabel {
            no,
            label_content,
            add_date,
        })
        .collect()
}

/// Draws the query records (newest first) without emitting blocks; `emit_queries` prints them.
/// They are drawn before the summary so 查询记录概要 can count them.
pub fn draw_queries(cx: &mut Ctx, n_company: usize, n_person: usize) -> QueryRecord {
    let mut q = QueryRecord::default();
    let mut day = 0;
    for i in 1..=n_company {
        day += cx.rng.range(0, 40);
        let company = if cx.personal() {
            cx.bank()
        } else {
            institution_name(&mut cx.rng, cx.version)
        };
        q.company_query_record.push(QueryRecordEntry {
            no: i.to_string(),
            date: cx.today.add_days(-day).dot(),
            query_company: company,
            query_reason: cx.rng.pick(vocab::QUERY_REASONS_ORG).to_string(),
        });
    }
    if cx.personal() {
        let mut day = 0;
        for i in 1..=n_person {
            day += cx.rng.range(0, 120);
            let reason = cx.rng.pick(vocab::SELF_QUERY_REASONS).to_string();
            let company = if reason.contains("临柜") {
                cx.rng.pick(vocab::PBOC_BRANCHES).to_string()
            } else {
                "本人".into()
            };
            q.person_query_record.push(QueryRecordEntry {
                no: i.to_string(),
                date: cx.today.add_days(-day).dot(),
                query_company: company,
                query_reason: reason,
            });
        }
    }
    q
}

fn query_table(rows: &[QueryRecordEntry]) -> Block {
    let mut t = Table::with_cols(BLUE, &[0.6, 1.2, 3.2, 2.2]);
    t.row(
        ["编号", "查询日期", "查询机构", "查询原因"]
            .iter()
            .map(|s| Cell::h(*s))
            .collect(),
    );
    for r in rows {
        t.row(
            [&r.no, &r.date, &r.query_company, &r.query_reason]
                .iter()
                .map(|s| Cell::v(s.as_str()))
                .collect(),
        );
    }
    Block::Table(t)
}

pub fn emit_queries(cx: &Ctx, q: &QueryRecord, out: &mut Vec<Block>, sec: usize) {
    out.push(Block::Heading {
        text: format!("{} 查询记录", super::cn_num(sec)),
        level: 1,
        color: BLACK,
    });
    if cx.personal() {
        if !q.company_query_record.is_empty() {
            out.push(Block::Heading {
                text: "机构查询记录明细".into(),
                level: 2,
                color: BLACK,
            });
            out.push(query_table(&q.company_query_record));
        }
        if !q.person_query_record.is_empty() {
            out.push(Block::Heading {
                text: "本人查询记录明细".into(),
                level: 2,
                color: BLACK,
            });
            out.push(query_table(&q.person_query_record));
        }
    } else {
        out.push(query_table(&q.company_query_record));
    }
}

/// 报告说明: fixed prose, not part of `result` (CONVENTIONS 19); parsers must skip it.
pub fn explanations(cx: &mut Ctx, out: &mut Vec<Block>) {
    out.push(Block::Heading {
        text: "报告说明".into(),
        level: 1,
        color: BLACK,
    });
    let items = [
        "本报告由中国人民银行征信中心出具，依据截至报告时点的个人征信系统记录的信息生成。除征信中心标注外，报告中的信息均由相关数据提供机构和信息主体提供，征信中心不保证其真实性和准确性，但承诺在信息汇总、加工、整合的全过程中保持客观、中立的地位。",
        "本报告的信贷交易信息提示中，“业务类型”为“其他”的汇总信息不包含“资产处置”和“垫款”业务。",
        "本报告中如果没有“信贷交易违约信息概要”信息，说明信用主体最近5年内没有连续逾期。",
        "本报告中的信贷交易授信及负债信息概要展示的信息是指未结清/未销户的授信及负债信息。",
        "本报告中的还款期数为“--”是指该账户是非分期还款。",
        "本报告不展示5年前已经结束的违约行为以及5年前的欠税记录、强制执行记录、民事判决记录、行政处罚记录、电信欠费记录。",
        "机构说明是数据提供机构对具体业务添加的特别说明信息。",
        "本人声明是信息主体对信用报告中的信息所附的简要声明。",
        "异议标注是征信中心异议处理人员针对信用报告中异议信息所作的标注或信息主体提出异议后，数据提供机构无法在规定时限内处理完毕时所作的标注。",
        "本报告中所有金额（除“有相关还款责任的企业借款”中的金额外）均为人民币金额，参照查询日前一天的汇率。",
    ];
    let n = cx.rng.urange(5, items.len());
    for (i, it) in items.iter().take(n).enumerate() {
        out.push(Block::Para(format!("{}．{it}", i + 1)));
    }
    if cx.personal() && cx.rng.chance(0.6) {
        // The 本人版 closes with the status-code legend (§11); also without truth keys.
        out.push(Block::Heading {
            text: "编制说明".into(),
            level: 1,
            color: BLACK,
        });
        let mut t = Table::with_cols(BLUE, &[1.0, 5.0]);
        t.row(vec![Cell::h("还款状态"), Cell::h("含义")]);
        for (code, text) in [
            ("*", "本月没有还款历史，或该月为开户当月"),
            ("N", "正常（借款人已按时归还该月应还款金额的全部）"),
            ("1—7", "逾期1-30天 … 逾期180天以上，每30天为一档"),
            ("B", "呆账"),
            ("C", "结清、正常销户"),
            ("D", "担保人代还"),
            ("G", "结束（除结清外的、其他任何形态的终止账户）"),
            ("#", "账户已开立，但当月状态未知"),
        ] {
            t.row(vec![Cell::v(code), Cell::v(text)]);
        }
        out.push(Block::Table(t));
    }
}
