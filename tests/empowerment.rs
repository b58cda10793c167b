//! Empowerment: trajectories, role uptake, new organisers, organiser load and position change
//! on hand-built registers with known answers, against brute force over the register's rows on
//! random registers, and the invariants (monotone trajectories, survival non-increasing in
//! [0, 1], Gini against its double sum). pandas recomputations are the oracle in
//! tests/test_empowerment.py.
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::collections::{BTreeMap, BTreeSet};
use wijknet::analysis::empowerment::{
    gini, new_organisers, organiser_load, position_change, role_uptake, trajectories,
};
use wijknet::analysis::temporal::{period_bounds, Freq};
use wijknet::calendar::days_from_civil;
use wijknet::{Context, DateUnit, Duplicates, Error, Network, Projection, RegisterBuilder, Role};

const P: Role = Role::Participant;
const V: Role = Role::Volunteer;
const O: Role = Role::Organiser;

fn net_of(rows: &[(&str, &str, i64, Role)]) -> Network {
    let mut b = RegisterBuilder::new().date_unit(DateUnit::Day);
    for &(r, a, d, role) in rows {
        b.add_dated(r, a, d, role).unwrap();
    }
    Network::new(b.build(Duplicates::Count).unwrap())
}

fn random_net(seed: u64, n_res: usize, n_act: usize, rows: usize, unit: DateUnit) -> Network {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut b = RegisterBuilder::new().date_unit(unit);
    let per_day = match unit {
        DateUnit::Day => 1,
        DateUnit::Second => 86_400,
        DateUnit::Millisecond => 86_400_000,
    };
    for _ in 0..rows {
        let r = rng.random_range(0..n_res as i64);
        let a = rng.random_range(0..n_act as i64);
        let d = (rng.random_range(0..40i64) * 7 + a) * per_day;
        let role = match rng.random_range(0..10) {
            0..=6 => P,
            7 | 8 => V,
            _ => O,
        };
        b.add_dated(r, a, d, role).unwrap();
    }
    Network::new(b.build(Duplicates::Count).unwrap())
}

/// Per resident (register index): the view's attendances as (date, activity, role).
fn rows_by_resident(net: &Network) -> BTreeMap<u32, Vec<(i64, u32, Role)>> {
    let reg = net.register();
    let dates = reg.session_date().unwrap();
    let act = reg.session_activity();
    let (res, sess, role, _) = net.rows();
    let mut out: BTreeMap<u32, Vec<(i64, u32, Role)>> = BTreeMap::new();
    for i in 0..res.len() {
        let s = sess[i] as usize;
        out.entry(res[i])
            .or_default()
            .push((dates[s], act[s], role[i]));
    }
    out
}

#[test]
fn trajectories_by_hand() {
    let net = net_of(&[
        ("ann", "dance", 10, P),
        ("ann", "yoga", 40, V),
        ("ann", "dance", 40, O), // the same date as volunteer at yoga
        ("bob", "dance", 10, P),
        ("bob", "dance", 17, P),
        ("cas", "yoga", 3, O),
        ("cas", "dance", 10, P),
    ]);
    let t = trajectories(&net).unwrap();
    assert_eq!(t.residents, vec![0, 1, 2]);
    assert_eq!(t.first, vec![10, 10, 3]);
    assert_eq!(t.last, vec![40, 17, 10]);
    assert_eq!(t.first_volunteer, vec![Some(40), None, Some(3)]);
    assert_eq!(t.first_organiser, vec![Some(40), None, Some(3)]);
    assert_eq!(t.highest, vec![O, P, O]);
    // dance is activity 0 (seen first), yoga 1: on day 40 ann was volunteer at yoga and
    // organiser at dance; the volunteer-or-higher activity is the lowest index, dance
    assert_eq!(t.volunteer_activity, vec![Some(0), None, Some(1)]);
    assert_eq!(t.organiser_activity, vec![Some(0), None, Some(1)]);
    assert_eq!(t.days_to_volunteer, vec![Some(30.0), None, Some(0.0)]);
    assert_eq!(t.days_to_organiser, vec![Some(30.0), None, Some(0.0)]);
}

