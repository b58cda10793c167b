//! Dates and the names of options: `Freq` parsing ("M", "Q", "Y", "<n>D"), the periods
//! between any two dates in any date unit, the civil calendar round trip, and every option
//! parser of the core (date units, roles, duplicates policies, weights, units, clustering
//! methods, distances) on arbitrary strings.
#![no_main]
use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use wijknet::calendar::{civil_from_days, days_from_civil, periods_between, Freq, MAX_PERIODS};
use wijknet::metrics::clustering::ClusteringMethod;
use wijknet::{DateUnit, Duplicates, Role, Unit, Weight};

#[derive(Arbitrary, Debug)]
struct Input {
    freq: String,
    unit: u8,
    lo: i64,
    span: u32,
    far: Option<i64>,
    day: i32,
    name: String,
    alpha: Option<f64>,
}

fuzz_target!(|input: Input| {
    // calendar round trip over ±5.8 million years
    let day = i64::from(input.day);
    let (y, m, d) = civil_from_days(day);
    assert!((1..=12).contains(&m) && (1..=31).contains(&d));
    assert_eq!(days_from_civil(y, m, d), day);

    let freq = Freq::parse(&input.freq);
    assert_eq!(freq.is_some(), input.freq.parse::<Freq>().is_ok());
    let unit =
        [DateUnit::Day, DateUnit::Second, DateUnit::Millisecond][usize::from(input.unit % 3)];
    // any first date; the last one a bounded span later (under 4,000 days, so an iteration
    // stays fast) or anywhere at all (then mostly an error before any work)
    let lo = input.lo;
    let upd = wijknet::calendar::units_per_day(unit);
    let span = i64::from(input.span % 4_000) * upd + i64::from(input.span) % upd;
    let hi = match input.far {
        Some(far) if input.span % 8 == 0 => far.max(lo),
        _ => lo.saturating_add(span),
    };
    for f in [
        freq,
        Some(Freq::Month),
        Some(Freq::Quarter),
        Some(Freq::Year),
        Some(Freq::Days(7)),
    ]
    .into_iter()
    .flatten()
    {
        if let Ok(periods) = periods_between(f, unit, lo, hi) {
            assert!(!periods.is_empty() && periods.len() <= MAX_PERIODS);
            assert!(periods[0].start <= lo && hi < periods.last().unwrap().end);
            assert!(periods.windows(2).all(|w| w[0].end == w[1].start));
        }
    }

    let s = input.name.as_str();
    let _ = DateUnit::parse(s);
    let _ = Role::parse(s);
    let _ = Weight::parse(s);
    let _ = ClusteringMethod::parse(s);
    let _ = wijknet::options::parse::<Duplicates>(s);
    let _ = wijknet::options::parse::<Unit>(s);
    let _ = wijknet::options::parse::<Role>(s);
    let _ = wijknet::stats::bootstrap::Metric::parse(s);
    let _ = wijknet::metrics::distance::Distance::from_options(Some(s), input.alpha);
    let _ = wijknet::graph::align::NodeSet::from_name(s);
    let _ = wijknet::analysis::diversity::Coparticipants::from_name(s);
});
