//! Logistic regression by Newton's method with a Gaussian prior on the weights: the fit
//! maximises the log-likelihood of right/wrong labels minus `lambda / 2 · |w - prior|²`.
//! The prior keeps a weight whose signal never varies in the corpus (a failed check on a
//! consistent corpus) at its hand-set value instead of letting it drift or blow up, and keeps
//! the system solvable when the data separate perfectly. The bias (input 0, always 1) is pulled
//! only a thousandth as hard: the data always inform it, and the overall rate of right fields
//! is what it must match.

use zhengxin::evidence::FEATURE_COUNT;

/// The model's inputs.
pub type Features = [f64; FEATURE_COUNT];

/// Why a fit failed.
#[derive(Debug, Clone, PartialEq)]
pub enum FitError {
    /// Nothing to fit on.
    NoSamples,
    /// A non-finite input or a singular system (lambda 0 on degenerate data).
    Diverged(&'static str),
}

impl std::fmt::Display for FitError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::NoSamples => write!(f, "no samples to fit on"),
            Self::Diverged(why) => write!(f, "the fit did not converge: {why}"),
        }
    }
}

impl std::error::Error for FitError {}

/// Newton iterations at most; the fit usually converges in under ten.
const MAX_ITERATIONS: usize = 100;
/// Converged when no weight moves by more than this.
const TOLERANCE: f64 = 1e-9;

/// The weights maximising the penalised likelihood of `samples` (features, right).
pub fn fit(samples: &[(Features, bool)], prior: Features, lambda: f64) -> Result<Features, FitError> {
    fit_some(samples, prior, prior, lambda, [true; FEATURE_COUNT])
}

/// [`fit`] of the weights marked in `free` only, the others held at their value in `start`
/// (where the free ones start too): a signal added to a committed model gets its weight without
/// moving the operating point the others set.
pub fn fit_some(
    samples: &[(Features, bool)],
    start: Features,
    prior: Features,
    lambda: f64,
    free: [bool; FEATURE_COUNT],
) -> Result<Features, FitError> {
    if samples.is_empty() {
        return Err(FitError::NoSamples);
    }
    if samples.iter().any(|(x, _)| x.iter().any(|v| !v.is_finite())) {
        return Err(FitError::Diverged("non-finite feature"));
    }
    let mut w = start;
    let mut loss = objective(samples, &w, &prior, lambda);
    for _ in 0..MAX_ITERATIONS {
        let (mut h, mut g) = gradient_hessian(samples, &w, &prior, lambda);
        // A held weight's row and column become the identity's with a zero gradient: its step
        // is 0 and the others' steps are those of the system without it.
        for i in (0..FEATURE_COUNT).filter(|&i| !free[i]) {
            g[i] = 0.0;
            h[i] = [0.0; FEATURE_COUNT];
            for row in h.iter_mut() {
                row[i] = 0.0;
            }
            h[i][i] = 1.0;
        }
        let step = solve(h, g).ok_or(FitError::Diverged("singular Hessian"))?;
        // Damped: halve the step until the objective does not grow (Newton can overshoot far
        // from the optimum).
        let mut scale = 1.0;
        let mut next = w;
        let mut next_loss = f64::INFINITY;
        for _ in 0..30 {
            for i in 0..FEATURE_COUNT {
                next[i] = w[i] - scale * step[i];
            }
            next_loss = objective(samples, &next, &prior, lambda);
            if next_loss <= loss {
                break;
            }
            scale /= 2.0;
        }
        if !next_loss.is_finite() {
            return Err(FitError::Diverged("non-finite objective"));
        }
        let moved = w.iter().zip(&next).map(|(a, b)| (a - b).abs()).fold(0.0, f64::max);
        w = next;
        loss = next_loss.min(loss);
        if moved < TOLERANCE {
            break;
        }
    }
    Ok(w)
}

/// `P(right)` for features `x` under weights `w`.
pub fn predict(w: &Features, x: &Features) -> f64 {
    1.0 / (1.0 + (-dot(w, x)).exp())
}

fn dot(a: &Features, b: &Features) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// `ln(1 + e^z)` without overflow.
fn softplus(z: f64) -> f64 {
    if z > 0.0 {
        z + (-z).exp().ln_1p()
    } else {
        z.exp().ln_1p()
    }
}

/// Negative penalised log-likelihood.
fn objective(samples: &[(Features, bool)], w: &Features, prior: &Features, lambda: f64) -> f64 {
    let nll: f64 = samples
        .iter()
        .map(|(x, right)| {
            let z = dot(w, x);
            // -ln σ(z) = softplus(-z); -ln(1 - σ(z)) = softplus(z)
            if *right {
                softplus(-z)
            } else {
                softplus(z)
            }
        })
        .sum();
    let penalty: f64 = (0..FEATURE_COUNT)
        .map(|i| strength(i, lambda) * (w[i] - prior[i]).powi(2))
        .sum();
    nll + penalty / 2.0
}

