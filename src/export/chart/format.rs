//! Numbers, money and counts as the charts write them: ticks with enough
//! decimals to tell them apart, amounts with three significant digits,
//! columns of amounts that share a unit, swept values with their unit.

use super::input::SweepAxis;
use super::ticks::range_from_zero;
use crate::whatif::vary::AxisUnit;

/// The minus sign (U+2212), wider than a hyphen, as typeset numbers use.
pub(crate) const MINUS: char = '\u{2212}';

/// The value, when there is one and it is finite.
pub(crate) fn finite(v: Option<&f64>) -> Option<f64> {
    v.copied().filter(|x| x.is_finite())
}

/// Decimals needed to write `x` exactly (up to 3).
pub(crate) fn decimals_for(x: f64) -> usize {
    let x = x.abs();
    for d in 0..=3 {
        let m = x * 10f64.powi(d);
        if (m - m.round()).abs() < 1e-6 * m.max(1.0) {
            return d as usize;
        }
    }
    3
}

/// "1.50" → "1.5", "2.00" → "2".
pub(crate) fn trim_zeros(s: String) -> String {
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

/// `body` with the minus sign in front when `neg`.
pub(crate) fn with_sign(neg: bool, body: String) -> String {
    if neg { format!("{MINUS}{body}") } else { body }
}

/// The unit and suffix an amount of magnitude `a` is written in: k, M, B, T.
pub(crate) fn money_unit(a: f64) -> (f64, &'static str) {
    if a >= 1e12 {
        (1e12, "T")
    } else if a >= 1e9 {
        (1e9, "B")
    } else if a >= 1e6 {
        (1e6, "M")
    } else if a >= 1e3 {
        (1e3, "k")
    } else {
        (1.0, "")
    }
}

/// "1.2M" and "USD" → "1.2M USD"; the number alone without a currency.
pub(crate) fn join_currency(num: String, currency: &str) -> String {
    if currency.is_empty() {
        num
    } else {
        format!("{num} {currency}")
    }
}

/// An axis tick: "1.25M USD", "500k USD", "−2M USD"; enough decimals to tell
/// ticks `step` apart.
pub(crate) fn fmt_money_tick(v: f64, step: f64, currency: &str) -> String {
    let a = v.abs();
    if a < step.abs() * 1e-6 || a == 0.0 {
        return join_currency("0".into(), currency);
    }
    if a >= 1e15 {
        return join_currency(with_sign(v < 0.0, format!("{a:.2e}")), currency);
    }
    let (unit, suffix) = money_unit(a);
    let mut dec = decimals_for(step / unit);
    if step / unit < 0.001 {
        // Steps far below the unit: write the plain number instead.
        dec = decimals_for(step).min(2);
        let body = trim_zeros(format!("{:.*}", dec, a));
        let (int, frac) = body.split_once('.').unwrap_or((&body, ""));
        let mut s = crate::text::group_thousands(int);
        if !frac.is_empty() {
            s.push('.');
            s.push_str(frac);
        }
        return join_currency(with_sign(v < 0.0, s), currency);
    }
    dec = dec.min(3);
    let body = trim_zeros(format!("{:.*}", dec, a / unit));
    join_currency(with_sign(v < 0.0, format!("{body}{suffix}")), currency)
}

/// A money amount with three significant digits: "1.25M USD", "980k USD".
pub(crate) fn fmt_money(v: f64, currency: &str) -> String {
    if !v.is_finite() {
        return "n/a".into();
    }
    let a = v.abs();
    if a >= 1e15 {
        return join_currency(with_sign(v < 0.0, format!("{a:.2e}")), currency);
    }
    let digits = ColumnFormat::new(a, a);
    let body = trim_zeros(format!("{:.*}", digits.decimals, a / digits.unit));
    if body == "0" {
        return join_currency("0".into(), currency);
    }
    join_currency(
        with_sign(v < 0.0, format!("{body}{}", digits.suffix)),
        currency,
    )
}

/// What a plain number written by [`fmt_number`] is, which decides its
/// decimals and how a value that rounds to zero is written.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Plain {
    /// A tick of a nice scale (engineer-months, percentages), a multiple of
    /// the step: the step's decimals. A negative tick finer than the three
    /// decimals shown keeps its minus sign ("−0"), as tick labels always have.
    Tick,
    /// An amount such as a total of engineer-months: the step's decimals.
    Amount,
    /// A given value that need not be a multiple of the step, such as a
    /// swept input: the decimals of the step or of the value, whichever
    /// needs more.
    Value,
}

