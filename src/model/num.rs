//! The number types the model runs on: exact `Decimal` for the base case, `f64`
//! for sampling. Formulas are written once over [`Q`], which carries overflow
//! instead of panicking (MODEL.md §4).

use std::ops::{Add, Div, Mul, Neg, Sub};

use rust_decimal::prelude::{FromPrimitive, ToPrimitive};
use rust_decimal::{Decimal, RoundingStrategy};

/// A number the model can run on.
///
/// `Repr` is how a model quantity is carried: `Option<Decimal>` for the exact
/// base case (None once an operation overflowed), plain `f64` for sampling
/// (overflow shows up as a non-finite result, checked on the outputs), so the
/// sampler pays nothing for the checks the base case needs.
pub(crate) trait Num: Copy + PartialOrd + Send + Sync + 'static {
    type Repr: Copy + Send + Sync + std::fmt::Debug;
    fn zero() -> Self;
    fn from_decimal(d: Decimal) -> Self;
    fn from_i64(v: i64) -> Self;
    fn wrap(v: Self) -> Self::Repr;
    fn unwrap(r: Self::Repr) -> Option<Self>;
    fn add(a: Self::Repr, b: Self::Repr) -> Self::Repr;
    fn sub(a: Self::Repr, b: Self::Repr) -> Self::Repr;
    fn mul(a: Self::Repr, b: Self::Repr) -> Self::Repr;
    fn div(a: Self::Repr, b: Self::Repr) -> Self::Repr;
    /// Rounds to 12 decimals, half away from zero (hire times, MODEL.md §4);
    /// the identity for `f64`.
    fn round12(a: Self::Repr) -> Self::Repr;
    /// Rounds to 20 decimals, half away from zero (survival factors, MODEL.md
    /// §4); the identity for `f64`.
    fn round20(a: Self::Repr) -> Self::Repr;
    /// ⌊a⌋ as an integer, `None` when it does not fit (or overflowed).
    fn floor_index(a: Self::Repr) -> Option<i64>;
    /// Whether survival factors are rounded at every step (MODEL.md §4). Then
    /// a pool of cohorts must be aged by summing each cohort's own factor;
    /// otherwise S_k is an exact power of (1 − q) and one multiplication ages
    /// the whole pool (see `model::cohorts`).
    const ROUNDED_SURVIVAL: bool;
    fn to_f64(self) -> f64;
}

impl Num for Decimal {
    type Repr = Option<Decimal>;
    fn zero() -> Self {
        Decimal::ZERO
    }
    fn from_decimal(d: Decimal) -> Self {
        d
    }
    fn from_i64(v: i64) -> Self {
        Decimal::from(v)
    }
    fn wrap(v: Self) -> Self::Repr {
        Some(v)
    }
    fn unwrap(r: Self::Repr) -> Option<Self> {
        r
    }
    fn add(a: Self::Repr, b: Self::Repr) -> Self::Repr {
        a?.checked_add(b?)
    }
    fn sub(a: Self::Repr, b: Self::Repr) -> Self::Repr {
        a?.checked_sub(b?)
    }
    fn mul(a: Self::Repr, b: Self::Repr) -> Self::Repr {
        a?.checked_mul(b?)
    }
    fn div(a: Self::Repr, b: Self::Repr) -> Self::Repr {
        a?.checked_div(b?)
    }
    fn round12(a: Self::Repr) -> Self::Repr {
        a.map(|d| d.round_dp_with_strategy(12, RoundingStrategy::MidpointAwayFromZero))
    }
    fn round20(a: Self::Repr) -> Self::Repr {
        a.map(|d| d.round_dp_with_strategy(20, RoundingStrategy::MidpointAwayFromZero))
    }
    fn floor_index(a: Self::Repr) -> Option<i64> {
        a?.floor().to_i64()
    }
    const ROUNDED_SURVIVAL: bool = true;
    fn to_f64(self) -> f64 {
        ToPrimitive::to_f64(&self).unwrap_or(f64::NAN)
    }
}

