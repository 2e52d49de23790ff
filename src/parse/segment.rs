//! Splitting a document into sections at its headings.
//!
//! Level-1 headings (`三 信贷交易信息明细`) are a Chinese numeral and a title; level-2 headings
//! (`（一）身份信息`) a parenthesised numeral and a title. Numbering differs between the two
//! versions and the design-era sample (本人声明 is 六 in a 授信机构版, 九 in the sample), so a
//! heading is recognised by its title alone; the numeral only has to be there. Level-2 titles are
//! looked up among the children of the current level-1 section only, and level-1 headings must
//! come in report order, so a stray line inside an account block cannot open a section.

use std::sync::OnceLock;

use crate::layout::{Block, Cell, Line, Table};
use crate::lexicon::{fuzzy, sections};

use super::labels::one_slip;
use super::text::{is_numeral_char, key, strip_numeral, strip_paren_numeral, title_matches};

pub use crate::lexicon::SectionId;

/// A level-1 section of the lexicon's registry with its titles in key form, as headings are
/// compared.
struct Level1 {
    id: SectionId,
    titles: Vec<String>,
    unnumbered: bool,
    children: Vec<(SectionId, Vec<String>)>,
    /// Sub-headings its own parser reads (`（二）非循环贷账户` in 信贷交易信息明细).
    inner: Vec<String>,
}

/// The registry ([`crate::lexicon::sections::LEVEL1`]) in key form, in report order.
fn level1s() -> &'static [Level1] {
    static KEYED: OnceLock<Vec<Level1>> = OnceLock::new();
    KEYED.get_or_init(|| {
        let keys = |titles: &[&str]| titles.iter().map(|t| key(t)).collect::<Vec<_>>();
        sections::LEVEL1
            .iter()
            .map(|l| Level1 {
                id: l.id,
                titles: keys(l.titles),
                unnumbered: l.unnumbered,
                children: l.children.iter().map(|(id, t)| (*id, keys(t))).collect(),
                inner: keys(l.inner),
            })
            .collect()
    })
}

/// One section: the blocks after its heading up to the next recognised heading.
#[derive(Debug, Clone, Copy)]
pub struct Section<'a> {
    /// Which section.
    pub id: SectionId,
    /// Its blocks, heading excluded.
    pub blocks: &'a [Block],
}

/// Index of the entry whose title `matches` the text exactly, else of the only entry whose title
/// is one OCR slip away from it.
fn pick<T>(
    entries: &[T],
    titles: impl Fn(&T) -> &[String],
    text: &str,
    exact: impl Fn(&str, &str) -> bool,
) -> Option<usize> {
    if let Some(i) = entries
        .iter()
        .position(|e| titles(e).iter().any(|t| exact(text, t.as_str())))
    {
        return Some(i);
    }
    let mut near = entries
        .iter()
        .enumerate()
        .filter(|(_, e)| titles(e).iter().any(|t| one_slip(text, t)));
    let (i, _) = near.next()?;
    near.next().is_none().then_some(i)
}

/// The level-1 section a heading key opens, given the index of the current level-1 section
/// (`None` before the first).
fn level1_at(k: &str, current: Option<usize>) -> Option<usize> {
    let whole = match strip_numeral(k) {
        Some(rest) => pick(level1s(), |l| l.titles.as_slice(), rest, |a, b| a == b),
        None => {
            let unnumbered: Vec<&Level1> = level1s().iter().filter(|l| l.unnumbered).collect();
            pick(&unnumbered, |l| l.titles.as_slice(), k, title_matches)
                .and_then(|i| level1s().iter().position(|l| l.id == unnumbered[i].id))
        }
    };
    let found = whole.or_else(|| level1_inside(k))?;
    if current.is_some_and(|c| found <= c) {
        // Out of report order: a repeated or stray heading-like line, read as content.
        tracing::debug!(section = ?level1s()[found].id, "level-1 heading out of order ignored");
        return None;
    }
    Some(found)
}