#[test]
fn trajectories_follow_the_view() {
    let net = net_of(&[
        ("ann", "dance", 0, P),
        ("ann", "dance", 50, V),
        ("ann", "dance", 100, O),
    ]);
    let late = net.window(Some(50), None).unwrap();
    let t = trajectories(&late).unwrap();
    assert_eq!(t.first, vec![50]);
    assert_eq!(t.days_to_volunteer, vec![Some(0.0)]);
    assert_eq!(t.days_to_organiser, vec![Some(50.0)]);
    let participants = net
        .filter(&wijknet::Filter {
            roles: Some(vec![P]),
            ..Default::default()
        })
        .unwrap();
    let t = trajectories(&participants).unwrap();
    assert_eq!(t.highest, vec![P]);
    assert_eq!(t.first_volunteer, vec![None]);
}

#[test]
fn days_are_calendar_days_in_every_unit() {
    let mut b = RegisterBuilder::new().date_unit(DateUnit::Second);
    b.add_dated("ann", "dance", 0, P).unwrap();
    b.add_dated("ann", "dance", 86_400 * 3 + 43_200, V).unwrap();
    let net = Network::new(b.build(Duplicates::Count).unwrap());
    let t = trajectories(&net).unwrap();
    assert_eq!(t.days_to_volunteer, vec![Some(3.5)]);
    assert_eq!(role_uptake(&net, V).unwrap().days, vec![3.5]);
}

#[test]
fn undated_registers_are_refused() {
    let mut b = RegisterBuilder::new();
    b.add("ann", "dance").unwrap();
    let net = Network::new(b.build(Duplicates::Count).unwrap());
    for e in [
        trajectories(&net).err(),
        role_uptake(&net, V).err(),
        new_organisers(&net, Freq::Month).err(),
        position_change(&net, V, &Projection::default(), 30.0, &Context::new()).err(),
    ] {
        match e {
            Some(Error::InvalidArgument { message, .. }) => {
                assert!(message.contains("dates"), "{message}")
            }
            other => panic!("expected an argument error, got {other:?}"),
        }
    }
    // organiser load needs no dates
    assert_eq!(organiser_load(&net, 5).unwrap().total, 0);
}

#[test]
fn trajectories_match_brute_force_and_are_monotone() {
    for seed in 0..20 {
        let unit = [DateUnit::Day, DateUnit::Second, DateUnit::Millisecond][seed as usize % 3];
        let net = random_net(seed, 30, 6, 300, unit);
        let per_day = match unit {
            DateUnit::Day => 1.0,
            DateUnit::Second => 86_400.0,
            DateUnit::Millisecond => 86_400_000.0,
        };
        let t = trajectories(&net).unwrap();
        let by = rows_by_resident(&net);
        assert_eq!(t.residents, by.keys().copied().collect::<Vec<_>>());
        for (i, rows) in by.values().enumerate() {
            let first = rows.iter().map(|x| x.0).min().unwrap();
            let last = rows.iter().map(|x| x.0).max().unwrap();
            let vol = rows.iter().filter(|x| x.2 >= V).map(|x| (x.0, x.1)).min();
            let org = rows.iter().filter(|x| x.2 == O).map(|x| (x.0, x.1)).min();
            let high = rows.iter().map(|x| x.2).max().unwrap();
            assert_eq!(t.first[i], first);
            assert_eq!(t.last[i], last);
            assert_eq!(t.highest[i], high);
            assert_eq!(t.first_volunteer[i], vol.map(|x| x.0));
            assert_eq!(t.volunteer_activity[i], vol.map(|x| x.1));
            assert_eq!(t.first_organiser[i], org.map(|x| x.0));
            assert_eq!(t.organiser_activity[i], org.map(|x| x.1));
            assert_eq!(
                t.days_to_organiser[i],
                org.map(|x| (x.0 - first) as f64 / per_day)
            );
            // monotone: first ≤ first volunteer ≤ first organiser
            if let Some(v) = t.first_volunteer[i] {
                assert!(v >= t.first[i]);
            }
            if let Some(o) = t.first_organiser[i] {
                assert!(o >= t.first_volunteer[i].unwrap());
            }
            assert_eq!(t.first_volunteer[i].is_some(), high >= V);
            assert_eq!(t.first_organiser[i].is_some(), high == O);
        }
    }
}

