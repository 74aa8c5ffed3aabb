//! Calendar months and working days (MODEL.md §2: month m is `start + m`, WD(m)).

use std::collections::BTreeSet;
use std::fmt;

use chrono::{Datelike, NaiveDate, Weekday};
use rust_decimal::Decimal;

/// Days per month, 365.25 / 12 (MODEL.md §2).
pub(crate) const DAYS_PER_MONTH: Decimal = Decimal::from_parts(304_375, 0, 0, false, 4);

/// A calendar month, written `YYYY-MM`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct YearMonth {
    /// Months since year 0 (`year * 12 + month - 1`), so months add as integers.
    ordinal: i64,
}

/// Years accepted in scenario files: wide enough for any plan, narrow enough that
/// a 600-month horizon never leaves the calendar.
pub(crate) const FIRST_YEAR: i64 = 1900;
pub(crate) const LAST_YEAR: i64 = 9000;

impl YearMonth {
    pub(crate) fn new(year: i64, month: u32) -> Option<YearMonth> {
        if !(FIRST_YEAR..=LAST_YEAR).contains(&year) || !(1..=12).contains(&month) {
            return None;
        }
        Some(YearMonth {
            ordinal: year * 12 + i64::from(month) - 1,
        })
    }

    /// Parses exactly `YYYY-MM`.
    pub(crate) fn parse(text: &str) -> Option<YearMonth> {
        let bytes = text.as_bytes();
        if bytes.len() != 7 || bytes[4] != b'-' {
            return None;
        }
        if !text[..4].bytes().all(|b| b.is_ascii_digit())
            || !text[5..].bytes().all(|b| b.is_ascii_digit())
        {
            return None;
        }
        let year: i64 = text[..4].parse().ok()?;
        let month: u32 = text[5..].parse().ok()?;
        YearMonth::new(year, month)
    }

    pub(crate) fn year(self) -> i64 {
        self.ordinal.div_euclid(12)
    }

    /// 1..=12
    pub(crate) fn month(self) -> u32 {
        // rem_euclid(12) is in 0..12, so the cast is lossless.
        self.ordinal.rem_euclid(12) as u32 + 1
    }

    /// The month `n` months later.
    pub(crate) fn plus(self, n: i64) -> YearMonth {
        YearMonth {
            ordinal: self.ordinal + n,
        }
    }

    /// Months from `other` to `self` (negative when `self` is earlier).
    pub(crate) fn months_since(self, other: YearMonth) -> i64 {
        self.ordinal - other.ordinal
    }

    pub(crate) fn first_day(self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(i32::try_from(self.year()).ok()?, self.month(), 1)
    }

    pub(crate) fn of_date(date: NaiveDate) -> Option<YearMonth> {
        YearMonth::new(i64::from(date.year()), date.month())
    }
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year(), self.month())
    }
}

/// WD(m): Monday-to-Friday dates of the month that are not holidays.
pub(crate) fn working_days(month: YearMonth, holidays: &BTreeSet<NaiveDate>) -> u32 {
    let Some(mut day) = month.first_day() else {
        return 0;
    };
    let mut count = 0;
    while YearMonth::of_date(day) == Some(month) {
        let weekday = day.weekday();
        if weekday != Weekday::Sat && weekday != Weekday::Sun && !holidays.contains(&day) {
            count += 1;
        }
        match day.succ_opt() {
            Some(next) => day = next,
            None => break,
        }
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_only_yyyy_mm() {
        assert_eq!(
            YearMonth::parse("2027-03").map(|m| m.to_string()),
            Some("2027-03".into())
        );
        assert!(YearMonth::parse("2027-3").is_none());
        assert!(YearMonth::parse("2027-13").is_none());
        assert!(YearMonth::parse("2027-00").is_none());
        assert!(YearMonth::parse("27-03").is_none());
        assert!(YearMonth::parse("2027-03-01").is_none());
        assert!(YearMonth::parse("+027-03").is_none());
    }

    #[test]
    fn adds_months_across_years() {
        let m = YearMonth::parse("2027-11").unwrap_or_else(|| unreachable!());
        assert_eq!(m.plus(3).to_string(), "2028-02");
        assert_eq!(m.plus(3).months_since(m), 3);
    }

    #[test]
    fn counts_weekdays_minus_holidays() {
        let feb_2028 = YearMonth::parse("2028-02").unwrap_or_else(|| unreachable!());
        // February 2028 has 29 days starting on a Tuesday: 21 weekdays.
        assert_eq!(working_days(feb_2028, &BTreeSet::new()), 21);
        let mut holidays = BTreeSet::new();
        holidays.insert(NaiveDate::from_ymd_opt(2028, 2, 29).unwrap_or_default()); // Tuesday
        holidays.insert(NaiveDate::from_ymd_opt(2028, 2, 26).unwrap_or_default()); // Saturday: no effect
        holidays.insert(NaiveDate::from_ymd_opt(2028, 3, 1).unwrap_or_default()); // other month
        assert_eq!(working_days(feb_2028, &holidays), 20);
        let jan_2027 = YearMonth::parse("2027-01").unwrap_or_else(|| unreachable!());
        assert_eq!(working_days(jan_2027, &BTreeSet::new()), 21);
    }
}
