//! Tie layers: resident–resident relations beside the attendance register.
//!
//! A survey asks residents "whom would you ask for help?" or "whom did you get to know here?";
//! the answers are a *tie layer* ([`TieLayer`]), directed or not, weighted or not, possibly in
//! several waves. People named in a layer who never attended anything are kept as people of
//! their own ("outside" the register). Who answered is recorded, so "no tie" (asked, named
//! nobody) and "not asked" differ: a layer [`Graph`] carries its respondents
//! ([`Graph::respondents`]).
//!
//! Two layers are derived from the register itself: [`CO_PARTICIPATION`] (the default
//! projection: residents who share an activity) and [`CO_ORGANISING`] (residents who both
//! volunteer or organise in the same activity).
//!
//! # Example
//! ```
//! use wijknet::{Network, RegisterBuilder, Duplicates, ids::Ids};
//! use wijknet::layers::TieTable;
//! let mut b = RegisterBuilder::new();
//! for (r, a) in [("ann", "dance"), ("bob", "dance"), ("cas", "yoga")] {
//!     b.add(r, a).unwrap();
//! }
//! let net = Network::new(b.build(Duplicates::Count).unwrap());
//! let survey = TieTable {
//!     layer: "support".into(),
//!     directed: true,
//!     source: Ids::Str(vec!["ann".into(), "bob".into()]),
//!     target: Ids::Str(vec!["bob".into(), "dora".into()]), // dora never attended
//!     weight: None,
//!     wave: None,
//!     respondents: Some(Ids::Str(vec!["ann".into(), "bob".into(), "cas".into()])),
//! };
//! let (net, report) = net.with_ties(survey).unwrap();
//! assert_eq!(report.outside_added, 1);
//! let g = net.layer("support", None).unwrap();
//! assert_eq!((g.node_count(), g.edge_count()), (4, 2)); // ann, bob, cas + dora
//! assert!(g.is_respondent(2) && !g.is_respondent(3)); // cas answered, dora was not asked
//! ```
use crate::attributes::{Attributes, Column};
use crate::context::Context;
use crate::error::{Error, Result};
use crate::graph::{Graph, NodeTable};
use crate::ids::{Id, Ids, Interner};
use crate::network::{Filter, Network};
use crate::projection::Projection;
use crate::register::Role;
use fixedbitset::FixedBitSet;
use std::sync::Arc;

/// Name of the derived layer of residents who share an activity (the default projection).
pub const CO_PARTICIPATION: &str = "co-participation";
/// Name of the derived layer of residents who volunteer or organise in the same activity.
pub const CO_ORGANISING: &str = "co-organising";

/// One survey layer: ties between people (register residents or people outside it), with
/// repeated reports of a tie already combined (the largest weight wins).
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct TieLayer {
    /// The layer's name (e.g. "support").
    pub name: String,
    /// Whether a tie points from the respondent to the person named.
    pub directed: bool,
    /// Whether the ties carry weights (otherwise every weight is 1).
    pub weighted: bool,
    /// Person index of each tie's source (see [`Ties`]).
    pub source: Vec<u32>,
    /// Person index of each tie's target.
    pub target: Vec<u32>,
    /// Weight of each tie (a strength; 1 when unweighted).
    pub weight: Vec<f64>,
    /// Wave of each tie (an index into `waves`); empty when the layer has no waves.
    pub wave: Vec<u32>,
    /// Wave labels in first-seen order (`None` when the layer has no waves).
    pub waves: Option<Ids>,
    /// Person indices of those who answered, ascending (`None`: not recorded).
    pub respondents: Option<Vec<u32>>,
}

/// Every tie layer of a network and the people they name who are not in the register.
///
/// People are indexed `0..n` for the register's residents (register order) and
/// `n..n + outside.len()` for the others, in first-seen order.
#[derive(Debug, Clone, Default, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Ties {
    /// Ids of people named in a layer (or listed as respondents) who are not in the register.
    pub outside: Option<Ids>,
    /// The layers, in the order they were added.
    pub layers: Vec<TieLayer>,
}

