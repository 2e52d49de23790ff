//! Spellings of the labels and titles the parsers in this module read, for correcting OCR
//! misreadings (`被瓷询者姓名` → `被查询者姓名`, report_layout.md §15).
//!
//! This list only proposes corrections: a parser still accepts a corrected label only when its
//! own setter knows it, so an entry missing here costs a correction, never a wrong field.

use std::sync::OnceLock;

/// Label and title spellings (key form, see [`super::text::key`]).
const SPELLINGS: &[&str] = &[
    // 报告头
    "被查询者姓名",
    "被查询者证件类型",
    "被查询者证件号码",
    "查询操作机构",
    "查询机构",
    "查询原因",
    "证件类型",
    "证件号码",
    "生效日期",
    "截止日期",
    "其他证件信息",
    "防欺诈警示",
    "异议信息提示",
    // 个人基本信息
    "出生日期",
    "婚姻状况",
    "就业状况",
    "电子邮箱",
    "通讯地址",
    "户籍地址",
    "数据发生机构名称",
    "手机号码",
    "信息更新日期",
    "工作单位",
    "联系电话",
    "居住地址",
    "住宅电话",
    "居住状况",
    "单位性质",
    "单位地址",
    "单位电话",
    "进入本单位年份",
    // 信息概要
    "业务类型",
    "首笔业务发放月份",
    "首笔贷款发放月份",
    "账户类型",
    "单月最高逾期/透支总额",
    "最长逾期/透支月数",
    "被追偿信息汇总",
    "呆账信息汇总",
    "逾期（透支）信息汇总",
    "管理机构数",
    "授信总额",
    "最近6个月平均应还款",
    "发卡机构数",
    "单家机构最高授信额",
    "单家机构最低授信额",
    "已用额度",
    "最近6个月平均使用额度",
    "透支余额",
    "最近6个月平均透支余额",
    "非循环贷账户信息汇总",
    "循环贷账户一信息汇总",
    "循环贷账户二信息汇总",
    "循环额度下分账户信息汇总",
    "循环贷账户信息汇总",
    "贷记卡账户信息汇总",
    "准贷记卡账户信息汇总",
    "相关还款责任信息汇总",
    "担保责任",
    "其他相关还款责任",
    "担保金额",
    "还款责任金额",
    "欠费金额",
    "信息类型",
    "涉及金额",
    "最近1个月内的查询机构数",
    "最近1个月内的查询次数",
    "最近2年内的查询次数",
    "贷款审批",
    "信用卡审批",
    "本人查询",
    "贷后管理",
    "担保资格审查",
    "特约商户实名审查",
    "上一次查询记录",
    "异议及说明信息",
    "异议标注",
    "添加日期",
    "数字解读",
    "相对位置",
    "查询日期",
    // 非信贷交易信息明细
    "机构名称",
    "业务开通日期",
    "当前缴费状态",
    "当前欠费金额",
    "记账年月",
    // 公共信息明细
    "主管税务机关",
    "欠税总额",
    "欠税统计日期",
    "立案法院",
    "立案日期",
    "结案方式",
    "判决/调解结果",
    "判决/调解生效日期",
    "诉讼标的",
    "诉讼标的金额",
    "执行法院",
    "执行案由",
    "案件状态",
    "结案日期",
    "申请执行标的",
    "申请执行标的价值",
    "已执行标的",
    "已执行标的金额",
    "处罚机构",
    "处罚内容",
    "处罚金额",
    "行政复议结果",
    "参缴日期",
    "初缴月份",
    "缴至月份",
    "缴费状态",
    "月缴存额",
    "个人缴存比例",
    "单位缴存比例",
    "缴费单位",
    "人员类别",
    "家庭月收入",
    "申请日期",
    "批准日期",
    "执业资格名称",
    "获得日期",
    "到期日期",
    "吊销日期",
    "颁发机构",
    "机构所在地",
    "奖励机构",
    "奖励内容",
    // 本人声明, 异议标注, 查询记录
    "声明内容",
    "标注内容",
    "机构查询记录明细",
    "本人查询记录明细",
    // Short labels: too short to correct (see `one_slip`), listed for splitting run-together
    // header text.
    "编号",
    "性别",
    "学历",
    "学位",
    "国籍",
    "姓名",
    "职业",
    "行业",
    "职务",
    "职称",
    "账户数",
    "余额",
    "月份数",
    "记录数",
    "说明",
    "案由",
    "等级",
    "参缴地",
    "所在地",
];

/// Every known spelling (for splitting run-together label text).
pub(crate) fn spellings() -> &'static [&'static str] {
    SPELLINGS
}

/// Whether `a` is one OCR slip away from `b`: one character replaced (both at least four
/// characters long), or one character added or dropped (the shorter at least five long).
/// Shorter labels are left alone: one slip in two or three characters is too often another word.
pub(crate) fn one_slip(a: &str, b: &str) -> bool {
    slip_of_len(a, a.chars().count(), b, b.chars().count())
}

/// [`one_slip`] with both lengths (in characters) known. Compares in place: it runs for every
/// value cell of every form table against every spelling of a similar length.
fn slip_of_len(a: &str, na: usize, b: &str, nb: usize) -> bool {
    if na == nb {
        return na >= 4 && a.chars().zip(b.chars()).filter(|(p, q)| p != q).count() == 1;
    }
    let ((short, ns), (long, nl)) = if na < nb {
        ((a, na), (b, nb))
    } else {
        ((b, nb), (a, na))
    };
    if nl != ns + 1 || ns < 5 {
        return false;
    }
    let split = short.chars().zip(long.chars()).take_while(|(p, q)| p == q).count();
    short.chars().skip(split).eq(long.chars().skip(split + 1))
}

/// Spellings with their length in characters, computed once.
fn spellings_with_len() -> &'static [(&'static str, usize)] {
    static TABLE: OnceLock<Vec<(&'static str, usize)>> = OnceLock::new();
    TABLE.get_or_init(|| SPELLINGS.iter().map(|s| (*s, s.chars().count())).collect())
}

/// The one known spelling that `k` is a slip of and that `accept` takes; `None` when there is
/// none or more than one.
pub(crate) fn correct(k: &str, accept: &dyn Fn(&str) -> bool) -> Option<&'static str> {
    let n = k.chars().count();
    if n < 4 {
        return None;
    }
    let mut found = spellings_with_len()
        .iter()
        .filter(|(l, nl)| nl.abs_diff(n) <= 1 && slip_of_len(k, n, l, *nl) && accept(l))
        .map(|(l, _)| *l);
    let first = found.next()?;
    found.next().is_none().then_some(first)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slips_are_single_edits_on_long_enough_words() {
        assert!(one_slip("被瓷询者姓名", "被查询者姓名"));
        assert!(one_slip("营理机构数", "管理机构数"));
        assert!(one_slip("最近6个月平均应还", "最近6个月平均应还款"));
        assert!(!one_slip("性名", "姓名"));
        assert!(!one_slip("贷后管里里", "贷后管理"));
        assert!(!one_slip("管理机构数", "管理机构数"));
        assert!(one_slip("数据发生机名称", "数据发生机构名称"));
        assert!(!one_slip("数据发生名机称", "数据发生机构名称"));
    }

    #[test]
    fn correction_respects_the_accepting_parser() {
        assert_eq!(
            correct("被瓷询者姓名", &|l: &str| l == "被查询者姓名"),
            Some("被查询者姓名")
        );
        assert_eq!(correct("被瓷询者姓名", &|_: &str| false), None);
        assert_eq!(correct("完全不同的词", &|_: &str| true), None);
    }
}
