//! Change over time: the calendar against known dates, periods in every date unit (negative
//! dates too), growth and retention against windows + summaries + projections of the same
//! network, tie formation and spells against brute force over the rows, Kaplan–Meier by hand,
//! persistence against edge sets, and the bootstrap's independence of the thread count.
//! pandas recomputations are the oracle in tests/test_temporal.py.
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use wijknet::analysis::temporal::{
    growth, kaplan_meier, participation_spells, period_bounds, periods, persistence, retention,
    tie_formation, Freq,
};
use wijknet::calendar::{civil_from_days, days_from_civil, units_per_day};
use wijknet::stats::bootstrap::{compare, percentile_interval, CompareOptions, Metric};
use wijknet::{
    ids::Ids, Context, DateUnit, Duplicates, Error, Graph, Network, Projection, RegisterBuilder,
    Role, Unit,
};

/// (resident, activity, date) rows of a random dated register.
fn random_rows(
    seed: u64,
    n_res: usize,
    n_act: usize,
    rows: usize,
    span: i64,
    lo: i64,
) -> Vec<(i64, i64, i64)> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    (0..rows)
        .map(|_| {
            (
                rng.random_range(0..n_res as i64),
                rng.random_range(0..n_act as i64),
                // few distinct dates per activity so sessions repeat
                lo + rng.random_range(0..span / 7) * 7 + rng.random_range(0..2),
            )
        })
        .collect()
}

fn network(rows: &[(i64, i64, i64)], unit: DateUnit) -> Network {
    let mut b = RegisterBuilder::new().date_unit(unit);
    for &(r, a, d) in rows {
        b.add_dated(r, a, d, Role::Participant).unwrap();
    }
    Network::new(b.build(Duplicates::Drop).unwrap())
}

#[test]
fn calendar_known_dates_and_round_trip() {
    assert_eq!(days_from_civil(1970, 1, 1), 0);
    assert_eq!(days_from_civil(1969, 12, 31), -1);
    assert_eq!(days_from_civil(2000, 1, 1), 10_957);
    assert_eq!(days_from_civil(2000, 3, 1), 11_017); // 2000 is a leap year
    assert_eq!(days_from_civil(1900, 1, 1), -25_567);
    assert_eq!(days_from_civil(1900, 3, 1), -25_508); // 1900 is not
    assert_eq!(civil_from_days(-719_162), (1, 1, 1)); // date(1, 1, 1).toordinal() == 1
    let mut prev = civil_from_days(-800_000);
    for d in -799_999..800_000 {
        let c = civil_from_days(d);
        assert_eq!(days_from_civil(c.0, c.1, c.2), d);
        // consecutive days: same month +1 day, or the 1st of the next month
        assert!(
            (c.0 == prev.0 && c.1 == prev.1 && c.2 == prev.2 + 1) || c.2 == 1,
            "{prev:?} -> {c:?}"
        );
        prev = c;
    }
}

#[test]
fn periods_in_every_unit_and_before_1970() {
    for unit in [DateUnit::Day, DateUnit::Second, DateUnit::Millisecond] {
        let upd = units_per_day(unit);
        // 1969-11-15 (just before 1970) and 1970-02-01, one unit before midnight and at midnight
        let d1 = days_from_civil(1969, 11, 15) * upd;
        let d2 = days_from_civil(1970, 2, 1) * upd;
        let net = network(&[(1, 1, d1), (2, 1, d2 - 1), (3, 1, d2)], unit);
        let p = period_bounds(&net, Freq::Month).unwrap();
        let labels: Vec<&str> = p.iter().map(|x| x.label.as_str()).collect();
        assert_eq!(labels, ["1969-11", "1969-12", "1970-01", "1970-02"]);
        assert_eq!(p[0].start, days_from_civil(1969, 11, 1) * upd);
        assert_eq!(p[3].start, d2);
        for w in p.windows(2) {
            assert_eq!(w[0].end, w[1].start);
        }
        let q = period_bounds(&net, Freq::Quarter).unwrap();
        let labels: Vec<&str> = q.iter().map(|x| x.label.as_str()).collect();
        assert_eq!(labels, ["1969Q4", "1970Q1"]);
        let y = period_bounds(&net, Freq::Year).unwrap();
        assert_eq!(
            (y[0].start, y[1].start),
            (days_from_civil(1969, 1, 1) * upd, 0)
        );
        let d = period_bounds(&net, Freq::Days(30)).unwrap();
        assert_eq!(d[0].label, "1969-11-15");
        assert_eq!(d[0].end - d[0].start, 30 * upd);
        // each view equals the window of its bounds
        for cumulative in [false, true] {
            for (per, view) in periods(&net, Freq::Month, cumulative).unwrap() {
                let w = net
                    .window((!cumulative).then_some(per.start), Some(per.end))
                    .unwrap();
                assert_eq!(view.mask(), w.mask(), "{}", per.label);
            }
        }
    }
}

