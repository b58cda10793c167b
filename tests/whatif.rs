//! Activity impact and what-if: the fast rankings against re-projecting per item, `remove`
//! against filtering the register and projecting from scratch, tie provenance against a brute
//! force over resident pairs and re-projection without each activity (proptest on random
//! registers, and Davis), one number per concept across impact, ranking, removal and
//! dependency, thread independence and argument errors.
use proptest::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use wijknet::analysis::impact::{dependency, participation, tie_provenance};
use wijknet::analysis::whatif::{
    rank_activities, rank_activities_naive, rank_residents, rank_residents_naive, remove, Summary,
};
use wijknet::{
    datasets, metrics, Context, Duplicates, Error, Filter, Network, Projection, RegisterBuilder,
    Unit, Weight,
};

/// Random dated register: (resident, activity, day) rows.
fn register(rows: &[(u8, u8, u8)]) -> Network {
    let mut b = RegisterBuilder::new();
    for &(r, a, d) in rows {
        b.add_dated(
            r as i64,
            format!("act{a}"),
            d as i64,
            wijknet::Role::Participant,
        )
        .unwrap();
    }
    Network::new(b.build(Duplicates::Count).unwrap())
}

const KS: [u32; 3] = [1, 2, 3];

/// From scratch: filter the register, project, and count with the what-if population (all
/// residents of `net` but the removed ones; those left without rows are isolated).
fn scratch(net: &Network, spec: &Projection, acts: &[u32], res: &[u32]) -> Summary {
    let reg = net.register();
    let keep_a: Vec<u32> = (0..reg.n_activities() as u32)
        .filter(|a| !acts.contains(a))
        .collect();
    let keep_r: Vec<u32> = (0..reg.n_residents() as u32)
        .filter(|r| !res.contains(r))
        .collect();
    let view = net
        .filter(&Filter {
            roles: None,
            activities: Some(keep_a),
            residents: Some(keep_r),
            exclude_sensitive: false,
        })
        .unwrap();
    let population = net.residents().len() - res.len();
    let g = view.project(spec, &Context::new()).unwrap();
    let vanished = population - g.node_count();
    let deg = metrics::degree(&g);
    let comps = metrics::connected_components(&g);
    let mut sizes: BTreeMap<u32, usize> = BTreeMap::new();
    for c in comps {
        *sizes.entry(c).or_default() += 1;
    }
    Summary {
        residents: population,
        ties: g.edge_count(),
        isolates: deg.iter().filter(|&&d| d == 0).count() + vanished,
        components: sizes.len() + vanished,
        largest_component: sizes
            .values()
            .copied()
            .max()
            .unwrap_or(0)
            .max((vanished > 0) as usize),
        mean_reach2: None,
        at_least: KS
            .iter()
            .map(|&k| deg.iter().filter(|&&d| d >= k as u64).count())
            .collect(),
    }
}

fn no_reach(mut s: Summary) -> Summary {
    s.mean_reach2 = None;
    s
}

/// The view without one activity (register index).
fn without_activity(net: &Network, act: u32) -> Network {
    net.filter(&Filter {
        roles: None,
        activities: Some(
            net.incidence(Unit::Activity)
                .units
                .iter()
                .copied()
                .filter(|&a| a != act)
                .collect(),
        ),
        residents: None,
        exclude_sensitive: false,
    })
    .unwrap()
}

/// Ties of `net.project(spec)` as pairs of register resident indices (smaller first).
fn tie_set(net: &Network, spec: &Projection) -> BTreeSet<(u32, u32)> {
    let g = net.project(spec, &Context::new()).unwrap();
    let res = net.residents();
    let mut out = BTreeSet::new();
    for i in 0..res.len() {
        for &j in g.neighbors_of(i) {
            if i < j as usize {
                out.insert((res[i], res[j as usize]));
            }
        }
    }
    out
}

/// Ties per register resident.
fn degrees(ties: &BTreeSet<(u32, u32)>) -> BTreeMap<u32, usize> {
    let mut d = BTreeMap::new();
    for &(a, b) in ties {
        *d.entry(a).or_default() += 1;
        *d.entry(b).or_default() += 1;
    }
    d
}

/// What stopping one activity does.
struct Stopped {
    /// Ties of the projection that are not ties of the same projection without it.
    lost: BTreeSet<(u32, u32)>,
    /// Residents (register indices) who had ties and have none left.
    isolated: Vec<u32>,
}