/// A table of ties to add as a layer (see [`Network::with_ties`]).
#[derive(Debug, Clone)]
pub struct TieTable {
    /// Layer name; must not be taken, nor be a derived layer's name.
    pub layer: String,
    /// Whether ties point from `source` to `target`.
    pub directed: bool,
    /// Who reported (or holds) the tie, one id per row.
    pub source: Ids,
    /// Whom the tie is to, one id per row.
    pub target: Ids,
    /// Tie strengths (finite, ≥ 0); `None` = unweighted.
    pub weight: Option<Vec<f64>>,
    /// Wave label of each row; `None` = one wave.
    pub wave: Option<Ids>,
    /// Everyone who answered the survey (also those who named nobody); `None` = not recorded.
    /// Whoever appears in `source` answered, so is added to the respondents.
    pub respondents: Option<Ids>,
}

/// What [`Network::with_ties`] did with the rows it was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TieReport {
    /// Rows read.
    pub rows: usize,
    /// Distinct ties kept (per wave).
    pub ties: usize,
    /// Rows that repeated a tie already given (same pair, and same direction when directed,
    /// in the same wave); combined by taking the largest weight.
    pub repeated: usize,
    /// People added who are not in the register.
    pub outside_added: usize,
}

impl Ties {
    fn n_outside(&self) -> usize {
        self.outside.as_ref().map_or(0, Ids::len)
    }
    /// The layer called `name`.
    pub fn get(&self, name: &str) -> Option<&TieLayer> {
        self.layers.iter().find(|l| l.name == name)
    }
}

fn same_kind(a: &Ids, b: &Ids) -> bool {
    matches!(
        (a, b),
        (Ids::Str(_), Ids::Str(_)) | (Ids::Int(_), Ids::Int(_))
    )
}

fn kind_name(ids: &Ids) -> &'static str {
    match ids {
        Ids::Str(_) => "strings",
        Ids::Int(_) => "integers",
    }
}

impl Network {
    /// The network's tie layers.
    pub fn ties(&self) -> &Ties {
        self.ties_arc()
    }

    /// Names of every layer: the survey layers in the order added, then the derived
    /// [`CO_PARTICIPATION`] and [`CO_ORGANISING`].
    pub fn layer_names(&self) -> Vec<String> {
        let mut names: Vec<String> = self.ties().layers.iter().map(|l| l.name.clone()).collect();
        names.push(CO_PARTICIPATION.into());
        names.push(CO_ORGANISING.into());
        names
    }