/// A plain number with the decimals `step` needs (see [`Plain`]), at most
/// three: "0.25", "12", "−1.5".
pub(crate) fn fmt_number(v: f64, step: f64, what: Plain) -> String {
    if !v.is_finite() {
        return "n/a".into();
    }
    if v.abs() < step.abs() * 1e-6 {
        return "0".into();
    }
    let dec = match what {
        Plain::Tick | Plain::Amount => decimals_for(step),
        Plain::Value => decimals_for(step).max(decimals_for(v)),
    };
    let body = trim_zeros(format!("{:.*}", dec.min(3), v.abs()));
    if body == "0" && what != Plain::Tick {
        return "0".into();
    }
    with_sign(v < 0.0, body)
}

/// A swept value on an axis: "25%", "2.5x", "120k", "3".
pub(crate) fn fmt_value(v: f64, step: f64, unit: AxisUnit) -> String {
    match unit {
        AxisUnit::Share => format!("{}%", fmt_number(v * 100.0, step * 100.0, Plain::Value)),
        AxisUnit::Times => format!("{}x", fmt_number(v, step, Plain::Value)),
        AxisUnit::Money => fmt_money_tick(v, step, ""),
        AxisUnit::Number(_) => fmt_number(v, step, Plain::Value),
    }
}

/// A swept value in a sentence: "25%", "2.5x", "120k USD", "3 months".
pub(crate) fn fmt_value_words(v: f64, step: f64, unit: AxisUnit, currency: &str) -> String {
    match unit {
        AxisUnit::Money => fmt_money_tick(v, step, currency),
        AxisUnit::Number(w) if !w.is_empty() => {
            let n = fmt_number(v, step, Plain::Value);
            // "1 month", "2 months".
            let w = match w.strip_suffix('s') {
                Some(one) if n == "1" => one,
                _ => w,
            };
            format!("{n} {w}")
        }
        _ => fmt_value(v, step, unit),
    }
}

/// The axis title of a swept key and its dotted key as the hint:
/// ("Ramp-up time (months)", "ramp.months").
pub(crate) fn axis_title(axis: &SweepAxis, currency: &str) -> (String, String) {
    let unit = match axis.unit {
        AxisUnit::Share => "%",
        AxisUnit::Money => currency,
        AxisUnit::Times => "",
        AxisUnit::Number(w) => w,
    };
    let title = if unit.is_empty() {
        axis.label.clone()
    } else {
        format!("{} ({unit})", axis.label)
    };
    (title, axis.key.clone())
}

/// "1 month", "12 months".
pub(crate) fn month_count(n: usize) -> String {
    format!("{n} month{}", if n == 1 { "" } else { "s" })
}

/// Amounts that are read together (heat-map cells, a column of totals) share
/// one unit and one number of decimals, like a column of a table: "1.31M",
/// "2.90M", "0.95M".
#[derive(Clone, Copy)]
pub(crate) struct ColumnFormat {
    unit: f64,
    suffix: &'static str,
    decimals: usize,
}

impl ColumnFormat {
    /// Three significant digits for the largest magnitude among `lo`, `hi`.
    pub(crate) fn new(lo: f64, hi: f64) -> Self {
        let a = lo.abs().max(hi.abs());
        let (mut unit, mut suffix) = money_unit(a);
        let digits = |x: f64| {
            if x >= 100.0 {
                0
            } else if x >= 10.0 {
                1
            } else {
                2
            }
        };
        let mut decimals = digits(a / unit);
        // 999.9k would print as 1000k: one unit up then.
        if format!("{:.*}", decimals, a / unit)
            .parse::<f64>()
            .unwrap_or(0.0)
            >= 1000.0
            && unit < 1e12
        {
            (unit, suffix) = money_unit(a * 10.0);
            decimals = digits(a / unit);
        }
        ColumnFormat {
            unit,
            suffix,
            decimals,
        }
    }

    /// `v` in the column's unit and decimals: "1.31M".
    pub(crate) fn text(&self, v: f64) -> String {
        if !v.is_finite() {
            return "n/a".into();
        }
        let body = format!("{:.*}", self.decimals, v.abs() / self.unit);
        if body.parse::<f64>().unwrap_or(0.0) == 0.0 {
            return "0".into();
        }
        with_sign(v < 0.0, format!("{body}{}", self.suffix))
    }

