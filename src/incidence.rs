//! The resident × unit incidence (CSR in both directions) of a [`Network`]
//! view, where a unit is an activity or a session.
use crate::network::Network;
use crate::register::Register;

/// What counts as "being together": sharing an activity, or being present at the same session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Unit {
    /// Shared activities (a year of fortnightly dances is one activity).
    #[default]
    Activity,
    /// Presence at the same session (the evidence that people actually met).
    Session,
}

crate::option_names!(Unit, "unit", { "activity" => Unit::Activity, "session" => Unit::Session });

impl Unit {
    /// "activity" or "session".
    pub fn name(self) -> &'static str {
        match self {
            Unit::Activity => "activity",
            Unit::Session => "session",
        }
    }
    /// Parses "activity" or "session".
    pub fn parse(s: &str) -> Option<Unit> {
        match s {
            "activity" => Some(Unit::Activity),
            "session" => Some(Unit::Session),
            _ => None,
        }
    }
}

/// Residents × units of one view, both directions as CSR, with sorted index lists.
///
/// Local resident `i` is register resident `residents[i]`; local unit `k` is register activity
/// (or session) `units[k]`. Both are in register order.
#[derive(Debug, Clone, Default)]
pub struct Incidence {
    /// The unit of the columns.
    pub unit: Unit,
    /// Local resident → register resident index.
    pub residents: Vec<u32>,
    /// Local unit → register activity (or session) index.
    pub units: Vec<u32>,
    /// Row offsets of `res_units` (len residents + 1).
    pub res_ptr: Vec<usize>,
    /// Units of each resident, ascending.
    pub res_units: Vec<u32>,
    /// Sessions attended (unit activity) or attendance count (unit session) per entry.
    pub res_count: Vec<u32>,
    /// Row offsets of `unit_res` (len units + 1).
    pub unit_ptr: Vec<usize>,
    /// Residents of each unit, ascending.
    pub unit_res: Vec<u32>,
}

impl Incidence {
    /// Number of residents (rows).
    pub fn n_residents(&self) -> usize {
        self.residents.len()
    }
    /// Number of units (columns).
    pub fn n_units(&self) -> usize {
        self.units.len()
    }
    /// Number of (resident, unit) incidences.
    pub fn n_incidences(&self) -> usize {
        self.res_units.len()
    }
    /// Units of local resident `i`.
    pub fn units_of(&self, i: usize) -> &[u32] {
        &self.res_units[self.res_ptr[i]..self.res_ptr[i + 1]]
    }
    /// Residents of local unit `k`.
    pub fn members(&self, k: usize) -> &[u32] {
        &self.unit_res[self.unit_ptr[k]..self.unit_ptr[k + 1]]
    }
    /// Participants of local unit `k`.
    pub fn size(&self, k: usize) -> usize {
        self.unit_ptr[k + 1] - self.unit_ptr[k]
    }

    /// The transposed incidence: units as rows and residents as columns (for the
    /// activity–activity projection). `residents` then holds the units' register indices and
    /// `units` the residents'; counts move with their entries. O(incidences).
    pub fn transposed(&self) -> Incidence {
        let mut cursor = self.unit_ptr.clone();
        let mut count = vec![0u32; self.n_incidences()];
        for i in 0..self.n_residents() {
            for p in self.res_ptr[i]..self.res_ptr[i + 1] {
                let k = self.res_units[p] as usize;
                count[cursor[k]] = self.res_count[p];
                cursor[k] += 1;
            }
        }
        Incidence {
            unit: self.unit,
            residents: self.units.clone(),
            units: self.residents.clone(),
            res_ptr: self.unit_ptr.clone(),
            res_units: self.unit_res.clone(),
            res_count: count,
            unit_ptr: self.res_ptr.clone(),
            unit_res: self.res_units.clone(),
        }
    }

    /// An incidence from its resident side (rows ascending within each resident); the unit
    /// side is their transpose (counting sort, so residents come out ascending). O(entries).
    pub fn from_rows(
        unit: Unit,
        residents: Vec<u32>,
        units: Vec<u32>,
        res_ptr: Vec<usize>,
        res_units: Vec<u32>,
        res_count: Vec<u32>,
    ) -> Incidence {
        let nu = units.len();
        let mut unit_ptr = vec![0usize; nu + 1];
        for &u in &res_units {
            unit_ptr[u as usize + 1] += 1;
        }
        for k in 0..nu {
            unit_ptr[k + 1] += unit_ptr[k];
        }
        let mut fill = unit_ptr.clone();
        let mut unit_res = vec![0u32; res_units.len()];
        for i in 0..residents.len() {
            for &u in &res_units[res_ptr[i]..res_ptr[i + 1]] {
                unit_res[fill[u as usize]] = i as u32;
                fill[u as usize] += 1;
            }
        }
        Incidence {
            unit,
            residents,
            units,
            res_ptr,
            res_units,
            res_count,
            unit_ptr,
            unit_res,
        }
    }

