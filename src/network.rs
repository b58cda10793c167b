//! [`Network`]: an attendance register and a view on it (window, filter).
use crate::attributes::Column;
use crate::context::Context;
use crate::error::{check_indices, Error, Result};
use crate::graph::Graph;
use crate::ids::{Id, Ids};
use crate::incidence::{Incidence, Unit};
use crate::layers::Ties;
use crate::projection::{project, Projection};
use crate::register::{Register, Role};
use fixedbitset::FixedBitSet;
use std::sync::{Arc, OnceLock};

/// A two-mode network of residents × activities: a shared, immutable [`Register`] and an
/// optional row mask (a view). Views share the register's memory; cloning is cheap.
///
/// # Example
/// ```
/// use wijknet::{Context, Network, Projection, RegisterBuilder, Duplicates, Weight};
/// let mut b = RegisterBuilder::new();
/// for (r, a) in [("ann", "dance"), ("bob", "dance"), ("cas", "dance"), ("ann", "yoga"), ("dee", "yoga")] {
///     b.add(r, a).unwrap();
/// }
/// let net = Network::new(b.build(Duplicates::Count).unwrap());
/// let g = net.project(&Projection::default(), &Context::new()).unwrap();
/// assert_eq!(g.node_count(), 4);
/// assert_eq!(g.edge_count(), 4); // ann-bob, ann-cas, bob-cas, ann-dee
/// ```
#[derive(Debug, Clone)]
pub struct Network {
    reg: Arc<Register>,
    mask: Option<Arc<FixedBitSet>>,
    by_activity: Arc<OnceLock<Arc<Incidence>>>,
    by_session: Arc<OnceLock<Arc<Incidence>>>,
    ties: Arc<Ties>,
}

/// Selection of rows for [`Network::filter`]. `None` keeps everything.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Keep rows in these roles.
    pub roles: Option<Vec<Role>>,
    /// Keep rows of these activities (register indices).
    pub activities: Option<Vec<u32>>,
    /// Keep rows of these residents (register indices).
    pub residents: Option<Vec<u32>>,
    /// Leave out activities flagged sensitive.
    pub exclude_sensitive: bool,
}

/// Counts describing a network view.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    /// Residents with at least one attendance in the view.
    pub residents: usize,
    /// Activities with at least one attendance in the view.
    pub activities: usize,
    /// Sessions with at least one attendance in the view.
    pub sessions: usize,
    /// Distinct (resident, session) attendances in the view.
    pub attendances: usize,
    /// Distinct (resident, activity) pairs in the view.
    pub participations: usize,
    /// Rows of the input table.
    pub input_rows: usize,
    /// Input rows that repeated a (resident, session) row.
    pub duplicates_found: usize,
    /// First and last date in the view, if dated.
    pub date_range: Option<(i64, i64)>,
    /// Attendances per role (participant, volunteer, organiser).
    pub roles: [usize; 3],
}

impl Network {
    /// The whole register as a network.
    pub fn new(reg: Register) -> Network {
        Network::from_arc(Arc::new(reg), None, Arc::default())
    }
    fn from_arc(reg: Arc<Register>, mask: Option<Arc<FixedBitSet>>, ties: Arc<Ties>) -> Network {
        Network {
            reg,
            mask,
            by_activity: Arc::default(),
            by_session: Arc::default(),
            ties,
        }
    }
    pub(crate) fn ties_arc(&self) -> &Arc<Ties> {
        &self.ties
    }
    /// The same view with another set of tie layers.
    pub(crate) fn with_ties_table(&self, ties: Arc<Ties>) -> Network {
        Network {
            ties,
            ..self.clone()
        }
    }
    /// The register behind this view.
    pub fn register(&self) -> &Register {
        &self.reg
    }
    /// The shared register.
    pub fn register_arc(&self) -> &Arc<Register> {
        &self.reg
    }
    /// The row mask (None = all rows).
    pub fn mask(&self) -> Option<&FixedBitSet> {
        self.mask.as_deref()
    }
    /// A view with the same register and a new mask.
    pub fn with_mask(&self, mask: Option<FixedBitSet>) -> Network {
        Network::from_arc(self.reg.clone(), mask.map(Arc::new), self.ties.clone())
    }
    /// A new network over a modified register (attributes) with the same mask.
    pub fn with_register(&self, reg: Register) -> Network {
        Network::from_arc(Arc::new(reg), self.mask.clone(), self.ties.clone())
    }
    fn keep(&self, row: usize) -> bool {
        self.mask.as_ref().is_none_or(|m| m.contains(row))
    }
    fn narrow(&self, pred: impl Fn(u32, usize) -> bool) -> Network {
        let reg = &self.reg;
        let mut m = FixedBitSet::with_capacity(reg.n_rows());
        for r in 0..reg.n_residents() as u32 {
            for row in reg.rows_of(r) {
                if self.keep(row) && pred(r, row) {
                    m.insert(row);
                }
            }
        }
        self.with_mask(Some(m))
    }

