//! Bundled and synthetic data sets: the Davis Southern Women register and the `badhuis`
//! generator (determinism, thread independence, calibration) and its synthetic survey.
use std::time::Instant;
use wijknet::attributes::Column;
use wijknet::datasets::{self, badhuis, calibration, davis_southern_women, Calibration};
use wijknet::{Context, Error, Id, Ids, Network, Projection, Register, Role, Unit, Weight};

const DATA: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/data/davis_southern_women"
);

// ---------------------------------------------------------------------------------- Davis

#[test]
fn davis_shape() {
    let reg = davis_southern_women();
    assert_eq!(reg.n_residents(), 18);
    assert_eq!(reg.n_activities(), 14);
    assert_eq!(reg.n_rows(), 89);
    assert!(!reg.has_dates());
    assert!(reg.row_role().iter().all(|&r| r == Role::Participant));
    let evelyn = reg.resident_index(&Id::from("Evelyn Jefferson")).unwrap();
    assert_eq!(evelyn, 0);
    assert_eq!(reg.rows_of(evelyn).len(), 8);
    let Ids::Str(events) = reg.activity_ids() else {
        panic!("string event ids")
    };
    let expected: Vec<String> = (1..=14).map(|e| format!("E{e}")).collect();
    assert_eq!(events, &expected);
    let Ids::Str(women) = reg.resident_ids() else {
        panic!("string ids")
    };
    assert_eq!(women.last().unwrap(), "Flora Price");
}

#[test]
fn davis_event_sizes_are_the_published_column_sums() {
    let net = Network::new(davis_southern_women());
    let inc = net.incidence(Unit::Activity);
    let sizes: Vec<usize> = (0..inc.n_units()).map(|k| inc.size(k)).collect();
    assert_eq!(sizes, vec![3, 3, 6, 4, 8, 8, 10, 14, 12, 5, 4, 6, 3, 3]);
    let degrees: Vec<usize> = (0..inc.n_residents())
        .map(|i| inc.units_of(i).len())
        .collect();
    assert_eq!(
        degrees,
        vec![8, 7, 8, 7, 4, 4, 4, 3, 4, 4, 4, 6, 7, 8, 5, 2, 2, 2]
    );
}

/// The embedded table equals the edge list in tests/data, row for row (skipped if that copy
/// of the data is missing).
#[test]
fn davis_matches_shared_edge_list() {
    let Ok(text) = std::fs::read_to_string(format!("{DATA}/edges.csv")) else {
        eprintln!("tests/data/davis_southern_women not found; skipped");
        return;
    };
    let mut expected: Vec<(String, String)> = text
        .lines()
        .skip(1)
        .filter(|l| !l.is_empty())
        .map(|l| {
            let (w, e) = l.split_once(',').unwrap();
            (w.to_string(), e.to_string())
        })
        .collect();
    let reg = davis_southern_women();
    let mut got = Vec::new();
    for r in 0..reg.n_residents() as u32 {
        for row in reg.rows_of(r) {
            let a = reg.session_activity()[reg.row_session()[row] as usize];
            let (Id::Str(w), Id::Str(e)) = (
                reg.resident_ids().get(r as usize),
                reg.activity_ids().get(a as usize),
            ) else {
                panic!("string ids")
            };
            got.push((w, e));
        }
    }
    expected.sort();
    got.sort();
    assert_eq!(got, expected);
}

// -------------------------------------------------------------------------------- badhuis

fn same(a: &Register, b: &Register) -> bool {
    a.resident_ids() == b.resident_ids()
        && a.activity_ids() == b.activity_ids()
        && a.row_ptr() == b.row_ptr()
        && a.row_session() == b.row_session()
        && a.row_role() == b.row_role()
        && a.session_activity() == b.session_activity()
        && a.session_date() == b.session_date()
        && a.resident_attributes() == b.resident_attributes()
        && a.activity_attributes() == b.activity_attributes()
        && a.sensitive() == b.sensitive()
}

#[test]
fn badhuis_is_deterministic_per_seed() {
    let a = badhuis(6_000, 7).unwrap();
    let b = badhuis(6_000, 7).unwrap();
    assert!(same(&a, &b));
    let c = badhuis(6_000, 8).unwrap();
    assert!(!same(&a, &c));
    assert_ne!(a.row_session(), c.row_session());
}