    /// The amount with its currency: "1.31M USD".
    pub(crate) fn money(&self, v: f64, currency: &str) -> String {
        if currency.is_empty() {
            self.text(v)
        } else {
            format!("{} {currency}", self.text(v))
        }
    }

    /// The format shared by the given amounts (non-finite ones ignored).
    pub(crate) fn of(values: impl Iterator<Item = f64>) -> Self {
        let (lo, hi) = range_from_zero(values);
        ColumnFormat::new(lo, hi)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_ticks_use_suffixes_and_minus() {
        assert_eq!(fmt_money_tick(1_250_000.0, 250_000.0, "USD"), "1.25M USD");
        assert_eq!(fmt_money_tick(1_000_000.0, 250_000.0, "USD"), "1M USD");
        assert_eq!(fmt_money_tick(750_000.0, 250_000.0, "USD"), "750k USD");
        assert_eq!(
            fmt_money_tick(-2_000_000.0, 1_000_000.0, "USD"),
            "\u{2212}2M USD"
        );
        assert_eq!(fmt_money_tick(0.0, 1_000.0, "EUR"), "0 EUR");
        assert_eq!(fmt_money_tick(3.0e9, 1.0e9, "USD"), "3B USD");
        assert_eq!(fmt_money_tick(500.0, 100.0, "USD"), "500 USD");
    }

    #[test]
    fn money_amounts_have_three_digits() {
        assert_eq!(fmt_money(1_234_567.0, "USD"), "1.23M USD");
        assert_eq!(fmt_money(987_654.0, "USD"), "988k USD");
        assert_eq!(fmt_money(999_999.0, "USD"), "1M USD");
        assert_eq!(fmt_money(-12_345.0, "USD"), "\u{2212}12.3k USD");
        assert_eq!(fmt_money(0.0, "USD"), "0 USD");
    }

    #[test]
    fn plain_numbers_take_the_decimals_of_their_role() {
        assert_eq!(fmt_number(2.5, 0.5, Plain::Tick), "2.5");
        assert_eq!(fmt_number(-3.0, 1.0, Plain::Tick), "\u{2212}3");
        assert_eq!(fmt_number(1e-9, 0.5, Plain::Tick), "0");
        // Ticks finer than three decimals: written as they always were.
        assert_eq!(fmt_number(-0.0002, 0.0002, Plain::Tick), "\u{2212}0");
        assert_eq!(fmt_number(23.44, 0.1, Plain::Amount), "23.4");
        assert_eq!(fmt_number(-0.04, 0.1, Plain::Amount), "0");
        assert_eq!(fmt_number(f64::NAN, 0.1, Plain::Amount), "n/a");
        assert_eq!(fmt_number(0.125, 0.5, Plain::Value), "0.125");
        assert_eq!(fmt_number(-0.0002, 0.0002, Plain::Value), "0");
    }

    #[test]
    fn swept_values_read_with_their_unit() {
        assert_eq!(fmt_value(0.25, 0.05, AxisUnit::Share), "25%");
        assert_eq!(fmt_value(0.125, 0.05, AxisUnit::Share), "12.5%");
        assert_eq!(fmt_value(2.5, 0.5, AxisUnit::Times), "2.5x");
        assert_eq!(fmt_value(120_000.0, 10_000.0, AxisUnit::Money), "120k");
        assert_eq!(fmt_value(3.0, 1.0, AxisUnit::Number("months")), "3");
        assert_eq!(
            fmt_value_words(3.0, 1.0, AxisUnit::Number("months"), "USD"),
            "3 months"
        );
        assert_eq!(
            fmt_value_words(1.0, 0.5, AxisUnit::Number("months"), "USD"),
            "1 month"
        );
        assert_eq!(
            fmt_value_words(120_000.0, 10_000.0, AxisUnit::Money, "EUR"),
            "120k EUR"
        );
    }

    #[test]
    fn cells_share_unit_and_decimals() {
        let f = ColumnFormat::new(1_306_430.0, 2_896_371.0);
        assert_eq!(f.text(1_700_000.0), "1.70M");
        assert_eq!(f.text(2_896_371.0), "2.90M");
        assert_eq!(f.text(950_000.0), "0.95M");
        assert_eq!(f.text(-250_000.0), "\u{2212}0.25M");
        assert_eq!(ColumnFormat::new(0.0, 999_960.0).text(999_960.0), "1.00M");
        assert_eq!(ColumnFormat::new(0.0, 0.0).text(0.0), "0");
    }
}