    /// The unit a projection uses when none is chosen: [`Unit::Session`] when the register
    /// has dates (who was present at the same session met), [`Unit::Activity`] otherwise.
    ///
    /// ```
    /// use wijknet::{Duplicates, Network, RegisterBuilder, Unit};
    /// let mut b = RegisterBuilder::new();
    /// b.add("ann", "dance")?;
    /// let net = Network::new(b.build(Duplicates::Count)?);
    /// assert_eq!(net.default_unit(), Unit::Activity); // no dates
    /// # Ok::<(), wijknet::Error>(())
    /// ```
    pub fn default_unit(&self) -> Unit {
        if self.register().has_dates() {
            Unit::Session
        } else {
            Unit::Activity
        }
    }

    /// The incidence for `unit` (computed once per view, then shared).
    pub fn incidence(&self, unit: Unit) -> Arc<Incidence> {
        let cell = match unit {
            Unit::Activity => &self.by_activity,
            Unit::Session => &self.by_session,
        };
        cell.get_or_init(|| Arc::new(Incidence::build(self, unit)))
            .clone()
    }

    /// An incidence of this view for listing its residents: the one by session when it is
    /// already built (both units list the same residents, those with a row in the view), else
    /// the one by activity. A projection by session then builds no second incidence.
    fn resident_incidence(&self) -> Arc<Incidence> {
        match self.by_session.get() {
            Some(inc) => inc.clone(),
            None => self.incidence(Unit::Activity),
        }
    }

    /// Register indices of the residents in this view (those with ≥ 1 attendance), ascending.
    pub fn residents(&self) -> Vec<u32> {
        self.resident_incidence().residents.clone()
    }

    /// The view restricted to sessions dated in `[start, end)` (either bound optional), in the
    /// register's date unit.
    ///
    /// # Errors
    /// If the register has no dates.
    pub fn window(&self, start: Option<i64>, end: Option<i64>) -> Result<Network> {
        let Some(dates) = self.reg.session_date() else {
            return Err(Error::arg(
                "start",
                "the register has no dates; pass date= when building the network",
            ));
        };
        let lo = start.unwrap_or(i64::MIN);
        let hi = end.unwrap_or(i64::MAX);
        let sess = self.reg.row_session();
        Ok(self.narrow(|_, row| {
            let d = dates[sess[row] as usize];
            d >= lo && d < hi
        }))
    }

