//! Small statistical helpers shared by the forecasting and force-balance modules.

/// The `p`-quantile of an ascending sample.
pub(crate) fn sample_quantile(values: &[f64], p: f64) -> f64 {
    match values.len() {
        0 => f64::NAN,
        1 => values[0],
        n => {
            #[allow(clippy::cast_precision_loss)]
            let position = p.clamp(0.0, 1.0) * (n - 1) as f64;
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let below = (position.floor() as usize).min(n - 1);
            let above = (below + 1).min(n - 1);
            #[allow(clippy::cast_precision_loss)]
            let fraction = position - below as f64;
            values[below] + fraction * (values[above] - values[below])
        }
    }
}

/// `x` rounded to a whole number and written with thousands separators (`164,223`).
pub fn grouped(x: f64) -> String {
    #[allow(clippy::cast_possible_truncation)]
    let n = x.round() as i64;
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if n < 0 { format!("-{out}") } else { out }
}