/// What stopping each activity (local order) does, by brute force: the projection of the
/// register with and without it.
fn brute_removals(net: &Network, spec: &Projection) -> Vec<Stopped> {
    let before = tie_set(net, spec);
    let deg_before = degrees(&before);
    net.incidence(Unit::Activity)
        .units
        .iter()
        .map(|&a| {
            let after = tie_set(&without_activity(net, a), spec);
            let deg_after = degrees(&after);
            Stopped {
                lost: before.difference(&after).copied().collect(),
                isolated: deg_before
                    .keys()
                    .copied()
                    .filter(|r| !deg_after.contains_key(r))
                    .collect(),
            }
        })
        .collect()
}

/// Brute force over resident pairs: per activity the ties of the projection it takes part in
/// (the activities of the units the two shared) and its unique ties (those that vanish when it
/// stops, by re-projecting without it).
fn brute_provenance(net: &Network, spec: &Projection) -> (Vec<u64>, Vec<u64>) {
    let inc = net.incidence(spec.unit);
    let acts = net.incidence(Unit::Activity);
    let reg = net.register();
    let g = net.project(spec, &Context::new()).unwrap();
    let max = spec.max_activity_size.unwrap_or(usize::MAX);
    let act_of = |k: u32| -> usize {
        let a = match spec.unit {
            Unit::Activity => inc.units[k as usize],
            Unit::Session => reg.session_activity()[inc.units[k as usize] as usize],
        };
        acts.units.binary_search(&a).unwrap()
    };
    let mut ties = vec![0u64; acts.n_units()];
    let n = inc.n_residents();
    for i in 0..n {
        for j in i + 1..n {
            if g.weight(i, j).is_none() {
                continue;
            }
            let mine: BTreeSet<u32> = inc.units_of(i).iter().copied().collect();
            let shared: BTreeSet<usize> = inc
                .units_of(j)
                .iter()
                .filter(|k| mine.contains(k) && inc.size(**k as usize) <= max)
                .map(|&k| act_of(k))
                .collect();
            for &a in &shared {
                ties[a] += 1;
            }
        }
    }
    let unique = brute_removals(net, spec)
        .iter()
        .map(|s| s.lost.len() as u64)
        .collect();
    (ties, unique)
}