#[test]
fn badhuis_is_independent_of_threads() {
    let one = Context::new()
        .with_threads(1)
        .install(|| badhuis(12_000, 3))
        .unwrap();
    let two = Context::new()
        .with_threads(2)
        .install(|| badhuis(12_000, 3))
        .unwrap();
    assert!(same(&one, &two));
}

#[test]
fn badhuis_rejects_zero_residents() {
    match badhuis(0, 1) {
        Err(Error::InvalidArgument { name, .. }) => assert_eq!(name, "residents"),
        other => panic!("expected InvalidArgument, got {other:?}"),
    }
}

#[test]
fn badhuis_tiny_populations() {
    for residents in [1, 2, 5, 37, 250, 999] {
        let reg = badhuis(residents, 11).unwrap();
        assert!(
            reg.n_residents() >= 1 && reg.n_residents() <= residents,
            "{residents}"
        );
        let Ids::Int(ids) = reg.resident_ids() else {
            panic!("integer ids")
        };
        assert!(ids.iter().all(|&i| (0..residents as i64).contains(&i)));
        assert!(reg.n_rows() >= reg.n_residents());
    }
}

#[test]
fn badhuis_one_centre_has_the_named_activities() {
    let reg = badhuis(2_000, 42).unwrap();
    let Ids::Str(names) = reg.activity_ids() else {
        panic!("string activity ids")
    };
    for name in [
        "dance evening (centre 1)",
        "game afternoon (centre 1)",
        "neighbourhood breakfast (centre 1)",
        "yoga (centre 1)",
        "sculpture (centre 1)",
        "neighbourhood paper (centre 1)",
        "shared dinner (centre 1)",
        "tasting (centre 1)",
        "clothing swap (centre 1)",
        "peer group for physically disabled residents (centre 1)",
        "summer festival (centre 1)",
        "King's Day (district 1)",
    ] {
        assert!(names.iter().any(|n| n == name), "{name} missing");
    }
    // Only the peer group is sensitive.
    let sensitive: Vec<&String> = names
        .iter()
        .zip(reg.sensitive())
        .filter(|(_, &s)| s)
        .map(|(n, _)| n)
        .collect();
    assert_eq!(
        sensitive,
        vec!["peer group for physically disabled residents (centre 1)"]
    );
    // Resident ids are population numbers, ascending.
    let Ids::Int(ids) = reg.resident_ids() else {
        panic!("integer ids")
    };
    assert!(ids.windows(2).all(|w| w[0] < w[1]) && *ids.last().unwrap() < 2_000);

    let net = Network::new(reg.clone());
    let inc = net.incidence(Unit::Activity);
    let size_of = |name: &str| {
        let a = reg.activity_index(&Id::from(name)).unwrap();
        let k = inc.units.iter().position(|&u| u == a).unwrap();
        inc.size(k)
    };
    let dance = size_of("dance evening (centre 1)");
    assert!((80..=200).contains(&dance), "dance evening {dance}");
    let games = size_of("game afternoon (centre 1)");
    assert!((10..=20).contains(&games), "game afternoon {games}");

    // Rhythms: the dance evening is fortnightly, the game afternoon weekly (both pause for
    // the summer), King's Day is one session on 26 April 2025.
    let sessions_of = |name: &str| {
        let a = reg.activity_index(&Id::from(name)).unwrap();
        let mut d: Vec<i64> = reg
            .session_activity()
            .iter()
            .zip(reg.session_date().unwrap())
            .filter(|(&sa, _)| sa == a)
            .map(|(_, &d)| d)
            .collect();
        d.sort();
        d
    };
    let dance_dates = sessions_of("dance evening (centre 1)");
    assert!(
        (20..=26).contains(&dance_dates.len()),
        "{}",
        dance_dates.len()
    );
    assert!(dance_dates.windows(2).all(|w| (w[1] - w[0]) % 14 == 0));
    let game_dates = sessions_of("game afternoon (centre 1)");
    assert!(
        (40..=52).contains(&game_dates.len()),
        "{}",
        game_dates.len()
    );
    assert_eq!(sessions_of("King's Day (district 1)"), vec![20_204]);
    let (lo, hi) = (20_089, 20_089 + 365);
    assert!(reg
        .session_date()
        .unwrap()
        .iter()
        .all(|d| (lo..hi).contains(d)));

    // Roles: 1–3 organisers for each activity, volunteers somewhere, mostly participants.
    let mut organisers = vec![std::collections::BTreeSet::new(); reg.n_activities()];
    let mut by_role = [0usize; 3];
    for r in 0..reg.n_residents() as u32 {
        for row in reg.rows_of(r) {
            let role = reg.row_role()[row];
            by_role[role as usize] += 1;
            if role == Role::Organiser {
                organisers[reg.session_activity()[reg.row_session()[row] as usize] as usize]
                    .insert(r);
            }
        }
    }
    assert!(organisers.iter().all(|o| (1..=3).contains(&o.len())));
    assert!(by_role[1] > 0);
    assert!(by_role[0] as f64 > 0.6 * reg.n_rows() as f64, "{by_role:?}");

    // Attributes.
    for col in ["neighbourhood", "age_group"] {
        let Some(wijknet::attributes::Column::Categorical { codes, levels }) =
            reg.resident_attributes().get(col)
        else {
            panic!("{col} missing")
        };
        assert_eq!(codes.len(), reg.n_residents());
        assert!(codes.iter().all(|&c| c >= 0 && (c as usize) < levels.len()));
    }
    let Some(wijknet::attributes::Column::Categorical { codes, levels }) =
        reg.activity_attributes().get("kind")
    else {
        panic!("kind missing")
    };
    assert_eq!(levels, &["weekly", "fortnightly", "monthly", "yearly"]);
    assert!(codes.iter().all(|&c| (0..4).contains(&c)));
    assert!(reg.activity_attributes().get("category").is_some());
}