    /// The view restricted by roles, activities, residents and sensitivity.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] (naming `activities` or `residents`) when an index in
    /// [`Filter::activities`] or [`Filter::residents`] is not one of the register's
    /// ([`Network::activity_indices`] and [`Network::resident_indices`] give them from ids).
    ///
    /// # Example
    /// ```
    /// use wijknet::{Duplicates, Filter, Network, RegisterBuilder};
    /// let mut b = RegisterBuilder::new();
    /// b.add("ann", "dance")?;
    /// b.add("bob", "yoga")?;
    /// let net = Network::new(b.build(Duplicates::Count)?);
    /// let dance = net.filter(&Filter { activities: Some(vec![0]), ..Filter::default() })?;
    /// assert_eq!(dance.summary().residents, 1);
    /// assert!(net.filter(&Filter { residents: Some(vec![7]), ..Filter::default() }).is_err());
    /// # Ok::<(), wijknet::Error>(())
    /// ```
    pub fn filter(&self, f: &Filter) -> Result<Network> {
        let reg = &self.reg;
        let n_act = reg.n_activities();
        let place = "register";
        check_indices(
            "activities",
            f.activities.as_deref(),
            n_act,
            ("activity", "activities"),
            place,
        )?;
        check_indices(
            "residents",
            f.residents.as_deref(),
            reg.n_residents(),
            ("resident", "residents"),
            place,
        )?;
        let act_ok: Option<Vec<bool>> = if f.activities.is_some() || f.exclude_sensitive {
            let mut ok = match &f.activities {
                Some(list) => {
                    let mut v = vec![false; n_act];
                    for &a in list {
                        v[a as usize] = true;
                    }
                    v
                }
                None => vec![true; n_act],
            };
            if f.exclude_sensitive {
                for (a, s) in reg.sensitive().iter().enumerate() {
                    if *s {
                        ok[a] = false;
                    }
                }
            }
            Some(ok)
        } else {
            None
        };
        let res_ok: Option<Vec<bool>> = f.residents.as_ref().map(|list| {
            let mut v = vec![false; reg.n_residents()];
            for &r in list {
                v[r as usize] = true;
            }
            v
        });
        let sess_act = reg.session_activity();
        Ok(Network::narrow(self, |r, row| {
            if let Some(roles) = &f.roles {
                if !roles.contains(&reg.row_role()[row]) {
                    return false;
                }
            }
            if let Some(ok) = &res_ok {
                if !ok[r as usize] {
                    return false;
                }
            }
            if let Some(ok) = &act_ok {
                if !ok[sess_act[reg.row_session()[row] as usize] as usize] {
                    return false;
                }
            }
            true
        }))
    }

    /// Looks up resident ids (for [`Filter::residents`]).
    pub fn resident_indices(&self, ids: &[Id]) -> Result<Vec<u32>> {
        look_up(ids, "resident", |id| self.reg.resident_index(id))
    }
    /// Looks up activity ids (for [`Filter::activities`]).
    pub fn activity_indices(&self, ids: &[Id]) -> Result<Vec<u32>> {
        look_up(ids, "activity", |id| self.reg.activity_index(id))
    }

    /// Counts of this view.
    pub fn summary(&self) -> Summary {
        let reg = &self.reg;
        let by_act = self.incidence(Unit::Activity);
        let mut sessions = FixedBitSet::with_capacity(reg.n_sessions());
        let mut attendances = 0;
        let mut roles = [0usize; 3];
        let mut lo = i64::MAX;
        let mut hi = i64::MIN;
        for row in 0..reg.n_rows() {
            if self.keep(row) {
                attendances += 1;
                let s = reg.row_session()[row] as usize;
                sessions.insert(s);
                roles[reg.row_role()[row] as usize] += 1;
                if let Some(d) = reg.session_date() {
                    lo = lo.min(d[s]);
                    hi = hi.max(d[s]);
                }
            }
        }
        Summary {
            residents: by_act.n_residents(),
            activities: by_act.n_units(),
            sessions: sessions.count_ones(..),
            attendances,
            participations: by_act.n_incidences(),
            input_rows: reg.input_rows(),
            duplicates_found: reg.duplicates_found(),
            date_range: (reg.has_dates() && attendances > 0).then_some((lo, hi)),
            roles,
        }
    }

    /// The node ids of this view's residents (the nodes of every projection).
    pub fn resident_node_ids(&self) -> Ids {
        self.reg
            .resident_ids()
            .select(&self.resident_incidence().residents)
    }

    /// Resident attributes of this view's residents, aligned with the projection's nodes.
    pub fn resident_node_attributes(&self) -> crate::attributes::Attributes {
        self.reg
            .resident_attributes()
            .take(&self.resident_incidence().residents)
    }

    /// The rows of the view as columns: (resident index, session index, role, count).
    pub fn rows(&self) -> (Vec<u32>, Vec<u32>, Vec<Role>, Vec<u32>) {
        let reg = &self.reg;
        let (mut res, mut sess, mut role, mut count) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for r in 0..reg.n_residents() as u32 {
            for row in reg.rows_of(r) {
                if self.keep(row) {
                    res.push(r);
                    sess.push(reg.row_session()[row]);
                    role.push(reg.row_role()[row]);
                    count.push(reg.row_count()[row]);
                }
            }
        }
        (res, sess, role, count)
    }

