//! 一 个人基本信息 (§5): 身份信息, 配偶信息, 居住信息, 职业信息.

use super::super::ctx::{address, Ctx};
use super::super::date::Date;
use super::super::ident::{id_number, landline, mobile, person_name};
use super::super::model::{Block, Cell, Table, BLACK, BLUE};
use super::super::vocab;
use super::{sub_title, Person};
use zhengxin::report::{ConnubialInfo, Experience, LivedInfo, Mobile, PersonBasicInfo, SourcedValue};

pub fn build(cx: &mut Ctx, p: &Person, out: &mut Vec<Block>, sec: usize) -> PersonBasicInfo {
    let mut info = PersonBasicInfo::default();
    out.push(Block::Heading {
        text: format!("{} 个人基本信息", super::cn_num(sec)),
        level: 1,
        color: BLACK,
    });
    let mut n = 0;
    let mut next = |t: &str| {
        n += 1;
        Block::Heading {
            text: sub_title(n, t),
            level: 2,
            color: BLACK,
        }
    };
    out.push(next("身份信息"));
    identity(cx, p, out, &mut info);
    let married = info.person_info.is_married.value == "已婚";
    if married && cx.rng.chance(0.8) {
        out.push(next("配偶信息"));
        spouse(cx, p, out, &mut info);
    }
    if cx.rng.chance(0.85) {
        out.push(next("居住信息"));
        residences(cx, out, &mut info);
    }
    if cx.rng.chance(0.8) {
        out.push(next("职业信息"));
        jobs(cx, out, &mut info);
    }
    info
}

fn sourced(cx: &mut Ctx, value: String) -> SourcedValue {
    let organization = if cx.personal() { cx.provider() } else { String::new() };
    SourcedValue { value, organization }
}

fn identity(cx: &mut Ctx, p: &Person, out: &mut Vec<Block>, info: &mut PersonBasicInfo) {
    let pi = &mut info.person_info;
    pi.gender = sourced(cx, if p.male { "男" } else { "女" }.into());
    pi.birthday = sourced(cx, p.birth.dot());
    let m = cx.rng.pick(vocab::MARRIAGE).to_string();
    pi.is_married = sourced(cx, m);
    let j = cx.rng.pick(vocab::EMPLOYMENT).to_string();
    pi.job = sourced(cx, j);
    let e = cx.rng.pick(vocab::EDUCATION).to_string();
    pi.education = sourced(cx, e);
    let d = cx.rng.pick(vocab::DEGREE).to_string();
    pi.qualification = sourced(cx, d);
    pi.country = sourced(cx, "中国".into());
    let email = if cx.rng.chance(0.7) {
        format!(
            "{}{}@{}",
            cx.rng.word("abcdefghijklmnopqrstuvwxyz", 3, 9),
            cx.rng.word("0123456789", 0, 4),
            cx.rng.pick(&["qq.com", "163.com", "hotmail.com", "example.com.cn"])
        )
    } else {
        "--".to_string()
    };
    pi.email = sourced(cx, email);
    let a = address(&mut cx.rng);
    pi.post_addr = sourced(cx, a);
    let a = address(&mut cx.rng);
    pi.register_addr = sourced(cx, a);
    // Now and then no phone is on file; the phone rows are then not printed at all.
    let phones = if cx.rng.chance(0.06) { 0 } else { cx.rng.urange(1, 5) };
    for i in 0..phones {
        let organization = if cx.personal() { cx.provider() } else { String::new() };
        let update = cx.days_ago(30 + i as i64 * 200, 200 + i as i64 * 260);
        pi.mobile.push(Mobile {
            no: (i + 1).to_string(),
            mobile: mobile(&mut cx.rng),
            update_at: update.dot(),
            organization,
        });
    }

    let mut t = Table::uniform(BLUE);
    let pi = &info.person_info;
    if cx.personal() {
        let quads = [
            (
                ["性别", "出生日期", "婚姻状况", "就业状况"],
                [&pi.gender, &pi.birthday, &pi.is_married, &pi.job],
            ),
            (
                ["学历", "学位", "国籍", "电子邮箱"],
                [&pi.education, &pi.qualification, &pi.country, &pi.email],
            ),
        ];
        for (labels, vals) in quads {
            t.hdr(&labels);
            t.val(&vals.map(|v| v.value.as_str()));
            t.hdr(&["数据发生机构名称"; 4]);
            t.val(&vals.map(|v| v.organization.as_str()));
        }
        t.hdr(&["通讯地址", "户籍地址"]);
        t.val(&[&pi.post_addr.value, &pi.register_addr.value]);
        t.hdr(&["数据发生机构名称"; 2]);
        t.val(&[&pi.post_addr.organization, &pi.register_addr.organization]);
        if !pi.mobile.is_empty() {
            t.row(vec![
                Cell::h("编号").span(70),
                Cell::h("手机号码").span(350),
                Cell::h("信息更新日期").span(210),
                Cell::h("数据发生机构名称").span(210),
            ]);
        }
        for m in &pi.mobile {
            t.row(vec![
                Cell::v(&m.no).span(70),
                Cell::v(&m.mobile).span(350),
                Cell::v(&m.update_at).span(210),
                Cell::v(&m.organization).span(210),
            ]);
        }
    } else {
        t.hdr(&[
            "性别",
            "出生日期",
            "婚姻状况",
            "学历",
            "学位",
            "就业状况",
            "国籍",
            "电子邮箱",
        ]);
        t.val(
            &[
                &pi.gender,
                &pi.birthday,
                &pi.is_married,
                &pi.education,
                &pi.qualification,
                &pi.job,
                &pi.country,
                &pi.email,
            ]
            .map(|v| v.value.as_str()),
        );
        t.row(vec![Cell::h("通讯地址").span(525), Cell::h("户籍地址").span(315)]);
        t.row(vec![
            Cell::v(&pi.post_addr.value).span(525),
            Cell::v(&pi.register_addr.value).span(315),
        ]);
        if !pi.mobile.is_empty() {
            t.row(vec![
                Cell::h("编号").span(105),
                Cell::h("手机号码").span(420),
                Cell::h("信息更新日期").span(315),
            ]);
        }
        for m in &pi.mobile {
            t.row(vec![
                Cell::v(&m.no).span(105),
                Cell::v(&m.mobile).span(420),
                Cell::v(&m.update_at).span(315),
            ]);
        }
    }
    out.push(Block::Table(t));
}