    /// The incidence of a set of register rows, each as (resident, row), grouped by resident
    /// in ascending order, as [`Incidence::build`]
    /// builds it for a view; O(rows · log) instead of O(register rows).
    pub(crate) fn of_rows(reg: &Register, rows: &[(u32, usize)], unit: Unit) -> Incidence {
        let sess_act = reg.session_activity();
        let sess = reg.row_session();
        let to_unit = |row: usize| -> u32 {
            let s = sess[row];
            match unit {
                Unit::Activity => sess_act[s as usize],
                Unit::Session => s,
            }
        };
        let mut units: Vec<u32> = rows.iter().map(|&(_, row)| to_unit(row)).collect();
        units.sort_unstable();
        units.dedup();
        let mut residents = Vec::new();
        let mut res_ptr = vec![0usize];
        let mut res_units = Vec::new();
        let mut res_count = Vec::new();
        let mut buf: Vec<(u32, u32)> = Vec::new();
        let mut k = 0;
        while k < rows.len() {
            let r = rows[k].0;
            buf.clear();
            while k < rows.len() && rows[k].0 == r {
                let row = rows[k].1;
                let u = units.binary_search(&to_unit(row)).unwrap_or(0) as u32;
                let c = match unit {
                    Unit::Activity => 1,
                    Unit::Session => reg.row_count()[row],
                };
                buf.push((u, c));
                k += 1;
            }
            buf.sort_unstable_by_key(|x| x.0);
            push_merged(&buf, &mut res_units, &mut res_count);
            residents.push(r);
            res_ptr.push(res_units.len());
        }
        Incidence::from_rows(unit, residents, units, res_ptr, res_units, res_count)
    }

    /// Builds the incidence of `net` for `unit`. O(rows of the register).
    pub fn build(net: &Network, unit: Unit) -> Incidence {
        let reg = net.register();
        let mask = net.mask();
        let sess_act = reg.session_activity();
        let nunits_reg = match unit {
            Unit::Activity => reg.n_activities(),
            Unit::Session => reg.n_sessions(),
        };
        let to_unit = |s: u32| -> u32 {
            match unit {
                Unit::Activity => sess_act[s as usize],
                Unit::Session => s,
            }
        };
        // Pass 1: residents present, units used.
        let mut used = vec![false; nunits_reg];
        let mut residents = Vec::new();
        for r in 0..reg.n_residents() as u32 {
            let mut any = false;
            for row in reg.rows_of(r) {
                if mask.is_none_or(|m| m.contains(row)) {
                    any = true;
                    used[to_unit(reg.row_session()[row]) as usize] = true;
                }
            }
            if any {
                residents.push(r);
            }
        }
        let mut local = vec![u32::MAX; nunits_reg];
        let mut units = Vec::new();
        for (u, &flag) in used.iter().enumerate() {
            if flag {
                local[u] = units.len() as u32;
                units.push(u as u32);
            }
        }
        drop(used);
        // Pass 2: resident → units (sorted, merged).
        let mut res_ptr = Vec::with_capacity(residents.len() + 1);
        res_ptr.push(0usize);
        let mut res_units: Vec<u32> = Vec::new();
        let mut res_count: Vec<u32> = Vec::new();
        let mut buf: Vec<(u32, u32)> = Vec::new();
        for &r in &residents {
            buf.clear();
            for row in reg.rows_of(r) {
                if mask.is_none_or(|m| m.contains(row)) {
                    let u = local[to_unit(reg.row_session()[row]) as usize];
                    let c = match unit {
                        Unit::Activity => 1,
                        Unit::Session => reg.row_count()[row],
                    };
                    buf.push((u, c));
                }
            }
            // Rows are sorted by session; activities of sessions need sorting.
            if unit == Unit::Activity && !buf.is_sorted_by_key(|x| x.0) {
                buf.sort_unstable_by_key(|x| x.0);
            }
            push_merged(&buf, &mut res_units, &mut res_count);
            res_ptr.push(res_units.len());
        }
        Incidence::from_rows(unit, residents, units, res_ptr, res_units, res_count)
    }
}

/// Appends (unit, count) pairs sorted by unit to a resident's row, adding the counts of
/// repeated units.
fn push_merged(buf: &[(u32, u32)], res_units: &mut Vec<u32>, res_count: &mut Vec<u32>) {
    let mut i = 0;
    while i < buf.len() {
        let (u, mut c) = buf[i];
        let mut j = i + 1;
        while j < buf.len() && buf[j].0 == u {
            c += buf[j].1;
            j += 1;
        }
        res_units.push(u);
        res_count.push(c);
        i = j;
    }
}
