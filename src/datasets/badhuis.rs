//! badhuis: synthetic community-centre registers.
use super::*;

/// Residents per community centre.
const CENTRE_POPULATION: usize = 2_000;
/// Centres per district (King's Day is celebrated per district).
const DISTRICT_CENTRES: usize = 5;
/// 2025-01-01 in days since 1970-01-01 (a Wednesday).
const YEAR_START: i64 = 20_089;
/// Days in 2025.
const YEAR_DAYS: i64 = 365;
/// Day-of-year of the first of each month in 2025.
const MONTH_STARTS: [i64; 12] = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
/// Summer break of weekly and fortnightly activities: day-of-year [15 July, 26 August).
const SUMMER_BREAK: (i64, i64) = (195, 237);
/// King's Day 2025 (27 April is a Sunday, so it was held on Saturday 26 April).
const KINGS_DAY: i64 = YEAR_START + 115;
/// Streams of the draws shared by all centres (centres use streams 0, 1, 2, …).
const EVENT_STREAM: u64 = 1 << 48;

/// Share of a centre's participation slots taken by residents in two or more activities.
const MULTI_SHARE: f64 = 0.27;
/// Tail exponent of the number of activities of a multi-activity resident (1 + discrete Pareto).
const MULTI_TAIL: f64 = 1.5;
/// Most activities one resident takes part in.
const MAX_ACTIVITIES: u32 = 25;
/// Small clubs, courses and groups per 2,000 residents.
const CLUBS_PER_CENTRE: f64 = 86.0;
/// Median and log-sd of small-club sizes (log-normal).
const CLUB_MEDIAN: f64 = 11.0;
const CLUB_SIGMA: f64 = 0.75;
/// King's Day size range per 10,000 residents (one district), stratified over districts.
const KINGS_DAY_SIZE: (f64, f64) = (880.0, 1_940.0);
/// Tail exponent of the number of sessions a participant attends (discrete Pareto, truncated
/// at the number of sessions).
const ATTENDANCE_TAIL: f64 = 0.48;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rhythm {
    Weekly = 0,
    Fortnightly = 1,
    Monthly = 2,
    Yearly = 3,
}

const RHYTHM_LEVELS: [&str; 4] = ["weekly", "fortnightly", "monthly", "yearly"];

const CATEGORY_LEVELS: [&str; 16] = [
    "dance",          // 0
    "games",          // 1
    "food",           // 2
    "sport",          // 3
    "crafts",         // 4
    "culture",        // 5
    "media",          // 6
    "sustainability", // 7
    "care",           // 8
    "event",          // 9
    "learning",       // 10
    "nature",         // 11
    "family",         // 12
    "youth",          // 13
    "social",         // 14
    "neighbourhood",  // 15
];

const AGE_LEVELS: [&str; 4] = ["18-34", "35-54", "55-74", "75+"];
/// Age make-up of the population (cumulative shares of the groups above).
const AGE_CUMULATIVE: [f64; 4] = [0.28, 0.60, 0.87, 1.0];
/// Neighbourhood names; a centre has 3 to 5 of them, suffixed with the centre.
const NEIGHBOURHOODS: [&str; 5] = ["Noord", "Oost", "Zuid", "West", "Centrum"];

/// The named activities of every centre: (name, rhythm, category, size range at 2,000
/// residents, preferred age group or -1, sensitive).
#[allow(clippy::type_complexity)]
#[rustfmt::skip]
const FLAGSHIPS: [(&str, Rhythm, u8, (f64, f64), i8, bool); 12] = [
    ("dance evening",                                Rhythm::Fortnightly, 0, (80.0, 200.0),  1,  false),
    ("game afternoon",                               Rhythm::Weekly,      1, (10.0, 20.0),   3,  false),
    ("neighbourhood breakfast",                      Rhythm::Monthly,     2, (30.0, 70.0),   2,  false),
    ("yoga",                                         Rhythm::Weekly,      3, (12.0, 25.0),   1,  false),
    ("sculpture",                                    Rhythm::Weekly,      4, (6.0, 12.0),    2,  false),
    ("neighbourhood paper",                          Rhythm::Monthly,     6, (5.0, 12.0),    2,  false),
    ("shared dinner",                                Rhythm::Fortnightly, 2, (20.0, 40.0),   3,  false),
    ("tasting",                                      Rhythm::Monthly,     2, (15.0, 30.0),   1,  false),
    ("clothing swap",                                Rhythm::Monthly,     7, (30.0, 80.0),   0,  false),
    ("peer group for physically disabled residents", Rhythm::Fortnightly, 8, (6.0, 12.0),    -1, true),
    ("summer festival",                              Rhythm::Yearly,      9, (150.0, 430.0), -1, false),
    ("New Year's reception",                         Rhythm::Yearly,      9, (60.0, 180.0),  2,  false),
];

