//! The predictive distribution of one quantity, the growth of the cumulative count over a
//! horizon, either in closed form (normal) or as a sorted Monte Carlo sample; both answer the two
//! questions every forecast output asks: a quantile, and the probability of reaching a value.

pub(crate) use crate::stats::sample_quantile;
use statrs::function::erf::{erfc, erfc_inv};

/// The standard normal distribution function Φ.
pub(crate) fn normal_cdf(x: f64) -> f64 {
    0.5 * erfc(-x / std::f64::consts::SQRT_2)
}

/// The standard normal quantile Φ⁻¹(p), `p` in (0, 1).
pub(crate) fn normal_quantile(p: f64) -> f64 {
    -std::f64::consts::SQRT_2 * erfc_inv(2.0 * p)
}

/// The predictive distribution of the growth `S_h = C_{T+h} − C_T`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Spread {
    /// Normal with the given mean and standard deviation.
    Normal { mean: f64, sd: f64 },
    /// An ascending Monte Carlo sample.
    Sample(Vec<f64>),
    /// A normal whose spread is scaled by `inner` at the 80% level and below, by `outer` at the
    /// 95% level and beyond, and by a linear blend between: heavier (or lighter) tails than the
    /// normal's, as measured.
    Scaled { mean: f64, sd: f64, inner: f64, outer: f64 },
}

/// The central-interval levels at which [`Spread::Scaled`] is pinned.
pub(crate) const INNER_LEVEL: f64 = 0.8;
/// See [`INNER_LEVEL`].
pub(crate) const OUTER_LEVEL: f64 = 0.95;

impl Spread {
    /// A sample, sorted here.
    pub(crate) fn from_sample(mut values: Vec<f64>) -> Spread {
        values.sort_unstable_by(f64::total_cmp);
        Spread::Sample(values)
    }

    /// The `p`-quantile (linear interpolation between order statistics for a sample, the type 7
    /// rule of Hyndman and Fan).
    pub(crate) fn quantile(&self, p: f64) -> f64 {
        match self {
            Spread::Normal { mean, sd } => mean + sd * normal_quantile(p),
            Spread::Sample(values) => sample_quantile(values, p),
            Spread::Scaled { mean, sd, inner, outer } => {
                let level = (2.0 * p - 1.0).abs();
                let blend = ((level - INNER_LEVEL) / (OUTER_LEVEL - INNER_LEVEL)).clamp(0.0, 1.0);
                mean + sd * (inner + (outer - inner) * blend) * normal_quantile(p)
            }
        }
    }

    /// `P(S_h ≥ x)`.
    pub(crate) fn prob_at_least(&self, x: f64) -> f64 {
        match self {
            Spread::Normal { mean, sd } if *sd > 0.0 => 1.0 - normal_cdf((x - mean) / sd),
            Spread::Normal { mean, .. } => f64::from(u8::from(*mean >= x)),
            Spread::Scaled { .. } => {
                // The quantile function is increasing in p: invert it by bisection.
                let (mut low, mut high) = (1e-9, 1.0 - 1e-9);
                if self.quantile(high) < x {
                    return 0.0;
                }
                if self.quantile(low) >= x {
                    return 1.0;
                }
                for _ in 0..60 {
                    let middle = 0.5 * (low + high);
                    if self.quantile(middle) < x { low = middle } else { high = middle }
                }
                1.0 - 0.5 * (low + high)
            }
            Spread::Sample(values) if values.is_empty() => 0.0,
            Spread::Sample(values) => {
                let below = values.partition_point(|&v| v < x);
                #[allow(clippy::cast_precision_loss)]
                let share = (values.len() - below) as f64 / values.len() as f64;
                share
            }
        }
    }

    /// The standard deviation of a normal (before any scaling); 1 for a sample.
    pub(crate) fn spread_scale(&self) -> f64 {
        match self {
            Spread::Normal { sd, .. } | Spread::Scaled { sd, .. } => *sd,
            Spread::Sample(_) => 1.0,
        }
    }

    /// The mean.
    pub(crate) fn mean(&self) -> f64 {
        match self {
            Spread::Normal { mean, .. } | Spread::Scaled { mean, .. } => *mean,
            #[allow(clippy::cast_precision_loss)]
            Spread::Sample(values) => values.iter().sum::<f64>() / values.len().max(1) as f64,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normal_quantiles_match_tables() {
        assert!((normal_quantile(0.975) - 1.959_964).abs() < 1e-6);
        assert!((normal_quantile(0.9) - 1.281_552).abs() < 1e-6);
        assert!((normal_cdf(1.959_964) - 0.975).abs() < 1e-6);
    }

    #[test]
    fn sample_quantiles_interpolate() {
        let spread = Spread::from_sample(vec![4.0, 1.0, 3.0, 2.0]);
        assert_eq!(spread.quantile(0.0), 1.0);
        assert_eq!(spread.quantile(1.0), 4.0);
        assert!((spread.quantile(0.5) - 2.5).abs() < 1e-12);
        assert!((spread.prob_at_least(3.0) - 0.5).abs() < 1e-12);
        assert!((spread.prob_at_least(0.0) - 1.0).abs() < 1e-12);
    }

    #[test]
    fn scaled_normals_pin_both_levels_and_invert() {
        let spread = Spread::Scaled { mean: 100.0, sd: 10.0, inner: 0.8, outer: 1.2 };
        assert!((spread.quantile(0.9) - (100.0 + 8.0 * normal_quantile(0.9))).abs() < 1e-9);
        assert!((spread.quantile(0.025) - (100.0 - 12.0 * normal_quantile(0.975))).abs() < 1e-9);
        for p in [0.01, 0.1, 0.3, 0.5, 0.85, 0.95, 0.99] {
            assert!((spread.prob_at_least(spread.quantile(p)) - (1.0 - p)).abs() < 1e-6, "p={p}");
        }
    }
}
