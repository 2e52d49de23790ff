//! What the size check of [`super::streams`] needs of PDF stream filters: the filter chain a
//! stream dictionary names, the two ASCII decoders (they shrink data, so their output is kept)
//! and output-size counters for the expanding filters LZW and RunLength (nothing is kept: only
//! the lengths of what they would write are added up).

/// One stage of a stream's filter chain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Filter {
    AsciiHex,
    Ascii85,
    Flate,
    /// `EarlyChange` (default 1): the code width grows one code early.
    Lzw {
        early_change: bool,
    },
    RunLength,
    /// Any other filter (images, encryption): not decoded here.
    Other,
}

/// How far back from a `stream` keyword its dictionary may begin: real stream dictionaries
/// are a few hundred bytes; the bound keeps the scan linear in the file size.
const MAX_DICT_BYTES: usize = 4096;

/// The dictionary that ends at `end` (just past its `>>`): from its `<<`, nested dictionaries
/// counted. `None` when it does not start within [`MAX_DICT_BYTES`].
pub fn dictionary_before(bytes: &[u8], end: usize) -> Option<&[u8]> {
    let lo = end.saturating_sub(MAX_DICT_BYTES);
    let mut depth = 0usize;
    let mut i = end;
    while i >= lo + 2 {
        match &bytes[i - 2..i] {
            b">>" => {
                depth += 1;
                i -= 2;
            }
            b"<<" => {
                depth = depth.checked_sub(1)?;
                i -= 2;
                if depth == 0 {
                    return Some(&bytes[i..end]);
                }
            }
            _ => i -= 1,
        }
    }
    None
}

/// The filter chain a stream dictionary names (`/Filter /F` or `/Filter [/F1 /F2]`), in
/// decoding order; empty when it names none or the value is not written inline (an indirect
/// reference is not followed).
pub fn filter_chain(dict: &[u8]) -> Vec<Filter> {
    let Some(at) = find(dict, b"/Filter") else {
        return Vec::new();
    };
    let value = dict[at + b"/Filter".len()..].trim_ascii_start();
    let names: &[u8] = match value.first() {
        Some(b'[') => &value[1..value.iter().position(|&b| b == b']').unwrap_or(value.len())],
        Some(b'/') => {
            let end = value[1..]
                .iter()
                .position(|&b| is_delimiter(b))
                .map_or(value.len(), |p| p + 1);
            &value[..end]
        }
        _ => return Vec::new(),
    };
    let early_change = !early_change_off(dict);
    names
        .split(|&b| b == b'/')
        .map(<[u8]>::trim_ascii)
        .filter(|n| !n.is_empty())
        .map(|n| match n {
            b"ASCIIHexDecode" | b"AHx" => Filter::AsciiHex,
            b"ASCII85Decode" | b"A85" => Filter::Ascii85,
            b"FlateDecode" | b"Fl" => Filter::Flate,
            b"LZWDecode" | b"LZW" => Filter::Lzw { early_change },
            b"RunLengthDecode" | b"RL" => Filter::RunLength,
            _ => Filter::Other,
        })
        .collect()
}

/// `/EarlyChange 0` anywhere in the dictionary (it lives in `/DecodeParms`).
fn early_change_off(dict: &[u8]) -> bool {
    find(dict, b"/EarlyChange").is_some_and(|at| {
        let v = dict[at + b"/EarlyChange".len()..].trim_ascii_start();
        v.first() == Some(&b'0') && v.get(1).is_none_or(|&b| is_delimiter(b))
    })
}