    /// Projects the view onto residents (see [`Projection`]).
    pub fn project(&self, spec: &Projection, ctx: &Context) -> Result<Graph> {
        project(self, spec, ctx)
    }

    /// Projects the view onto activities (see [`crate::projection::project_activities`]).
    pub fn project_activities(&self, spec: &Projection, ctx: &Context) -> Result<Graph> {
        crate::projection::project_activities(self, spec, ctx)
    }

    /// The same view with resident ids replaced (see [`Register::with_resident_ids`]). When
    /// tie layers name people outside the register, `ids` holds the register's residents and
    /// then those people (in [`crate::layers::Ties`] order), so pseudonymising covers both.
    pub fn with_resident_ids(&self, ids: Ids) -> Result<Network> {
        let n_reg = self.reg.n_residents();
        let Some(outside) = &self.ties.outside else {
            return Ok(self.with_register(self.reg.with_resident_ids(ids)?));
        };
        let n_out = outside.len();
        if ids.len() != n_reg + n_out {
            return Err(Error::arg(
                "ids",
                format!(
                    "give {} ids: the register's {n_reg} residents, then the {n_out} people \
                     named in tie layers",
                    n_reg + n_out
                ),
            ));
        }
        ids.index("resident ids")?;
        let head: Vec<u32> = (0..n_reg as u32).collect();
        let tail: Vec<u32> = (n_reg as u32..(n_reg + n_out) as u32).collect();
        let mut ties = (*self.ties).clone();
        ties.outside = Some(ids.select(&tail));
        Ok(self
            .with_register(self.reg.with_resident_ids(ids.select(&head))?)
            .with_ties_table(Arc::new(ties)))
    }

    /// A copy with resident attributes joined from a table.
    pub fn with_resident_attributes(
        &self,
        on: &str,
        ids: &Ids,
        columns: Vec<(String, Column)>,
    ) -> Result<Network> {
        Ok(self.with_register(self.reg.with_resident_attributes(on, ids, columns)?))
    }
    /// A copy with activity attributes (and sensitive flags) joined from a table.
    pub fn with_activity_attributes(
        &self,
        on: &str,
        ids: &Ids,
        columns: Vec<(String, Column)>,
        sensitive: Option<Vec<bool>>,
    ) -> Result<Network> {
        Ok(self.with_register(
            self.reg
                .with_activity_attributes(on, ids, columns, sensitive)?,
        ))
    }
}

#[cfg(feature = "serde")]
mod serde_impl {
    use super::*;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    #[derive(Serialize, Deserialize)]
    struct Repr {
        reg: Arc<Register>,
        mask: Option<Vec<u32>>,
        ties: Arc<Ties>,
    }
    impl Serialize for Network {
        fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
            Repr {
                reg: self.reg.clone(),
                mask: self
                    .mask
                    .as_ref()
                    .map(|m| m.ones().map(|i| i as u32).collect()),
                ties: self.ties.clone(),
            }
            .serialize(s)
        }
    }
    impl<'de> Deserialize<'de> for Network {
        fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
            let r = Repr::deserialize(d)?;
            crate::validate::deserialized(crate::validate::network(
                &r.reg,
                r.mask.as_deref(),
                &r.ties,
            ))?;
            let n = r.reg.n_rows();
            let mask = r.mask.map(|rows| {
                let mut m = FixedBitSet::with_capacity(n);
                m.extend(rows.into_iter().map(|i| i as usize));
                m
            });
            Ok(Network::from_arc(r.reg, mask.map(Arc::new), r.ties))
        }
    }
}

/// The register indices of `ids` by `index`; an id that is not in the register is
/// [`Error::NotFound`] naming the `kind` of id and the id (shortened).
fn look_up(ids: &[Id], kind: &str, index: impl Fn(&Id) -> Option<u32>) -> Result<Vec<u32>> {
    ids.iter()
        .map(|id| {
            index(id).ok_or_else(|| Error::NotFound {
                kind: kind.into(),
                id: id.shown(),
                place: "register".into(),
                fix: "check the id and its type (string or integer)".into(),
            })
        })
        .collect()
}
