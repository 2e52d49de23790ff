//! A tiny seeded PRNG (SplitMix64) so the corpus is reproducible without pulling `rand`; the
//! generator needs speed and determinism, not statistical quality.

/// SplitMix64 state.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator for report `index` of corpus `seed`. Mixing both through one SplitMix step
    /// keeps neighbouring seeds/indices from producing correlated streams.
    pub fn for_report(seed: u64, index: u64) -> Self {
        let mut r = Rng(seed ^ 0x5EED_C0DE_1234_5678);
        let a = r.next_u64();
        Rng(a ^ index.wrapping_mul(0x9E37_79B9_7F4A_7C15))
    }

    /// A generator seeded directly.
    #[cfg(test)]
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    /// A child stream, so adding draws to one section does not reshuffle the others.
    pub fn fork(&mut self) -> Rng {
        Rng(self.next_u64())
    }

    /// Next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n` > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        debug_assert!(n > 0);
        // Multiply-shift keeps the bias negligible for the small ranges used here.
        ((self.next_u64() as u128 * n as u128) >> 64) as u64
    }

    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        if hi <= lo {
            return lo;
        }
        lo + self.below((hi - lo + 1) as u64) as i64
    }

    /// Uniform in `lo..=hi` as usize.
    pub fn urange(&mut self, lo: usize, hi: usize) -> usize {
        self.range(lo as i64, hi as i64) as usize
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        ((self.next_u64() >> 11) as f64 / (1u64 << 53) as f64) < p
    }

    /// A uniformly chosen element.
    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len() as u64) as usize]
    }

    /// A string of `n` characters drawn from `alphabet`.
    pub fn chars_from(&mut self, alphabet: &str, n: usize) -> String {
        let cs: Vec<char> = alphabet.chars().collect();
        (0..n).map(|_| *self.pick(&cs)).collect()
    }

    /// Between `lo` and `hi` characters drawn from `alphabet`.
    pub fn word(&mut self, alphabet: &str, lo: usize, hi: usize) -> String {
        let n = self.urange(lo, hi);
        self.chars_from(alphabet, n)
    }

    /// `n` decimal digits.
    pub fn digits(&mut self, n: usize) -> String {
        self.chars_from("0123456789", n)
    }

    /// A round-ish amount in `lo..=hi`, a multiple of `step`.
    pub fn amount(&mut self, lo: u64, hi: u64, step: u64) -> u64 {
        let step = step.max(1);
        let n = self.range((lo / step) as i64, (hi / step) as i64) as u64;
        n * step
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_stream_and_ranges_hold() {
        let mut a = Rng::for_report(7, 3);
        let mut b = Rng::for_report(7, 3);
        let mut c = Rng::for_report(7, 4);
        let xa: Vec<u64> = (0..5).map(|_| a.next_u64()).collect();
        let xb: Vec<u64> = (0..5).map(|_| b.next_u64()).collect();
        let xc: Vec<u64> = (0..5).map(|_| c.next_u64()).collect();
        assert_eq!(xa, xb);
        assert_ne!(xa, xc);
        for _ in 0..1000 {
            let v = a.range(-3, 5);
            assert!((-3..=5).contains(&v));
            assert!(a.below(7) < 7);
        }
    }
}