/// A numbered level-1 title inside a longer line: OCR glues watermark text and page furniture
/// to headings (`本报告仅供一个人基本信息`, `六非金融信用交易信息中心`). The longest title that
/// follows a numeral wins.
fn level1_inside(k: &str) -> Option<usize> {
    let mut best: Option<(usize, usize)> = None;
    for (i, _) in k.char_indices().filter(|&(_, c)| is_numeral_char(c)) {
        let Some(rest) = strip_numeral(&k[i..]) else { continue };
        for (li, l) in level1s().iter().enumerate().filter(|(_, l)| !l.unnumbered) {
            for t in l.titles.iter().filter(|t| rest.starts_with(t.as_str())) {
                if best.is_none_or(|(_, n)| t.len() > n) {
                    best = Some((li, t.len()));
                }
            }
        }
    }
    best.map(|(i, _)| i)
}

/// The child section a level-2 heading key opens within level-1 section `parent`: the whole
/// line, else a `（N）title` inside it (junk glued before or after by OCR).
fn level2_at(k: &str, parent: usize) -> Option<SectionId> {
    let children = &level1s()[parent].children;
    if let Some(rest) = strip_paren_numeral(k) {
        if let Some(i) = pick(children, |(_, t)| t.as_slice(), rest, title_matches) {
            return Some(children[i].0);
        }
    }
    let mut best: Option<(SectionId, usize)> = None;
    for (i, _) in k.match_indices('（') {
        let Some(rest) = strip_paren_numeral(&k[i..]) else {
            continue;
        };
        for (id, titles) in children {
            for t in titles.iter().filter(|t| rest.starts_with(t.as_str())) {
                if best.is_none_or(|(_, n)| t.len() > n) {
                    best = Some((*id, t.len()));
                }
            }
        }
    }
    best.map(|(id, _)| id)
}

/// The level-2 section a heading key opens: a child of the current level-1 section, else of a
/// later one whose own heading was lost (OCR), which then becomes current.
fn level2_any(k: &str, current: Option<usize>) -> Option<(usize, SectionId)> {
    let first = current.unwrap_or(0);
    (first..level1s().len()).find_map(|p| level2_at(k, p).map(|id| (p, id)))
}

/// A level-2 heading found: its level-1 parent, its index among the parent's children and
/// its numeral (`（二）` → 2) when one was read.
#[derive(Debug, Clone, Copy)]
struct Level2Seen {
    parent: usize,
    child: usize,
    numeral: Option<u32>,
}

impl Level2Seen {
    fn new(parent: usize, id: SectionId, k: &str) -> Option<Self> {
        let child = level1s()[parent].children.iter().position(|(c, _)| *c == id)?;
        Some(Self {
            parent,
            child,
            numeral: paren_numeral(k),
        })
    }
}

/// Titles this short could begin too many headings to be taken for a cut one.
const MIN_CUT_TITLE_CHARS: usize = 3;

/// A level-2 heading whose end was lost (a seal over red print whitened with the seal, a
/// watermark, a page edge): `（二）信贷交` after `（一）信贷交易信息提示`. Taken only when its
/// numeral is the one after the last level-2 heading's, and then as the first later sibling
/// whose title begins with what was read — never a guess between two.
fn cut_level2(k: &str, seen: Level2Seen) -> Option<(SectionId, Level2Seen)> {
    let rest = strip_paren_numeral(k)?;
    let numeral = paren_numeral(k)?;
    if rest.chars().count() < MIN_CUT_TITLE_CHARS || Some(numeral) != seen.numeral.map(|n| n + 1) {
        return None;
    }
    let children = &level1s()[seen.parent].children;
    let (child, (id, _)) = children
        .iter()
        .enumerate()
        .skip(seen.child + 1)
        .find(|(_, (_, titles))| titles.iter().any(|t| t.starts_with(rest)))?;
    tracing::debug!(section = ?id, "level-2 heading read cut short taken for the next sibling");
    Some((
        *id,
        Level2Seen {
            parent: seen.parent,
            child,
            numeral: Some(numeral),
        },
    ))
}