    /// A new network with `table` added as a tie layer. Ids are matched to the register's
    /// residents; ids not in the register become people of their own (kept, with missing
    /// attributes). Repeated rows of one tie are combined (largest weight) and counted in the
    /// report.
    ///
    /// # Errors
    /// A taken or reserved layer name, columns of different lengths, ids of another type than
    /// the register's (strings vs integers), a self-tie, or a weight that is negative or not
    /// finite — each naming the column and row.
    pub fn with_ties(&self, table: TieTable) -> Result<(Network, TieReport)> {
        let TieTable {
            layer,
            directed,
            source,
            target,
            weight,
            wave,
            respondents,
        } = table;
        if layer.is_empty() {
            return Err(Error::arg(
                "layer",
                "give the layer a name, e.g. layer=\"support\"",
            ));
        }
        if layer == CO_PARTICIPATION || layer == CO_ORGANISING {
            return Err(Error::arg(
                "layer",
                format!("\"{layer}\" is a derived layer's name; choose another name"),
            ));
        }
        let old = self.ties();
        if old.get(&layer).is_some() {
            return Err(Error::arg(
                "layer",
                format!(
                    "a layer called \"{layer}\" exists already; choose another name (or put \
                     the rows in one table with a wave= column)"
                ),
            ));
        }
        let rows = source.len();
        for (name, len) in [
            ("target", Some(target.len())),
            ("weight", weight.as_ref().map(Vec::len)),
            ("wave", wave.as_ref().map(Ids::len)),
        ] {
            if let Some(len) = len {
                if len != rows {
                    return Err(Error::LengthMismatch {
                        column: name.into(),
                        expected: rows,
                        got: len,
                    });
                }
            }
        }
        let reg_ids = self.register().resident_ids();
        for (name, ids) in [
            ("source", Some(&source)),
            ("target", Some(&target)),
            ("respondents", respondents.as_ref()),
        ] {
            if let Some(ids) = ids {
                if !ids.is_empty() && !reg_ids.is_empty() && !same_kind(ids, reg_ids) {
                    return Err(Error::arg(
                        name,
                        format!(
                            "holds {} but the register's resident ids are {}; convert the \
                             column (e.g. .astype(str)) so the ids match",
                            kind_name(ids),
                            kind_name(reg_ids)
                        ),
                    ));
                }
            }
        }
        // people: register residents, then the outside people known so far, then new ones
        let mut people = Interner::new("people");
        for i in 0..reg_ids.len() {
            people.intern(reg_ids.get(i), i)?;
        }
        if let Some(out) = &old.outside {
            for i in 0..out.len() {
                people.intern(out.get(i), i)?;
            }
        }
        let known = people.len();
        let mut src = Vec::with_capacity(rows);
        let mut tgt = Vec::with_capacity(rows);
        for row in 0..rows {
            let s = people
                .intern(source.get(row), row)
                .map_err(|_| Error::value("source", row, "id of another type than the others"))?;
            let t = people
                .intern(target.get(row), row)
                .map_err(|_| Error::value("target", row, "id of another type than the others"))?;
            if s == t {
                return Err(Error::value(
                    "target",
                    row,
                    format!(
                        "a tie from {} to itself; remove rows where source == target",
                        source.get(row)
                    ),
                ));
            }
            src.push(s);
            tgt.push(t);
        }
        if let Some(w) = &weight {
            if let Some(row) = w.iter().position(|w| !(w.is_finite() && *w >= 0.0)) {
                return Err(Error::value(
                    "weight",
                    row,
                    format!("weight {} must be finite and ≥ 0 (a strength)", w[row]),
                ));
            }
        }
        let resp = match &respondents {
            None => None,
            Some(ids) => {
                let mut v = Vec::with_capacity(ids.len());
                for row in 0..ids.len() {
                    v.push(people.intern(ids.get(row), row).map_err(|_| {
                        Error::value("respondents", row, "id of another type than the others")
                    })?);
                }
                // whoever reported a tie answered the survey
                v.extend_from_slice(&src);
                v.sort_unstable();
                v.dedup();
                Some(v)
            }
        };
        // waves
        let (wave_of, waves) = match &wave {
            None => (Vec::new(), None),
            Some(w) => {
                let mut interner = Interner::new("wave");
                let mut of = Vec::with_capacity(rows);
                for row in 0..rows {
                    of.push(interner.intern(w.get(row), row)?);
                }
                (of, Some(interner.into_ids()))
            }
        };
        // combine repeated ties: key (wave, pair) → largest weight, kept in first-seen order
        let mut seen = ahash::AHashMap::<(u32, u32, u32), usize>::with_capacity(rows);
        let mut layer_ties = TieLayer {
            name: layer,
            directed,
            weighted: weight.is_some(),
            source: Vec::with_capacity(rows),
            target: Vec::with_capacity(rows),
            weight: Vec::with_capacity(rows),
            wave: Vec::new(),
            waves,
            respondents: resp,
        };
        let mut repeated = 0usize;
        for row in 0..rows {
            let (s, t) = (src[row], tgt[row]);
            let wv = wave_of.get(row).copied().unwrap_or(0);
            let key = if directed {
                (wv, s, t)
            } else {
                (wv, s.min(t), s.max(t))
            };
            let w = weight.as_ref().map_or(1.0, |w| w[row]);
            match seen.entry(key) {
                std::collections::hash_map::Entry::Occupied(e) => {
                    repeated += 1;
                    let k = *e.get();
                    if w > layer_ties.weight[k] {
                        layer_ties.weight[k] = w;
                    }
                }
                std::collections::hash_map::Entry::Vacant(e) => {
                    e.insert(layer_ties.source.len());
                    layer_ties.source.push(s);
                    layer_ties.target.push(t);
                    layer_ties.weight.push(w);
                    if !wave_of.is_empty() {
                        layer_ties.wave.push(wv);
                    }
                }
            }
        }
        let ids = people.into_ids();
        let n_reg = reg_ids.len();
        let outside_added = ids.len() - known;
        let outside = (ids.len() > n_reg).then(|| {
            let idx: Vec<u32> = (n_reg as u32..ids.len() as u32).collect();
            ids.select(&idx)
        });
        let report = TieReport {
            rows,
            ties: layer_ties.source.len(),
            repeated,
            outside_added,
        };
        let mut ties = old.clone();
        ties.outside = outside;
        ties.layers.push(layer_ties);
        Ok((self.with_ties_table(Arc::new(ties)), report))
    }