fn spouse(cx: &mut Ctx, p: &Person, out: &mut Vec<Block>, info: &mut PersonBasicInfo) {
    let birth = Date::new(
        p.birth.y + cx.rng.range(-4, 4) as i32,
        cx.rng.range(1, 12) as u32,
        cx.rng.range(1, 28) as u32,
    );
    let foreign = cx.rng.chance(0.1);
    let c = ConnubialInfo {
        name: person_name(&mut cx.rng),
        id_type: if foreign {
            "外国人居留证".into()
        } else {
            "身份证".into()
        },
        id_num: if foreign {
            cx.rng.digits(15)
        } else {
            id_number(&mut cx.rng, birth, !p.male)
        },
        company: if cx.rng.chance(0.85) {
            cx.rng.pick(vocab::EMPLOYERS).to_string()
        } else {
            "--".into()
        },
        tel: mobile(&mut cx.rng),
        organization: if cx.personal() { cx.provider() } else { String::new() },
    };
    let mut t = Table::uniform(BLUE);
    t.hdr(&["姓名", "证件类型", "证件号码", "工作单位", "联系电话"]);
    t.val(&[&c.name, &c.id_type, &c.id_num, &c.company, &c.tel]);
    if cx.personal() {
        t.title("数据发生机构名称");
        t.full(&c.organization);
    }
    out.push(Block::Table(t));
    info.connubial_info = c;
}