#[test]
fn role_uptake_by_hand() {
    // ann: volunteer after 10 days; bob: never (censored at his last attendance, 20 days);
    // cas: organiser from the start (0 days, counts for volunteer too); dee: organiser at 30
    let net = net_of(&[
        ("ann", "dance", 0, P),
        ("ann", "dance", 10, V),
        ("ann", "dance", 50, P),
        ("bob", "dance", 0, P),
        ("bob", "dance", 20, P),
        ("cas", "dance", 0, O),
        ("dee", "dance", 0, P),
        ("dee", "dance", 30, O),
    ]);
    let u = role_uptake(&net, V).unwrap();
    assert_eq!(u.days, vec![10.0, 20.0, 0.0, 30.0]);
    assert_eq!(u.taken, vec![true, false, true, true]);
    assert_eq!(u.km.time, vec![0.0, 10.0, 20.0, 30.0]);
    assert_eq!(u.km.at_risk, vec![4, 3, 2, 1]);
    assert_eq!(u.km.events, vec![1, 1, 0, 1]);
    assert_eq!(u.km.survival, vec![0.75, 0.5, 0.5, 0.0]);
    assert_eq!(u.share, 0.75);
    assert_eq!(u.median, Some(10.0));
    // Greenwood at t = 0: 0.75 · sqrt(1 / (4 · 3)); log-log interval by hand
    let se = 0.75 * (1.0f64 / 12.0).sqrt();
    assert!((u.km.std_err[0] - se).abs() < 1e-15);
    let w = 1.959_963_984_540_054 * se / (0.75 * 0.75f64.ln().abs());
    assert!((u.ci_low[0] - 0.75f64.powf(w.exp())).abs() < 1e-12);
    assert!((u.ci_high[0] - 0.75f64.powf((-w).exp())).abs() < 1e-12);
    assert_eq!((u.ci_low[3], u.ci_high[3]), (0.0, 0.0)); // S = 0
    let o = role_uptake(&net, O).unwrap();
    assert_eq!(o.days, vec![50.0, 20.0, 0.0, 30.0]); // ann censored at her last attendance
    assert_eq!(o.taken, vec![false, false, true, true]);
    assert_eq!(o.share, 0.5);
    assert_eq!(o.median, Some(30.0)); // S: 0.75 at 0, 0.75 at 20, 0.375 at 30
    assert!(matches!(
        role_uptake(&net, P),
        Err(Error::InvalidArgument { .. })
    ));
}

#[test]
fn role_uptake_survival_is_non_increasing_in_unit_interval() {
    for seed in 0..20 {
        let net = random_net(100 + seed, 40, 5, 200, DateUnit::Day);
        for role in [V, O] {
            let u = role_uptake(&net, role).unwrap();
            let mut prev = 1.0;
            for (k, &s) in u.km.survival.iter().enumerate() {
                assert!((0.0..=1.0).contains(&s));
                assert!(s <= prev);
                prev = s;
                assert!(u.ci_low[k] <= s + 1e-12 && s <= u.ci_high[k] + 1e-12);
                assert!(u.ci_low[k] >= 0.0 && u.ci_high[k] <= 1.0);
            }
            let taken = u.taken.iter().filter(|&&x| x).count();
            assert_eq!(u.km.events.iter().sum::<u64>() as usize, taken);
            assert_eq!(
                u.km.at_risk.first().copied().unwrap_or(0) as usize,
                u.residents.len()
            );
        }
    }
}