#[test]
fn growth_and_retention_match_windows() {
    for (seed, unit) in [
        (1, DateUnit::Day),
        (2, DateUnit::Second),
        (3, DateUnit::Millisecond),
    ] {
        let upd = units_per_day(unit);
        let rows: Vec<(i64, i64, i64)> = random_rows(seed, 60, 9, 700, 400, -100)
            .into_iter()
            .map(|(r, a, d)| {
                (
                    r,
                    a,
                    d * upd
                        + if upd > 1 {
                            3600 * upd / 86_400 * (r % 24)
                        } else {
                            0
                        },
                )
            })
            .collect();
        let net = network(&rows, unit);
        let ctx = Context::new();
        for spec in [
            Projection::default(),
            Projection::default().with_unit(Unit::Session),
            Projection {
                min_weight: Some(2.0),
                ..Projection::default()
            },
        ] {
            for freq in [Freq::Month, Freq::Quarter, Freq::Days(10)] {
                let g = growth(&net, freq, &spec, &ctx).unwrap();
                let ret = retention(&net, freq).unwrap();
                let mut seen: BTreeSet<u32> = BTreeSet::new();
                let mut prev: BTreeSet<u32> = BTreeSet::new();
                let sets: Vec<BTreeSet<u32>> = g
                    .periods
                    .iter()
                    .map(|p| {
                        net.window(Some(p.start), Some(p.end))
                            .unwrap()
                            .residents()
                            .into_iter()
                            .collect()
                    })
                    .collect();
                for (k, p) in g.periods.iter().enumerate() {
                    let w = net.window(Some(p.start), Some(p.end)).unwrap();
                    let s = w.summary();
                    assert_eq!(g.residents[k], s.residents as u64);
                    assert_eq!(g.activities[k], s.activities as u64);
                    assert_eq!(g.sessions[k], s.sessions as u64);
                    assert_eq!(g.attendances[k], s.attendances as u64);
                    assert_eq!(
                        g.ties[k],
                        w.project(&spec, &ctx).unwrap().edge_count() as u64
                    );
                    let now = &sets[k];
                    let new = now.difference(&seen).count() as u64;
                    assert_eq!((g.new[k], g.returning[k]), (new, now.len() as u64 - new));
                    seen.extend(now);
                    assert_eq!(ret.active[k], now.len() as u64);
                    let next = sets.get(k + 1).cloned().unwrap_or_default();
                    assert_eq!(ret.retained[k], now.intersection(&next).count() as u64);
                    assert_eq!(ret.from_previous[k], now.intersection(&prev).count() as u64);
                    prev = now.clone();
                }
            }
        }
    }
}

