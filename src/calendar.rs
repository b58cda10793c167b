//! Calendar arithmetic on the register's dates: i64 values in a [`DateUnit`] ("D", "s", "ms"
//! since 1970-01-01), the proleptic Gregorian calendar in UTC (for dates before 1970 too), and
//! the periods (months, quarters, years, runs of days) that time-based analyses group by.
use crate::error::{Error, Result};
use crate::register::DateUnit;

/// Most periods a call may create (guards against a stray date centuries away).
pub const MAX_PERIODS: usize = 1_000_000;

/// Largest distance in days from 1970-01-01 of a date that periods are counted for (2⁵³, about
/// 24 trillion years): the calendar arithmetic is exact within it.
pub const MAX_DAYS: i64 = 1 << 53;

/// Date units per day: 1 ("D"), 86 400 ("s") or 86 400 000 ("ms").
pub fn units_per_day(unit: DateUnit) -> i64 {
    match unit {
        DateUnit::Day => 1,
        DateUnit::Second => 86_400,
        DateUnit::Millisecond => 86_400_000,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian (year, month 1–12, day 1–31).
///
/// (The classic era/day-of-era arithmetic; exact for every i64 year that fits.)
pub fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400; // [0, 399]
    let m = m as i64;
    let mp = if m > 2 { m - 3 } else { m + 9 }; // March = 0
    let doy = (153 * mp + 2) / 5 + d as i64 - 1; // [0, 365]
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy; // [0, 146096]
    era * 146_097 + doe - 719_468
}

/// The proleptic Gregorian (year, month, day) of `days` since 1970-01-01.
pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097; // [0, 146096]
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365; // [0, 399]
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// Length of calendar periods (see [`crate::analysis::temporal::periods`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Freq {
    /// Calendar months ("M").
    Month,
    /// Calendar quarters starting January, April, July, October ("Q").
    Quarter,
    /// Calendar years ("Y").
    Year,
    /// Runs of this many days starting at the first day with an attendance ("7D", or an
    /// integer in Python).
    Days(u32),
}

impl Freq {
    /// Parses "M", "Q", "Y" or `"<n>D"` (n ≥ 1 days).
    pub fn parse(s: &str) -> Option<Freq> {
        match s {
            "M" => Some(Freq::Month),
            "Q" => Some(Freq::Quarter),
            "Y" => Some(Freq::Year),
            _ => {
                let n: u32 = s.strip_suffix('D')?.parse().ok()?;
                (n >= 1).then_some(Freq::Days(n))
            }
        }
    }
    fn parse_arg(s: &str) -> Result<Freq> {
        Freq::parse(s).ok_or_else(|| {
            Error::arg(
                "freq",
                format!(
                    "'{s}' is not one of \"M\", \"Q\", \"Y\" or a number of days (e.g. \"7D\")"
                ),
            )
        })
    }
}

impl std::str::FromStr for Freq {
    type Err = Error;
    fn from_str(s: &str) -> Result<Freq> {
        Freq::parse_arg(s)
    }
}

/// One period: `[start, end)` in the register's date unit, with a label ("2025-03",
/// "2025Q1", "2025", or the first day "2025-03-01" for runs of days).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Period {
    /// Label.
    pub label: String,
    /// First instant (inclusive).
    pub start: i64,
    /// End (exclusive).
    pub end: i64,
}

/// The consecutive periods of `freq` from the one holding date `lo` to the one holding date
/// `hi` (dates in `unit`; `lo ≤ hi`), empty ones included. Months, quarters and years are
/// aligned to the calendar; runs of n days start at `lo`'s day.
///
/// # Errors
/// [`Error::InvalidArgument`] for more than [`MAX_PERIODS`] periods, or a date more than
/// [`MAX_DAYS`] days from 1970-01-01 (or a period ending past the last instant of the unit).
///
/// # Example
/// ```
/// use wijknet::calendar::{days_from_civil, periods_between, Freq};
/// use wijknet::DateUnit;
/// let (lo, hi) = (days_from_civil(2025, 2, 10), days_from_civil(2025, 4, 1));
/// let p = periods_between(Freq::Quarter, DateUnit::Day, lo, hi).unwrap();
/// assert_eq!(p.iter().map(|p| p.label.as_str()).collect::<Vec<_>>(), ["2025Q1", "2025Q2"]);
/// ```
pub fn periods_between(freq: Freq, unit: DateUnit, lo: i64, hi: i64) -> Result<Vec<Period>> {
    let upd = units_per_day(unit);
    let (d_lo, d_hi) = (lo.div_euclid(upd), hi.div_euclid(upd));
    let mut out = Vec::new();
    let outside = |day: i64| {
        Error::arg(
            "date",
            format!(
                "day {day} since 1970-01-01 is outside the calendar wijknet counts periods in \
                 ({} days either side); check the date column and date_unit",
                MAX_DAYS
            ),
        )
    };
    for day in [d_lo, d_hi] {
        if day.unsigned_abs() > MAX_DAYS as u64 {
            return Err(outside(day));
        }
    }
    // a period's first instant in the date unit (a period ending past the last representable
    // instant cannot be given)
    let instant = |day: i64| day.checked_mul(upd).ok_or_else(|| outside(day));
    let too_many = || {
        Error::arg(
            "freq",
            format!(
                "the dates span more than {MAX_PERIODS} periods (from day {d_lo} to day {d_hi} \
                 since 1970-01-01); check the date column and date_unit, or use a longer freq"
            ),
        )
    };
    match freq {
        Freq::Days(n) => {
            let n = n as i64;
            let count = (d_hi - d_lo) / n + 1;
            if count as usize > MAX_PERIODS {
                return Err(too_many());
            }
            for k in 0..count {
                let s = d_lo + k * n;
                let (y, m, d) = civil_from_days(s);
                out.push(Period {
                    label: format!("{y:04}-{m:02}-{d:02}"),
                    start: instant(s)?,
                    end: instant(s + n)?,
                });
            }
        }
        _ => {
            let step = match freq {
                Freq::Month => 1,
                Freq::Quarter => 3,
                _ => 12,
            };
            let (y0, m0, _) = civil_from_days(d_lo);
            let (y1, m1, _) = civil_from_days(d_hi);
            // months counted from year 0; the first period's first month
            let first = (y0 * 12 + m0 as i64 - 1).div_euclid(step) * step;
            let last = y1 * 12 + m1 as i64 - 1;
            if ((last - first) / step + 1) as usize > MAX_PERIODS {
                return Err(too_many());
            }
            let month_start =
                |k: i64| days_from_civil(k.div_euclid(12), (k.rem_euclid(12) + 1) as u32, 1);
            let mut k = first;
            while k <= last {
                let (y, m) = (k.div_euclid(12), k.rem_euclid(12) + 1);
                let label = match freq {
                    Freq::Month => format!("{y:04}-{m:02}"),
                    Freq::Quarter => format!("{y:04}Q{}", (m - 1) / 3 + 1),
                    _ => format!("{y:04}"),
                };
                out.push(Period {
                    label,
                    start: instant(month_start(k))?,
                    end: instant(month_start(k + step))?,
                });
                k += step;
            }
        }
    }
    Ok(out)
}
