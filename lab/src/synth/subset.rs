//! Minimal TrueType subsetter. pdfium embeds the whole font file it is given, which makes every
//! generated PDF carry 4 MB of Droid Sans Fallback. Real reports embed a subset, so we hand
//! pdfium one: glyph ids stay as they are (no renumbering), the glyphs not used are emptied,
//! the cmap is rebuilt with only the characters used (pdfium derives /W and /ToUnicode from it),
//! and the vertical-metrics tables are dropped.

use std::collections::{BTreeMap, BTreeSet};

fn u16_at(d: &[u8], o: usize) -> Option<u16> {
    d.get(o..o + 2).map(|b| u16::from_be_bytes([b[0], b[1]]))
}

fn u32_at(d: &[u8], o: usize) -> Option<u32> {
    d.get(o..o + 4).map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
}

struct Font<'a> {
    data: &'a [u8],
    tables: BTreeMap<[u8; 4], (usize, usize)>,
}

impl<'a> Font<'a> {
    fn parse(data: &'a [u8]) -> Option<Self> {
        let n = u16_at(data, 4)? as usize;
        let mut tables = BTreeMap::new();
        for i in 0..n {
            let e = 12 + 16 * i;
            let tag: [u8; 4] = data.get(e..e + 4)?.try_into().ok()?;
            let off = u32_at(data, e + 8)? as usize;
            let len = u32_at(data, e + 12)? as usize;
            data.get(off..off + len)?;
            tables.insert(tag, (off, len));
        }
        Some(Font { data, tables })
    }

    fn table(&self, tag: &[u8; 4]) -> Option<&'a [u8]> {
        let &(o, l) = self.tables.get(tag)?;
        self.data.get(o..o + l)
    }

    /// Unicode → glyph id through the (3,10) format-12 or (3,1) format-4 subtable.
    fn glyph(&self, c: char) -> Option<u16> {
        let cmap = self.table(b"cmap")?;
        let n = u16_at(cmap, 2)? as usize;
        let mut best: Option<usize> = None;
        for i in 0..n {
            let (pid, eid) = (u16_at(cmap, 4 + 8 * i)?, u16_at(cmap, 6 + 8 * i)?);
            let off = u32_at(cmap, 8 + 8 * i)? as usize;
            if (pid, eid) == (3, 10) || ((pid, eid) == (3, 1) && best.is_none()) {
                best = Some(off);
            }
        }
        let st = &cmap[best?..];
        let cp = c as u32;
        match u16_at(st, 0)? {
            12 => {
                let groups = u32_at(st, 12)? as usize;
                for g in 0..groups {
                    let b = 16 + 12 * g;
                    let (s, e, gid) = (u32_at(st, b)?, u32_at(st, b + 4)?, u32_at(st, b + 8)?);
                    if (s..=e).contains(&cp) {
                        return Some((gid + cp - s) as u16);
                    }
                }
                None
            }
            4 if cp <= 0xFFFF => {
                let segs = u16_at(st, 6)? as usize / 2;
                let ends = 14;
                let starts = ends + 2 * segs + 2;
                let deltas = starts + 2 * segs;
                let ranges = deltas + 2 * segs;
                for s in 0..segs {
                    if cp > u16_at(st, ends + 2 * s)? as u32 {
                        continue;
                    }
                    let start = u16_at(st, starts + 2 * s)? as u32;
                    if cp < start {
                        return None;
                    }
                    let delta = u16_at(st, deltas + 2 * s)?;
                    let ro = u16_at(st, ranges + 2 * s)? as usize;
                    if ro == 0 {
                        return Some((cp as u16).wrapping_add(delta));
                    }
                    let at = ranges + 2 * s + ro + 2 * (cp - start) as usize;
                    let g = u16_at(st, at)?;
                    return (g != 0).then(|| g.wrapping_add(delta));
                }
                None
            }
            _ => None,
        }
    }
}

/// A font holding only the glyphs of `chars` (plus `.notdef` and composite parts), or `None`
/// when the font is not a plain TrueType the subsetter understands.
pub fn subset(data: &[u8], chars: &BTreeSet<char>) -> Option<Vec<u8>> {
    let f = Font::parse(data)?;
    let head = f.table(b"head")?;
    let long_loca = u16_at(head, 50)? == 1;
    let n_glyphs = u16_at(f.table(b"maxp")?, 4)? as usize;
    let loca = f.table(b"loca")?;
    let glyf = f.table(b"glyf")?;
    let span = |g: usize| -> Option<(usize, usize)> {
        if long_loca {
            Some((u32_at(loca, 4 * g)? as usize, u32_at(loca, 4 * g + 4)? as usize))
        } else {
            Some((u16_at(loca, 2 * g)? as usize * 2, u16_at(loca, 2 * g + 2)? as usize * 2))
        }
    };
    let mut map: BTreeMap<u32, u16> = BTreeMap::new();
    for &c in chars {
        if let Some(g) = f.glyph(c).filter(|&g| g != 0 && (g as usize) < n_glyphs) {
            if (c as u32) < 0xFFFF {
                map.insert(c as u32, g);
            }
        }
    }
    if map.len() > 8000 {
        return None; // one cmap segment per character must fit a 16-bit subtable length
    }
    let mut keep: BTreeSet<usize> = map.values().map(|&g| g as usize).collect();
    keep.insert(0);
    let mut todo: Vec<usize> = keep.iter().copied().collect();
    while let Some(g) = todo.pop() {
        let (a, b) = span(g)?;
        let gd = glyf.get(a..b)?;
        if gd.len() >= 10 && (u16_at(gd, 0)? as i16) < 0 {
            let mut o = 10;
            loop {
                let flags = u16_at(gd, o)?;
                let comp = u16_at(gd, o + 2)? as usize;
                if comp < n_glyphs && keep.insert(comp) {
                    todo.push(comp);
                }
                o += 4 + if flags & 1 != 0 { 4 } else { 2 };
                o += if flags & 8 != 0 {
                    2
                } else if flags & 0x40 != 0 {
                    4
                } else if flags & 0x80 != 0 {
                    8
                } else {
                    0
                };
                if flags & 0x20 == 0 {
                    break;
                }
            }
        }
    }
    let mut new_glyf = Vec::new();
    let mut new_loca = Vec::with_capacity(4 * (n_glyphs + 1));
    for g in 0..n_glyphs {
        new_loca.extend_from_slice(&(new_glyf.len() as u32).to_be_bytes());
        if keep.contains(&g) {
            let (a, b) = span(g)?;
            new_glyf.extend_from_slice(glyf.get(a..b)?);
            while new_glyf.len() % 4 != 0 {
                new_glyf.push(0);
            }
        }
    }
    new_loca.extend_from_slice(&(new_glyf.len() as u32).to_be_bytes());
    let mut new_head = head.to_vec();
    new_head[8..12].copy_from_slice(&[0; 4]); // checkSumAdjustment: not verified by readers
    new_head[50..52].copy_from_slice(&1u16.to_be_bytes());

    let mut out_tables: Vec<([u8; 4], Vec<u8>)> = Vec::new();
    for (tag, _) in f.tables.iter() {
        let body = match tag {
            b"glyf" => new_glyf.clone(),
            b"loca" => new_loca.clone(),
            b"head" => new_head.clone(),
            b"cmap" => cmap4(&map),
            b"vhea" | b"vmtx" => continue,
            _ => f.table(tag)?.to_vec(),
        };
        out_tables.push((*tag, body));
    }
    Some(assemble(&out_tables))
}