/// Small clubs, courses and groups: (name, rhythm, category, preferred age group or -1).
const CLUBS: [(&str, Rhythm, u8, i8); 32] = [
    ("knitting club", Rhythm::Weekly, 4, 3),
    ("choir", Rhythm::Weekly, 5, 2),
    ("walking group", Rhythm::Weekly, 3, 2),
    ("chess club", Rhythm::Weekly, 1, -1),
    ("language café", Rhythm::Weekly, 10, 0),
    ("homework help", Rhythm::Weekly, 10, 0),
    ("computer course", Rhythm::Weekly, 10, 3),
    ("repair café", Rhythm::Monthly, 7, 2),
    ("community garden", Rhythm::Weekly, 11, 2),
    ("cooking course", Rhythm::Fortnightly, 2, 1),
    ("bridge club", Rhythm::Weekly, 1, 3),
    ("book club", Rhythm::Monthly, 5, 2),
    ("painting class", Rhythm::Weekly, 4, 2),
    ("table tennis", Rhythm::Weekly, 3, 0),
    ("coffee morning", Rhythm::Weekly, 14, 3),
    ("senior gym", Rhythm::Weekly, 3, 3),
    ("toddler playgroup", Rhythm::Weekly, 12, 1),
    ("youth club", Rhythm::Weekly, 13, 0),
    ("film night", Rhythm::Monthly, 5, -1),
    ("photography club", Rhythm::Fortnightly, 5, 1),
    ("sewing workshop", Rhythm::Fortnightly, 4, 1),
    ("billiards", Rhythm::Weekly, 1, 2),
    ("meditation", Rhythm::Weekly, 3, 1),
    ("Dutch conversation group", Rhythm::Weekly, 10, 0),
    ("music jam", Rhythm::Fortnightly, 5, 0),
    ("bingo", Rhythm::Monthly, 1, 3),
    ("board game night", Rhythm::Fortnightly, 1, 0),
    ("theatre group", Rhythm::Weekly, 5, -1),
    ("litter picking", Rhythm::Monthly, 15, -1),
    ("tenants' association", Rhythm::Monthly, 15, 2),
    ("parents' group", Rhythm::Fortnightly, 12, 1),
    ("men's workshop", Rhythm::Weekly, 4, 3),
];

/// One planned activity of a centre.
struct Plan {
    name: String,
    rhythm: Rhythm,
    category: u8,
    age: i8,
    sensitive: bool,
    /// Local neighbourhood the activity draws from (-1 = the whole centre).
    home: i32,
    /// District index for the district-wide King's Day.
    district: Option<usize>,
    /// Whether this centre provides the organisers (false for a district event run from
    /// another centre).
    organises: bool,
    size: usize,
    dates: Vec<i64>,
}

/// An activity of a centre as it lands in the register.
struct ActOut {
    name: String,
    rhythm: Rhythm,
    category: u8,
    sensitive: bool,
    district: Option<usize>,
}

/// The part of the register generated for one centre (local codes).
struct CentreOut {
    /// Population numbers (global resident ids), ascending = local code order.
    resident_ids: Vec<i64>,
    neighbourhood: Vec<i32>,
    age: Vec<i32>,
    n_neighbourhoods: usize,
    activities: Vec<ActOut>,
    resident: Vec<u32>,
    activity: Vec<u32>,
    date: Vec<i64>,
    role: Vec<Role>,
}

/// Uniform in [0, 1).
fn unif(rng: &mut ChaCha8Rng) -> f64 {
    rng.random::<f64>()
}

/// Uniform index in 0..n (n ≥ 1).
fn below(rng: &mut ChaCha8Rng, n: usize) -> usize {
    rng.random_range(0..n as u64) as usize
}

/// Discrete Pareto: P(X ≥ x) = x^(-alpha) for x = 1, 2, …, capped at `cap`.
fn pareto(rng: &mut ChaCha8Rng, alpha: f64, cap: u32) -> u32 {
    let u = 1.0 - unif(rng); // (0, 1]
    let x = u.powf(-1.0 / alpha).floor();
    if x >= cap as f64 {
        cap
    } else {
        (x as u32).max(1)
    }
}