#[test]
fn new_organisers_by_hand_and_against_trajectories() {
    let jan = days_from_civil(2025, 1, 6);
    let mar = days_from_civil(2025, 3, 3);
    let net = net_of(&[
        ("ann", "dance", jan, O),
        ("ann", "dance", mar, O),
        ("bob", "dance", jan, P),
        ("bob", "dance", mar, O),
        ("cas", "dance", mar, V),
    ]);
    let n = new_organisers(&net, Freq::Month).unwrap();
    let labels: Vec<&str> = n.periods.iter().map(|p| p.label.as_str()).collect();
    assert_eq!(labels, ["2025-01", "2025-02", "2025-03"]);
    assert_eq!(n.new, vec![1, 0, 1]);
    assert_eq!(n.cumulative, vec![1, 1, 2]);
    for seed in 0..10 {
        let net = random_net(200 + seed, 30, 5, 200, DateUnit::Day);
        let t = trajectories(&net).unwrap();
        let n = new_organisers(&net, Freq::Days(30)).unwrap();
        assert_eq!(n.periods, period_bounds(&net, Freq::Days(30)).unwrap());
        for (k, p) in n.periods.iter().enumerate() {
            let want = t
                .first_organiser
                .iter()
                .flatten()
                .filter(|&&d| p.start <= d && d < p.end)
                .count() as u64;
            assert_eq!(n.new[k], want);
        }
        let total = t.first_organiser.iter().flatten().count() as u64;
        assert_eq!(n.cumulative.last().copied().unwrap_or(0), total);
    }
}

fn gini_brute(x: &[u64]) -> f64 {
    let n = x.len() as f64;
    let mean = x.iter().sum::<u64>() as f64 / n;
    let mut s = 0.0;
    for &a in x {
        for &b in x {
            s += (a as f64 - b as f64).abs();
        }
    }
    s / (2.0 * n * n * mean)
}

#[test]
fn gini_by_hand_and_against_the_double_sum() {
    assert_eq!(gini(&[5]), 0.0);
    assert_eq!(gini(&[2, 2, 2]), 0.0);
    assert_eq!(gini(&[0, 0, 0, 4]), 0.75);
    assert!((gini(&[1, 2, 3]) - 2.0 / 9.0).abs() < 1e-15); // Σ|.| = 8, 2 · 9 · 2 = 36
    assert!(gini(&[]).is_nan());
    assert!(gini(&[0, 0]).is_nan());
    let mut rng = ChaCha8Rng::seed_from_u64(7);
    for _ in 0..200 {
        let n = rng.random_range(1..30);
        let x: Vec<u64> = (0..n).map(|_| rng.random_range(1..50)).collect();
        assert!((gini(&x) - gini_brute(&x)).abs() < 1e-12);
    }
}

#[test]
fn organiser_load_by_hand_and_against_rows() {
    let net = net_of(&[
        ("ann", "dance", 0, O),
        ("ann", "dance", 7, O),
        ("ann", "yoga", 7, O),
        ("bob", "yoga", 0, O),
        ("bob", "yoga", 7, P),
        ("cas", "yoga", 0, V),
        ("dee", "dance", 0, O),
        ("dee", "dance", 0, O), // the same session again: counts once
    ]);
    let l = organiser_load(&net, 1).unwrap();
    assert_eq!(l.residents, vec![0, 1, 3]);
    assert_eq!(l.sessions, vec![3, 1, 1]);
    assert_eq!(l.total, 5);
    assert_eq!(l.top_share, 0.6);
    assert!((l.gini - gini_brute(&[3, 1, 1])).abs() < 1e-15);
    assert!((l.gini - 4.0 / 15.0).abs() < 1e-15); // Σ|.| = 8, 2 · 9 · 5/3 = 30
    assert_eq!(organiser_load(&net, 5).unwrap().top_share, 1.0);
    assert!(matches!(
        organiser_load(&net, 0),
        Err(Error::InvalidArgument { .. })
    ));
    let none = net_of(&[("ann", "dance", 0, P)]);
    let l = organiser_load(&none, 5).unwrap();
    assert!(l.residents.is_empty() && l.top_share.is_nan() && l.gini.is_nan());
    for seed in 0..10 {
        let net = random_net(300 + seed, 30, 5, 300, DateUnit::Day);
        let l = organiser_load(&net, 5).unwrap();
        let mut want: BTreeMap<u32, u64> = BTreeMap::new();
        for (r, rows) in rows_by_resident(&net) {
            let c = rows.iter().filter(|x| x.2 == O).count() as u64;
            if c > 0 {
                want.insert(r, c);
            }
        }
        assert_eq!(l.residents, want.keys().copied().collect::<Vec<_>>());
        assert_eq!(l.sessions, want.values().copied().collect::<Vec<_>>());
        let mut sorted: Vec<u64> = want.values().copied().collect();
        sorted.sort_unstable_by(|a, b| b.cmp(a));
        let top: u64 = sorted.iter().take(5).sum();
        assert!((l.top_share - top as f64 / l.total as f64).abs() < 1e-15);
        assert!((l.gini - gini_brute(&sorted)).abs() < 1e-12);
    }
}