/// A level-2 heading read without its `（N）` (lost to the scan) and with up to a quarter of its
/// title's characters misread (`信货公易信息提示`): a line that is no level-2 heading in form
/// is taken for one only as a later sibling of the last level-2 heading of the current level-1
/// section (or of its first child), whose title it matches character for character but for
/// those substitutions, and only when exactly one such sibling does.
fn unnumbered_level2(k: &str, parent: Option<usize>, seen: Option<Level2Seen>) -> Option<(SectionId, Level2Seen)> {
    if strip_paren_numeral(k).is_some() {
        return None;
    }
    let parent = parent?;
    let seen = seen.filter(|s| s.parent == parent);
    let first = seen.map_or(0, |s| s.child + 1);
    // A note after the title (`信贷交易授信及负债信息概要（未结清/未销户）`) is no part of it,
    // as [`title_matches`] has it for numbered headings.
    let k = without_note(k);
    let n = k.chars().count();
    if n < MIN_UNNUMBERED_TITLE_CHARS {
        return None;
    }
    let near = |t: &String| t.chars().count() == n && fuzzy::within_counted(k, n, t, n, n / 4).is_some();
    let mut hits = level1s()[parent]
        .children
        .iter()
        .enumerate()
        .skip(first)
        .filter(|(_, (_, titles))| titles.iter().any(near));
    let (child, (id, _)) = hits.next()?;
    if hits.next().is_some() {
        return None;
    }
    tracing::debug!(section = ?id, "level-2 heading read without its numeral taken in its order");
    Some((
        *id,
        Level2Seen {
            parent,
            child,
            numeral: None,
        },
    ))
}

/// `k` less a parenthesised note at its end (`…概要（未结清/未销户）` → `…概要`), when something
/// comes before the note.
fn without_note(k: &str) -> &str {
    match k.strip_suffix('）').and_then(|rest| rest.rfind('（')) {
        Some(i) if i > 0 => &k[..i],
        _ => k,
    }
}

/// The titles of 二 信息概要's tables, by the level-2 section that prints them. Each table of a
/// summary section carries one (as its first row or as a line over it), and none is shared.
fn summary_table_titles() -> &'static [(SectionId, Vec<String>)] {
    static KEYED: OnceLock<Vec<(SectionId, Vec<String>)>> = OnceLock::new();
    KEYED.get_or_init(|| {
        // The parsers' own title lists where they keep one.
        let keys = |titles: &[&[&str]]| titles.iter().flat_map(|t| t.iter()).map(|t| key(t)).collect::<Vec<_>>();
        vec![
            (SectionId::BreachSummary, keys(super::summary::BREACH_TITLES)),
            (SectionId::ExtensionDebtSummary, keys(super::summary_debt::TITLES)),
            (SectionId::NoncreditSummary, keys(&[&["后付费业务欠费信息汇总"]])),
            (SectionId::PublicSummary, keys(&[&["公共信息汇总"]])),
            (
                SectionId::QuerySummary,
                keys(&[super::summary::LAST_QUERY_TITLES, &["查询记录汇总"]]),
            ),
        ]
    })
}

/// The summary section a table title opens when that section's own heading was lost (a copy
/// drops the report's faint grey headings, `（四）公共信息概要`): `block` is a line that is
/// exactly one of the section's table titles, or a table whose first row is. Only a later
/// sibling of the last level-2 heading of 二 信息概要 opens so; the section already open keeps
/// its own tables.
fn implied_by_title(block: &Block, parent: Option<usize>, seen: Option<Level2Seen>) -> Option<(SectionId, Level2Seen)> {
    let parent = parent?;
    let text = match block {
        Block::Line(l) => key(&l.text),
        Block::Table(t) if t.n_rows > 0 => key(&t.row(0).iter().map(|c| c.text.as_str()).collect::<String>()),
        _ => return None,
    };
    let (id, _) = summary_table_titles()
        .iter()
        .find(|(_, titles)| titles.contains(&text))?;
    let child = level1s()[parent].children.iter().position(|(c, _)| c == id)?;
    let first = seen.filter(|s| s.parent == parent).map_or(0, |s| s.child + 1);
    if child < first {
        return None;
    }
    tracing::debug!(section = ?id, "summary section opened by its table's title");
    Some((
        *id,
        Level2Seen {
            parent,
            child,
            numeral: None,
        },
    ))
}