/// Standard normal (Box–Muller).
fn normal(rng: &mut ChaCha8Rng) -> f64 {
    let u1 = 1.0 - unif(rng);
    let u2 = unif(rng);
    (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
}

fn in_summer_break(d: i64) -> bool {
    let doy = d - YEAR_START;
    doy >= SUMMER_BREAK.0 && doy < SUMMER_BREAK.1
}

/// Monday = 0.
fn weekday(d: i64) -> i64 {
    (d + 3).rem_euclid(7)
}

/// Session dates of an activity with `rhythm` over 2025 (yearly: the one date `yearly`).
fn session_dates(rng: &mut ChaCha8Rng, rhythm: Rhythm, yearly: i64) -> Vec<i64> {
    let mut out = Vec::with_capacity(52);
    let end = YEAR_START + YEAR_DAYS;
    match rhythm {
        Rhythm::Weekly | Rhythm::Fortnightly => {
            let step = if rhythm == Rhythm::Weekly { 7 } else { 14 };
            let mut d = YEAR_START + rng.random_range(0..step as u32) as i64;
            while d < end {
                if !in_summer_break(d) {
                    out.push(d);
                }
                d += step;
            }
        }
        Rhythm::Monthly => {
            // The first, second, third or fourth <weekday> of every month.
            let wd = rng.random_range(0..7u32) as i64;
            let week = rng.random_range(0..4u32) as i64;
            for &m in &MONTH_STARTS {
                let first = YEAR_START + m;
                out.push(first + (wd - weekday(first)).rem_euclid(7) + 7 * week);
            }
        }
        Rhythm::Yearly => out.push(yearly),
    }
    out
}

/// Population of each centre: `residents` split as evenly as possible over
/// round(residents / 2000) centres (at least one).
fn centre_populations(residents: usize) -> Vec<usize> {
    let n = ((residents + CENTRE_POPULATION / 2) / CENTRE_POPULATION).max(1);
    (0..n)
        .map(|c| residents / n + usize::from(c < residents % n))
        .collect()
}

/// `n` draws from U(0, 1), stratified (one in each of `n` equal strata, in random order) so
/// that the spread and the largest of a few dozen events are stable from seed to seed.
/// Drawn from stream `stream` of `seed`.
fn stratified(seed: u64, stream: u64, n: usize) -> Vec<f64> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    rng.set_stream(stream);
    let mut strata: Vec<usize> = (0..n).collect();
    for i in (1..n).rev() {
        let j = below(&mut rng, i + 1);
        strata.swap(i, j);
    }
    strata
        .iter()
        .map(|&s| (s as f64 + unif(&mut rng)) / n as f64)
        .collect()
}

