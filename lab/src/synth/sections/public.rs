//! 五 公共信息明细 (§9): all eight record kinds, each sub-section present or absent by chance.

use super::super::ctx::{address, Ctx};
use super::super::date::amount;
use super::super::ident::person_name;
use super::super::model::{Block, Cell, Table, BLACK, BLUE, PINK, UNITS};
use super::super::vocab;
use super::sub_title;
use zhengxin::report::*;

fn row(t: &mut Table, cells: &[&String]) {
    t.row(cells.iter().map(|s| Cell::v(s.as_str())).collect());
}

fn hdr(t: &mut Table, cells: &[&str]) {
    t.row(cells.iter().map(|s| Cell::h(*s)).collect());
}

/// Draws the section; returns `None` (and emits nothing) when no kind is present.
pub fn build(cx: &mut Ctx, out: &mut Vec<Block>, sec: usize, p_each: f64) -> Option<PublicInfoDetail> {
    let mut d = PublicInfoDetail::default();
    let mut blocks = Vec::new();
    let mut n = 0;
    let mut head = |blocks: &mut Vec<Block>, t: &str| {
        n += 1;
        blocks.push(Block::Heading {
            text: sub_title(n, t),
            level: 2,
            color: BLACK,
        });
    };
    let count = |cx: &mut Ctx| if cx.rng.chance(p_each) { cx.rng.urange(1, 3) } else { 0 };
    let k = count(cx);
    if k > 0 {
        head(&mut blocks, "欠税记录");
        let mut t = Table::with_cols(PINK, &[0.6, 3.0, 1.4, 1.4]);
        hdr(&mut t, &["编号", "主管税务机关", "欠税总额", "欠税统计日期"]);
        for i in 1..=k {
            let r = OwingTaxRecord {
                no: i.to_string(),
                charged_tax_office: cx.rng.pick(vocab::TAX_OFFICES).to_string(),
                owing_tax_amount: amount(cx.rng.amount(100, 80_000, 10)),
                owing_tax_stats_date: cx.days_ago(60, 2000).dot(),
            };
            row(
                &mut t,
                &[
                    &r.no,
                    &r.charged_tax_office,
                    &r.owing_tax_amount,
                    &r.owing_tax_stats_date,
                ],
            );
            d.owing_tax_record.push(r);
        }
        blocks.push(Block::Table(t));
    }
    let k = count(cx);
    if k > 0 {
        head(&mut blocks, "民事判决记录");
        for i in 1..=k {
            let amt = cx.rng.amount(1_000, 2_000_000, 1_000);
            let filed = cx.days_ago(200, 2500);
            let reason = cx.rng.pick(vocab::CASE_REASONS).to_string();
            let r = CivilJudgmentRecord {
                no: i.to_string(),
                filling_court: cx.rng.pick(vocab::COURTS).to_string(),
                reason: reason.clone(),
                filling_date: filed.dot(),
                closing_type: cx.rng.pick(&["判决", "调解", "其他"]).to_string(),
                closing_result: format!(
                    "被告{}赔偿原告{}人民币{}元",
                    person_name(&mut cx.rng),
                    person_name(&mut cx.rng),
                    amount(amt)
                ),
                closing_effect_date: filed.add_days(cx.rng.range(30, 300)).dot(),
                litigation: reason,
                litigation_amount: amount(amt),
            };
            d.civil_judgment_record.push(r);
        }
        let mut t = Table::with_cols(PINK, &[0.6, 2.4, 1.6, 1.2, 1.0]);
        hdr(&mut t, &["编号", "立案法院", "案由", "立案日期", "结案方式"]);
        for r in &d.civil_judgment_record {
            row(
                &mut t,
                &[&r.no, &r.filling_court, &r.reason, &r.filling_date, &r.closing_type],
            );
        }
        blocks.push(Block::Table(t));
        let mut t = Table::with_cols(PINK, &[0.6, 2.6, 1.4, 1.4, 1.2]).attached();
        hdr(
            &mut t,
            &["编号", "判决/调解结果", "判决/调解生效日期", "诉讼标的", "诉讼标的金额"],
        );
        for r in &d.civil_judgment_record {
            row(
                &mut t,
                &[
                    &r.no,
                    &r.closing_result,
                    &r.closing_effect_date,
                    &r.litigation,
                    &r.litigation_amount,
                ],
            );
        }
        blocks.push(Block::Table(t));
    }
    let k = count(cx);
    if k > 0 {
        head(&mut blocks, "强制执行记录");
        for i in 1..=k {
            let v = cx.rng.amount(1_000, 1_000_000, 1_000);
            let filed = cx.days_ago(200, 2500);
            let done = cx.rng.chance(0.6);
            d.force_execute_record.push(ForceExecuteRecord {
                no: i.to_string(),
                execute_court: cx.rng.pick(vocab::COURTS).to_string(),
                execute_reason: cx.rng.pick(vocab::CASE_REASONS).to_string(),
                filling_date: filed.dot(),
                closing_type: if done {
                    cx.rng.pick(&["执行结案", "执行完毕", "终结执行"]).to_string()
                } else {
                    "--".into()
                },
                case_state: if done { "已结案".into() } else { "执行中".into() },
                closing_date: if done {
                    filed.add_days(cx.rng.range(30, 400)).dot()
                } else {
                    "--".into()
                },
                apply_execute_subject: cx.rng.pick(&["款项", "房产", "车辆"]).to_string(),
                apply_execute_subject_value: amount(v),
                executed_subject: if done { "款项".into() } else { "--".into() },
                executed_subject_amount: if done { amount(v) } else { "0".into() },
            });
        }
        let mut t = Table::with_cols(PINK, &[0.6, 2.4, 1.6, 1.2, 1.0]);
        hdr(&mut t, &["编号", "执行法院", "执行案由", "立案日期", "结案方式"]);
        for r in &d.force_execute_record {
            row(
                &mut t,
                &[
                    &r.no,
                    &r.execute_court,
                    &r.execute_reason,
                    &r.filling_date,
                    &r.closing_type,
                ],
            );
        }
        blocks.push(Block::Table(t));
        let mut t = Table::with_cols(PINK, &[0.6, 1.0, 1.1, 1.0, 1.3, 1.0, 1.3]).attached();
        hdr(
            &mut t,
            &[
                "编号",
                "案件状态",
                "结案日期",
                "申请执行标的",
                "申请执行标的价值",
                "已执行标的",
                "已执行标的金额",
            ],
        );
        for r in &d.force_execute_record {
            row(
                &mut t,
                &[
                    &r.no,
                    &r.case_state,
                    &r.closing_date,
                    &r.apply_execute_subject,
                    &r.apply_execute_subject_value,
                    &r.executed_subject,
                    &r.executed_subject_amount,
                ],
            );
        }
        blocks.push(Block::Table(t));
    }
    let k = count(cx);
    if k > 0 {
        head(&mut blocks, "行政处罚记录");
        let mut t = Table::with_cols(PINK, &[0.6, 2.0, 2.0, 1.0, 0.9, 0.9, 1.2]);
        hdr(
            &mut t,
            &[
                "编号",
                "处罚机构",
                "处罚内容",
                "处罚金额",
                "生效日期",
                "截止日期",
                "行政复议结果",
            ],
        );
        for i in 1..=k {
            let eff = cx.today.add_months(-cx.rng.range(6, 80));
            let r = AdministrativePenaltyRecord {
                no: i.to_string(),
                penalty_org: format!(
                    "{}市场监督管理局",
                    vocab::CITIES[cx.rng.below(vocab::CITIES.len() as u64) as usize].0
                ),
                penalty_content: cx
                    .rng
                    .pick(&["未按规定办理年度报告", "违规经营", "交通违法", "虚假宣传"])
                    .to_string(),
                penalty_amount: amount(cx.rng.amount(200, 50_000, 100)),
                effect_date: eff.month().dot(),
                due_date: eff.month().add(cx.rng.range(1, 24)).dot(),
                administrative_review_result: cx.rng.pick(&["--", "维持原处罚", "撤销处罚"]).to_string(),
            };
            row(
                &mut t,
                &[
                    &r.no,
                    &r.penalty_org,
                    &r.penalty_content,
                    &r.penalty_amount,
                    &r.effect_date,
                    &r.due_date,
                    &r.administrative_review_result,
                ],
            );
            d.administrative_penalty_record.push(r);
        }
        blocks.push(Block::Table(t));
    }
    let k = count(cx);
    if k > 0 {
        head(&mut blocks, "住房公积金参缴记录");
        for _ in 0..k {
            let first = cx.today.add_months(-cx.rng.range(12, 150));
            let pct = format!("{}%", cx.rng.range(5, 12));
            let r = HousingProvidentFundContributionRecord {
                contribution_place: vocab::CITIES[cx.rng.below(vocab::CITIES.len() as u64) as usize]
                    .0
                    .to_string(),
                contribution_date: first.dot(),
                first_contribution_date: first.month().dot(),
                contribution_due_date: cx.this_month().add(-cx.rng.range(1, 30)).dot(),
                contribution_state: cx.rng.pick(&["缴交", "封存", "销户"]).to_string(),
                amount_per_month: amount(cx.rng.amount(200, 8_000, 10)),
                self_contribution_proportion: pct.clone(),
                company_contribution_proportion: pct,
                contribution_company: cx.rng.pick(vocab::EMPLOYERS).to_string(),
                update_at: cx.days_ago(5, 300).dot(),
            };
            let mut t = Table::uniform(BLUE);
            t.hdr(&[
                "参缴地",
                "参缴日期",
                "初缴月份",
                "缴至月份",
                "缴费状态",
                "月缴存额",
                "个人缴存比例",
                "单位缴存比例",
            ]);
            t.val(&[
                &r.contribution_place,
                &r.contribution_date,
                &r.first_contribution_date,
                &r.contribution_due_date,
                &r.contribution_state,
                &r.amount_per_month,
                &r.self_contribution_proportion,
                &r.company_contribution_proportion,
            ]);
            let u = UNITS / 8;
            t.row(vec![Cell::h("缴费单位").span(7 * u), Cell::h("信息更新日期").span(u)]);
            t.row(vec![
                Cell::v(&r.contribution_company).span(7 * u),
                Cell::v(&r.update_at).span(u),
            ]);
            blocks.push(Block::Table(t));
            d.housing_provident_fund_contribution_record.push(r);
        }
    }
    let k = count(cx);
    if k > 0 {
        head(&mut blocks, "低保救助记录");
        let mut t = Table::with_cols(BLUE, &[0.6, 1.0, 2.0, 1.8, 1.0, 1.0, 1.0, 1.1]);
        hdr(
            &mut t,
            &[
                "编号",
                "人员类别",
                "所在地",
                "工作单位",
                "家庭月收入",
                "申请日期",
                "批准日期",
                "信息更新日期",
            ],
        );
        for i in 1..=k {
            let apply = cx.days_ago(100, 2000);
            let r = LowSecurityRescueRecord {
                no: i.to_string(),
                person_type: cx.rng.pick(&["城镇", "农村"]).to_string(),
                place: address(&mut cx.rng),
                company: if cx.rng.chance(0.5) {
                    cx.rng.pick(vocab::EMPLOYERS).to_string()
                } else {
                    "--".into()
                },
                family_income_per_month: amount(cx.rng.amount(300, 3_000, 10)),
                apply_date: apply.dot(),
                agree_date: apply.add_days(cx.rng.range(10, 90)).dot(),
                update_at: apply.add_days(cx.rng.range(90, 300)).min(cx.today).dot(),
            };
            row(
                &mut t,
                &[
                    &r.no,
                    &r.person_type,
                    &r.place,
                    &r.company,
                    &r.family_income_per_month,
                    &r.apply_date,
                    &r.agree_date,
                    &r.update_at,
                ],
            );
            d.low_security_rescue_record.push(r);
        }
        blocks.push(Block::Table(t));
    }
    let k = count(cx);
    if k > 0 {
        head(&mut blocks, "执业资格记录");
        let mut t = Table::with_cols(BLUE, &[0.6, 1.8, 0.8, 1.0, 1.0, 1.0, 2.0, 1.4]);
        hdr(
            &mut t,
            &[
                "编号",
                "执业资格名称",
                "等级",
                "获得日期",
                "到期日期",
                "吊销日期",
                "颁发机构",
                "机构所在地",
            ],
        );
        for i in 1..=k {
            let got = cx.today.add_months(-cx.rng.range(6, 150)).month();
            let (city, _) = vocab::CITIES[cx.rng.below(vocab::CITIES.len() as u64) as usize];
            let r = ExecutiveQualificationRecord {
                no: i.to_string(),
                executive_qualification_name: cx
                    .rng
                    .pick(&["注册会计师", "执业医师", "律师", "注册建筑师", "教师资格"])
                    .to_string(),
                level: cx.rng.pick(&["一级", "二级", "--"]).to_string(),
                got_date: got.dot(),
                deadline_date: if cx.rng.chance(0.5) {
                    got.add(60).dot()
                } else {
                    "--".into()
                },
                revocation_date: "--".into(),
                issuer: format!("{city}人力资源和社会保障局"),
                issuer_place: city.to_string(),
            };
            row(
                &mut t,
                &[
                    &r.no,
                    &r.executive_qualification_name,
                    &r.level,
                    &r.got_date,
                    &r.deadline_date,
                    &r.revocation_date,
                    &r.issuer,
                    &r.issuer_place,
                ],
            );
            d.executive_qualification_record.push(r);
        }
        blocks.push(Block::Table(t));
    }
    let k = count(cx);
    if k > 0 {
        head(&mut blocks, "行政奖励记录");
        let mut t = Table::with_cols(BLUE, &[0.6, 2.4, 2.6, 1.0, 1.0]);
        hdr(&mut t, &["编号", "奖励机构", "奖励内容", "生效日期", "截止日期"]);
        for i in 1..=k {
            let eff = cx.today.add_months(-cx.rng.range(6, 100)).month();
            let (city, _) = vocab::CITIES[cx.rng.below(vocab::CITIES.len() as u64) as usize];
            let r = AdministrativeRewardRecord {
                no: i.to_string(),
                reward_company: format!("{city}人民政府"),
                reward_content: cx
                    .rng
                    .pick(&["优秀志愿者", "见义勇为先进个人", "劳动模范", "优秀教师"])
                    .to_string(),
                effect_date: eff.dot(),
                due_date: if cx.rng.chance(0.5) {
                    eff.add(12).dot()
                } else {
                    "--".into()
                },
            };
            row(
                &mut t,
                &[&r.no, &r.reward_company, &r.reward_content, &r.effect_date, &r.due_date],
            );
            d.administrative_reward_record.push(r);
        }
        blocks.push(Block::Table(t));
    }
    if blocks.is_empty() {
        return None;
    }
    out.push(Block::Heading {
        text: format!("{} 公共信息明细", super::cn_num(sec)),
        level: 1,
        color: BLACK,
    });
    out.extend(blocks);
    Some(d)
}