fn weights() -> impl Strategy<Value = Weight> {
    prop_oneof![
        Just(Weight::Count),
        Just(Weight::Newman),
        Just(Weight::Jaccard),
        Just(Weight::Overlap)
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(120))]

    #[test]
    fn rank_activities_matches_reprojecting(
        rows in prop::collection::vec((0u8..30, 0u8..10, 0u8..4), 1..120),
        weight in weights(),
        session in any::<bool>(),
        max_size in prop::option::of(1usize..10),
    ) {
        let net = register(&rows);
        let spec = Projection {
            weight,
            unit: if session { Unit::Session } else { Unit::Activity },
            min_weight: None,
            max_activity_size: max_size,
            pair_budget: None,
        };
        let ctx = Context::new();
        let fast = rank_activities(&net, &spec, &KS, &ctx).unwrap();
        let slow = rank_activities_naive(&net, &spec, &KS, &ctx).unwrap();
        prop_assert_eq!(&fast, &slow);
        // and each row against filtering the register and projecting from scratch
        let acts = net.incidence(Unit::Activity);
        for (a, row) in fast.rows.iter().enumerate() {
            let expect = scratch(&net, &spec, &[acts.units[a]], &[]);
            prop_assert_eq!(&row.after, &expect, "activity {}", a);
        }
    }

    #[test]
    fn rank_residents_matches_reprojecting(
        rows in prop::collection::vec((0u8..30, 0u8..10, 0u8..4), 1..120),
        weight in weights(),
        session in any::<bool>(),
        max_size in prop::option::of(1usize..6),
    ) {
        let net = register(&rows);
        let spec = Projection {
            weight,
            unit: if session { Unit::Session } else { Unit::Activity },
            min_weight: None,
            max_activity_size: max_size,
            pair_budget: None,
        };
        let ctx = Context::new();
        let all = net.residents();
        let fast = rank_residents(&net, &spec, &all, &KS, &ctx).unwrap();
        let slow = rank_residents_naive(&net, &spec, &all, &KS, &ctx).unwrap();
        prop_assert_eq!(&fast, &slow);
        for (row, &r) in fast.rows.iter().zip(&all) {
            prop_assert_eq!(&row.after, &scratch(&net, &spec, &[], &[r]), "resident {}", r);
        }
    }

    #[test]
    fn remove_matches_scratch(
        rows in prop::collection::vec((0u8..30, 0u8..10, 0u8..4), 1..120),
        weight in weights(),
        session in any::<bool>(),
        min_weight in prop::option::of(0.0f64..2.0),
        max_size in prop::option::of(1usize..10),
        pick_a in prop::collection::vec(any::<prop::sample::Index>(), 0..3),
        pick_r in prop::collection::vec(any::<prop::sample::Index>(), 0..3),
    ) {
        let net = register(&rows);
        let spec = Projection {
            weight,
            unit: if session { Unit::Session } else { Unit::Activity },
            min_weight,
            max_activity_size: max_size,
            pair_budget: None,
        };
        let view_acts = net.incidence(Unit::Activity).units.clone();
        let view_res = net.residents();
        let mut acts: Vec<u32> = pick_a.iter().map(|i| view_acts[i.index(view_acts.len())]).collect();
        let mut res: Vec<u32> = pick_r.iter().map(|i| view_res[i.index(view_res.len())]).collect();
        acts.sort_unstable(); acts.dedup();
        res.sort_unstable(); res.dedup();
        let s = remove(&net, &spec, &acts, &res, &KS, true, &Context::new()).unwrap();
        prop_assert_eq!(no_reach(s.after.clone()), scratch(&net, &spec, &acts, &res));
        prop_assert_eq!(no_reach(s.before.clone()), scratch(&net, &spec, &[], &[]));
        // lost_all: had a tie before, none after, not removed
        let before = net.project(&spec, &Context::new()).unwrap();
        let view = net.filter(&Filter {
            roles: None,
            activities: Some(view_acts.iter().copied().filter(|a| !acts.contains(a)).collect()),
            residents: Some(view_res.iter().copied().filter(|r| !res.contains(r)).collect()),
            exclude_sensitive: false,
        }).unwrap();
        let after = view.project(&spec, &Context::new()).unwrap();
        let after_res = view.residents();
        let expect: Vec<u32> = (0..view_res.len())
            .filter(|&i| {
                let r = view_res[i];
                if res.contains(&r) || before.neighbors_of(i).is_empty() {
                    return false;
                }
                match after_res.binary_search(&r) {
                    Ok(p) => after.neighbors_of(p).is_empty(),
                    Err(_) => true,
                }
            })
            .map(|i| i as u32)
            .collect();
        prop_assert_eq!(s.lost_all, expect);
        // with min_weight the ranking re-projects; it must agree with remove
        if !acts.is_empty() && min_weight.is_some() {
            let r = rank_activities(&net, &spec, &KS, &Context::new()).unwrap();
            let a = net.incidence(Unit::Activity).units.binary_search(&acts[0]).unwrap();
            let one = remove(&net, &spec, &acts[..1], &[], &KS, false, &Context::new()).unwrap();
            prop_assert_eq!(&r.rows[a].after, &no_reach(one.after));
        }
    }

    #[test]
    fn provenance_matches_brute_force(
        rows in prop::collection::vec((0u8..25, 0u8..8, 0u8..4), 1..100),
        weight in weights(),
        session in any::<bool>(),
        min_weight in prop::option::of(0.0f64..2.0),
        max_size in prop::option::of(1usize..10),
    ) {
        let net = register(&rows);
        let spec = Projection {
            weight,
            unit: if session { Unit::Session } else { Unit::Activity },
            min_weight,
            max_activity_size: max_size,
            pair_budget: None,
        };
        let p = tie_provenance(&net, &spec, None, &Context::new()).unwrap();
        let (ties, unique) = brute_provenance(&net, &spec);
        prop_assert_eq!(&p.ties, &ties);
        prop_assert_eq!(&p.unique, &unique);
        let g = net.project(&spec, &Context::new()).unwrap();
        prop_assert_eq!(p.degree.iter().map(|&d| d as u64).collect::<Vec<_>>(), metrics::degree(&g));
        // per (resident, activity): the ties lost and whether none are left
        let acts = net.incidence(Unit::Activity);
        let res = net.residents();
        let brute = brute_removals(&net, &spec);
        for (i, &r) in res.iter().enumerate() {
            for p_at in acts.res_ptr[i]..acts.res_ptr[i + 1] {
                let stopped = &brute[acts.res_units[p_at] as usize];
                let l = stopped.lost.iter().filter(|&&(x, y)| x == r || y == r).count();
                prop_assert_eq!(p.loss[p_at] as usize, l, "resident {} activity {}", i, acts.res_units[p_at]);
                prop_assert_eq!(p.isolated[p_at], stopped.isolated.contains(&r), "resident {} activity {}", i, acts.res_units[p_at]);
            }
        }
    }

    /// One concept, one number: for every activity, its unique ties (impact), the ties lost in
    /// the ranking, the ties lost when it is removed and the brute force agree; so do the
    /// residents who lose every tie in the ranking, in `dependency`, in `remove` and by brute
    /// force (ties before, none after). Dated registers with several sessions per activity.
    #[test]
    fn same_concept_same_number(
        rows in prop::collection::vec((0u8..20, 0u8..6, 0u8..5), 1..160),
        session in any::<bool>(),
        min_weight in prop::sample::select(vec![None, Some(2.0), Some(3.0)]),
    ) {
        let net = register(&rows);
        let spec = Projection {
            weight: Weight::Count,
            unit: if session { Unit::Session } else { Unit::Activity },
            min_weight,
            max_activity_size: None,
            pair_budget: None,
        };
        let ctx = Context::new();
        let prov = tie_provenance(&net, &spec, None, &ctx).unwrap();
        let rank = rank_activities(&net, &spec, &KS, &ctx).unwrap();
        let deps = dependency(&prov, &net);
        let brute = brute_removals(&net, &spec);
        let acts = net.incidence(Unit::Activity);
        let res = net.residents();
        for (a, Stopped { lost, isolated }) in brute.iter().enumerate() {
            let s = remove(&net, &spec, &[acts.units[a]], &[], &KS, false, &ctx).unwrap();
            let unique = prov.unique[a] as usize;
            prop_assert_eq!(unique, lost.len(), "activity {}: impact vs brute force", a);
            prop_assert_eq!(rank.rows[a].ties_lost, unique, "activity {}: ranking", a);
            // count weights only fall when units go, so no tie appears: lost = before − after
            prop_assert_eq!(s.before.ties - s.after.ties, unique, "activity {}: remove", a);
            let by_dep: Vec<u32> = deps
                .iter()
                .filter(|d| d.activity as usize == a)
                .map(|d| res[d.resident as usize])
                .collect();
            let by_remove: Vec<u32> = s.lost_all.iter().map(|&i| res[i as usize]).collect();
            prop_assert_eq!(&by_dep, isolated, "activity {}: dependency", a);
            prop_assert_eq!(&by_remove, isolated, "activity {}: remove", a);
            prop_assert_eq!(rank.rows[a].lose_all, isolated.len(), "activity {}: ranking", a);
        }
    }
}

