//! Float-to-integer rounding for per-pixel loops (image cleaning, resizing, deskew). Baseline x86-64 has no rounding
//! instruction, so `f32::floor` and `f32::round` are libm calls there (≈ 2 % of a scanned
//! page's CPU, called per pixel and per ink point); the integer conversion truncates in one
//! instruction, and the fractional part of a float is exact, so these give the same integers.

/// `x.floor() as i64` for every finite `x` with |x| < 2⁶³ (and 0 for NaN, as the cast gives).
pub fn floor_i64(x: f32) -> i64 {
    let i = x as i64;
    if (i as f32) > x {
        i - 1
    } else {
        i
    }
}

/// `x.round() as i64` (halves away from zero) for every finite `x` with |x| < 2⁶³, 0 for NaN.
pub fn round_i64(x: f32) -> i64 {
    let i = x as i64;
    let frac = x - i as f32;
    if frac >= 0.5 {
        i + 1
    } else if frac <= -0.5 {
        i - 1
    } else {
        i
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn they_equal_the_libm_roundings() {
        let mut xs = vec![
            -2.5f32,
            -1.5,
            -0.5,
            -0.49999997,
            -0.0,
            0.0,
            0.49999997,
            0.5,
            1.5,
            2.5,
            255.49998,
            1e7,
            -1e7,
            8_388_607.5,
            -8_388_607.5,
            1e12,
        ];
        let mut seed = 3u32;
        for _ in 0..10_000 {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            xs.push((seed as f32 / u32::MAX as f32 - 0.5) * 6000.0);
        }
        for x in xs {
            assert_eq!(floor_i64(x), x.floor() as i64, "floor {x}");
            assert_eq!(round_i64(x), x.round() as i64, "round {x}");
        }
        assert_eq!((floor_i64(f32::NAN), round_i64(f32::NAN)), (0, 0));
    }
}