/// Scaled-down calibration at 20,000 residents (ten centres, two districts).
#[test]
fn badhuis_calibration_small() {
    let reg = badhuis(20_000, 1).unwrap();
    let cal = calibration(&Network::new(reg));
    println!("{cal}");
    let scale = 0.2;
    assert!((cal.share_one_activity - 0.90).abs() <= 0.05, "{cal}");
    let per_pair = cal.rows as f64 / cal.pairs as f64;
    assert!((6.0..12.0).contains(&per_pair), "rows per pair {per_pair}");
    let near = |got: f64, want: f64, tol: f64| (got / want - 1.0).abs() <= tol;
    assert!(near(cal.rows as f64, 1_000_000.0 * scale, 0.15), "{cal}");
    assert!(near(cal.pairs as f64, 116_000.0 * scale, 0.15), "{cal}");
    assert!(near(cal.size_median, 12.0, 0.2), "{cal}");
    assert!(near(cal.size_p90, 38.0, 0.2), "{cal}");
    assert!((5..=20).contains(&cal.activities_200_plus), "{cal}");
    assert!(cal.size_max >= 1_000 && cal.size_max <= 2_200, "{cal}");
    assert!(cal.residents <= 20_000);
}

/// The calibration targets at 100,000 residents, ±10%.
#[test]
#[ignore = "slow in debug; run with --release -- --ignored --nocapture"]
fn badhuis_calibration_100k() {
    let t = Instant::now();
    let reg = badhuis(100_000, 2025).unwrap();
    let gen = t.elapsed();
    let cal = calibration(&Network::new(reg));
    println!("badhuis(100_000) generated in {gen:.2?}\n{cal}");
    let target = Calibration {
        rows: 1_000_000,
        residents: 0,
        activities: 0,
        pairs: 116_000,
        share_one_activity: 0.90,
        size_median: 12.0,
        size_p90: 38.0,
        size_max: 1_900,
        activities_200_plus: 50,
        sum_pairs: 14_500_000,
    };
    let checks = [
        ("rows", cal.rows as f64, target.rows as f64),
        ("pairs", cal.pairs as f64, target.pairs as f64),
        (
            "share in one activity",
            cal.share_one_activity,
            target.share_one_activity,
        ),
        ("size median", cal.size_median, target.size_median),
        ("size p90", cal.size_p90, target.size_p90),
        ("size max", cal.size_max as f64, target.size_max as f64),
        (
            "activities ≥ 200",
            cal.activities_200_plus as f64,
            target.activities_200_plus as f64,
        ),
        ("Σ n(n−1)/2", cal.sum_pairs as f64, target.sum_pairs as f64),
    ];
    let bad: Vec<String> = checks
        .iter()
        .filter(|(_, got, want)| (got / want - 1.0).abs() > 0.10)
        .map(|(name, got, want)| format!("{name}: {got} vs {want}"))
        .collect();
    assert!(bad.is_empty(), "off target by more than 10%: {bad:?}");
}