/// The level-1 section a `（N）title` line implies when that section's own heading was lost
/// (its numeral printed apart and dropped, `信贷交易信息明细` for `三 信贷交易信息明细`, which no
/// bare title may open: `本人声明` and `异议标注` are also the titles of an account's notes): the
/// title is exactly one of the sub-headings that section's parser reads, and the section comes
/// later in the report than the one open. The line is that section's content, not its heading.
fn implied_by_inner(block: &Block, current: Option<usize>) -> Option<usize> {
    let Block::Line(l) = block else { return None };
    let k = key(&l.text);
    let rest = strip_paren_numeral(&k)?;
    let first = current.map_or(0, |c| c + 1);
    let found = (first..level1s().len()).find(|&i| level1s()[i].inner.iter().any(|t| t == rest))?;
    tracing::debug!(section = ?level1s()[found].id, "level-1 section opened by a sub-heading of its own");
    Some(found)
}

/// Titles shorter than this are not taken without their numeral: one misread character in
/// three is another word as often as not.
const MIN_UNNUMBERED_TITLE_CHARS: usize = 4;

/// The value of a `（N）` numeral in Chinese (`一`–`十九`) or ASCII digits; `None` for none.
fn paren_numeral(k: &str) -> Option<u32> {
    let inner = k.strip_prefix('（')?.split('）').next()?;
    if let Ok(n) = inner.parse::<u32>() {
        return Some(n);
    }
    let digit = |c: char| "一二三四五六七八九".chars().position(|d| d == c).map(|p| p as u32 + 1);
    let chars: Vec<char> = inner.chars().collect();
    match chars.as_slice() {
        [c] if *c == '十' => Some(10),
        [c] => digit(*c),
        ['十', c] => digit(*c).map(|d| 10 + d),
        _ => None,
    }
}

/// Whether a table row's text is a whole heading (the layout stage put it inside a table, as
/// OCR'd pages do when a ruling passes near the heading). Stricter than line headings: the whole
/// text must be the heading, numbering included.
fn is_heading_row(k: &str) -> bool {
    let level1 =
        strip_numeral(k).is_some_and(|rest| pick(level1s(), |l| l.titles.as_slice(), rest, |a, b| a == b).is_some());
    let level2 = strip_paren_numeral(k).is_some_and(|rest| {
        level1s()
            .iter()
            .any(|l| pick(&l.children, |(_, t)| t.as_slice(), rest, title_matches).is_some())
    });
    level1 || level2
}

/// Rows `range` of table `t` as a table of their own (row indices rebased; cells reaching past
/// the range are clipped to it).
fn sub_table(t: &Table, range: std::ops::Range<usize>) -> Option<Block> {
    let cells: Vec<Cell> = t
        .cells
        .iter()
        .filter(|c| c.row >= range.start && c.row < range.end)
        .map(|c| Cell {
            row: c.row - range.start,
            row_span: c.row_span.min(range.end - c.row).max(1),
            ..c.clone()
        })
        .collect();
    let page = cells
        .iter()
        .flat_map(|c| c.pieces.iter())
        .map(|p| p.page)
        .min()
        .unwrap_or(t.page);
    (!cells.is_empty()).then(|| {
        Block::Table(Table {
            n_rows: range.len(),
            n_cols: t.n_cols,
            cells,
            border_color: t.border_color,
            page,
        })
    })
}

/// The blocks with every heading that sits in a table row lifted out as a line of its own, the
/// table split around it. Blocks without such rows are copied as they are.
pub fn lift_headings(blocks: &[Block]) -> Vec<Block> {
    let mut out = Vec::with_capacity(blocks.len());
    for b in blocks {
        let Block::Table(t) = b else {
            out.push(b.clone());
            continue;
        };
        let mut start = 0;
        for r in 0..t.n_rows {
            let row = t.row(r);
            let text: String = row.iter().map(|c| c.text.as_str()).collect();
            if row.is_empty() || !is_heading_row(&key(&text)) {
                continue;
            }
            out.extend(sub_table(t, start..r));
            let rect = row
                .iter()
                .flat_map(|c| c.pieces.iter())
                .map(|p| p.rect)
                .reduce(|a, b| a.union(&b));
            let page = row
                .iter()
                .flat_map(|c| c.pieces.iter())
                .map(|p| p.page)
                .min()
                .unwrap_or(t.page);
            out.push(Block::Line(Line {
                text,
                page,
                rect: rect.unwrap_or_default(),
                font_size: 0.0,
                bold: row.iter().all(|c| c.bold),
                color: t.border_color,
            }));
            start = r + 1;
        }
        if start == 0 {
            out.push(b.clone());
        } else {
            out.extend(sub_table(t, start..t.n_rows));
        }
    }
    out
}

