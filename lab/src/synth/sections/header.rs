//! Report header (§4): number, time, subject, querying institution, 其他证件信息, 防欺诈警示,
//! 异议信息提示.

use super::super::ctx::{institution_name, Ctx};
use super::super::ident::{id_number, mask_id};
use super::super::model::{Align, Block, Cell, Table, BLUE, UNITS};
use super::super::vocab;
use super::Person;
use zhengxin::report::{AntiHackInfo, CreditHeader, OtherIdInfo};

pub fn build(cx: &mut Ctx, p: &Person, out: &mut Vec<Block>) -> CreditHeader {
    let mut h = CreditHeader {
        serial_no: format!("{}{}", cx.stamp(), cx.rng.digits(8)),
        report_time: cx.report_time(),
        who_was_checked: p.name.clone(),
        id_type: "身份证".into(),
        ..Default::default()
    };
    if cx.personal() {
        h.id_num = mask_id(&p.id);
        let online = cx.rng.chance(0.5);
        h.reason = if online {
            cx.rng.pick(&vocab::SELF_QUERY_REASONS[1..]).to_string()
        } else {
            vocab::SELF_QUERY_REASONS[0].to_string()
        };
        h.organization = if online && cx.rng.chance(0.5) {
            "本人".into()
        } else {
            cx.rng.pick(vocab::PBOC_BRANCHES).to_string()
        };
    } else {
        h.id_num = p.id.clone();
        h.organization = institution_name(&mut cx.rng, cx.version);
        h.reason = cx.rng.pick(vocab::QUERY_REASONS_ORG).to_string();
    }

    let mut t = Table::uniform(BLUE);
    let left = UNITS * 3 / 5;
    t.row(vec![
        Cell::v(format!("报告编号：{}", h.serial_no))
            .span(left)
            .align(Align::Left),
        Cell::v(format!("报告时间：{}", h.report_time))
            .span(UNITS - left)
            .align(Align::Right),
    ]);
    t.hdr(&[
        "被查询者姓名",
        "被查询者证件类型",
        "被查询者证件号码",
        "查询机构",
        "查询原因",
    ]);
    t.val(&[&h.who_was_checked, &h.id_type, &h.id_num, &h.organization, &h.reason]);
    out.push(Block::Table(t));

    if cx.rng.chance(0.35) {
        let mut t = Table::uniform(BLUE);
        t.title("其他证件信息");
        t.hdr(&["证件类型", "证件号码"]);
        for _ in 0..cx.rng.urange(1, 3) {
            let kind = cx.rng.pick(vocab::ID_TYPES_OTHER).to_string();
            let num = match kind.as_str() {
                "户口簿" => id_number(&mut cx.rng, p.birth, p.male),
                "护照" => format!("E{}", cx.rng.digits(8)),
                "港澳居民来往内地通行证" => format!("H{}", cx.rng.digits(8)),
                _ => format!("{}{}", cx.rng.chars_from("GMKT", 1), cx.rng.digits(7)),
            };
            t.val(&[&kind, &num]);
            h.other_id_info.push(OtherIdInfo { kind, id_num: num });
        }
        out.push(Block::Gap(6.0));
        out.push(Block::Table(t));
    }

    if cx.rng.chance(0.2) {
        let effect = cx.days_ago(10, 300);
        let due = effect.add_days(364);
        let tel = format!(
            "{}/{}",
            super::super::ident::landline(&mut cx.rng),
            super::super::ident::mobile(&mut cx.rng)
        );
        let warning = format!("信息主体申请设置防欺诈警示，联系电话：{tel}。");
        let unpadded = cx.rng.chance(0.6);
        let fmt = |d: super::super::date::Date| if unpadded { d.cn_unpadded() } else { d.cn() };
        h.anti_hack_info = AntiHackInfo {
            warning_info: warning.clone(),
            effect_date: fmt(effect),
            due_date: fmt(due),
        };
        let mut t = Table::uniform(BLUE);
        t.title("防欺诈警示");
        t.full(&warning);
        t.hdr(&["生效日期", "截止日期"]);
        t.val(&[&h.anti_hack_info.effect_date, &h.anti_hack_info.due_date]);
        out.push(Block::Gap(6.0));
        out.push(Block::Table(t));
    }

    if cx.rng.chance(0.2) {
        let n = cx.rng.range(1, 4);
        h.objection_info = format!("信息主体对信用报告内容提出了{n}笔异议且正在处理中，请浏览时注意阅读相关内容。");
        let mut t = Table::uniform(BLUE);
        t.title("异议信息提示");
        t.full(&h.objection_info);
        out.push(Block::Gap(6.0));
        out.push(Block::Table(t));
    }
    h
}