/// Generates the register of centre `c` (population `pop`, first population number `first`).
/// `festival_q` and `kings_day_q` place the centre's summer festival and its district's King's
/// Day within their size ranges (stratified over all centres and districts).
fn generate_centre(
    seed: u64,
    c: usize,
    pop: usize,
    first: usize,
    festival_q: f64,
    kings_day_q: f64,
) -> CentreOut {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    rng.set_stream(c as u64);
    let scale = pop as f64 / CENTRE_POPULATION as f64;
    let centre_name = c + 1;
    let n_neigh = 3 + below(&mut rng, 3);
    let clamp = |size: f64| (size.round() as usize).clamp(1, pop);

    // 1. Plan the centre's activities, their sizes and session dates.
    let mut plans: Vec<Plan> = Vec::with_capacity(110);
    for &(name, rhythm, category, (lo, hi), age, sensitive) in &FLAGSHIPS {
        let q = if name == "summer festival" {
            festival_q
        } else {
            unif(&mut rng)
        };
        let yearly = match name {
            // A Saturday from 7 June to 6 September.
            "summer festival" => YEAR_START + 3 + 7 * rng.random_range(22..36u32) as i64,
            // A Sunday in January.
            _ => YEAR_START + 4 + 7 * rng.random_range(0..4u32) as i64,
        };
        plans.push(Plan {
            name: format!("{name} (centre {centre_name})"),
            rhythm,
            category,
            age,
            sensitive,
            home: -1,
            district: None,
            organises: true,
            size: clamp((lo + (hi - lo) * q) * scale),
            dates: session_dates(&mut rng, rhythm, yearly),
        });
    }
    let district = c / DISTRICT_CENTRES;
    let kings_day = (KINGS_DAY_SIZE.0 + (KINGS_DAY_SIZE.1 - KINGS_DAY_SIZE.0) * kings_day_q)
        * pop as f64
        / (DISTRICT_CENTRES * CENTRE_POPULATION) as f64;
    plans.push(Plan {
        name: format!("King's Day (district {})", district + 1),
        rhythm: Rhythm::Yearly,
        category: 9,
        age: -1,
        sensitive: false,
        home: -1,
        district: Some(district),
        // The district's first centre runs it; the others send volunteers.
        organises: c % DISTRICT_CENTRES == 0,
        size: clamp(kings_day),
        dates: vec![KINGS_DAY],
    });
    let n_clubs = (CLUBS_PER_CENTRE * scale).round() as usize;
    let mut seen = [0u32; CLUBS.len()];
    for _ in 0..n_clubs {
        let k = below(&mut rng, CLUBS.len());
        seen[k] += 1;
        let (base, rhythm, category, age) = CLUBS[k];
        let name = if seen[k] == 1 {
            format!("{base} (centre {centre_name})")
        } else {
            format!("{base} {} (centre {centre_name})", seen[k])
        };
        let size = (CLUB_MEDIAN * (CLUB_SIGMA * normal(&mut rng)).exp()).clamp(3.0, 150.0);
        let home = below(&mut rng, n_neigh) as i32;
        plans.push(Plan {
            name,
            rhythm,
            category,
            age,
            sensitive: false,
            home,
            district: None,
            organises: true,
            size: clamp(size),
            dates: session_dates(&mut rng, rhythm, 0),
        });
    }
    let n_act = plans.len();

    // 2. Participation slots → residents: most residents take one slot, a heavy-tailed few
    //    take several (configuration model).
    let mut offs = Vec::with_capacity(n_act + 1);
    offs.push(0usize);
    for p in &plans {
        offs.push(offs.last().unwrap() + p.size);
    }
    let total = *offs.last().unwrap();
    let cap = (n_act as u32).min(MAX_ACTIVITIES);
    let mut k_of: Vec<u32> = Vec::new();
    let target_multi = (MULTI_SHARE * total as f64).round() as usize;
    let mut multi = 0usize;
    while cap >= 2 && multi + 2 <= target_multi {
        // Redraw rather than cap, so that no spike forms at the cap.
        let mut x = pareto(&mut rng, MULTI_TAIL, cap);
        while x >= cap {
            x = pareto(&mut rng, MULTI_TAIL, cap);
        }
        let k = (1 + x).min((target_multi - multi) as u32);
        if k < 2 {
            break;
        }
        k_of.push(k);
        multi += k as usize;
    }
    let n_multi = k_of.len();
    let room: usize = k_of.iter().map(|&k| n_act - k as usize).sum();
    if n_multi + (total - multi) <= pop {
        k_of.extend(std::iter::repeat_n(1, total - multi));
    } else if n_multi < pop && total - multi - (pop - n_multi) <= room {
        // More slots than residents: everyone takes part and the active core takes the rest.
        let singles = pop - n_multi;
        let mut extra = total - multi - singles;
        while extra > 0 {
            let i = below(&mut rng, n_multi);
            if (k_of[i] as usize) < n_act {
                k_of[i] += 1;
                extra -= 1;
            }
        }
        k_of.extend(std::iter::repeat_n(1, singles));
    } else {
        // A tiny population: everyone takes part, the extra slots spread over them.
        k_of = vec![1; pop];
        let mut extra = total - pop;
        let mut i = below(&mut rng, pop);
        while extra > 0 {
            if k_of[i] < n_act as u32 {
                k_of[i] += 1;
                extra -= 1;
            }
            i = (i + 1) % pop;
        }
    }
    let mut slot: Vec<u32> = Vec::with_capacity(total);
    for (r, &k) in k_of.iter().enumerate() {
        slot.extend(std::iter::repeat_n(r as u32, k as usize));
    }
    for i in (1..slot.len()).rev() {
        let j = below(&mut rng, i + 1);
        slot.swap(i, j);
    }
    // Repair repeats of a resident within an activity by swapping with another activity's slot.
    const DROPPED: u32 = u32::MAX;
    let mut slot_act = vec![0u32; total];
    for a in 0..n_act {
        slot_act[offs[a]..offs[a + 1]].fill(a as u32);
    }
    let mut mark = vec![u32::MAX; k_of.len()];
    for a in 0..n_act {
        let (lo, hi) = (offs[a], offs[a + 1]);
        for j in lo..hi {
            let r = slot[j];
            if mark[r as usize] == a as u32 {
                let mut fixed = false;
                for _ in 0..64 {
                    let j2 = below(&mut rng, total);
                    let b = slot_act[j2] as usize;
                    let r2 = slot[j2];
                    if b == a
                        || r2 == DROPPED
                        || mark[r2 as usize] == a as u32
                        || slot[j + 1..hi].contains(&r2)
                        || slot[offs[b]..offs[b + 1]].contains(&r)
                    {
                        continue;
                    }
                    slot.swap(j, j2);
                    fixed = true;
                    break;
                }
                if !fixed {
                    slot[j] = DROPPED;
                    continue;
                }
            }
            mark[slot[j] as usize] = a as u32;
        }
    }
    // Final number of activities per resident, and the first activity of each.
    let mut k_final = vec![0u32; k_of.len()];
    let mut first_act = vec![u32::MAX; k_of.len()];
    for (j, &r) in slot.iter().enumerate() {
        if r != DROPPED {
            k_final[r as usize] += 1;
            if first_act[r as usize] == u32::MAX {
                first_act[r as usize] = slot_act[j];
            }
        }
    }
    drop(k_of);

    // 3. Population numbers for the residents who take part; local codes ascend with them.
    let mut numbers: Vec<u32> = (0..pop as u32).collect();
    let taking_part: Vec<u32> = (0..k_final.len() as u32)
        .filter(|&r| k_final[r as usize] > 0)
        .collect();
    for i in 0..taking_part.len() {
        let j = i + below(&mut rng, pop - i);
        numbers.swap(i, j);
    }
    let mut by_number: Vec<(u32, u32)> = taking_part
        .iter()
        .enumerate()
        .map(|(i, &r)| (numbers[i], r))
        .collect();
    by_number.sort_unstable();
    let mut code = vec![u32::MAX; k_final.len()];
    let mut resident_ids = Vec::with_capacity(by_number.len());
    let mut neighbourhood = Vec::with_capacity(by_number.len());
    let mut age = Vec::with_capacity(by_number.len());
    for (i, &(num, r)) in by_number.iter().enumerate() {
        code[r as usize] = i as u32;
        resident_ids.push((first + num as usize) as i64);
        let p = &plans[first_act[r as usize] as usize];
        neighbourhood.push(if p.home >= 0 && unif(&mut rng) < 0.6 {
            p.home
        } else {
            below(&mut rng, n_neigh) as i32
        });
        age.push(if p.age >= 0 && unif(&mut rng) < 0.5 {
            p.age as i32
        } else {
            let u = unif(&mut rng);
            AGE_CUMULATIVE.iter().position(|&q| u < q).unwrap_or(3) as i32
        });
    }

    // 4. Roles, attendance and rows (session-major within each activity).
    let mut activities = Vec::new();
    let mut resident = Vec::new();
    let mut activity = Vec::new();
    let mut date = Vec::new();
    let mut role = Vec::new();
    let mut members: Vec<u32> = Vec::new();
    let mut ranked: Vec<u32> = Vec::new();
    let mut chosen: Vec<(u32, u32, Role)> = Vec::new();
    let mut per_session: Vec<usize> = Vec::new();
    for (a, p) in plans.iter().enumerate() {
        members.clear();
        members.extend(
            slot[offs[a]..offs[a + 1]]
                .iter()
                .copied()
                .filter(|&r| r != DROPPED),
        );
        if members.is_empty() {
            continue;
        }
        let local = activities.len() as u32;
        activities.push(ActOut {
            name: p.name.clone(),
            rhythm: p.rhythm,
            category: p.category,
            sensitive: p.sensitive,
            district: p.district,
        });
        let size = members.len();
        // Organisers and volunteers come from the active core (residents in ≥ 2 activities)
        // where possible.
        ranked.clear();
        ranked.extend(
            members
                .iter()
                .copied()
                .filter(|&r| k_final[r as usize] >= 2),
        );
        ranked.extend(members.iter().copied().filter(|&r| k_final[r as usize] < 2));
        let n_core = members
            .iter()
            .filter(|&&r| k_final[r as usize] >= 2)
            .count();
        for i in 0..size {
            let (lo, hi) = if i < n_core { (i, n_core) } else { (i, size) };
            let j = lo + below(&mut rng, hi - lo);
            ranked.swap(i, j);
        }
        let n_org = if p.organises {
            let u = unif(&mut rng);
            (1 + usize::from(u >= 0.5) + usize::from(u >= 0.85)).min(size)
        } else {
            0
        };
        let n_vol = (below(&mut rng, 3) + size / 25).min(size - n_org);
        let n_sess = p.dates.len();
        chosen.clear();
        for (i, &r) in ranked.iter().enumerate() {
            let rl = if i < n_org {
                Role::Organiser
            } else if i < n_org + n_vol {
                Role::Volunteer
            } else {
                Role::Participant
            };
            let attended = match rl {
                // A sole organiser is there nearly always; two or three take turns.
                Role::Organiser if n_org == 1 => n_sess - below(&mut rng, n_sess / 4 + 1),
                Role::Organiser => {
                    ((n_sess as f64 * (0.5 + 0.5 * unif(&mut rng))).round() as usize).max(1)
                }
                Role::Volunteer => {
                    ((n_sess as f64 * (0.2 + 0.6 * unif(&mut rng))).round() as usize).max(1)
                }
                Role::Participant => pareto(&mut rng, ATTENDANCE_TAIL, n_sess as u32) as usize,
            };
            let cr = code[r as usize];
            if attended >= n_sess {
                chosen.extend((0..n_sess as u32).map(|s| (s, cr, rl)));
            } else {
                // A stretch of the year (joined, dropped out) with some sessions missed.
                let span = (attended + below(&mut rng, attended + 1)).min(n_sess);
                let start = below(&mut rng, n_sess - span + 1);
                let mut need = attended;
                for t in 0..span {
                    if below(&mut rng, span - t) < need {
                        chosen.push(((start + t) as u32, cr, rl));
                        need -= 1;
                        if need == 0 {
                            break;
                        }
                    }
                }
            }
        }
        // Counting sort by session.
        per_session.clear();
        per_session.resize(n_sess + 1, 0);
        for &(s, _, _) in &chosen {
            per_session[s as usize + 1] += 1;
        }
        for s in 0..n_sess {
            per_session[s + 1] += per_session[s];
        }
        let base = resident.len();
        let n = chosen.len();
        resident.resize(base + n, 0);
        role.resize(base + n, Role::Participant);
        date.resize(base + n, 0);
        activity.resize(base + n, local);
        for &(s, r, rl) in &chosen {
            let at = base + per_session[s as usize];
            per_session[s as usize] += 1;
            resident[at] = r;
            role[at] = rl;
            date[at] = p.dates[s as usize];
        }
    }
    // 5. Resident-major row order (stable, so each resident's rows stay in session order
    //    within an activity): Register::from_parts then reads every resident's rows from one
    //    place, and the sessions it interns are the centre's few thousand.
    let nres = resident_ids.len();
    let (_, order) = crate::register::counting_sort(&resident, nres);
    let act2: Vec<u32> = order.iter().map(|&row| activity[row as usize]).collect();
    let date2: Vec<i64> = order.iter().map(|&row| date[row as usize]).collect();
    let role2: Vec<Role> = order.iter().map(|&row| role[row as usize]).collect();
    let resident: Vec<u32> = order.iter().map(|&row| resident[row as usize]).collect();
    let (activity, date, role) = (act2, date2, role2);
    CentreOut {
        resident_ids,
        neighbourhood,
        age,
        n_neighbourhoods: n_neigh,
        activities,
        resident,
        activity,
        date,
        role,
    }
}

