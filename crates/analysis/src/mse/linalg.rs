//! Small dense symmetric positive-definite algebra for the IRLS steps: a Cholesky factorisation
//! `A = LLᵀ` with a relative pivot test (a pivot below `1e-11 · max diagonal` means the design is
//! not of full rank at the current weights), solves by forward and back substitution, and the
//! inverse (the unscaled covariance of a Poisson GLM's coefficients). Matrices are row-major
//! `Vec<f64>` of side `p`; `p` is at most a few dozen here, so nothing cleverer is needed.

/// A symmetric matrix that is not (numerically) positive definite.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Singular {
    /// The column at which the factorisation broke down.
    pub column: usize,
}

/// The lower-triangular Cholesky factor of a `p × p` symmetric positive-definite matrix.
#[derive(Debug, Clone)]
pub(crate) struct Cholesky {
    p: usize,
    l: Vec<f64>,
}

impl Cholesky {
    /// Factorises `a` (row-major, `p × p`, only the lower triangle is read).
    pub(crate) fn new(a: &[f64], p: usize) -> Result<Cholesky, Singular> {
        let scale = (0..p).map(|i| a[i * p + i].abs()).fold(0.0_f64, f64::max);
        let tolerance = scale * 1e-11;
        let mut l = vec![0.0; p * p];
        for j in 0..p {
            let mut diagonal = a[j * p + j];
            for k in 0..j {
                diagonal -= l[j * p + k] * l[j * p + k];
            }
            if diagonal.is_nan() || diagonal <= tolerance || diagonal.is_infinite() {
                return Err(Singular { column: j });
            }
            let root = diagonal.sqrt();
            l[j * p + j] = root;
            for i in (j + 1)..p {
                let mut sum = a[i * p + j];
                for k in 0..j {
                    sum -= l[i * p + k] * l[j * p + k];
                }
                l[i * p + j] = sum / root;
            }
        }
        Ok(Cholesky { p, l })
    }

    /// Solves `A x = b`.
    pub(crate) fn solve(&self, b: &[f64]) -> Vec<f64> {
        let p = self.p;
        let mut y = b.to_vec();
        for i in 0..p {
            let known: f64 = (0..i).map(|k| self.l[i * p + k] * y[k]).sum();
            y[i] = (y[i] - known) / self.l[i * p + i];
        }
        for i in (0..p).rev() {
            let known: f64 = ((i + 1)..p).map(|k| self.l[k * p + i] * y[k]).sum();
            y[i] = (y[i] - known) / self.l[i * p + i];
        }
        y
    }

    /// `A⁻¹`, row-major.
    pub(crate) fn inverse(&self) -> Vec<f64> {
        let p = self.p;
        let mut inverse = vec![0.0; p * p];
        let mut unit = vec![0.0; p];
        for j in 0..p {
            unit.iter_mut().for_each(|u| *u = 0.0);
            unit[j] = 1.0;
            let column = self.solve(&unit);
            for i in 0..p {
                inverse[i * p + j] = column[i];
            }
        }
        inverse
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn solves_and_inverts() {
        let a = [4.0, 2.0, 0.6, 2.0, 2.0, 0.5, 0.6, 0.5, 3.0];
        let c = Cholesky::new(&a, 3).unwrap();
        let x = c.solve(&[1.0, 2.0, 3.0]);
        for i in 0..3 {
            let back: f64 = (0..3).map(|k| a[i * 3 + k] * x[k]).sum();
            assert!((back - [1.0, 2.0, 3.0][i]).abs() < 1e-12);
        }
        let inv = c.inverse();
        for i in 0..3 {
            for j in 0..3 {
                let e: f64 = (0..3).map(|k| a[i * 3 + k] * inv[k * 3 + j]).sum();
                assert!((e - f64::from(u8::from(i == j))).abs() < 1e-12);
            }
        }
        assert_eq!(Cholesky::new(&[1.0, 1.0, 1.0, 1.0], 2).unwrap_err().column, 1);
    }
}