#[test]
fn davis_fast_paths_match_reprojecting() {
    let net = Network::new(datasets::davis_southern_women());
    let ctx = Context::new();
    for unit in [Unit::Activity, Unit::Session] {
        let spec = Projection::default().with_unit(unit);
        let fast = rank_activities(&net, &spec, &KS, &ctx).unwrap();
        assert_eq!(fast, rank_activities_naive(&net, &spec, &KS, &ctx).unwrap());
        let all = net.residents();
        let fast_r = rank_residents(&net, &spec, &all, &KS, &ctx).unwrap();
        assert_eq!(
            fast_r,
            rank_residents_naive(&net, &spec, &all, &KS, &ctx).unwrap()
        );
    }
    // Davis: 18 women, one component; events E7–E9 are attended by most of them
    let spec = Projection::default();
    let r = rank_activities(&net, &spec, &KS, &ctx).unwrap();
    assert_eq!(r.before.residents, 18);
    assert_eq!(r.before.components, 1);
    assert_eq!(r.before.ties, 139);
}

#[test]
fn synthetic_register_fast_equals_naive_and_thread_independent() {
    let net = Network::new(datasets::badhuis(1500, 3).unwrap());
    let spec = Projection::default();
    let one = rank_activities(&net, &spec, &KS, &Context::new().with_threads(1)).unwrap();
    let three = rank_activities(&net, &spec, &KS, &Context::new().with_threads(3)).unwrap();
    assert_eq!(one, three);
    assert_eq!(
        one,
        rank_activities_naive(&net, &spec, &KS, &Context::new()).unwrap()
    );
    let sess = Projection::default().with_unit(Unit::Session);
    assert_eq!(
        rank_activities(&net, &sess, &KS, &Context::new()).unwrap(),
        rank_activities_naive(&net, &sess, &KS, &Context::new()).unwrap()
    );
}