/// A seeded synthetic year of attendance at resident-run community centres ("badhuis": a
/// former bathhouse turned community centre).
///
/// The population of `residents` is served by one centre per about 2,000 residents; every
/// five centres form a district. Each centre runs named activities of very different sizes
/// and rhythms: a fortnightly dance evening (80–200 participants), a weekly game afternoon
/// (10–20), a monthly neighbourhood breakfast, weekly yoga and sculpture, the monthly
/// neighbourhood paper, fortnightly shared dinners, monthly tastings and clothing swaps, a
/// fortnightly peer group for physically disabled residents (flagged sensitive), a summer
/// festival and a New Year's reception; each district celebrates King's Day together; and
/// each centre has about 86 small clubs, courses and groups (log-normal sizes, median 11)
/// such as "knitting club 2 (centre 7)". Activity ids are strings like
/// "dance evening (centre 3)" and "King's Day (district 1)".
///
/// Sessions are dated in 2025 (days since 1970-01-01, [`DateUnit::Day`]): weekly and
/// fortnightly activities pause for the summer, monthly ones meet on e.g. the second
/// Tuesday, yearly events have one date. Most residents take part in exactly one activity
/// and a heavy-tailed few in many (a configuration model); each participant attends a
/// heavy-tailed number of consecutive-ish sessions (discrete Pareto, truncated at the
/// number of sessions). Each activity has 1–3 organisers (a district's King's Day: 1–3 from
/// its first centre) and a few volunteers (more at large events), drawn from residents active
/// in two or more activities where possible; they attend most sessions.
///
/// Residents are integer ids: their population numbers in `0..residents` (residents who take
/// part in nothing are not in the register). Resident attributes: `neighbourhood`
/// (categorical, 3–5 per centre, e.g. "Oost (centre 3)") and `age_group` ("18-34", "35-54",
/// "55-74", "75+"); both lean towards the profile of the resident's first activity, so
/// mixing measures find some homophily. Activity attributes: `kind` (the rhythm: "weekly",
/// "fortnightly", "monthly", "yearly"), `category` (e.g. "food", "crafts", "event") and
/// `centre` ("centre 3"; missing for district events); the peer group is flagged sensitive.
///
/// Calibration (see [`calibration`]; at 100,000 residents): about 1,000,000 rows, 116,000
/// distinct resident–activity pairs, 90% of the residents in exactly one activity, activity
/// sizes with median ≈ 12, 90th percentile ≈ 38 and maximum ≈ 1,900 (the largest King's
/// Day), about 50 activities of 200 or more, and Σ n(n−1)/2 ≈ 14.5 million. Everything
/// scales linearly with `residents`.
///
/// [`badhuis_survey`](super::badhuis_survey) gives the same register with a synthetic
/// resident survey and a "support" tie layer.
///
/// # Arguments
/// * `residents` — the population served (≥ 1); not every resident takes part.
/// * `seed` — every random stream derives from (`seed`, centre index) with ChaCha8, so the
///   register is the same for a seed on any number of threads (and, the generator being
///   portable, on any platform).
///
/// # Returns
/// The register (with dates, roles and attributes).
///
/// # Errors
/// [`Error::InvalidArgument`] if `residents` is 0.
///
/// # Complexity
/// O(rows) ≈ O(10 · residents) time and memory; centres are generated in parallel with the
/// `parallel` feature (in the current rayon pool, e.g. [`Context::install`](crate::Context::install)).
/// A million residents (about ten million rows) take a few seconds.
///
/// # Example
/// ```
/// use wijknet::{datasets, Network};
/// let reg = datasets::badhuis(2_000, 42)?;          // one centre
/// assert!(reg.n_residents() > 1_500 && reg.n_residents() <= 2_000);
/// assert!(reg.n_activities() > 80);
/// assert!(reg.sensitive().iter().any(|&s| s));      // the peer group
/// let cal = datasets::calibration(&Network::new(reg));
/// assert!(cal.share_one_activity > 0.8);
/// # Ok::<(), wijknet::Error>(())
/// ```
pub fn badhuis(residents: usize, seed: u64) -> Result<Register> {
    if residents == 0 {
        return Err(Error::InvalidArgument {
            name: "residents".into(),
            message: "must be at least 1 (the population the community centres serve)".into(),
        });
    }
    let pops = centre_populations(residents);
    let festival = stratified(seed, EVENT_STREAM, pops.len());
    let kings_day = stratified(
        seed,
        EVENT_STREAM + 1,
        pops.len().div_ceil(DISTRICT_CENTRES),
    );
    let mut firsts = Vec::with_capacity(pops.len());
    let mut acc = 0usize;
    for &p in &pops {
        firsts.push(acc);
        acc += p;
    }
    let gen = |c: usize| {
        generate_centre(
            seed,
            c,
            pops[c],
            firsts[c],
            festival[c],
            kings_day[c / DISTRICT_CENTRES],
        )
    };
    let centres: Vec<CentreOut> = crate::parallel::map(pops.len(), gen);
    assemble(centres, pops.len())
}

