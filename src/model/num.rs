//! The number types the model runs on: exact `Decimal` for the base case, `f64`
//! for sampling. Formulas are written once over [`Q`], which carries overflow
//! instead of panicking (MODEL.md §4).

use std::ops::{Add, Div, Mul, Neg, Sub};

use rust_decimal::prelude::{FromPrimitive, ToPrimitive};
use rust_decimal::{Decimal, RoundingStrategy};

/// A number the model can run on.
pub trait Num: Copy + PartialOrd + Send + Sync + 'static {
    fn zero() -> Self;
    fn from_decimal(d: Decimal) -> Self;
    fn from_i64(v: i64) -> Self;
    fn checked_add(self, o: Self) -> Option<Self>;
    fn checked_sub(self, o: Self) -> Option<Self>;
    fn checked_mul(self, o: Self) -> Option<Self>;
    fn checked_div(self, o: Self) -> Option<Self>;
    fn floor(self) -> Self;
    /// Rounds to 12 decimals, half away from zero (hire times, MODEL.md §4);
    /// the identity for `f64`.
    fn round12(self) -> Self;
    fn to_f64(self) -> f64;
}

impl Num for Decimal {
    fn zero() -> Self {
        Decimal::ZERO
    }
    fn from_decimal(d: Decimal) -> Self {
        d
    }
    fn from_i64(v: i64) -> Self {
        Decimal::from(v)
    }
    fn checked_add(self, o: Self) -> Option<Self> {
        Decimal::checked_add(self, o)
    }
    fn checked_sub(self, o: Self) -> Option<Self> {
        Decimal::checked_sub(self, o)
    }
    fn checked_mul(self, o: Self) -> Option<Self> {
        Decimal::checked_mul(self, o)
    }
    fn checked_div(self, o: Self) -> Option<Self> {
        Decimal::checked_div(self, o)
    }
    fn floor(self) -> Self {
        Decimal::floor(&self)
    }
    fn round12(self) -> Self {
        self.round_dp_with_strategy(12, RoundingStrategy::MidpointAwayFromZero)
    }
    fn to_f64(self) -> f64 {
        ToPrimitive::to_f64(&self).unwrap_or(f64::NAN)
    }
}

impl Num for f64 {
    #[inline(always)]
    fn zero() -> Self {
        0.0
    }
    fn from_decimal(d: Decimal) -> Self {
        ToPrimitive::to_f64(&d).unwrap_or(f64::NAN)
    }
    fn from_i64(v: i64) -> Self {
        v as f64
    }
    #[inline(always)]
    fn checked_add(self, o: Self) -> Option<Self> {
        Some(self + o)
    }
    #[inline(always)]
    fn checked_sub(self, o: Self) -> Option<Self> {
        Some(self - o)
    }
    #[inline(always)]
    fn checked_mul(self, o: Self) -> Option<Self> {
        Some(self * o)
    }
    #[inline(always)]
    fn checked_div(self, o: Self) -> Option<Self> {
        Some(self / o)
    }
    #[inline(always)]
    fn floor(self) -> Self {
        f64::floor(self)
    }
    #[inline(always)]
    fn round12(self) -> Self {
        self
    }
    #[inline(always)]
    fn to_f64(self) -> f64 {
        self
    }
}

/// Converts an `f64` to the decimal of its shortest round-trip text.
pub fn decimal_of_f64(v: f64) -> Option<Decimal> {
    if !v.is_finite() {
        return None;
    }
    format!("{v}").parse().ok().or_else(|| Decimal::from_f64(v))
}

/// A model quantity: a number, or `None` once an operation overflowed.
#[derive(Debug, Clone, Copy)]
pub struct Q<T>(pub Option<T>);

impl<T: Num> Q<T> {
    #[inline(always)]
    pub fn of(v: T) -> Self {
        Q(Some(v))
    }
    #[inline(always)]
    pub fn zero() -> Self {
        Q(Some(T::zero()))
    }
    #[inline(always)]
    pub fn int(v: i64) -> Self {
        Q(Some(T::from_i64(v)))
    }
    #[inline(always)]
    pub fn get(self) -> Option<T> {
        self.0
    }
    #[inline(always)]
    pub fn floor(self) -> Self {
        Q(self.0.map(T::floor))
    }
    #[inline(always)]
    pub fn round12(self) -> Self {
        Q(self.0.map(T::round12))
    }
    #[inline(always)]
    pub fn max(self, o: Self) -> Self {
        match (self.0, o.0) {
            (Some(a), Some(b)) => Q(Some(if b > a { b } else { a })),
            _ => Q(None),
        }
    }
    #[inline(always)]
    pub fn min(self, o: Self) -> Self {
        match (self.0, o.0) {
            (Some(a), Some(b)) => Q(Some(if b < a { b } else { a })),
            _ => Q(None),
        }
    }
    /// clamp(self, lo, hi)
    #[inline(always)]
    pub fn clamp(self, lo: Self, hi: Self) -> Self {
        self.max(lo).min(hi)
    }
    /// `self < o` (false once overflowed; the overflow surfaces elsewhere).
    #[inline(always)]
    pub fn lt(self, o: Self) -> bool {
        matches!((self.0, o.0), (Some(a), Some(b)) if a < b)
    }
    #[inline(always)]
    pub fn same(self, o: Self) -> bool {
        matches!((self.0, o.0), (Some(a), Some(b)) if a == b)
    }
    /// The value when `cond` holds, zero otherwise (an indicator [cond]·x).
    #[inline(always)]
    pub fn when(self, cond: bool) -> Self {
        if cond { self } else { Q::zero() }
    }
}

macro_rules! binop {
    ($tr:ident, $f:ident, $checked:ident) => {
        impl<T: Num> $tr for Q<T> {
            type Output = Q<T>;
            #[inline(always)]
            fn $f(self, o: Q<T>) -> Q<T> {
                match (self.0, o.0) {
                    (Some(a), Some(b)) => Q(a.$checked(b)),
                    _ => Q(None),
                }
            }
        }
    };
}
binop!(Add, add, checked_add);
binop!(Sub, sub, checked_sub);
binop!(Mul, mul, checked_mul);
binop!(Div, div, checked_div);

impl<T: Num> Neg for Q<T> {
    type Output = Q<T>;
    #[inline(always)]
    fn neg(self) -> Q<T> {
        Q::zero() - self
    }
}