impl Num for f64 {
    type Repr = f64;
    #[inline(always)]
    fn zero() -> Self {
        0.0
    }
    fn from_decimal(d: Decimal) -> Self {
        ToPrimitive::to_f64(&d).unwrap_or(f64::NAN)
    }
    #[inline(always)]
    fn from_i64(v: i64) -> Self {
        v as f64
    }
    #[inline(always)]
    fn wrap(v: Self) -> Self::Repr {
        v
    }
    #[inline(always)]
    fn unwrap(r: Self::Repr) -> Option<Self> {
        Some(r)
    }
    #[inline(always)]
    fn add(a: f64, b: f64) -> f64 {
        a + b
    }
    #[inline(always)]
    fn sub(a: f64, b: f64) -> f64 {
        a - b
    }
    #[inline(always)]
    fn mul(a: f64, b: f64) -> f64 {
        a * b
    }
    #[inline(always)]
    fn div(a: f64, b: f64) -> f64 {
        a / b
    }
    #[inline(always)]
    fn round12(a: f64) -> f64 {
        a
    }
    #[inline(always)]
    fn round20(a: f64) -> f64 {
        a
    }
    #[inline(always)]
    fn floor_index(a: f64) -> Option<i64> {
        let f = a.floor();
        // Beyond ±2^62 (or NaN) no horizon can reach it.
        (f.abs() < 4.6e18).then_some(f as i64)
    }
    const ROUNDED_SURVIVAL: bool = false;
    #[inline(always)]
    fn to_f64(self) -> f64 {
        self
    }
}

/// Converts an `f64` to the decimal of its shortest round-trip text.
pub(crate) fn decimal_of_f64(v: f64) -> Option<Decimal> {
    if !v.is_finite() {
        return None;
    }
    format!("{v}").parse().ok().or_else(|| Decimal::from_f64(v))
}

/// A model quantity (see [`Num::Repr`]): for `Decimal`, `None` once an
/// operation overflowed.
pub(crate) struct Q<T: Num>(pub(crate) T::Repr);

impl<T: Num> Clone for Q<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Num> Copy for Q<T> {}

impl<T: Num> std::fmt::Debug for Q<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Q({:?})", self.0)
    }
}

impl<T: Num> Q<T> {
    #[inline(always)]
    pub(crate) fn of(v: T) -> Self {
        Q(T::wrap(v))
    }
    #[inline(always)]
    pub(crate) fn zero() -> Self {
        Q::of(T::zero())
    }
    #[inline(always)]
    pub(crate) fn int(v: i64) -> Self {
        Q::of(T::from_i64(v))
    }
    #[inline(always)]
    pub(crate) fn get(self) -> Option<T> {
        T::unwrap(self.0)
    }
    #[inline(always)]
    pub(crate) fn round12(self) -> Self {
        Q(T::round12(self.0))
    }
    #[inline(always)]
    pub(crate) fn round20(self) -> Self {
        Q(T::round20(self.0))
    }
    /// ⌊self⌋ as an integer, `None` when it does not fit.
    #[inline(always)]
    pub(crate) fn floor_index(self) -> Option<i64> {
        T::floor_index(self.0)
    }
    #[inline(always)]
    pub(crate) fn max(self, o: Self) -> Self {
        match (self.get(), o.get()) {
            (Some(a), Some(b)) => Q::of(if b > a { b } else { a }),
            (None, _) => self,
            _ => o,
        }
    }
    #[inline(always)]
    pub(crate) fn min(self, o: Self) -> Self {
        match (self.get(), o.get()) {
            (Some(a), Some(b)) => Q::of(if b < a { b } else { a }),
            (None, _) => self,
            _ => o,
        }
    }
    /// clamp(self, lo, hi)
    #[inline(always)]
    pub(crate) fn clamp(self, lo: Self, hi: Self) -> Self {
        self.max(lo).min(hi)
    }
    /// `self < o` (false once overflowed; the overflow surfaces elsewhere).
    #[inline(always)]
    pub(crate) fn lt(self, o: Self) -> bool {
        matches!((self.get(), o.get()), (Some(a), Some(b)) if a < b)
    }
    #[inline(always)]
    pub(crate) fn same(self, o: Self) -> bool {
        matches!((self.get(), o.get()), (Some(a), Some(b)) if a == b)
    }
    /// The value when `cond` holds, zero otherwise (an indicator [cond]·x).
    #[inline(always)]
    pub(crate) fn when(self, cond: bool) -> Self {
        if cond { self } else { Q::zero() }
    }
}

macro_rules! binop {
    ($tr:ident, $f:ident) => {
        impl<T: Num> $tr for Q<T> {
            type Output = Q<T>;
            #[inline(always)]
            fn $f(self, o: Q<T>) -> Q<T> {
                Q(T::$f(self.0, o.0))
            }
        }
    };
}
binop!(Add, add);
binop!(Sub, sub);
binop!(Mul, mul);
binop!(Div, div);

impl<T: Num> Neg for Q<T> {
    type Output = Q<T>;
    #[inline(always)]
    fn neg(self) -> Q<T> {
        Q::zero() - self
    }
}