#[test]
fn small_case_by_hand() {
    // ann–bob at dance; bob–cas at yoga; dee alone at chess; eve and fay at swap and yoga
    let mut b = RegisterBuilder::new();
    for (r, a) in [
        ("ann", "dance"),
        ("bob", "dance"),
        ("bob", "yoga"),
        ("cas", "yoga"),
        ("dee", "chess"),
        ("eve", "swap"),
        ("fay", "swap"),
        ("eve", "yoga"),
        ("fay", "yoga"),
    ] {
        b.add(r, a).unwrap();
    }
    let net = Network::new(b.build(Duplicates::Count).unwrap());
    let ctx = Context::new();
    let spec = Projection::default();
    let p = tie_provenance(&net, &spec, None, &ctx).unwrap();
    // activities in register order: dance, yoga, chess, swap
    assert_eq!(p.ties, vec![1, 6, 0, 1]);
    assert_eq!(p.unique, vec![1, 5, 0, 0]);
    let deps = dependency(&p, &net);
    // ann depends on dance, cas on yoga (eve and fay also have yoga+swap for each other)
    assert_eq!(
        deps.iter()
            .map(|d| (d.resident, d.activity))
            .collect::<Vec<_>>(),
        vec![(0, 0), (2, 1)]
    );
    let part = participation(&net);
    assert_eq!(part.participants, vec![2, 4, 1, 2]);
    let s = remove(&net, &spec, &[1], &[], &KS, true, &ctx).unwrap();
    assert_eq!(s.before.components, 2);
    assert_eq!(s.after.components, 4); // {ann, bob}, {cas}, {dee}, {eve, fay}
    assert_eq!(s.lost_all, vec![2]);
    // reach within 2 steps before: ann {bob, cas, eve, fay}=4, bob 4, cas 4, dee 0, eve 4, fay 4
    assert_eq!(s.before.mean_reach2, Some(20.0 / 6.0));
    // after: ann 1, bob 1, cas 0, dee 0, eve 1, fay 1
    assert_eq!(s.after.mean_reach2, Some(4.0 / 6.0));
    // removing bob (a resident) takes him out of the population
    let s = remove(&net, &spec, &[], &[1], &KS, true, &ctx).unwrap();
    assert_eq!(s.after.residents, 5);
    assert_eq!(s.lost_all, vec![0]);
}

#[test]
fn errors() {
    let net = Network::new(datasets::davis_southern_women());
    let ctx = Context::new();
    let spec = Projection::default();
    assert!(matches!(
        rank_activities(&net, &spec, &[0], &ctx),
        Err(Error::InvalidArgument { .. })
    ));
    let view = net
        .filter(&Filter {
            roles: None,
            activities: Some(vec![0]),
            residents: None,
            exclude_sensitive: false,
        })
        .unwrap();
    assert!(matches!(
        remove(&view, &spec, &[3], &[], &KS, false, &ctx),
        Err(Error::InvalidArgument { .. })
    ));
    assert!(matches!(
        rank_residents(&view, &spec, &[17], &KS, &ctx),
        Err(Error::InvalidArgument { .. })
    ));
}

#[test]
fn session_activity_in_separate_groups() {
    // dance on day 1: ann, bob; day 2: cas, dee (two groups that never met at dance);
    // yoga: bob, cas; chess: dee, eve
    let mut b = RegisterBuilder::new();
    for (r, a, d) in [
        ("ann", "dance", 1),
        ("bob", "dance", 1),
        ("cas", "dance", 2),
        ("dee", "dance", 2),
        ("bob", "yoga", 1),
        ("cas", "yoga", 1),
        ("dee", "chess", 3),
        ("eve", "chess", 3),
    ] {
        b.add_dated(r, a, d, wijknet::Role::Participant).unwrap();
    }
    let net = Network::new(b.build(Duplicates::Count).unwrap());
    let spec = Projection::default().with_unit(Unit::Session);
    let ctx = Context::new();
    let fast = rank_activities(&net, &spec, &KS, &ctx).unwrap();
    assert_eq!(fast, rank_activities_naive(&net, &spec, &KS, &ctx).unwrap());
    // without dance: {ann}, {bob, cas}, {dee, eve}
    assert_eq!(fast.rows[0].after.components, 3);
    assert_eq!(fast.rows[0].lose_all, 1);
}

#[test]
fn indexes_outside_the_register_are_argument_errors() {
    let net = register(&[(1, 0, 1), (2, 0, 1), (2, 1, 2)]);
    let spec = Projection::default();
    let ctx = Context::new();
    for (acts, res, name) in [
        (&[2u32][..], &[][..], "activities"),
        (&[][..], &[u32::MAX][..], "residents"),
    ] {
        let err = remove(&net, &spec, acts, res, &KS, false, &ctx).unwrap_err();
        assert!(
            matches!(&err, Error::InvalidArgument { name: n, .. } if n == name),
            "{err:?}"
        );
        assert!(
            err.to_string().contains("not an") || err.to_string().contains("not a "),
            "{err}"
        );
    }
    let err = rank_residents(&net, &spec, &[5], &KS, &ctx)
        .map(|_| ())
        .unwrap_err();
    assert!(
        matches!(&err, Error::InvalidArgument { name, .. } if name == "residents"),
        "{err:?}"
    );
}
