//! Pure text helpers used by every layer: thousands separators, money, fixed
//! decimals, printable user text and "did you mean" suggestions. Nothing here
//! knows about scenarios, the model or files.

use std::borrow::Cow;

use rust_decimal::Decimal;

/// `"-1234567.80"` → `"-1,234,567.80"`: commas between groups of three digits
/// of the integer part of a plain decimal number.
pub(crate) fn group_thousands(s: &str) -> String {
    let (sign, rest) = s.strip_prefix('-').map_or(("", s), |r| ("-", r));
    let (int, frac) = rest
        .split_once('.')
        .map_or((rest, None), |(i, f)| (i, Some(f)));
    let mut grouped = String::with_capacity(int.len() + int.len() / 3);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    match frac {
        Some(f) => format!("{sign}{grouped}.{f}"),
        None => format!("{sign}{grouped}"),
    }
}

/// `1234567.8` → `1,234,567.80`
pub(crate) fn money(x: Decimal) -> String {
    group_thousands(&format!("{x:.2}"))
}

/// An `f64` amount like [`money`]: 2 decimals, grouped, never `-0.00`.
pub(crate) fn money_f64(x: f64) -> String {
    group_thousands(&fixed(x, 2))
}

/// `x` with `decimals` decimals; a value that rounds to zero is written without
/// a minus sign (`0.00`, never `-0.00`, MODEL.md §4).
pub(crate) fn fixed(x: f64, decimals: u32) -> String {
    let s = format!("{:.*}", decimals as usize, x);
    match s.strip_prefix('-') {
        Some(rest) if rest.bytes().all(|b| b == b'0' || b == b'.') => rest.to_string(),
        _ => s,
    }
}

/// `x` with `decimals` decimals, rounded half away from zero on its exact
/// binary value (MODEL.md §5's sampled sensitivity columns); no `-0.0`.
pub(crate) fn fixed_half_away(x: f64, decimals: u32) -> String {
    match Decimal::from_f64_retain(x) {
        Some(d) => {
            let r = d.round_dp_with_strategy(
                decimals,
                rust_decimal::RoundingStrategy::MidpointAwayFromZero,
            );
            fixed(r.to_string().parse().unwrap_or(x), decimals)
        }
        None => fixed(x, decimals),
    }
}

/// A chance as a percentage with one decimal ("63.4%"), never "0.0%" or
/// "100.0%" unless it is exactly that.
pub(crate) fn chance_text(chance: f64) -> String {
    let pct = fixed_half_away(chance * 100.0, 1);
    match pct.as_str() {
        "0.0" if chance > 0.0 => "<0.1%".to_string(),
        "100.0" if chance < 1.0 => ">99.9%".to_string(),
        _ => format!("{pct}%"),
    }
}

/// Whether `s` holds a control character (a newline, tab, escape...).
pub(crate) fn has_control(s: &str) -> bool {
    s.chars().any(char::is_control)
}

/// User text made safe to draw or print on one line: control characters (a
/// `\n` written in a TOML string, an escape sequence) become spaces. Borrowed
/// unchanged in the usual case.
pub(crate) fn printable(s: &str) -> Cow<'_, str> {
    if has_control(s) {
        Cow::Owned(
            s.chars()
                .map(|c| if c.is_control() { ' ' } else { c })
                .collect(),
        )
    } else {
        Cow::Borrowed(s)
    }
}

/// Replaces the control characters of `s` in place (see [`printable`]).
pub(crate) fn make_printable(s: &mut String) {
    if has_control(s) {
        *s = printable(s).into_owned();
    }
}

/// The known word closest to `word` by edit distance, if it is within
/// `tolerance(known_word_length)` edits: a likely typo. Ties go to the first.
pub(crate) fn closest<'k>(
    word: &str,
    known: impl IntoIterator<Item = &'k str>,
    tolerance: impl Fn(usize) -> usize,
) -> Option<&'k str> {
    known
        .into_iter()
        .map(|k| (edit_distance(word, k), k))
        .filter(|(d, k)| *d <= tolerance(k.len()))
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

/// Levenshtein distance between two strings, by characters.
pub(crate) fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_thousands_of_the_integer_part_only() {
        assert_eq!(group_thousands("-1234567.891"), "-1,234,567.891");
        assert_eq!(group_thousands("999"), "999");
        assert_eq!(group_thousands("1000"), "1,000");
    }

    #[test]
    fn fixed_never_writes_negative_zero() {
        assert_eq!(fixed(-0.001, 2), "0.00");
        assert_eq!(fixed(-0.0004, 3), "0.000");
        assert_eq!(fixed(-1.5, 2), "-1.50");
        assert_eq!(money_f64(-1234.5), "-1,234.50");
    }

    #[test]
    fn fixed_half_away_rounds_exact_midpoints_away_from_zero() {
        // 62.25 and 0.125 are exact in binary: true midpoints.
        assert_eq!(fixed_half_away(62.25, 1), "62.3");
        assert_eq!(fixed_half_away(-62.25, 1), "-62.3");
        assert_eq!(fixed_half_away(0.125, 2), "0.13");
        assert_eq!(fixed(0.125, 2), "0.12"); // the plain formatter: to even
        assert_eq!(fixed_half_away(-0.00004, 4), "0.0000");
        assert_eq!(fixed_half_away(0.61234, 4), "0.6123");
    }

    #[test]
    fn chances_never_round_to_a_certainty_they_are_not() {
        assert_eq!(chance_text(0.8186), "81.9%");
        assert_eq!(chance_text(0.0), "0.0%");
        assert_eq!(chance_text(0.0004), "<0.1%");
        assert_eq!(chance_text(0.9996), ">99.9%");
        assert_eq!(chance_text(1.0), "100.0%");
    }

    #[test]
    fn printable_replaces_control_characters() {
        assert_eq!(printable("a\nb\u{1b}c"), "a b c");
        assert!(matches!(printable("plain"), Cow::Borrowed(_)));
    }

    #[test]
    fn closest_respects_the_tolerance() {
        let known = ["premium", "multiplier"];
        assert_eq!(closest("premum", known, |_| 2), Some("premium"));
        assert_eq!(closest("xyz", known, |_| 2), None);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }
}