#[test]
fn position_change_by_hand() {
    // ann volunteers on day 10. Before [−20, 10): she met bob on day 0 (and cas on day −30,
    // outside the window). After [10, 40): yoga on day 10 with cas, dee, eve; eve meets fay
    // on day 20 (ann's second step); gus on day 40 is outside the window.
    let net = net_of(&[
        ("ann", "dance", -30, P),
        ("cas", "dance", -30, P),
        ("ann", "dance", 0, P),
        ("bob", "dance", 0, P),
        ("bob", "chess", 5, P),
        ("hal", "chess", 5, P),
        ("ann", "yoga", 10, V),
        ("cas", "yoga", 10, P),
        ("dee", "yoga", 10, P),
        ("eve", "yoga", 10, P),
        ("eve", "cards", 20, P),
        ("fay", "cards", 20, P),
        ("ann", "yoga", 40, P),
        ("gus", "yoga", 40, P),
    ]);
    let ctx = Context::new();
    let p = position_change(&net, V, &Projection::default(), 30.0, &ctx).unwrap();
    assert_eq!(p.residents, vec![0]);
    assert_eq!(p.role_date, vec![10]);
    assert_eq!(p.degree_before, vec![1]); // bob
    assert_eq!(p.reach_before, vec![2]); // bob, hal
    assert_eq!(p.degree_after, vec![3]); // cas, dee, eve
    assert_eq!(p.reach_after, vec![4]); // + fay
    assert_eq!(p.mean_degree_change, 2.0);
    assert_eq!(p.mean_reach_change, 2.0);
    // the session unit: the same here (one session per activity and date)
    let s = Projection {
        unit: wijknet::Unit::Session,
        ..Projection::default()
    };
    assert_eq!(position_change(&net, V, &s, 30.0, &ctx).unwrap(), p);
    // a shorter window: before [5, 10) holds only chess (ann absent: 0)
    let q = position_change(&net, V, &Projection::default(), 5.0, &ctx).unwrap();
    assert_eq!((q.degree_before[0], q.reach_before[0]), (0, 0));
    assert_eq!((q.degree_after[0], q.reach_after[0]), (3, 3));
    // organiser: nobody
    let o = position_change(&net, O, &Projection::default(), 30.0, &ctx).unwrap();
    assert!(o.residents.is_empty() && o.mean_degree_change.is_nan());
    assert!(position_change(&net, V, &Projection::default(), 0.0, &ctx).is_err());
    assert!(position_change(&net, P, &Projection::default(), 30.0, &ctx).is_err());
}

#[test]
fn position_change_leaves_out_roles_from_the_start() {
    let net = net_of(&[
        ("ann", "dance", 0, O),
        ("bob", "dance", 0, P),
        ("bob", "dance", 7, V),
    ]);
    let p = position_change(&net, V, &Projection::default(), 30.0, &Context::new()).unwrap();
    assert_eq!(p.residents, vec![1]); // ann organised from her first attendance
    assert_eq!((p.degree_before[0], p.degree_after[0]), (1, 0));
}

/// Degree and two-step reach of `r` among the rows dated in [lo, hi), residents meeting at a
/// shared session (activity, date).
fn brute_position(
    rows: &BTreeMap<u32, Vec<(i64, u32, Role)>>,
    r: u32,
    lo: i64,
    hi: i64,
) -> (u64, u64) {
    let mut sessions: BTreeMap<(u32, i64), BTreeSet<u32>> = BTreeMap::new();
    for (&who, list) in rows {
        for &(d, a, _) in list {
            if lo <= d && d < hi {
                sessions.entry((a, d)).or_default().insert(who);
            }
        }
    }
    let neighbours = |x: u32| -> BTreeSet<u32> {
        sessions
            .values()
            .filter(|m| m.contains(&x))
            .flat_map(|m| m.iter().copied())
            .filter(|&y| y != x)
            .collect()
    };
    let one = neighbours(r);
    let mut two: BTreeSet<u32> = one.clone();
    for &x in &one {
        two.extend(neighbours(x));
    }
    two.remove(&r);
    (one.len() as u64, two.len() as u64)
}