/// Splits blocks at the headings. The result is in document order; a section whose heading
/// is missing simply does not appear (its content stays in the section before it).
pub fn segment(blocks: &[Block]) -> Vec<Section<'_>> {
    let mut out = Vec::new();
    let mut cur_id = SectionId::Header;
    let mut cur_start = 0usize;
    let mut level1: Option<usize> = None;
    // The last level-2 heading: its parent, its place among the parent's children, its numeral.
    let mut level2: Option<Level2Seen> = None;
    for (i, b) in blocks.iter().enumerate() {
        // A table (or title line) of a later summary section opens that section, its heading
        // lost (see [`implied_by_title`]); the title is the section's content, not its heading.
        if let Some((id, seen)) = implied_by_title(b, level1, level2) {
            out.push(Section {
                id: cur_id,
                blocks: &blocks[cur_start..i],
            });
            (cur_id, cur_start, level2) = (id, i, Some(seen));
            continue;
        }
        if let Some(idx) = implied_by_inner(b, level1) {
            out.push(Section {
                id: cur_id,
                blocks: &blocks[cur_start..i],
            });
            (level1, level2) = (Some(idx), None);
            (cur_id, cur_start) = (level1s()[idx].id, i);
            continue;
        }
        let Block::Line(l) = b else { continue };
        let k = key(&l.text);
        let next = match level1_at(&k, level1) {
            Some(idx) => {
                level1 = Some(idx);
                level2 = None;
                Some(level1s()[idx].id)
            }
            None => match level2_any(&k, level1) {
                Some((parent, id)) => {
                    level1 = Some(parent);
                    level2 = Level2Seen::new(parent, id, &k);
                    Some(id)
                }
                None => level2
                    .and_then(|seen| cut_level2(&k, seen))
                    .or_else(|| unnumbered_level2(&k, level1, level2))
                    .map(|(id, seen)| {
                        level2 = Some(seen);
                        id
                    }),
            },
        };
        if let Some(id) = next {
            out.push(Section {
                id: cur_id,
                blocks: &blocks[cur_start..i],
            });
            cur_id = id;
            cur_start = i + 1;
        }
    }
    out.push(Section {
        id: cur_id,
        blocks: &blocks[cur_start..],
    });
    out
}

/// The sections of a document, looked up by id.
#[derive(Debug)]
pub struct Sections<'a> {
    list: Vec<Section<'a>>,
}

impl<'a> Sections<'a> {
    /// Segments `blocks`.
    pub fn new(blocks: &'a [Block]) -> Self {
        let list = segment(blocks);
        for id in [
            SectionId::NonFinancialCredit,
            SectionId::OpenInfo,
            SectionId::OtherNonPublic,
        ] {
            if list.iter().any(|s| s.id == id) {
                tracing::debug!(section = ?id, "design-era section without schema key skipped");
            }
        }
        Self { list }
    }

    /// The blocks of section `id`; empty when the report does not print it. A section whose
    /// heading appears twice yields its first occurrence that holds a table: a heading that
    /// straddles a page foot is painted on both pages (Chromium clips the first copy), and
    /// only the second copy has the section's content under it.
    pub fn get(&self, id: SectionId) -> &'a [Block] {
        let found: Vec<&Section<'a>> = self.list.iter().filter(|s| s.id == id).collect();
        if found.len() > 1 {
            tracing::warn!(section = ?id, "section printed twice; the first copy with a table kept");
        }
        let has_table = |s: &&&Section<'a>| s.blocks.iter().any(|b| matches!(b, Block::Table(_)));
        found
            .iter()
            .find(has_table)
            .or(found.first())
            .map_or(&[][..], |s| s.blocks)
    }
}

#[cfg(test)]
mod tests {
    use super::super::form::testutil::{line, table};
    use super::*;

    fn ids(blocks: &[Block]) -> Vec<(SectionId, usize)> {
        segment(blocks).iter().map(|s| (s.id, s.blocks.len())).collect()
    }

