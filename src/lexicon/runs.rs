//! Labels run together: a header cell that holds two or more labels because the scan lost the
//! rulings between them (`机构名称业务类型` at a page foot, report_layout.md §15). Splitting is
//! exact — every character goes to a known label — so a value that merely contains label
//! words stays one cell.

/// Shortest label a run is cut into: no report label has one character, and one-character
/// pieces would let almost any text split.
const MIN_PIECE_CHARS: usize = 2;

/// Longest piece tried, in characters: the report's longest label has 13.
const MAX_PIECE_CHARS: usize = 16;

/// Longest text tried, in characters: a row of six long labels; longer cells are values.
const MAX_RUN_CHARS: usize = 64;

/// The labels `text` is made of, left to right, when it is two or more words that `is_word`
/// knows written together and exactly one way of cutting it uses the fewest words. `None` for
/// a single word, text that does not split exactly, or an ambiguous split (a miss is better
/// than a wrong column).
pub fn run_together(text: &str, is_word: impl Fn(&str) -> bool) -> Option<Vec<&str>> {
    let bounds: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
    let n = bounds.len() - 1;
    if !(2 * MIN_PIECE_CHARS..=MAX_RUN_CHARS).contains(&n) {
        return None;
    }
    // Most cells tried are values: they fail here, after a handful of look-ups.
    let piece = |i: usize, j: usize| j - i <= MAX_PIECE_CHARS && is_word(&text[bounds[i]..bounds[j]]);
    if !(MIN_PIECE_CHARS..n).any(|j| piece(0, j)) {
        return None;
    }
    // best[j]: fewest words covering the first j characters, whether that count is reached in
    // more than one way, and where the last word starts.
    #[derive(Clone, Copy)]
    struct Best {
        words: usize,
        ambiguous: bool,
        from: usize,
    }
    let mut best: Vec<Option<Best>> = vec![None; n + 1];
    best[0] = Some(Best {
        words: 0,
        ambiguous: false,
        from: 0,
    });
    for j in MIN_PIECE_CHARS..=n {
        for i in j.saturating_sub(MAX_PIECE_CHARS)..=j - MIN_PIECE_CHARS {
            let Some(prev) = best[i] else { continue };
            if !piece(i, j) {
                continue;
            }
            let words = prev.words + 1;
            best[j] = match best[j] {
                Some(b) if b.words < words => Some(b),
                Some(b) if b.words == words => Some(Best { ambiguous: true, ..b }),
                _ => Some(Best {
                    words,
                    ambiguous: prev.ambiguous,
                    from: i,
                }),
            };
        }
    }
    let end = best[n].filter(|b| b.words >= 2 && !b.ambiguous)?;
    let mut out = Vec::with_capacity(end.words);
    let mut j = n;
    while j > 0 {
        let i = best[j]?.from;
        out.push(&text[bounds[i]..bounds[j]]);
        j = i;
    }
    out.reverse();
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(w: &'static [&'static str]) -> impl Fn(&str) -> bool {
        move |s: &str| w.contains(&s)
    }

    #[test]
    fn labels_written_together_come_apart() {
        let known = words(&["机构名称", "业务类型", "业务开通日期", "当前缴费状态", "当前欠费金额"]);
        assert_eq!(
            run_together("机构名称业务类型", &known),
            Some(vec!["机构名称", "业务类型"])
        );
        assert_eq!(
            run_together("业务开通日期当前缴费状态当前欠费金额", &known),
            Some(vec!["业务开通日期", "当前缴费状态", "当前欠费金额"])
        );
    }

    #[test]
    fn one_word_partial_cover_or_ambiguity_is_no_run() {
        let known = words(&["机构名称", "业务类型", "账户", "账户数", "数量", "户数量"]);
        // A single label is not a run.
        assert_eq!(run_together("机构名称", &known), None);
        // A character left over: the cell is not labels only.
        assert_eq!(run_together("机构名称业务类", &known), None);
        assert_eq!(run_together("甲机构名称业务类型", &known), None);
        // `账户数|量` would need a one-character piece: `账户|数量` is the only cut.
        assert_eq!(run_together("账户数量", &known), Some(vec!["账户", "数量"]));
        // Two cuts of the same size: ambiguous, left whole.
        let twins = words(&["甲乙", "丙丁戊己", "甲乙丙丁", "戊己"]);
        assert_eq!(run_together("甲乙丙丁戊己", &twins), None);
    }

    #[test]
    fn the_fewest_words_win() {
        let known = words(&["当前", "欠费", "当前欠费", "金额"]);
        assert_eq!(run_together("当前欠费金额", &known), Some(vec!["当前欠费", "金额"]));
    }
}