/// Generation time at one million residents (about ten million rows).
#[test]
#[ignore = "timing; run with --release -- --ignored --nocapture"]
fn badhuis_timing_1m() {
    for threads in [1, 0] {
        let ctx = Context::new().with_threads(threads);
        let t = Instant::now();
        let reg = ctx.install(|| badhuis(1_000_000, 2025)).unwrap();
        let gen = t.elapsed();
        println!(
            "badhuis(1_000_000) on {} thread(s): {gen:.2?} ({} rows, {} residents, {} activities)",
            ctx.threads(),
            reg.n_rows(),
            reg.n_residents(),
            reg.n_activities()
        );
        if threads == 0 {
            let cal = datasets::calibration(&Network::new(reg));
            println!("{cal}");
        }
    }
}

// ------------------------------------------------------------------------ badhuis survey

const ITEMS: [&str; 5] = datasets::SURVEY_ITEMS;

fn survey(residents: usize, seed: u64) -> Network {
    datasets::badhuis_survey(residents, seed, &Context::new()).unwrap()
}

fn bools(net: &Network, name: &str) -> Vec<i8> {
    match net.register().resident_attributes().get(name) {
        Some(Column::Bool(v)) => v.clone(),
        other => panic!("{name}: {other:?}"),
    }
}

fn codes(net: &Network, name: &str) -> (Vec<i32>, Vec<String>) {
    match net.register().resident_attributes().get(name) {
        Some(Column::Categorical { codes, levels }) => (codes.clone(), levels.clone()),
        other => panic!("{name}: {other:?}"),
    }
}

#[test]
fn badhuis_survey_keeps_the_register() {
    let net = survey(2_000, 5);
    let plain = badhuis(2_000, 5).unwrap();
    let reg = net.register();
    assert_eq!(reg.resident_ids(), plain.resident_ids());
    assert_eq!(reg.row_ptr(), plain.row_ptr());
    assert_eq!(reg.row_session(), plain.row_session());
    assert_eq!(reg.row_role(), plain.row_role());
    assert_eq!(reg.session_date(), plain.session_date());
    assert_eq!(reg.activity_attributes(), plain.activity_attributes());
    let cols = reg.resident_attributes().columns();
    assert_eq!(&cols[..2], plain.resident_attributes().columns());
    let names: Vec<&str> = cols[2..].iter().map(|(n, _)| n.as_str()).collect();
    let mut expected = vec!["responded"];
    expected.extend(ITEMS);
    assert_eq!(names, expected);
    assert_eq!(net.layer_names()[0], datasets::SUPPORT_LAYER);
}

#[test]
fn badhuis_survey_is_deterministic_and_independent_of_threads() {
    let a = Context::new().with_threads(1).install(|| survey(4_000, 9));
    let b = Context::new().with_threads(2).install(|| survey(4_000, 9));
    assert!(same(a.register(), b.register()));
    assert_eq!(a.ties(), b.ties());
    let c = survey(4_000, 10);
    assert_ne!(bools(&a, "responded"), bools(&c, "responded"));
    assert_ne!(a.ties(), c.ties());
}

#[test]
fn badhuis_survey_tiny_populations() {
    for residents in [1, 2, 5, 37] {
        let net = survey(residents, 3);
        let g = net.layer("support", None).unwrap();
        assert_eq!(g.node_count(), net.register().n_residents());
    }
}

/// The survey's bookkeeping: respondents only name people, at most five each, and every
/// respondent (also one who named nobody) is recorded; answers are the five Dutch labels,
/// missing for non-respondents.
#[test]
fn badhuis_survey_answers_and_respondents() {
    let net = survey(2_000, 0);
    let responded = bools(&net, "responded");
    let n = responded.len();
    assert!(responded.iter().all(|&r| r == 0 || r == 1));
    let share = responded.iter().filter(|&&r| r == 1).count() as f64 / n as f64;
    assert!((0.3..0.6).contains(&share), "{share}");
    for item in ITEMS {
        let (codes, levels) = codes(&net, item);
        assert_eq!(levels, datasets::LIKERT_LABELS);
        let mut blank = 0;
        for (i, &c) in codes.iter().enumerate() {
            if responded[i] == 0 {
                assert_eq!(c, -1, "{item}: a non-respondent answered");
            } else if c == -1 {
                blank += 1;
            } else {
                assert!((0..5).contains(&c));
            }
        }
        let answered = responded.iter().filter(|&&r| r == 1).count();
        assert!(blank * 10 < answered, "{item}: {blank} blanks");
    }
    let g = net.layer("support", None).unwrap();
    assert!(g.is_directed());
    let resp = g.respondents().expect("respondents recorded");
    assert_eq!(g.node_count(), n);
    let out = g.out_csr();
    let mut named_by_non = 0;
    for (i, &answered) in responded.iter().enumerate() {
        assert_eq!(resp.contains(i), answered == 1);
        assert!(out.row(i).len() <= 5);
        named_by_non += usize::from(answered == 0 && !out.row(i).is_empty());
    }
    assert_eq!(named_by_non, 0);
    // some non-respondents are named by others; some respondents name nobody
    assert!((0..n).any(|i| responded[i] == 0 && !g.in_csr().row(i).is_empty()));
    assert!((0..n).any(|i| responded[i] == 1 && out.row(i).is_empty()));
}