/// A cmap with one (3,1) format-4 subtable, one segment per character.
fn cmap4(map: &BTreeMap<u32, u16>) -> Vec<u8> {
    let segs = map.len() + 1;
    let mut st = Vec::new();
    let push = |v: &mut Vec<u8>, x: u16| v.extend_from_slice(&x.to_be_bytes());
    let len = 16 + 8 * segs;
    let p2 = (segs as u32).next_power_of_two().max(1) as u16;
    let p2 = if p2 as usize > segs { p2 / 2 } else { p2 };
    push(&mut st, 4);
    push(&mut st, len as u16);
    push(&mut st, 0);
    push(&mut st, (2 * segs) as u16);
    push(&mut st, 2 * p2);
    push(&mut st, p2.trailing_zeros() as u16);
    push(&mut st, (2 * segs) as u16 - 2 * p2);
    for &c in map.keys() {
        push(&mut st, c as u16);
    }
    push(&mut st, 0xFFFF);
    push(&mut st, 0);
    for &c in map.keys() {
        push(&mut st, c as u16);
    }
    push(&mut st, 0xFFFF);
    for (&c, &g) in map {
        push(&mut st, g.wrapping_sub(c as u16));
    }
    push(&mut st, 1);
    for _ in 0..segs {
        push(&mut st, 0);
    }
    let mut cmap = Vec::new();
    push(&mut cmap, 0);
    push(&mut cmap, 1);
    push(&mut cmap, 3);
    push(&mut cmap, 1);
    cmap.extend_from_slice(&12u32.to_be_bytes());
    cmap.extend_from_slice(&st);
    cmap
}

fn checksum(b: &[u8]) -> u32 {
    b.chunks(4).fold(0u32, |s, c| {
        let mut w = [0u8; 4];
        w[..c.len()].copy_from_slice(c);
        s.wrapping_add(u32::from_be_bytes(w))
    })
}

fn assemble(tables: &[([u8; 4], Vec<u8>)]) -> Vec<u8> {
    let n = tables.len() as u16;
    let p2 = 1u16 << (15 - n.leading_zeros() as u16);
    let mut out = Vec::new();
    out.extend_from_slice(&0x0001_0000u32.to_be_bytes());
    out.extend_from_slice(&n.to_be_bytes());
    out.extend_from_slice(&(p2 * 16).to_be_bytes());
    out.extend_from_slice(&(p2.trailing_zeros() as u16).to_be_bytes());
    out.extend_from_slice(&(n * 16 - p2 * 16).to_be_bytes());
    let mut off = 12 + 16 * tables.len();
    for (tag, body) in tables {
        out.extend_from_slice(tag);
        out.extend_from_slice(&checksum(body).to_be_bytes());
        out.extend_from_slice(&(off as u32).to_be_bytes());
        out.extend_from_slice(&(body.len() as u32).to_be_bytes());
        off += body.len().div_ceil(4) * 4;
    }
    for (_, body) in tables {
        out.extend_from_slice(body);
        while out.len() % 4 != 0 {
            out.push(0);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subset_keeps_used_glyphs_and_shrinks() {
        let path = crate::synth::cjk_font(&zhengxin::config::Settings::from_env().expect("settings"));
        let Ok(data) = std::fs::read(&path) else {
            panic!("font missing at {} (run scripts/download_models.sh)", path.display());
        };
        let full = Font::parse(&data).expect("parses");
        let chars: BTreeSet<char> = "个人信用报告账户截至年月日（）：".chars().collect();
        let small = subset(&data, &chars).expect("subset");
        assert!(small.len() < data.len() / 3, "{} bytes", small.len());
        let sub = Font::parse(&small).expect("subset parses");
        for c in &chars {
            let g = full.glyph(*c).expect("glyph in full font");
            assert_eq!(sub.glyph(*c), Some(g), "{c}");
        }
        assert_eq!(sub.glyph('龘'), None);
    }
}