fn residences(cx: &mut Ctx, out: &mut Vec<Block>, info: &mut PersonBasicInfo) {
    let n = cx.rng.urange(1, 5);
    for i in 0..n {
        let update = cx.days_ago(20 + i as i64 * 300, 250 + i as i64 * 400);
        info.lived_infos.push(LivedInfo {
            no: (i + 1).to_string(),
            address: address(&mut cx.rng),
            status: cx.rng.pick(vocab::RESIDENCE).to_string(),
            home_tel: if cx.rng.chance(0.6) {
                landline(&mut cx.rng)
            } else {
                "--".into()
            },
            update_at: update.dot(),
            organization: if cx.personal() { cx.provider() } else { String::new() },
        });
    }
    let mut t = Table::with_cols(BLUE, &[0.6, 3.4, 1.4, 1.2, 1.4]);
    t.row(
        ["编号", "居住地址", "住宅电话", "居住状况", "信息更新日期"]
            .iter()
            .map(|s| Cell::h(*s))
            .collect(),
    );
    for l in &info.lived_infos {
        t.row(
            [&l.no, &l.address, &l.home_tel, &l.status, &l.update_at]
                .iter()
                .map(|s| Cell::v(s.as_str()))
                .collect(),
        );
    }
    if cx.personal() {
        t.row(vec![Cell::h("编号"), Cell::h("数据发生机构名称").span(4)]);
        for l in &info.lived_infos {
            t.row(vec![Cell::v(&l.no), Cell::v(&l.organization).span(4)]);
        }
    }
    out.push(Block::Table(t));
}

fn jobs(cx: &mut Ctx, out: &mut Vec<Block>, info: &mut PersonBasicInfo) {
    let n = cx.rng.urange(1, 5);
    let this_year = cx.today.y;
    for i in 0..n {
        let update = cx.days_ago(20 + i as i64 * 300, 250 + i as i64 * 400);
        info.experiences.push(Experience {
            no: (i + 1).to_string(),
            company: cx.rng.pick(vocab::EMPLOYERS).to_string(),
            address: address(&mut cx.rng),
            office_tel: if cx.rng.chance(0.7) {
                landline(&mut cx.rng)
            } else {
                "--".into()
            },
            company_character: cx.rng.pick(vocab::COMPANY_KIND).to_string(),
            job_nature: cx.rng.pick(vocab::OCCUPATION).to_string(),
            industry: cx.rng.pick(vocab::INDUSTRY).to_string(),
            title: cx.rng.pick(vocab::POSITION).to_string(),
            level: cx.rng.pick(vocab::TITLE).to_string(),
            started_at: if cx.rng.chance(0.9) {
                (this_year - 2 - 2 * i as i32 - cx.rng.range(0, 3) as i32).to_string()
            } else {
                "--".into()
            },
            update_at: update.dot(),
            organization: if cx.personal() { cx.provider() } else { String::new() },
        });
    }
    let mut t = Table::with_cols(BLUE, &[0.6, 2.4, 1.5, 2.6, 1.3]);
    t.row(
        ["编号", "工作单位", "单位性质", "单位地址", "单位电话"]
            .iter()
            .map(|s| Cell::h(*s))
            .collect(),
    );
    for e in &info.experiences {
        t.row(
            [&e.no, &e.company, &e.company_character, &e.address, &e.office_tel]
                .iter()
                .map(|s| Cell::v(s.as_str()))
                .collect(),
        );
    }
    out.push(Block::Table(t));
    let mut t = Table::with_cols(BLUE, &[0.6, 2.2, 2.0, 0.9, 0.7, 1.0, 1.0]).attached();
    t.row(
        ["编号", "职业", "行业", "职务", "职称", "进入本单位年份", "信息更新日期"]
            .iter()
            .map(|s| Cell::h(*s))
            .collect(),
    );
    for e in &info.experiences {
        t.row(
            [
                &e.no,
                &e.job_nature,
                &e.industry,
                &e.title,
                &e.level,
                &e.started_at,
                &e.update_at,
            ]
            .iter()
            .map(|s| Cell::v(s.as_str()))
            .collect(),
        );
    }
    out.push(Block::Table(t));
    if cx.personal() {
        let mut t = Table::with_cols(BLUE, &[0.6, 7.8]).attached();
        t.row(vec![Cell::h("编号"), Cell::h("数据发生机构名称")]);
        for e in &info.experiences {
            t.row(vec![Cell::v(&e.no), Cell::v(&e.organization)]);
        }
        out.push(Block::Table(t));
    }
}