/// Brute force: for each resident, each other resident's tie date from the rows.
fn brute_ties(rows: &[(i64, i64, i64)], unit: Unit, k: usize) -> BTreeMap<i64, (i64, Vec<i64>)> {
    // unit key: activity, or (activity, date) = session
    let key = |&(_, a, d): &(i64, i64, i64)| match unit {
        Unit::Activity => (a, 0),
        Unit::Session => (a, d),
    };
    // first date of each resident in each unit
    let mut first: HashMap<(i64, (i64, i64)), i64> = HashMap::new();
    for r in rows {
        let e = first.entry((r.0, key(r))).or_insert(r.2);
        *e = (*e).min(r.2);
    }
    let residents: BTreeSet<i64> = rows.iter().map(|r| r.0).collect();
    let mut out = BTreeMap::new();
    for &i in &residents {
        let t0 = rows.iter().filter(|r| r.0 == i).map(|r| r.2).min().unwrap();
        let mut dates = Vec::new();
        for &j in &residents {
            if i == j {
                continue;
            }
            let mut shared: Vec<i64> = first
                .iter()
                .filter(|((r, _), _)| *r == i)
                .filter_map(|((_, u), &di)| first.get(&(j, *u)).map(|&dj| di.max(dj)))
                .collect();
            shared.sort();
            if shared.len() >= k {
                dates.push(shared[k - 1]);
            }
        }
        dates.sort();
        out.insert(i, (t0, dates));
    }
    out
}

#[test]
fn tie_formation_matches_brute_force() {
    for (seed, unit) in [(4, DateUnit::Day), (5, DateUnit::Second)] {
        let upd = units_per_day(unit);
        let rows: Vec<(i64, i64, i64)> = random_rows(seed, 30, 6, 200, 300, -50)
            .into_iter()
            .map(|(r, a, d)| (r, a, d * upd))
            .collect();
        let net = network(&rows, unit);
        let ids = match net.register().resident_ids() {
            Ids::Int(v) => v.clone(),
            _ => unreachable!(),
        };
        for u in [Unit::Session, Unit::Activity] {
            for k in [1u32, 2, 3] {
                let within = [0i64, 7, 30, 90, 1000];
                for threads in [1, 2] {
                    let t =
                        tie_formation(&net, &within, u, k, &Context::new().with_threads(threads))
                            .unwrap();
                    let brute = brute_ties(&rows, u, k as usize);
                    for (pos, &r) in t.residents.iter().enumerate() {
                        let (t0, dates) = &brute[&ids[r as usize]];
                        assert_eq!(t.first[pos], *t0);
                        for (h, &d) in within.iter().enumerate() {
                            let want = dates.iter().filter(|&&x| x <= t0 + d * upd).count() as u32;
                            assert_eq!(t.counts[[pos, h]], want, "unit {u:?} k {k} Δ {d}");
                        }
                        assert_eq!(t.first_tie[pos], dates.first().map(|x| x - t0));
                    }
                }
            }
        }
    }
}

#[test]
fn spells_and_kaplan_meier_by_hand() {
    // gap 10 days; data end = day 100
    let rows = [
        (1, 1, 0),
        (1, 1, 10),
        (1, 1, 25),
        (1, 1, 30), // gap of 15 after day 10: dropout at 10
        (2, 1, 50),
        (2, 1, 95), // 45 > 10: dropout at 0
        (3, 1, 88),
        (3, 1, 90),  // end − 90 = 10 ≤ 10: censored at 2
        (4, 1, 100), // censored at 0
        (5, 1, 80),
        (5, 1, 89), // end − 89 = 11 > 10: dropout at 9
    ];
    let net = network(&rows, DateUnit::Day);
    let s = participation_spells(&net, 10.0).unwrap();
    assert_eq!(s.end, 100);
    assert_eq!(
        s.last
            .iter()
            .zip(&s.first)
            .map(|(l, f)| l - f)
            .collect::<Vec<_>>(),
        [10, 0, 2, 0, 9]
    );
    assert_eq!(s.dropped, [true, true, false, false, true]);
    let d: Vec<f64> = s
        .last
        .iter()
        .zip(&s.first)
        .map(|(l, f)| (l - f) as f64)
        .collect();
    let km = kaplan_meier(&d, &s.dropped).unwrap();
    assert_eq!(km.time, [0.0, 2.0, 9.0, 10.0]);
    assert_eq!(km.at_risk, [5, 3, 2, 1]);
    assert_eq!(km.events, [1, 0, 1, 1]);
    assert_eq!(km.censored, [1, 1, 0, 0]);
    assert_eq!(km.survival, [0.8, 0.8, 0.4, 0.0]);
    let se = 0.8 * (1.0f64 / 20.0).sqrt();
    assert!((km.std_err[0] - se).abs() < 1e-15);
    assert!(km.std_err[3].is_nan());
    assert!(matches!(
        participation_spells(&net, -1.0),
        Err(Error::InvalidArgument { .. })
    ));
    assert!(kaplan_meier(&[1.0], &[]).is_err());
}