/// Concatenates the centres in order into one register with attributes.
fn assemble(centres: Vec<CentreOut>, n_centres: usize) -> Result<Register> {
    let n_rows: usize = centres.iter().map(|c| c.resident.len()).sum();
    let n_res: usize = centres.iter().map(|c| c.resident_ids.len()).sum();
    let mut resident_ids = Vec::with_capacity(n_res);
    let mut neighbourhood = Vec::with_capacity(n_res);
    let mut age = Vec::with_capacity(n_res);
    let mut neighbourhood_levels = Vec::new();
    let mut activity_names: Vec<String> = Vec::new();
    let mut kind = Vec::new();
    let mut category = Vec::new();
    let mut centre_col = Vec::new();
    let mut sensitive = Vec::new();
    let mut district_code: Vec<Option<u32>> = vec![None; n_centres.div_ceil(DISTRICT_CENTRES)];
    let mut resident = Vec::with_capacity(n_rows);
    let mut activity = Vec::with_capacity(n_rows);
    let mut date = Vec::with_capacity(n_rows);
    let mut role = Vec::with_capacity(n_rows);
    let mut map = Vec::new();
    for (c, out) in centres.into_iter().enumerate() {
        let res_off = resident_ids.len() as u32;
        let neigh_off = neighbourhood_levels.len() as i32;
        for n in &NEIGHBOURHOODS[..out.n_neighbourhoods] {
            neighbourhood_levels.push(format!("{n} (centre {})", c + 1));
        }
        resident_ids.extend_from_slice(&out.resident_ids);
        neighbourhood.extend(out.neighbourhood.iter().map(|&n| n + neigh_off));
        age.extend_from_slice(&out.age);
        map.clear();
        for a in out.activities {
            let existing = a.district.and_then(|d| district_code[d]);
            let g = match existing {
                Some(g) => g,
                None => {
                    let g = activity_names.len() as u32;
                    if let Some(d) = a.district {
                        district_code[d] = Some(g);
                    }
                    activity_names.push(a.name);
                    kind.push(a.rhythm as i32);
                    category.push(a.category as i32);
                    centre_col.push(if a.district.is_some() { -1 } else { c as i32 });
                    sensitive.push(a.sensitive);
                    g
                }
            };
            map.push(g);
        }
        resident.extend(out.resident.iter().map(|&r| r + res_off));
        activity.extend(out.activity.iter().map(|&a| map[a as usize]));
        date.extend_from_slice(&out.date);
        role.extend_from_slice(&out.role);
    }
    let mut reg = Register::from_parts(RegisterParts {
        resident_ids: Ids::Int(resident_ids),
        resident,
        activity_ids: Ids::Str(activity_names),
        activity,
        date: Some(date),
        date_unit: DateUnit::Day,
        session: None,
        role: Some(role),
        count: None,
        duplicates: Duplicates::Count,
    })?;
    // The joins `Register::with_resident_attributes` / `with_activity_attributes` do, without
    // their copies of a register of millions of rows (the tables are the register's own ids).
    let levels = |l: &[&str]| l.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let resident_attrs = reg.resident_attrs.join(
        &reg.resident_ids,
        "resident",
        &reg.resident_ids,
        vec![
            (
                "neighbourhood".into(),
                Column::Categorical {
                    codes: neighbourhood,
                    levels: neighbourhood_levels,
                },
            ),
            (
                "age_group".into(),
                Column::Categorical {
                    codes: age,
                    levels: levels(&AGE_LEVELS),
                },
            ),
        ],
        "resident",
    )?;
    let activity_attrs = reg.activity_attrs.join(
        &reg.activity_ids,
        "activity",
        &reg.activity_ids,
        vec![
            (
                "kind".into(),
                Column::Categorical {
                    codes: kind,
                    levels: levels(&RHYTHM_LEVELS),
                },
            ),
            (
                "category".into(),
                Column::Categorical {
                    codes: category,
                    levels: levels(&CATEGORY_LEVELS),
                },
            ),
            (
                "centre".into(),
                Column::Categorical {
                    codes: centre_col,
                    levels: (1..=n_centres).map(|c| format!("centre {c}")).collect(),
                },
            ),
        ],
        "activity",
    )?;
    reg.resident_attrs = resident_attrs;
    reg.activity_attrs = activity_attrs;
    reg.sensitive = sensitive;
    Ok(reg)
}