/// The prior's pull on weight `i`: weak on the bias (see the module's comment).
fn strength(i: usize, lambda: f64) -> f64 {
    if i == 0 {
        lambda * 1e-3
    } else {
        lambda
    }
}

type Matrix = [[f64; FEATURE_COUNT]; FEATURE_COUNT];

fn gradient_hessian(samples: &[(Features, bool)], w: &Features, prior: &Features, lambda: f64) -> (Matrix, Features) {
    let mut g = [0.0; FEATURE_COUNT];
    let mut h = [[0.0; FEATURE_COUNT]; FEATURE_COUNT];
    for (x, right) in samples {
        let p = predict(w, x);
        let y = if *right { 1.0 } else { 0.0 };
        let s = p * (1.0 - p);
        for i in 0..FEATURE_COUNT {
            g[i] += (p - y) * x[i];
            for j in 0..FEATURE_COUNT {
                h[i][j] += s * x[i] * x[j];
            }
        }
    }
    for i in 0..FEATURE_COUNT {
        g[i] += strength(i, lambda) * (w[i] - prior[i]);
        h[i][i] += strength(i, lambda);
    }
    (h, g)
}

/// Solves `a · x = b` by Gaussian elimination with partial pivoting; `None` when singular.
fn solve(mut a: Matrix, mut b: Features) -> Option<Features> {
    let n = FEATURE_COUNT;
    for col in 0..n {
        let pivot = (col..n).max_by(|&i, &j| a[i][col].abs().total_cmp(&a[j][col].abs()))?;
        if a[pivot][col].abs() < 1e-12 {
            return None;
        }
        a.swap(col, pivot);
        b.swap(col, pivot);
        let pivot_row = a[col];
        for row in col + 1..n {
            let f = a[row][col] / pivot_row[col];
            for (v, p) in a[row].iter_mut().zip(&pivot_row).skip(col) {
                *v -= f * p;
            }
            b[row] -= f * b[col];
        }
    }
    let mut x = [0.0; FEATURE_COUNT];
    for row in (0..n).rev() {
        let rest: f64 = (row + 1..n).map(|k| a[row][k] * x[k]).sum();
        x[row] = (b[row] - rest) / a[row][row];
    }
    Some(x)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn features(bias: f64, first: f64) -> Features {
        let mut x = [0.0; FEATURE_COUNT];
        x[0] = bias;
        x[1] = first;
        x
    }

    /// Group A (first input 0): 90 % right; group B (first input 1): 50 % right.
    fn two_groups() -> Vec<(Features, bool)> {
        (0..1000)
            .flat_map(|i| [(features(1.0, 0.0), i % 10 != 0), (features(1.0, 1.0), i % 2 == 0)])
            .collect()
    }

    #[test]
    fn recovers_the_rates_of_a_two_group_sample() {
        // The maximum likelihood model predicts exactly the two groups' rates.
        let samples = two_groups();
        let w = fit(&samples, [0.0; FEATURE_COUNT], 1e-6).expect("fit");
        assert!((predict(&w, &features(1.0, 0.0)) - 0.9).abs() < 1e-3, "{w:?}");
        assert!((predict(&w, &features(1.0, 1.0)) - 0.5).abs() < 1e-3, "{w:?}");
    }

    #[test]
    fn an_unseen_signal_keeps_its_prior_weight() {
        let samples: Vec<(Features, bool)> = (0..100).map(|i| (features(1.0, 0.0), i % 4 != 0)).collect();
        let mut prior = [0.0; FEATURE_COUNT];
        prior[5] = -3.0;
        let w = fit(&samples, prior, 1.0).expect("fit");
        assert!((w[5] + 3.0).abs() < 1e-9);
        assert!((predict(&w, &features(1.0, 0.0)) - 0.75).abs() < 0.01);
    }

    #[test]
    fn separable_data_stay_finite_and_empty_data_fail() {
        let samples = vec![(features(1.0, 1.0), true), (features(1.0, -1.0), false)];
        let w = fit(&samples, [0.0; FEATURE_COUNT], 1.0).expect("fit");
        assert!(w.iter().all(|v| v.is_finite()) && w[1] > 0.0);
        assert_eq!(fit(&[], [0.0; FEATURE_COUNT], 1.0), Err(FitError::NoSamples));
    }

    #[test]
    fn held_weights_stay_and_the_free_one_fits_around_them() {
        // The bias is held at a value of its own, so the free weight must carry what the
        // bias would have.
        let samples = two_groups();
        let mut start = [0.0; FEATURE_COUNT];
        start[0] = 1.0;
        let mut free = [false; FEATURE_COUNT];
        free[1] = true;
        let w = fit_some(&samples, start, [0.0; FEATURE_COUNT], 1e-6, free).expect("fit");
        assert_eq!(w[0], 1.0);
        assert!(w[2..].iter().all(|&v| v == 0.0), "{w:?}");
        // With the bias at 1, σ(1 + w1) = 0.5 maximises the likelihood of the second group.
        assert!((w[1] + 1.0).abs() < 1e-3, "{w:?}");
    }
}