    #[test]
    fn splits_both_levels_and_skips_design_era_sections() {
        let blocks = vec![
            line("个人信用报告"),
            table(&[&["报告编号：1"]]),
            line("一 个人基本信息"),
            line("（一）身份信息"),
            table(&[&["性别"], &["男"]]),
            line("(二) 配偶信息"),
            line("二 信息概要"),
            line("（一）个人信用报告“数字解读”"),
            line("（三）信贷交易授信及负债信息概要（未结清/未销户）"),
            line("三 信贷交易信息明细"),
            line("（一）被追偿信息"),
            table(&[&["账户"]]),
            line("六 非金融信用交易信息"),
            table(&[&["记录"]]),
            line("七 公开信息"),
            line("（四）其他公开信息"),
            line("九 本人声明"),
            table(&[&["编号"]]),
            line("十一查询记录"),
            line("报告说明"),
            line("1. 本报告由中国人民银行征信中心出具"),
        ];
        assert_eq!(
            ids(&blocks),
            vec![
                (SectionId::Header, 2),
                (SectionId::BasicInfo, 0),
                (SectionId::Identity, 1),
                (SectionId::Spouse, 0),
                (SectionId::InfoSummary, 0),
                (SectionId::DigitExplication, 0),
                (SectionId::ExtensionDebtSummary, 0),
                (SectionId::CreditTransDetail, 2),
                (SectionId::NonFinancialCredit, 1),
                (SectionId::OpenInfo, 1),
                (SectionId::SelfDeclare, 1),
                (SectionId::QueryRecord, 0),
                (SectionId::ReportNotes, 1),
            ]
        );
    }

    #[test]
    fn a_heading_repeated_over_a_page_break_keeps_the_copy_with_content() {
        // The heading straddled the page foot: painted (clipped) on page 1 and again on page 2,
        // where the table follows.
        let blocks = vec![
            line("二 信息概要"),
            line("（三）信贷交易违约信息概要"),
            line("（三）信贷交易违约信息概要"),
            table(&[&["逾期（透支）信息汇总"], &["账户类型"]]),
        ];
        let sections = Sections::new(&blocks);
        let got = sections.get(SectionId::BreachSummary);
        assert_eq!(got.len(), 1);
        assert!(matches!(got[0], Block::Table(_)));
        // A section printed once is unaffected, and an absent one is empty.
        assert_eq!(sections.get(SectionId::InfoSummary).len(), 0);
        assert!(sections.get(SectionId::QueryRecord).is_empty());
    }

    #[test]
    fn a_heading_without_its_numeral_opens_a_later_sibling_it_matches() {
        let t = || table(&[&["信贷交易信息提示"], &["业务类型"]]);
        // Numeral lost and two characters misread: the hint opens (a later sibling of none
        // seen yet); 违约信息概要 then opens with its numeral as usual.
        let blocks = vec![
            line("二 信息概要"),
            line("信货公易信息提示"),
            t(),
            line("（二）信贷交易违约信息概要"),
            t(),
            // An earlier sibling's title, or a line three characters off, opens nothing.
            line("信贷交易信息提示"),
            line("信货公易违约息概要"),
            t(),
            // A later sibling whose title carries its note opens as the bare title would.
            line("信贷交易授信及负债信息概要（未结清/未销户）"),
            t(),
        ];
        assert_eq!(
            ids(&blocks),
            vec![
                (SectionId::Header, 0),
                (SectionId::InfoSummary, 0),
                (SectionId::CreditTransHint, 1),
                (SectionId::BreachSummary, 4),
                (SectionId::ExtensionDebtSummary, 1),
            ]
        );
    }

    #[test]
    fn a_summary_table_opens_its_section_when_the_heading_is_lost() {
        // `（三）…` read without its numeral and `（四）公共信息概要` lost: the tables' titles open
        // their sections; a title of the section already open, or of an earlier one, does not.
        let blocks = vec![
            line("二 信息概要"),
            line("（二）信贷交易违约信息概要"),
            table(&[&["逾期（透支）信息汇总"], &["账户类型"]]),
            line("呆账信息汇总"),
            table(&[&["账户数"]]),
            table(&[&["贷记卡账户信息汇总"], &["发卡机构数"]]),
            table(&[&["公共信息汇总"], &["信息类型"]]),
            table(&[&["呆账信息汇总"], &["账户数"]]),
        ];
        assert_eq!(
            ids(&blocks),
            vec![
                (SectionId::Header, 0),
                (SectionId::InfoSummary, 0),
                (SectionId::BreachSummary, 3),
                (SectionId::ExtensionDebtSummary, 1),
                (SectionId::PublicSummary, 2),
            ]
        );
    }