    /// The layer `name` as a [`Graph`] (directed when the layer is).
    ///
    /// Nodes: every resident of this view (in projection order, so a layer and a projection
    /// of the same view share their first nodes), then the outside people this layer names or
    /// lists as respondents. Node attributes: the residents' attributes (missing for outside
    /// people) and a boolean `in_register`. Ties touching a register resident who is not in
    /// this view (filtered or windowed out) are left out. Survey layers carry their
    /// respondents ([`Graph::respondents`]).
    ///
    /// `wave` picks one wave of a layer that has several (required then).
    ///
    /// # Errors
    /// An unknown layer or wave, or a missing `wave` on a layer with several waves.
    pub fn layer(&self, name: &str, wave: Option<&Id>) -> Result<Graph> {
        self.layer_with(name, wave, &Context::new())
    }

    /// [`Network::layer`] with an execution context (derived layers project the register).
    pub fn layer_with(&self, name: &str, wave: Option<&Id>, ctx: &Context) -> Result<Graph> {
        if name == CO_PARTICIPATION || name == CO_ORGANISING {
            if wave.is_some() {
                return Err(Error::arg(
                    "wave",
                    format!("the derived layer \"{name}\" has no waves"),
                ));
            }
            return self.derived_layer(name == CO_ORGANISING, ctx);
        }
        let ties = self.ties();
        let Some(l) = ties.get(name) else {
            return Err(Error::arg(
                "name",
                format!(
                    "no layer called \"{name}\"; the network has {}",
                    self.layer_names()
                        .iter()
                        .map(|n| format!("\"{n}\""))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ));
        };
        let pick = match (&l.waves, wave) {
            (None, None) => None,
            (None, Some(w)) => {
                return Err(Error::arg(
                    "wave",
                    format!("layer \"{name}\" has no waves; leave out wave={w}"),
                ))
            }
            (Some(ws), None) if ws.len() == 1 => Some(0),
            (Some(ws), None) => {
                return Err(Error::arg(
                    "wave",
                    format!(
                        "layer \"{name}\" has {} waves ({}); pick one with wave=",
                        ws.len(),
                        (0..ws.len())
                            .map(|i| ws.get(i).to_string())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                ))
            }
            (Some(ws), Some(w)) => match ws.position(w) {
                Some(p) => Some(p),
                None => {
                    return Err(Error::arg(
                        "wave",
                        format!(
                            "layer \"{name}\" has no wave {w}; its waves are {}",
                            (0..ws.len())
                                .map(|i| ws.get(i).to_string())
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    ))
                }
            },
        };
        let reg = self.register();
        let n_reg = reg.n_residents();
        let residents = self.residents();
        // graph position of each person (u32::MAX = not a node)
        let mut pos = vec![u32::MAX; n_reg + ties.n_outside()];
        for (k, &r) in residents.iter().enumerate() {
            pos[r as usize] = k as u32;
        }
        let in_wave = |k: usize| pick.is_none_or(|p| l.wave[k] == p);
        let mut outside: Vec<u32> = Vec::new();
        let mut mark = |p: u32, pos: &mut Vec<u32>| {
            if p as usize >= n_reg && pos[p as usize] == u32::MAX {
                pos[p as usize] = u32::MAX - 1; // placeholder; numbered below in person order
                outside.push(p);
            }
        };
        for k in 0..l.source.len() {
            if in_wave(k) {
                mark(l.source[k], &mut pos);
                mark(l.target[k], &mut pos);
            }
        }
        for &p in l.respondents.iter().flatten() {
            mark(p, &mut pos);
        }
        outside.sort_unstable();
        for (k, &p) in outside.iter().enumerate() {
            pos[p as usize] = (residents.len() + k) as u32;
        }
        let n = residents.len() + outside.len();
        let mut edges = Vec::with_capacity(l.source.len());
        for k in 0..l.source.len() {
            let (s, t) = (pos[l.source[k] as usize], pos[l.target[k] as usize]);
            if in_wave(k) && s != u32::MAX && t != u32::MAX {
                edges.push((s, t, l.weight[k]));
            }
        }
        // undirected: a pair reported both ways counts once (largest weight)
        if !l.directed {
            for e in &mut edges {
                if e.0 > e.1 {
                    std::mem::swap(&mut e.0, &mut e.1);
                }
            }
            edges.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)).then(b.2.total_cmp(&a.2)));
            edges.dedup_by_key(|e| (e.0, e.1));
        }
        let nodes = Arc::new(self.people_table(&residents, &outside));
        let g = Graph::from_edges(nodes.ids.clone(), &edges, l.directed)?.with_nodes(nodes)?;
        let respondents = l.respondents.as_ref().map(|rs| {
            let mut bits = FixedBitSet::with_capacity(n);
            bits.extend(
                rs.iter()
                    .map(|&p| pos[p as usize])
                    .filter(|&q| q != u32::MAX)
                    .map(|q| q as usize),
            );
            bits
        });
        g.with_respondents(respondents)
    }