#[test]
fn persistence_matches_edge_sets() {
    let mut rng = ChaCha8Rng::seed_from_u64(9);
    for directed in [false, true] {
        let ids1: Vec<i64> = (0..30).collect();
        let ids2: Vec<i64> = (10..45).rev().collect();
        let mut e1 = Vec::new();
        let mut e2 = Vec::new();
        for a in 0..30u32 {
            for b in 0..30u32 {
                if a != b && (directed || a < b) && rng.random::<f64>() < 0.1 {
                    e1.push((a, b, 1.0));
                }
            }
        }
        for a in 0..35u32 {
            for b in 0..35u32 {
                if a != b && (directed || a < b) && rng.random::<f64>() < 0.1 {
                    e2.push((a, b, 2.0));
                }
            }
        }
        let g1 = Graph::from_edges(Ids::Int(ids1.clone()), &e1, directed).unwrap();
        let g2 = Graph::from_edges(Ids::Int(ids2.clone()), &e2, directed).unwrap();
        let norm = |a: i64, b: i64| if directed || a < b { (a, b) } else { (b, a) };
        let s1: BTreeSet<(i64, i64)> = e1
            .iter()
            .map(|&(a, b, _)| norm(ids1[a as usize], ids1[b as usize]))
            .collect();
        let s2: BTreeSet<(i64, i64)> = e2
            .iter()
            .map(|&(a, b, _)| norm(ids2[a as usize], ids2[b as usize]))
            .collect();
        let p = persistence(&g1, &g2).unwrap();
        let kept = s1.intersection(&s2).count() as u64;
        assert_eq!(p.kept, kept);
        assert_eq!(p.lost, s1.len() as u64 - kept);
        assert_eq!(p.gained, s2.len() as u64 - kept);
        assert_eq!(p.jaccard, kept as f64 / s1.union(&s2).count() as f64);
        assert_eq!((p.nodes_1, p.nodes_2, p.common), (30, 35, 20));
        assert_eq!(p.ties.len(), s1.union(&s2).count());
    }
    let g = Graph::from_edges(Ids::Int(vec![1, 2]), &[(0, 1, 1.0)], false).unwrap();
    let d = Graph::from_edges(Ids::Int(vec![1, 2]), &[(0, 1, 1.0)], true).unwrap();
    assert!(matches!(
        persistence(&g, &d),
        Err(Error::InvalidArgument { .. })
    ));
    let s = Graph::from_edges(
        Ids::Str(vec!["a".into(), "b".into()]),
        &[(0, 1, 1.0)],
        false,
    )
    .unwrap();
    assert!(persistence(&g, &s).is_err());
}