    #[test]
    fn a_heading_cut_short_opens_the_next_sibling_only_with_the_next_numeral() {
        // Content without a summary table's title, which would open its own section.
        let t = || table(&[&["账户数"], &["1"]]);
        // `（二）信贷交` after `（一）信贷交易信息提示`: the next sibling beginning so is 违约信息概要,
        // although 授信及负债信息概要 begins so too.
        let blocks = vec![
            line("二 信息概要"),
            line("（一）信贷交易信息提示"),
            t(),
            line("（二）信贷交"),
            t(),
            line("（三）信贷交易授信及负债信息概要"),
            t(),
        ];
        assert_eq!(
            ids(&blocks),
            vec![
                (SectionId::Header, 0),
                (SectionId::InfoSummary, 0),
                (SectionId::CreditTransHint, 1),
                (SectionId::BreachSummary, 1),
                (SectionId::ExtensionDebtSummary, 1),
            ]
        );
        // Another numeral than the next one, or too little read: content, not a heading.
        for cut in ["（三）信贷交", "（二）信贷"] {
            let blocks = vec![line("二 信息概要"), line("（一）信贷交易信息提示"), t(), line(cut), t()];
            assert_eq!(
                ids(&blocks),
                vec![
                    (SectionId::Header, 0),
                    (SectionId::InfoSummary, 0),
                    (SectionId::CreditTransHint, 3)
                ],
                "{cut}"
            );
        }
    }

    #[test]
    fn paren_numerals_are_read_in_chinese_and_digits() {
        assert_eq!(paren_numeral("（二）x"), Some(2));
        assert_eq!(paren_numeral("（十）x"), Some(10));
        assert_eq!(paren_numeral("（十二）x"), Some(12));
        assert_eq!(paren_numeral("（3）x"), Some(3));
        assert_eq!(paren_numeral("（）x"), None);
        assert_eq!(paren_numeral("二x"), None);
    }

    #[test]
    fn institution_numbering_maps_to_the_same_sections() {
        let blocks = vec![
            line("六 本人声明"),
            line("七 异议标注"),
            line("八 查询记录"),
            table(&[&["编号"]]),
        ];
        assert_eq!(
            ids(&blocks),
            vec![
                (SectionId::Header, 0),
                (SectionId::SelfDeclare, 0),
                (SectionId::ObjectionLabel, 0),
                (SectionId::QueryRecord, 1)
            ]
        );
    }

    #[test]
    fn misread_headings_are_still_found_and_exact_titles_win() {
        let blocks = vec![
            line("二 信息概耍"),
            line("（五）公共信息概要"),
            table(&[&["信息类型"]]),
            line("（七）公开信息概要"),
            line("（八）查洵记录概要"),
            line("三 信贷交易信息明细"),
            line("四 非信贷交易信息明圳"),
        ];
        assert_eq!(
            ids(&blocks),
            vec![
                (SectionId::Header, 0),
                (SectionId::InfoSummary, 0),
                (SectionId::PublicSummary, 1),
                (SectionId::OpenInfoSummary, 0),
                (SectionId::QuerySummary, 0),
                (SectionId::CreditTransDetail, 0),
                (SectionId::NoncreditDetail, 0),
            ]
        );
    }

    #[test]
    fn lost_level1_heading_is_implied_by_its_children() {
        let blocks = vec![
            line("（一）身份信息"),
            table(&[&["性别"], &["男"]]),
            line("（一）信贷交易信息提示"),
            table(&[&["业务类型"]]),
            line("三 信贷交易信息明细"),
            // A detail sub-heading is not mistaken for anything.
            line("（一）被追偿信息"),
            line("（一）欠税记录"),
        ];
        assert_eq!(
            ids(&blocks),
            vec![
                (SectionId::Header, 0),
                (SectionId::Identity, 1),
                (SectionId::CreditTransHint, 1),
                (SectionId::CreditTransDetail, 1),
                (SectionId::OwingTax, 0),
            ]
        );
    }

