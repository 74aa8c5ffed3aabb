//! Numbers as written: exact decimals from TOML text (MODEL.md §1 limits).

use rust_decimal::Decimal;
use std::str::FromStr;

use super::source::Value;

/// Largest magnitude of any number in a scenario.
pub(crate) const MAX_MAGNITUDE: Decimal = Decimal::from_parts(3_567_587_328, 232, 0, false, 0); // 1e12
/// Most significant digits of a number written as a TOML number.
pub(crate) const MAX_DIGITS: u32 = 15;
/// Most significant digits of a number written as quoted text: the same limit
/// (MODEL.md §1); quoting only avoids any trip through binary floating point.
pub(crate) const MAX_TEXT_DIGITS: u32 = MAX_DIGITS;

/// Why a value is not an acceptable number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum NumberError {
    /// Not a number at all (text that does not parse, a table...).
    NotANumber,
    NotFinite,
    TooLarge,
    TooManyDigits(u32),
}

impl NumberError {
    pub(crate) fn explain(&self) -> String {
        match self {
            NumberError::NotANumber => "expected a number".to_string(),
            NumberError::NotFinite => {
                "expected a finite number (nan and inf are not allowed)".to_string()
            }
            NumberError::TooLarge => "expected a number of magnitude at most 1e12".to_string(),
            NumberError::TooManyDigits(max) => {
                format!("expected a number with at most {max} significant digits")
            }
        }
    }
}

/// The exact decimal a scenario value stands for: TOML numbers as written,
/// or decimal text in quotes.
pub(crate) fn decimal(value: &Value) -> Result<Decimal, NumberError> {
    match value {
        Value::Integer { value, .. } => check(Decimal::from(*value), MAX_DIGITS),
        Value::Float { raw, value } => {
            if !value.is_finite() {
                return Err(NumberError::NotFinite);
            }
            let parsed = parse_text(raw).or_else(|_| shortest_round_trip(*value))?;
            check(parsed, MAX_DIGITS)
        }
        Value::Text(text) => {
            let parsed = parse_text(text.trim())?;
            check(parsed, MAX_TEXT_DIGITS)
        }
        _ => Err(NumberError::NotANumber),
    }
}

/// The decimal of an `f64` in its shortest round-trip form (`0.1` → 0.1).
pub(crate) fn shortest_round_trip(value: f64) -> Result<Decimal, NumberError> {
    if !value.is_finite() {
        return Err(NumberError::NotFinite);
    }
    if value.abs() > 1e12 {
        return Err(NumberError::TooLarge);
    }
    let text = format!("{value}");
    parse_text(&text)
}

/// Parses decimal text such as `1_000.5`, `+3`, `2.5e-3`.
fn parse_text(text: &str) -> Result<Decimal, NumberError> {
    let lower = text.to_ascii_lowercase();
    if lower.contains("nan") || lower.contains("inf") {
        return Err(NumberError::NotFinite);
    }
    let cleaned: String = text.chars().filter(|c| *c != '_').collect();
    let cleaned = cleaned.strip_prefix('+').unwrap_or(&cleaned);
    if cleaned.is_empty()
        || !cleaned
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'e' | b'E' | b'+'))
    {
        return Err(NumberError::NotANumber);
    }
    let (mantissa, exponent) = match cleaned.find(['e', 'E']) {
        Some(i) => {
            let exp: i32 = cleaned[i + 1..]
                .parse()
                .map_err(|_| NumberError::NotANumber)?;
            (&cleaned[..i], exp)
        }
        None => (cleaned, 0),
    };
    let mut d = Decimal::from_str_exact(mantissa)
        .or_else(|_| Decimal::from_str(mantissa))
        .map_err(|_| NumberError::NotANumber)?;
    if !(-40..=40).contains(&exponent) {
        return Err(if exponent > 0 {
            NumberError::TooLarge
        } else {
            NumberError::TooManyDigits(MAX_DIGITS)
        });
    }
    if exponent > 0 {
        for _ in 0..exponent {
            d = d.checked_mul(Decimal::TEN).ok_or(NumberError::TooLarge)?;
        }
    } else if exponent < 0 {
        let scale = d.scale() + exponent.unsigned_abs();
        if scale > 28 {
            return Err(NumberError::TooManyDigits(MAX_DIGITS));
        }
        d.set_scale(scale)
            .map_err(|_| NumberError::TooManyDigits(MAX_DIGITS))?;
    }
    Ok(d)
}

fn check(d: Decimal, max_digits: u32) -> Result<Decimal, NumberError> {
    if d.abs() > MAX_MAGNITUDE {
        return Err(NumberError::TooLarge);
    }
    if significant_digits(d) > max_digits {
        return Err(NumberError::TooManyDigits(max_digits));
    }
    Ok(d.normalize())
}

/// Digits of the number without leading zeros and without trailing zeros.
fn significant_digits(d: Decimal) -> u32 {
    let mut m = d.normalize().mantissa().unsigned_abs();
    if m == 0 {
        return 1;
    }
    while m.is_multiple_of(10) {
        m /= 10;
    }
    let mut digits = 0;
    while m > 0 {
        m /= 10;
        digits += 1;
    }
    digits
}

#[cfg(test)]
mod tests {
    use super::*;

    fn float(raw: &str) -> Value {
        Value::Float {
            raw: raw.to_string(),
            value: raw.replace('_', "").parse().unwrap_or(f64::NAN),
        }
    }

    #[test]
    fn floats_become_the_decimal_they_were_written_as() {
        assert_eq!(
            decimal(&float("0.1")).map(|d| d.to_string()),
            Ok("0.1".to_string())
        );
        assert_eq!(
            decimal(&float("1_000.25")).map(|d| d.to_string()),
            Ok("1000.25".to_string())
        );
        assert_eq!(
            decimal(&float("2.5e-3")).map(|d| d.to_string()),
            Ok("0.0025".to_string())
        );
        assert_eq!(
            decimal(&float("1.5E3")).map(|d| d.to_string()),
            Ok("1500".to_string())
        );
        assert_eq!(
            decimal(&float("-0.5")).map(|d| d.to_string()),
            Ok("-0.5".to_string())
        );
    }

    #[test]
    fn rejects_non_finite_huge_and_overprecise_numbers() {
        assert_eq!(decimal(&float("nan")), Err(NumberError::NotFinite));
        assert_eq!(decimal(&float("inf")), Err(NumberError::NotFinite));
        assert_eq!(decimal(&float("1e13")), Err(NumberError::TooLarge));
        assert_eq!(
            decimal(&float("0.1234567890123456")),
            Err(NumberError::TooManyDigits(15))
        );
        assert!(decimal(&float("1e12")).is_ok());
    }

    #[test]
    fn quoted_text_is_a_number_with_the_same_limits() {
        let v = Value::Text("123456789.123456".to_string());
        assert_eq!(
            decimal(&v).map(|d| d.to_string()),
            Ok("123456789.123456".to_string())
        );
        let long = Value::Text("120000.00000000000001".to_string());
        assert_eq!(decimal(&long), Err(NumberError::TooManyDigits(15)));
        assert_eq!(
            decimal(&Value::Text("abc".into())),
            Err(NumberError::NotANumber)
        );
    }
}