    /// Node table of the given register residents then outside people (person indices).
    fn people_table(&self, residents: &[u32], outside: &[u32]) -> NodeTable {
        let reg = self.register();
        let n_reg = reg.n_residents() as u32;
        let mut idx: Vec<u32> = residents.to_vec();
        idx.extend(std::iter::repeat_n(u32::MAX, outside.len()));
        let ids = if outside.is_empty() {
            reg.resident_ids().select(residents)
        } else {
            let out = self
                .ties()
                .outside
                .as_ref()
                .expect("outside people are recorded");
            let local: Vec<u32> = outside.iter().map(|&p| p - n_reg).collect();
            match (reg.resident_ids().select(residents), out.select(&local)) {
                (Ids::Str(mut a), Ids::Str(b)) => {
                    a.extend(b);
                    Ids::Str(a)
                }
                (Ids::Int(mut a), Ids::Int(b)) => {
                    a.extend(b);
                    Ids::Int(a)
                }
                (_, b) => b, // empty register: only outside people
            }
        };
        let mut columns: Vec<(String, Column)> =
            reg.resident_attributes().take(&idx).columns().to_vec();
        let mut in_register = vec![1i8; residents.len()];
        in_register.resize(residents.len() + outside.len(), 0);
        columns.retain(|(n, _)| n != "in_register");
        columns.push(("in_register".into(), Column::Bool(in_register)));
        NodeTable {
            ids,
            attributes: Attributes::from_columns(columns),
        }
    }

    /// The derived layers: the default projection, or the projection of the rows in the
    /// volunteer and organiser roles — both over every resident of this view.
    fn derived_layer(&self, organising: bool, ctx: &Context) -> Result<Graph> {
        let spec = Projection::default();
        if !organising {
            return self.project(&spec, ctx);
        }
        let residents = self.residents();
        let sub = self.filter(&Filter {
            roles: Some(vec![Role::Volunteer, Role::Organiser]),
            ..Filter::default()
        })?;
        let g = sub.project(&spec, ctx)?;
        // re-embed the organisers' projection into this view's resident set
        let sub_res = sub.residents();
        let mut map = vec![0u32; sub_res.len()];
        let mut k = 0usize;
        for (i, &r) in sub_res.iter().enumerate() {
            while residents[k] != r {
                k += 1;
            }
            map[i] = k as u32;
        }
        let (s, t, w) = g.edges();
        let edges: Vec<(u32, u32, f64)> = s
            .iter()
            .zip(&t)
            .zip(&w)
            .map(|((&a, &b), &w)| (map[a as usize], map[b as usize], w))
            .collect();
        let nodes = Arc::new(NodeTable {
            ids: self.register().resident_ids().select(&residents),
            attributes: self.resident_node_attributes(),
        });
        Graph::from_edges(nodes.ids.clone(), &edges, false)?.with_nodes(nodes)
    }
}