/// The planted effects, counted directly: respondents have more repeated-contact partners;
/// agreeing with `leerde_anderen_kennen` goes with repeated contact; co-organisers name each
/// other more often than other pairs met at as many sessions, but not always.
#[test]
fn badhuis_survey_planted_effects() {
    let net = survey(2_000, 0);
    let ctx = Context::new();
    let met = net
        .project(
            &Projection::weight(Weight::Count).with_unit(Unit::Session),
            &ctx,
        )
        .unwrap();
    let co = net.layer("co-organising", None).unwrap();
    let support = net.layer("support", None).unwrap();
    let n = met.node_count();
    let responded = bools(&net, "responded");
    let repeated: Vec<usize> = (0..n)
        .map(|i| {
            met.out_csr()
                .row_weights(i)
                .iter()
                .filter(|&&w| w >= 2.0)
                .count()
        })
        .collect();
    let mean = |resp: i8| {
        let v: Vec<f64> = (0..n)
            .filter(|&i| responded[i] == resp)
            .map(|i| repeated[i] as f64)
            .collect();
        v.iter().sum::<f64>() / v.len() as f64
    };
    assert!(mean(1) > 1.5 * mean(0), "{} vs {}", mean(1), mean(0));

    let (know, _) = codes(&net, "leerde_anderen_kennen");
    let agree = |has: bool| {
        let v: Vec<bool> = (0..n)
            .filter(|&i| know[i] >= 0 && (repeated[i] > 0) == has)
            .map(|i| know[i] >= 3)
            .collect();
        v.iter().filter(|&&a| a).count() as f64 / v.len() as f64
    };
    assert!(
        agree(true) > agree(false) + 0.15,
        "{} vs {}",
        agree(true),
        agree(false)
    );
    let all: Vec<bool> = (0..n)
        .filter(|&i| know[i] >= 0)
        .map(|i| know[i] >= 3)
        .collect();
    let share = all.iter().filter(|&&a| a).count() as f64 / all.len() as f64;
    assert!((0.65..0.81).contains(&share), "{share}");

    // named / asked, for respondent → co-participant pairs met at w ≥ 2 sessions, by stratum
    // of w and co-organising
    let strata = [(2.0, 4.0), (4.0, 10.0), (10.0, 25.0), (25.0, f64::INFINITY)];
    let mut counts = [[(0usize, 0usize); 2]; 4];
    for i in (0..n).filter(|&i| responded[i] == 1) {
        for (&j, &w) in met
            .out_csr()
            .row(i)
            .iter()
            .zip(met.out_csr().row_weights(i))
        {
            let Some(s) = strata.iter().position(|&(lo, hi)| w >= lo && w < hi) else {
                continue;
            };
            let is_co = co.weight(i, j as usize).is_some();
            let named = support.weight(i, j as usize).is_some();
            let c = &mut counts[s][usize::from(is_co)];
            c.0 += usize::from(named);
            c.1 += 1;
        }
    }
    let mut compared = 0;
    for (s, [other, coorg]) in counts.iter().enumerate() {
        if coorg.1 < 30 || other.1 < 30 {
            continue;
        }
        let (p_other, p_co) = (
            other.0 as f64 / other.1 as f64,
            coorg.0 as f64 / coorg.1 as f64,
        );
        assert!(p_co > p_other + 0.1, "stratum {s}: {p_co} vs {p_other}");
        assert!(
            p_co < 0.95,
            "stratum {s}: co-organisers always named ({p_co})"
        );
        compared += 1;
    }
    assert!(compared >= 2, "{counts:?}");
}