    #[test]
    fn a_level1_heading_without_its_numeral_is_implied_by_a_sub_heading_of_its_own() {
        let blocks = vec![
            line("二 信息概要"),
            line("（一）信贷交易信息提示"),
            table(&[&["业务类型"]]),
            // `三` lost: the bare title opens nothing (an account's notes share such titles)…
            line("信贷交易信息明细"),
            // …but the first account group's sub-heading is the detail's own, and stays its content.
            line("（一）非循环贷账户"),
            line("账户1（授信协议标识：BK1）"),
            table(&[&["管理机构"]]),
            // Once the detail is open, its further sub-headings are its content as before.
            line("（二）循环贷账户一"),
            line("四 非信贷交易信息明细"),
        ];
        assert_eq!(
            ids(&blocks),
            vec![
                (SectionId::Header, 0),
                (SectionId::InfoSummary, 0),
                (SectionId::CreditTransHint, 2),
                (SectionId::CreditTransDetail, 4),
                (SectionId::NoncreditDetail, 0),
            ]
        );
        // With the detail already passed, the same line opens nothing.
        let late = vec![line("四 非信贷交易信息明细"), line("（一）非循环贷账户")];
        assert_eq!(
            ids(&late),
            vec![(SectionId::Header, 0), (SectionId::NoncreditDetail, 1)]
        );
    }

    #[test]
    fn headings_glued_to_ocr_junk_are_found() {
        let blocks = vec![
            line("本报告仅供一个人基本信息"),
            line("（三）居住信息"),
            line("征信中心（)信贷交易信息提示信息概要"),
            line("（三）信贷交易授信及负债信息概要（未结清/未销户）己的信淋"),
            line("三信贷交易信息明细"),
            line("四非信贷交易信息明细"),
            line("五公共信息明细"),
            line("（三）强制执行记录报告"),
            line("六非金融信用交易信息中心"),
            line("1九本人声明"),
        ];
        let got: Vec<SectionId> = segment(&blocks).iter().map(|s| s.id).collect();
        assert_eq!(
            got,
            vec![
                SectionId::Header,
                SectionId::BasicInfo,
                SectionId::Residence,
                SectionId::CreditTransHint,
                SectionId::ExtensionDebtSummary,
                SectionId::CreditTransDetail,
                SectionId::NoncreditDetail,
                SectionId::PublicDetail,
                SectionId::ForceExecute,
                SectionId::NonFinancialCredit,
                SectionId::SelfDeclare,
            ]
        );
    }

    #[test]
    fn headings_inside_tables_are_lifted_out() {
        let blocks = vec![
            line("一 个人基本信息"),
            table(&[
                &["（一）身", "份信息"],
                &["性别", "出生日期"],
                &["男", "1981.08.15"],
                &["（二）配偶信息", ""],
                &["姓名", "证件类型"],
            ]),
        ];
        let lifted = lift_headings(&blocks);
        let got: Vec<(SectionId, usize)> = segment(&lifted).iter().map(|s| (s.id, s.blocks.len())).collect();
        assert_eq!(
            got,
            vec![
                (SectionId::Header, 0),
                (SectionId::BasicInfo, 0),
                (SectionId::Identity, 1),
                (SectionId::Spouse, 1)
            ]
        );
        let Block::Table(t) = &segment(&lifted)[2].blocks[0] else {
            panic!("table expected")
        };
        assert_eq!(
            (t.n_rows, t.row(0)[0].text.as_str(), t.row(1)[1].text.as_str()),
            (2, "性别", "1981.08.15")
        );
        // Nothing to lift: the blocks come back unchanged.
        let plain = vec![table(&[&["性别"], &["男"]])];
        assert_eq!(lift_headings(&plain), plain);
    }

    #[test]
    fn out_of_order_and_unnumbered_headings_are_content() {
        let blocks = vec![
            line("三 信贷交易信息明细"),
            line("一 个人基本信息"),
            line("本人声明"),
            line("（一）身份信息"),
        ];
        assert_eq!(
            ids(&blocks),
            vec![(SectionId::Header, 0), (SectionId::CreditTransDetail, 3)]
        );
    }

    #[test]
    fn sections_lookup_gives_empty_for_absent() {
        let blocks = vec![line("一 个人基本信息"), line("（二）配偶信息"), table(&[&["姓名"]])];
        let s = Sections::new(&blocks);
        assert_eq!(s.get(SectionId::Spouse).len(), 1);
        assert!(s.get(SectionId::QueryRecord).is_empty());
    }
}