fn is_delimiter(b: u8) -> bool {
    b.is_ascii_whitespace() || b"()<>[]{}/%".contains(&b)
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// ASCIIHexDecode up to its `>`: (input bytes consumed, decoded bytes). Whitespace is skipped;
/// decoding stops at the first other byte that is not a hex digit.
pub fn ascii_hex(data: &[u8]) -> (usize, Vec<u8>) {
    let mut out = Vec::with_capacity(data.len() / 2);
    let mut high: Option<u8> = None;
    let mut i = 0;
    while i < data.len() {
        let b = data[i];
        i += 1;
        let nibble = match b {
            b'0'..=b'9' => b - b'0',
            b'a'..=b'f' => b - b'a' + 10,
            b'A'..=b'F' => b - b'A' + 10,
            _ if b.is_ascii_whitespace() => continue,
            _ => break, // `>` or not hex data
        };
        match high.take() {
            Some(h) => out.push(h << 4 | nibble),
            None => high = Some(nibble),
        }
    }
    if let Some(h) = high {
        out.push(h << 4);
    }
    (i, out)
}

/// ASCII85Decode up to its `~>`: (input bytes consumed, decoded bytes). Whitespace is skipped;
/// decoding stops at the first byte outside the alphabet.
pub fn ascii85(data: &[u8]) -> (usize, Vec<u8>) {
    let mut out = Vec::with_capacity(data.len() / 5 * 4 + 4);
    let mut group = [0u8; 5];
    let mut n = 0;
    let mut i = 0;
    while i < data.len() {
        let b = data[i];
        i += 1;
        match b {
            b'!'..=b'u' => {
                group[n] = b - b'!';
                n += 1;
                if n == 5 {
                    out.extend_from_slice(&base85_word(&group).to_be_bytes());
                    n = 0;
                }
            }
            b'z' if n == 0 => out.extend_from_slice(&[0; 4]),
            _ if b.is_ascii_whitespace() => {}
            _ => break, // `~>` or not ASCII85 data
        }
    }
    if n > 1 {
        // A final partial group: padded with the highest digit, n - 1 bytes kept.
        group[n..].fill(84);
        out.extend_from_slice(&base85_word(&group).to_be_bytes()[..n - 1]);
    }
    (i, out)
}

fn base85_word(g: &[u8; 5]) -> u32 {
    g.iter()
        .fold(0u32, |acc, &d| acc.wrapping_mul(85).wrapping_add(u32::from(d)))
}

/// Output size of LZWDecode on `data`, counted until its end-of-data code, a code that is not
/// valid LZW, the end of `data` or past `cap`: (input bytes consumed, bytes it decodes to).
/// Only each table entry's length is kept (an entry is one byte longer than the one before
/// it), never its bytes.
pub fn lzw_size(data: &[u8], early_change: bool, cap: u64) -> (usize, u64) {
    const CLEAR: u32 = 256;
    const EOD: u32 = 257;
    const FIRST: u32 = 258;
    const TABLE: u32 = 4096;
    let early = u32::from(early_change);
    let mut lens: Vec<u32> = Vec::with_capacity((TABLE - FIRST) as usize);
    let (mut bit, mut width, mut next) = (0usize, 9u32, FIRST);
    let mut prev: Option<u32> = None;
    let mut out = 0u64;
    while bit + width as usize <= data.len() * 8 {
        let code = read_bits(data, bit, width);
        bit += width as usize;
        let len = match code {
            CLEAR => {
                lens.clear();
                (next, width, prev) = (FIRST, 9, None);
                continue;
            }
            EOD => break,
            c if c < CLEAR => 1,
            c if c < next => lens[(c - FIRST) as usize],
            c if c == next => match prev {
                Some(p) => p + 1,
                None => break,
            },
            _ => break, // not LZW data
        };
        if let Some(p) = prev {
            if next < TABLE {
                lens.push(p + 1);
                next += 1;
            }
        }
        out += u64::from(len);
        if out > cap {
            break;
        }
        prev = Some(len);
        width = match next + early {
            n if n >= 2048 => 12,
            n if n >= 1024 => 11,
            n if n >= 512 => 10,
            _ => 9,
        };
    }
    (bit.div_ceil(8), out)
}

/// `width` bits from bit `at`, most significant first (the caller keeps them within `data`).
fn read_bits(data: &[u8], at: usize, width: u32) -> u32 {
    (0..width as usize).fold(0u32, |acc, k| {
        let i = at + k;
        acc << 1 | u32::from(data[i / 8] >> (7 - i % 8) & 1)
    })
}

/// Output size of RunLengthDecode on `data`, counted until its end-of-data byte (128), the end
/// of `data` or past `cap`: (input bytes consumed, bytes it decodes to).
pub fn run_length_size(data: &[u8], cap: u64) -> (usize, u64) {
    let (mut i, mut out) = (0usize, 0u64);
    while let Some(&n) = data.get(i) {
        match n {
            0..=127 => {
                out += u64::from(n) + 1;
                i += 2 + usize::from(n);
            }
            128 => {
                i += 1;
                break;
            }
            _ => {
                out += 257 - u64::from(n);
                i += 2;
            }
        }
        if out > cap {
            break;
        }
    }
    (i.min(data.len()), out)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    #[test]
    fn reads_filter_chains() {
        assert_eq!(
            filter_chain(b"<< /Length 5 /Filter /FlateDecode >>"),
            vec![Filter::Flate]
        );
        assert_eq!(
            filter_chain(b"<</Filter[/ASCII85Decode/LZWDecode]/DecodeParms[null<</EarlyChange 0>>]>>"),
            vec![Filter::Ascii85, Filter::Lzw { early_change: false }]
        );
        assert_eq!(
            filter_chain(b"<< /Filter [ /AHx /Fl /DCTDecode ] >>"),
            vec![Filter::AsciiHex, Filter::Flate, Filter::Other]
        );
        assert_eq!(filter_chain(b"<< /Filter 7 0 R >>"), vec![]);
        assert_eq!(filter_chain(b"<< /Length 3 >>"), vec![]);
        assert_eq!(
            filter_chain(b"<< /Filter /LZWDecode >>"),
            vec![Filter::Lzw { early_change: true }]
        );
    }

    #[test]
    fn finds_the_dictionary_before_a_stream() {
        let pdf = b"1 0 obj\n<< /DecodeParms << /EarlyChange 0 >> /Filter /LZW >>\nstream\n";
        let end = pdf.windows(2).rposition(|w| w == b">>").unwrap() + 2;
        assert_eq!(
            dictionary_before(pdf, end),
            Some(&b"<< /DecodeParms << /EarlyChange 0 >> /Filter /LZW >>"[..])
        );
        assert_eq!(dictionary_before(b"x >>", 4), None);
    }

    #[test]
    fn decodes_ascii_filters() {
        // Consumed: the digits, the spaces and the `>`.
        assert_eq!(ascii_hex(b"48 65 6c6C6f>rest"), (13, b"Hello".to_vec()));
        assert_eq!(ascii_hex(b"7>").1, vec![0x70]);
        // "Hello, world" in ASCII85, and `z` for four zero bytes.
        assert_eq!(ascii85(b"87cURD_*#TDfTZ)~>").1, b"Hello, world".to_vec());
        assert_eq!(ascii85(b"z!!~>").1, vec![0, 0, 0, 0, 0]);
    }

    /// LZW codes packed MSB-first at the given widths.
    fn pack(codes: &[(u32, u32)]) -> Vec<u8> {
        let mut bits = Vec::new();
        for &(c, w) in codes {
            bits.extend((0..w).rev().map(|k| (c >> k & 1) as u8));
        }
        bits.chunks(8)
            .map(|ch| ch.iter().enumerate().fold(0u8, |a, (k, &b)| a | b << (7 - k)))
            .collect()
    }

    /// LZW (EarlyChange 1) of a run of zero bytes, as an encoder writes it: each code is the
    /// one being defined, one byte longer than the last; `codes` codes after the first byte,
    /// the table cleared when full. With the decoded length.
    pub(crate) fn lzw_run(codes: u32) -> (Vec<u8>, u64) {
        let width = |next: u32| match next + 1 {
            n if n >= 2048 => 12,
            n if n >= 1024 => 11,
            n if n >= 512 => 10,
            _ => 9,
        };
        let mut out = vec![(256, 9), (0, 9)];
        let (mut next, mut len, mut total) = (258u32, 1u64, 1u64);
        for _ in 0..codes {
            if next == 4096 {
                out.extend([(256, 12), (0, 9)]);
                (next, len) = (258, 1);
                total += 1;
            }
            out.push((next, width(next)));
            len += 1;
            total += len;
            next += 1;
        }
        out.push((257, width(next)));
        (pack(&out), total)
    }

    #[test]
    fn counts_lzw_output() {
        // "ABABABA": A, B, AB (258), ABA (260, the code being defined), EOD.
        let data = pack(&[(256, 9), (65, 9), (66, 9), (258, 9), (260, 9), (257, 9)]);
        assert_eq!(lzw_size(&data, true, u64::MAX).1, 7);
        let (data, expect) = lzw_run(1000);
        assert_eq!(lzw_size(&data, true, u64::MAX).1, expect);
        let (data, expect) = lzw_run(10_000);
        assert_eq!(lzw_size(&data, true, u64::MAX).1, expect);
        assert!(lzw_size(&data, true, 10_000).1 > 10_000);
        // Not LZW: a first code past the table stops the count.
        assert_eq!(lzw_size(&[0xff, 0xff, 0xff], true, u64::MAX).1, 0);
    }

    #[test]
    fn counts_run_length_output() {
        // 3 literal bytes, 128 copies of one byte, end.
        assert_eq!(
            run_length_size(&[2, b'a', b'b', b'c', 129, b'x', 128, 9, 9], u64::MAX),
            (7, 131)
        );
        assert_eq!(run_length_size(&[129, 0, 129, 0, 129, 0], 200).1, 256);
    }
}