#[test]
fn compare_is_deterministic_and_exact_on_observed_values() {
    let rows = random_rows(11, 80, 10, 600, 360, 0);
    let net = network(&rows, DateUnit::Day);
    let opts = CompareOptions {
        n_boot: 300,
        ..Default::default()
    };
    let (b, a) = ((None, Some(180)), (Some(180), None));
    let one = compare(
        &net,
        b,
        a,
        &opts,
        &Context::new().with_threads(1).with_seed(5),
    )
    .unwrap();
    let two = compare(
        &net,
        b,
        a,
        &opts,
        &Context::new().with_threads(2).with_seed(5),
    )
    .unwrap();
    for k in 0..opts.metrics.len() {
        let bits = |m: &wijknet::ndarray::Array2<f64>| {
            m.column(k).iter().map(|x| x.to_bits()).collect::<Vec<_>>()
        };
        assert_eq!(bits(&one.replicates), bits(&two.replicates));
    }
    let other = compare(&net, b, a, &opts, &Context::new().with_seed(6)).unwrap();
    assert_ne!(one.replicates.column(0), other.replicates.column(0));
    // observed values from the two projections directly
    let ctx = Context::new();
    for (window, vals) in [(b, &one.before), (a, &one.after)] {
        let g = net
            .window(window.0, window.1)
            .unwrap()
            .project(&Projection::default(), &ctx)
            .unwrap();
        let deg = wijknet::metrics::degree(&g);
        let n = g.node_count() as f64;
        assert_eq!(vals[0], deg.iter().sum::<u64>() as f64 / n);
        assert_eq!(vals[1], deg.iter().filter(|&&d| d > 0).count() as f64 / n);
        assert_eq!(vals[3], wijknet::metrics::density(&g));
        assert_eq!(
            vals[4],
            wijknet::metrics::number_connected_components(&g) as f64
        );
    }
    for k in 0..opts.metrics.len() {
        assert_eq!(one.difference[k], one.after[k] - one.before[k]);
        assert!(one.ci_low[k] <= one.ci_high[k]);
        assert_eq!(
            (one.ci_low[k], one.ci_high[k]),
            percentile_interval(&one.replicates.column(k).to_vec(), 0.95)
        );
    }
    // paired residents: present in both windows
    let wb: BTreeSet<u32> = net
        .window(b.0, b.1)
        .unwrap()
        .residents()
        .into_iter()
        .collect();
    let wa: BTreeSet<u32> = net
        .window(a.0, a.1)
        .unwrap()
        .residents()
        .into_iter()
        .collect();
    assert_eq!(
        one.paired_residents,
        wb.intersection(&wa).copied().collect::<Vec<_>>()
    );
    assert_eq!(one.paired.len(), 3);
    // no replicates: no interval
    let none = compare(
        &net,
        b,
        a,
        &CompareOptions {
            n_boot: 0,
            ..Default::default()
        },
        &ctx,
    )
    .unwrap();
    assert!(none.ci_low[0].is_nan());
    assert!(matches!(
        Metric::parse("nope"),
        Err(Error::InvalidArgument { .. })
    ));
    let bad = CompareOptions {
        level: 1.5,
        ..Default::default()
    };
    assert!(compare(&net, b, a, &bad, &ctx).is_err());
}

#[test]
fn errors() {
    let mut b = RegisterBuilder::new();
    b.add("ann", "dance").unwrap();
    let undated = Network::new(b.build(Duplicates::Count).unwrap());
    let ctx = Context::new();
    assert!(matches!(
        period_bounds(&undated, Freq::Month),
        Err(Error::InvalidArgument { .. })
    ));
    assert!(growth(&undated, Freq::Month, &Projection::default(), &ctx).is_err());
    assert!(tie_formation(&undated, &[30], Unit::Session, 1, &ctx).is_err());
    assert!(compare(
        &undated,
        (None, None),
        (None, None),
        &CompareOptions::default(),
        &ctx
    )
    .is_err());
    let net = network(&[(1, 1, 0), (2, 1, 0)], DateUnit::Day);
    assert!(tie_formation(&net, &[-1], Unit::Session, 1, &ctx).is_err());
    assert!(tie_formation(&net, &[1], Unit::Session, 0, &ctx).is_err());
    assert_eq!(Freq::parse("7D"), Some(Freq::Days(7)));
    for bad in ["0D", "W", "", "D", "-3D"] {
        assert_eq!(Freq::parse(bad), None, "{bad}");
        assert!(bad.parse::<Freq>().is_err());
    }
    // a stray date millennia away
    let far = network(&[(1, 1, 0), (2, 1, 400_000_000)], DateUnit::Day);
    assert!(period_bounds(&far, Freq::Days(1)).is_err());
    // an empty view has no periods
    let empty = net.window(Some(5), Some(6)).unwrap();
    assert!(period_bounds(&empty, Freq::Month).unwrap().is_empty());
    assert!(growth(&empty, Freq::Month, &Projection::default(), &ctx)
        .unwrap()
        .ties
        .is_empty());
}
