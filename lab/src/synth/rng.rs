//! The generator's one seeded PRNG (SplitMix64), shared by the report generator, the scanner and
//! the negatives. The corpus must be byte-for-byte reproducible from a seed, across platforms and
//! crate upgrades, so we own the generator instead of depending on `rand` (whose stream may
//! change between versions); it needs speed and determinism, not statistical quality.

/// SplitMix64 (Steele, Lea, Flood 2014): one 64-bit state word, passes BigCrush, and any seed,
/// including 0, gives a full-period stream.
#[derive(Debug, Clone)]
pub struct SplitMix64 {
    state: u64,
}

impl SplitMix64 {
    /// A generator seeded directly.
    pub fn new(seed: u64) -> Self {
        Self { state: seed }
    }

    /// A generator for report `index` of corpus `seed`. Mixing both through one SplitMix step
    /// keeps neighbouring seeds/indices from producing correlated streams.
    pub fn for_report(seed: u64, index: u64) -> Self {
        let mut r = Self::new(seed ^ 0x5EED_C0DE_1234_5678);
        let a = r.next_u64();
        Self::new(a ^ index.wrapping_mul(0x9E37_79B9_7F4A_7C15))
    }

    /// A child stream seeded from this one's next draw, so adding draws to one section does
    /// not reshuffle the others.
    pub fn split(&mut self) -> Self {
        Self::new(self.next_u64())
    }

    /// A generator for an independent sub-stream named by `salt`, leaving this one untouched,
    /// so that adding a draw in one place does not shift every later random choice (e.g. per
    /// page, per degradation step).
    pub fn fork(&self, salt: u64) -> Self {
        let mut mixer = Self::new(self.state ^ salt.wrapping_mul(0xD1B5_4A32_D192_ED03));
        Self::new(mixer.next_u64())
    }

    /// Next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1) with 53 bits of precision.
    pub fn next_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// Uniform in [lo, hi).
    pub fn range_f64(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.next_f64()
    }

    /// Uniform integer in [0, n); `n` must be positive.
    pub fn below(&mut self, n: u64) -> u64 {
        debug_assert!(n > 0);
        // Lemire's multiply-shift; the tiny bias for huge n is irrelevant for a corpus.
        ((self.next_u64() as u128 * n as u128) >> 64) as u64
    }

    /// Uniform integer in [lo, hi]; `lo` itself, without a draw, when the range holds at most
    /// one value. The report generator's streams rely on that skipped draw, so this and
    /// [`Self::range_i64`] stay two methods.
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        if hi <= lo {
            return lo;
        }
        lo + self.below((hi - lo + 1) as u64) as i64
    }

    /// Uniform integer in [lo, hi] (`lo` ≤ `hi`), always one draw, even for a single value
    /// (the scanner's streams rely on that).
    pub fn range_i64(&mut self, lo: i64, hi: i64) -> i64 {
        debug_assert!(lo <= hi);
        lo + self.below((hi - lo) as u64 + 1) as i64
    }

    /// [`Self::range`] as usize.
    pub fn urange(&mut self, lo: usize, hi: usize) -> usize {
        self.range(lo as i64, hi as i64) as usize
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        self.next_f64() < p
    }

    /// A uniformly chosen element.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    /// Standard normal deviate (Box–Muller; the second value is discarded to keep the stream
    /// position independent of call history).
    pub fn gaussian(&mut self) -> f64 {
        let u1 = self.next_f64().max(f64::MIN_POSITIVE);
        let u2 = self.next_f64();
        (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
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
    fn reference_values_match_the_published_algorithm() {
        // First outputs of SplitMix64 seeded with 0 (reference implementation by Vigna).
        let mut r = SplitMix64::new(0);
        assert_eq!(r.next_u64(), 0xE220_A839_7B1D_CDAF);
        assert_eq!(r.next_u64(), 0x6E78_9E6A_A1B9_65F4);
    }

    #[test]
    fn same_report_same_stream_and_ranges_hold() {
        let mut a = SplitMix64::for_report(7, 3);
        let mut b = SplitMix64::for_report(7, 3);
        let mut c = SplitMix64::for_report(7, 4);
        let xa: Vec<u64> = (0..5).map(|_| a.next_u64()).collect();
        let xb: Vec<u64> = (0..5).map(|_| b.next_u64()).collect();
        let xc: Vec<u64> = (0..5).map(|_| c.next_u64()).collect();
        assert_eq!(xa, xb);
        assert_ne!(xa, xc);
        for _ in 0..1000 {
            let v = a.range(-3, 5);
            assert!((-3..=5).contains(&v));
            assert!(a.below(7) < 7);
            let v = a.range_i64(-3, 3);
            assert!((-3..=3).contains(&v));
            let f = a.range_f64(1.5, 2.5);
            assert!((1.5..2.5).contains(&f));
        }
    }

    #[test]
    fn single_value_ranges_differ_only_in_the_draw() {
        let (mut a, mut b) = (SplitMix64::new(9), SplitMix64::new(9));
        assert_eq!(a.range(4, 4), 4);
        assert_eq!(b.range_i64(4, 4), 4);
        // `range` skipped the draw, `range_i64` made it.
        assert_eq!(a.next_u64(), SplitMix64::new(9).next_u64());
        assert_ne!(b.next_u64(), SplitMix64::new(9).next_u64());
    }

    #[test]
    fn forks_and_splits_are_independent_and_repeatable() {
        let base = SplitMix64::new(42);
        assert_ne!(base.fork(1).next_u64(), base.fork(2).next_u64());
        assert_eq!(base.fork(1).next_u64(), base.fork(1).next_u64());
        let (mut a, mut b) = (SplitMix64::new(42), SplitMix64::new(42));
        assert_eq!(a.split().next_u64(), b.split().next_u64());
        assert_ne!(a.split().next_u64(), a.next_u64());
    }
}