#[test]
fn position_change_matches_brute_force() {
    let spec = Projection {
        unit: wijknet::Unit::Session,
        ..Projection::default()
    };
    for seed in 0..8 {
        let net = random_net(400 + seed, 25, 4, 250, DateUnit::Day);
        let rows = rows_by_resident(&net);
        let t = trajectories(&net).unwrap();
        let p = position_change(&net, V, &spec, 45.0, &Context::new()).unwrap();
        let want: Vec<u32> = (0..t.residents.len())
            .filter(|&i| t.first_volunteer[i].is_some_and(|d| d > t.first[i]))
            .map(|i| t.residents[i])
            .collect();
        assert_eq!(p.residents, want);
        for (k, &r) in p.residents.iter().enumerate() {
            let d = p.role_date[k];
            assert_eq!(
                (p.degree_before[k], p.reach_before[k]),
                brute_position(&rows, r, d - 45, d)
            );
            assert_eq!(
                (p.degree_after[k], p.reach_after[k]),
                brute_position(&rows, r, d, d + 45)
            );
        }
        if !p.residents.is_empty() {
            let n = p.residents.len() as f64;
            let mean: f64 = p
                .degree_before
                .iter()
                .zip(&p.degree_after)
                .map(|(&b, &a)| a as f64 - b as f64)
                .sum::<f64>()
                / n;
            assert!((p.mean_degree_change - mean).abs() < 1e-12);
        }
    }
}

/// Degree and two-step reach of `r` in the projection of the whole window [lo, hi).
fn full_window_position(net: &Network, spec: &Projection, r: u32, lo: i64, hi: i64) -> (u64, u64) {
    let view = net.window(Some(lo), Some(hi)).unwrap();
    let nodes = view.residents();
    let Ok(i) = nodes.binary_search(&r) else {
        return (0, 0);
    };
    let g = view.project(spec, &Context::new()).unwrap();
    let one: BTreeSet<u32> = g.neighbors_of(i).iter().copied().collect();
    let mut two = one.clone();
    for &j in &one {
        two.extend(g.neighbors_of(j as usize).iter().copied());
    }
    two.remove(&(i as u32));
    (one.len() as u64, two.len() as u64)
}

#[test]
fn position_change_equals_the_whole_window_for_every_projection() {
    use wijknet::{Unit, Weight};
    let mut compared = 0;
    for seed in 0..4 {
        let net = random_net(500 + seed, 30, 5, 300, DateUnit::Day);
        for unit in [Unit::Activity, Unit::Session] {
            for weight in [
                Weight::Count,
                Weight::Newman,
                Weight::Jaccard,
                Weight::Overlap,
            ] {
                for (min_weight, max_activity_size) in
                    [(None, None), (Some(2.0), None), (Some(0.3), Some(6))]
                {
                    let spec = Projection {
                        unit,
                        weight,
                        min_weight,
                        max_activity_size,
                        ..Projection::default()
                    };
                    let p = position_change(&net, V, &spec, 40.0, &Context::new()).unwrap();
                    compared += p.residents.len();
                    for (k, &r) in p.residents.iter().enumerate() {
                        let d = p.role_date[k];
                        assert_eq!(
                            (p.degree_before[k], p.reach_before[k]),
                            full_window_position(&net, &spec, r, d - 40, d),
                            "{spec:?} before"
                        );
                        assert_eq!(
                            (p.degree_after[k], p.reach_after[k]),
                            full_window_position(&net, &spec, r, d, d + 40),
                            "{spec:?} after"
                        );
                    }
                }
            }
        }
    }
    assert!(compared > 100, "{compared}");
}
