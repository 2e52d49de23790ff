//! The one fuzzy matcher: how many single-character edits (substitutions, insertions,
//! deletions) separate two words. Each reader sets its own tolerance and decides what an
//! insertion means to it (a fragment cut at a line wrap, a misread character); the distance
//! itself is counted here only.

/// Levenshtein distance over characters.
pub fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// The distance between `a` and `b` when it is at most `max`, else `None`.
pub fn within(a: &str, b: &str, max: usize) -> Option<usize> {
    within_counted(a, a.chars().count(), b, b.chars().count(), max)
}

/// [`within`] with both lengths in characters known. A distance of at most one is decided in
/// place, stopping at the second difference: readers run it for every cell of every table
/// against every word of a similar length.
pub fn within_counted(a: &str, na: usize, b: &str, nb: usize, max: usize) -> Option<usize> {
    if na.abs_diff(nb) > max {
        return None;
    }
    if max > 1 {
        return Some(distance(a, b)).filter(|d| *d <= max);
    }
    if na == nb {
        let diffs = a.chars().zip(b.chars()).filter(|(p, q)| p != q).take(2).count();
        return Some(diffs).filter(|d| *d <= max);
    }
    // Lengths differ by one (max is 1): one character dropped from the longer.
    let (short, long) = if na < nb { (a, b) } else { (b, a) };
    let split = short.chars().zip(long.chars()).take_while(|(p, q)| p == q).count();
    short.chars().skip(split).eq(long.chars().skip(split + 1)).then_some(1)
}

/// The one candidate nearest to `text` and its distance, when it lies within reach of its own
/// length (a third of its characters, at least one edit) and no other candidate is as near;
/// candidates come with their length in characters. A text under two characters matches
/// nothing. For a word misread beyond what a reader corrects alone, once the reader has
/// narrowed the candidates down to the few it still lacks.
pub fn unique_nearest<'c>(
    text: &str,
    candidates: impl IntoIterator<Item = (&'c str, usize)>,
) -> Option<(&'c str, usize)> {
    let n = text.chars().count();
    if n < 2 {
        return None;
    }
    let mut best: Option<(&'c str, usize)> = None;
    let mut tie = false;
    for (c, len) in candidates {
        let Some(d) = within_counted(text, n, c, len, (len / 3).max(1)) else {
            continue;
        };
        match best {
            Some((_, b)) if d > b => {}
            Some((_, b)) if d == b => tie = true,
            _ => {
                best = Some((c, d));
                tie = false;
            }
        }
    }
    best.filter(|_| !tie)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distance_counts_chars() {
        assert_eq!(distance("结清", "结消"), 1);
        assert_eq!(distance("abc", "abc"), 0);
        assert_eq!(distance("", "ab"), 2);
        assert_eq!(distance("账户授信额度", "共享授信额度"), 2);
    }

    #[test]
    fn within_agrees_with_distance() {
        let words = [
            "",
            "管理机构",
            "营理机构",
            "管理机构数",
            "理机构",
            "管理机构数据",
            "机构管理",
            "数据发生机名称",
        ];
        for a in words {
            for b in words {
                for max in 0..3 {
                    let d = distance(a, b);
                    assert_eq!(within(a, b, max), (d <= max).then_some(d), "{a} {b} {max}");
                }
            }
        }
    }

    #[test]
    fn the_unique_nearest_candidate_within_a_third() {
        let c = |words: &[&'static str]| words.iter().map(|w| (*w, w.chars().count())).collect::<Vec<_>>();
        assert_eq!(unique_nearest("余制", c(&["余额", "币种"])), Some(("余额", 1)));
        // Two equally near: none.
        assert_eq!(unique_nearest("余制", c(&["余额", "余量"])), None);
        // Out of reach (two edits in two characters), or too short.
        assert_eq!(unique_nearest("天气", c(&["余额"])), None);
        assert_eq!(unique_nearest("余", c(&["余额"])), None);
        assert_eq!(
            unique_nearest("逾期31-60大未迁本", c(&["逾期31-60天未还本金", "逾期61-90天未还本金"])),
            Some(("逾期31-60天未还本金", 3))
        );
    }
}
