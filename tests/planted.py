"""Synthetic registers with planted effects, and the same registers without them.

:func:`planted` draws a year of attendance at a neighbourhood centre, with groups, roles, a
sensitive activity, a resident survey and a "support" tie layer, in which the effects an
evaluation should find were put on purpose (``effects=True``), or left out with the same sizes
and margins (``effects=False``). A test, or the evaluation report's own tests, then checks that
each planted effect is found with the right sign and that none is found where none was put.
Synthetic data, not real residents: every name and number is drawn from the seed.

The planted effects (their codes are the keys of :attr:`Planted.truth`):

``organisers_support``
    Residents who volunteer or organise in the same activity (the ``"co-organising"`` layer)
    name each other in the support question ("whom would you ask for help?") more often than
    other pairs: a respondent names each of their co-organisers with a chance of
    ``support_chance`` (imperfect: not every pair), in place of a name drawn from the whole
    neighbourhood. Without effects every name is drawn from the whole neighbourhood, so the
    support layer is independent of the register. Found by the QAP correlation of the two
    layers (``wn.qap(net.layer("support"), net.layer("co-organising"))``): clearly above zero.
``group_apart``
    The members of one group (``apart``, about ``apart_share`` of the residents) attend only
    activities of their own, except the one bridge activity below, and none of the big
    events: their ties are nearly all within the group (bonding), so the group's E-I index in
    the projection is near −1 while the other groups mix (E-I above zero). Without effects
    everyone chooses among all activities (with the same expected sizes) and the group's E-I
    index is near its expected value under random mixing.
``bridge``
    One small recurring activity (``bridge``, the community garden) is attended by a few
    members of the apart group and a few others, and is the only place where the two parts
    meet: removing it splits the projection in two, so it tops
    ``wn.whatif.rank_activities`` (one component added, the largest-component share drops by
    the apart group's share) and no other activity splits anything. Every resident attends at
    least two recurring activities, so removing any one activity leaves nobody without ties.
    Without effects the garden draws the same number of people from the whole neighbourhood
    and nothing splits.
``respondents_connected``
    Respondents are the better-connected residents: the chance of answering the survey rises
    with the number of distinct co-participants in recurring activities (weights
    ``exp(response_slope · z)``, z the standardised log of that number), so
    ``wn.survey.nonresponse`` shows a positive degree difference whose interval excludes zero.
    Without effects the same number of respondents is drawn at random.
``agree_repeated_contact``
    Respondents with repeated contact (a co-participant met at three or more of the same
    sessions of the recurring activities: the ``"repeated_contact_3"`` evidence of
    ``wn.survey.compare`` with the projection :attr:`Planted.met`, which leaves the big events
    out) agree with ``leerde_anderen_kennen`` ("Ik heb via de activiteiten andere
    buurtbewoners leren kennen") more often than those without (about 80% against 25%).
    Without effects the same answers are shuffled among the respondents. The item
    ``praat_vaker_met_buren`` is unrelated to the register in both versions (a claim the
    register cannot support).

Everything is seeded: one seed gives one register on any machine (NumPy's PCG64).

Examples
--------
>>> p = planted(effects=True, seed=1, residents=300)
>>> p.truth["group_apart"]["direction"], p.truth["bridge"]["activity"]
(-1, 'moestuin')
>>> planted(effects=False, seed=1, residents=300).truth["group_apart"]["direction"]
0
"""

from __future__ import annotations

import dataclasses
from typing import Any

import numpy as np
import pandas as pd
import scipy.sparse as sp

import wijknet as wn

__all__ = ["Planted", "planted", "GROUPS", "ITEMS", "LABELS"]

#: The Dutch 5-point labels the survey uses, score 1 to 5 (labels of ``wn.survey.LIKERT_NL``).
LABELS = ("helemaal mee oneens", "mee oneens", "neutraal", "mee eens", "helemaal mee eens")
#: The survey items: the one tied to repeated contact (with effects) and an unrelated one.
ITEMS = ("leerde_anderen_kennen", "praat_vaker_met_buren")
#: Groups and their shares of the residents; the last one is the group that stays apart.
GROUPS = {"noord": 0.30, "zuid": 0.30, "oost": 0.25, "west": 0.15}

_BRIDGE = "moestuin"
_SENSITIVE = "lotgenotengroep"
_EVENTS = (("Koningsdag", "2025-04-26"), ("Burendag", "2025-09-27"))
_NAMES = (
    "dansavond",
    "spelmiddag",
    "buurtontbijt",
    "yoga",
    "breiclub",
    "koor",
    "wandelclub",
    "repair café",
    "taalcafé",
    "kookclub",
    "schaakclub",
    "buurtkrant",
    "kledingruil",
    "fietsclub",
    "tekenclub",
    "leesclub",
    "biljart",
    "jeu de boules",
    "zangmiddag",
    "computerhulp",
    "huiswerkklas",
    "naaiatelier",
    "klaverjassen",
    "filmavond",
)
# Answer distributions (score 1..5) with and without repeated contact, and for the unrelated item.
_AGREE_WITH = (0.03, 0.06, 0.11, 0.45, 0.35)
_AGREE_WITHOUT = (0.20, 0.30, 0.25, 0.20, 0.05)
_UNRELATED = (0.05, 0.10, 0.15, 0.45, 0.25)
# How many people a respondent names for support (0 to 5: the name generator has five lines).
_NAMED = (0.20, 0.25, 0.25, 0.15, 0.10, 0.05)


@dataclasses.dataclass(frozen=True)
class Planted:
    """A register drawn by :func:`planted`, with what was planted in it.

    Attributes
    ----------
    net
        The :class:`wijknet.Network`: the register (a year of dated sessions with roles), the
        resident attributes ``group`` and ``responded``, the activity attributes ``kind``
        (``"recurring"`` or ``"event"``) and ``sensitive``, and the directed ``"support"``
        layer with its respondents.
    survey
        One row per respondent: ``resident`` and the items of :data:`ITEMS` as Dutch
        5-point labels.
    attributes
        The resident attributes as a table (``resident``, ``group``, ``responded``).
    attendance
        The register as the table it was built from (``resident``, ``activity``, ``date``,
        ``role``).
    support
        The support ties as named (``ego``, ``alter``).
    truth
        One entry per planted effect (module docs): ``direction`` (+1 or −1 where planted, 0
        where not) and what it is about (``group``, ``activity``, ``item``, ...).
    met
        The projection of who met whom at the recurring activities, the big events left out:
        ``{"unit": "session", "max_activity_size": S}`` with S the members of the largest
        recurring activity (a big event has more visitors).
    effects, seed
        How it was drawn.
    """

    net: wn.Network
    survey: pd.DataFrame
    attributes: pd.DataFrame
    attendance: pd.DataFrame
    support: pd.DataFrame
    truth: dict[str, dict[str, Any]]
    met: dict[str, Any]
    effects: bool
    seed: int


def _group_sizes(residents: int) -> dict[str, int]:
    sizes = {g: int(round(share * residents)) for g, share in GROUPS.items()}
    first = next(iter(sizes))
    sizes[first] += residents - sum(sizes.values())
    return sizes


def _pick(rng: np.random.Generator, pool: np.ndarray, weights: np.ndarray, k: int) -> np.ndarray:
    k = min(k, len(pool))
    return rng.choice(pool, size=k, replace=False, p=weights / weights.sum())


def planted(
    *,
    effects: bool,
    seed: int,
    residents: int = 800,
    activities: int | None = None,
    events: int = 2,
    event_share: float = 0.35,
    response: float = 0.4,
    response_slope: float = 1.2,
    support_chance: float = 0.6,
    bridge_members: tuple[int, int] = (4, 8),
    drop_in: float = 0.3,
) -> Planted:
    """A synthetic register with the planted effects of the module docs, or without them.

    Parameters
    ----------
    effects
        True: plant the effects; False: the same sizes and margins without them.
    seed
        Which register (an integer ≥ 0).
    residents
        Number of residents (all attend at least two recurring activities).
    activities
        Number of recurring activities, the bridge included (default: one per 20 residents,
        at least 12); about the apart group's share of them (at least 5) are its own.
    events
        Big one-off events (at most two: King's Day and Neighbours' Day).
    event_share
        Share of the residents at each big event.
    response
        Share of the residents who answer the survey.
    response_slope
        How strongly answering rises with connectedness (with effects).
    support_chance
        Chance that a respondent names a given co-organiser for support (with effects).
    bridge_members
        Members of the bridge activity from the apart group and from the others.
    drop_in
        Share of the residents who drop in: one session of each of their activities (the
        others attend each session with a chance between 0.5 and 0.9; volunteers and
        organisers 0.95).

    Returns
    -------
    Planted

    Examples
    --------
    >>> p = planted(effects=True, seed=0, residents=200)
    >>> p.net.summary()["residents"], sorted(p.attributes["group"].unique())
    (200, ['noord', 'oost', 'west', 'zuid'])
    >>> set(p.survey.columns) == {"resident", *ITEMS}
    True
    """
    if residents < 100:
        raise ValueError(f"residents={residents}: give at least 100 (the groups need members)")
    rng = np.random.default_rng([seed, int(bool(effects))])
    n = residents
    ids = np.array([f"b{i:05d}" for i in range(n)], dtype=object)
    sizes = _group_sizes(n)
    group = rng.permutation(np.repeat(list(sizes), list(sizes.values())))
    apart = list(GROUPS)[-1]
    in_apart = group == apart

    # ---- activities ----------------------------------------------------------------------------
    r = activities if activities is not None else max(12, n // 20)
    n_own = max(5, int(round(r * GROUPS[apart])))
    n_common = r - 1 - n_own
    if n_common < 5:
        raise ValueError(f"activities={r}: give at least {n_own + 6}")
    listed = [_BRIDGE]
    for i in range(r - 1):
        base = _NAMES[i % len(_NAMES)]
        listed.append(base if i < len(_NAMES) else f"{base} {i // len(_NAMES) + 1}")
    names = np.array(listed, dtype=object)
    own = np.arange(1, 1 + n_own)  # the apart group's own activities (with effects)
    common = np.arange(1 + n_own, r)
    names[common[-1]] = _SENSITIVE  # a small peer group
    popularity = np.empty(r)
    popularity[own] = 1.0 / np.arange(1, n_own + 1) ** 0.3
    popularity[common] = 1.0 / np.arange(1, n_common + 1) ** 0.3
    popularity[own] /= popularity[own].sum()
    popularity[common] /= popularity[common].sum()

    # how many recurring activities each resident attends (besides the bridge): 2 to 5
    k = 2 + np.minimum(rng.geometric(0.55, size=n) - 1, 3)
    # expected members of each activity with effects, which the version without keeps
    expected = np.zeros(r)
    expected[own] = popularity[own] * k[in_apart].sum()
    expected[common] = popularity[common] * k[~in_apart].sum()
    members: list[list[int]] = [[] for _ in range(r)]
    for i in range(n):
        if effects:
            pool = own if in_apart[i] else common
            chosen = _pick(rng, pool, popularity[pool], int(k[i]))
        else:
            pool = np.arange(1, r)
            chosen = _pick(rng, pool, expected[pool], int(k[i]))
        for a in chosen:
            members[a].append(i)
    b_apart, b_other = bridge_members
    if effects:
        bridge = list(rng.choice(np.flatnonzero(in_apart), b_apart, replace=False))
        bridge += list(rng.choice(np.flatnonzero(~in_apart), b_other, replace=False))
    else:
        bridge = list(rng.choice(n, b_apart + b_other, replace=False))
    members[0] = sorted(int(i) for i in bridge)

    # ---- sessions, attendance and roles ----------------------------------------------------------
    regular = rng.random(n) >= drop_in  # the others drop in: one session of each activity
    regular[members[0]] = True
    rate = rng.uniform(0.5, 0.9, size=n)
    year = pd.Timestamp("2025-01-01")
    rows_r: list[np.ndarray] = []
    rows_a: list[np.ndarray] = []
    rows_d: list[np.ndarray] = []
    rows_role: list[np.ndarray] = []
    for a in range(r):
        m = np.array(members[a], dtype=np.int64)
        if len(m) == 0:
            continue
        every = int(rng.choice([7, 14, 28]))
        dates = year + pd.to_timedelta(rng.integers(0, every) + every * np.arange(365 // every), unit="D")
        role = np.full(len(m), "participant", dtype=object)
        lead = m[regular[m]]
        if len(lead) >= 3:
            crew = rng.choice(len(lead), size=min(len(lead) - 1, 1 + int(rng.integers(1, 3))), replace=False)
            role[np.isin(m, lead[crew])] = "volunteer"
            role[np.flatnonzero(np.isin(m, lead[crew[:1]]))] = "organiser"
        chance = np.where(role != "participant", 0.95, rate[m])
        present = rng.random((len(m), len(dates))) < chance[:, None]
        drop = ~regular[m]
        present[drop] = False
        present[np.flatnonzero(drop), rng.integers(0, len(dates), size=int(drop.sum()))] = True
        nobody = ~present.any(axis=1)
        present[np.flatnonzero(nobody), rng.integers(0, len(dates), size=int(nobody.sum()))] = True
        who, when = np.nonzero(present)
        rows_r.append(m[who])
        rows_a.append(np.full(len(who), a))
        rows_d.append(dates.to_numpy()[when])
        rows_role.append(role[who])
    event_names: list[str] = []
    for name, day in _EVENTS[:events]:
        size = int(round(event_share * n))
        pool = np.flatnonzero(~in_apart) if effects else np.arange(n)
        who = np.sort(rng.choice(pool, size=min(size, len(pool)), replace=False))
        rows_r.append(who)
        rows_a.append(np.full(len(who), len(names) + len(event_names)))
        rows_d.append(np.full(len(who), np.datetime64(day)).astype("datetime64[ns]"))
        rows_role.append(np.full(len(who), "participant", dtype=object))
        event_names.append(name)
    all_names = np.concatenate([names, np.array(event_names, dtype=object)])
    attendance = pd.DataFrame(
        {
            "resident": ids[np.concatenate(rows_r)],
            "activity": all_names[np.concatenate(rows_a)],
            "date": pd.to_datetime(np.concatenate(rows_d)),
            "role": np.concatenate(rows_role),
        }
    ).sort_values(["date", "activity", "resident"], kind="mergesort", ignore_index=True)

    # ---- who answered ------------------------------------------------------------------------
    rows = [i for a in range(r) for i in members[a]]
    cols = [a for a in range(r) for _ in members[a]]
    incidence = sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, r))
    shared = (incidence @ incidence.T).tocsr()
    coparticipants = np.diff(shared.indptr) - (shared.diagonal() > 0)
    n_resp = int(round(response * n))
    if effects:
        z = np.log1p(coparticipants)
        z = (z - z.mean()) / (z.std() or 1.0)
        w = np.exp(response_slope * z)
        chosen = rng.choice(n, size=n_resp, replace=False, p=w / w.sum())
    else:
        chosen = rng.choice(n, size=n_resp, replace=False)
    responded = np.zeros(n, dtype=bool)
    responded[chosen] = True
    attributes = pd.DataFrame({"resident": ids, "group": group, "responded": responded})

    net = wn.Network.from_attendance(
        attendance, resident="resident", activity="activity", date="date", role="role"
    )
    net = net.with_resident_attributes(attributes)
    kinds = pd.DataFrame(
        {
            "activity": all_names,
            "kind": ["recurring"] * r + ["event"] * len(event_names),
            "sensitive": [a == _SENSITIVE for a in all_names],
        }
    )
    net = net.with_activity_attributes(kinds, sensitive="sensitive")

    # ---- the survey ----------------------------------------------------------------------------
    # recurring activities only: the largest has fewer members than a big event has visitors
    small = int(max(len(members[a]) for a in range(r)))
    met: dict[str, Any] = {"unit": "session", "max_activity_size": small}
    shared_sessions = net.project(weight="count", **met).edges()
    strong = shared_sessions[shared_sessions["weight"] >= 3]
    repeated = pd.Index(ids).isin(pd.Index(strong["source"]).append(pd.Index(strong["target"])))
    resp = np.flatnonzero(responded)
    with_contact = repeated[resp]
    score = np.where(
        with_contact,
        rng.choice(5, size=len(resp), p=_AGREE_WITH),
        rng.choice(5, size=len(resp), p=_AGREE_WITHOUT),
    )
    if not effects:
        score = rng.permutation(score)
    labels = np.array(LABELS, dtype=object)
    survey = pd.DataFrame(
        {
            "resident": ids[resp],
            ITEMS[0]: labels[score],
            ITEMS[1]: labels[rng.choice(5, size=len(resp), p=_UNRELATED)],
        }
    )

    # ---- the support layer -----------------------------------------------------------------------
    crew_rows = attendance[attendance["role"] != "participant"][["resident", "activity"]].drop_duplicates()
    pairs = crew_rows.merge(crew_rows, on="activity")
    pairs = pairs[pairs["resident_x"] != pairs["resident_y"]]
    crew_of = pairs.groupby("resident_x")["resident_y"].agg(lambda s: sorted(set(s))).to_dict()
    egos: list[str] = []
    alters: list[str] = []
    for row in resp:
        ego = ids[row]
        wanted = int(rng.choice(len(_NAMED), p=_NAMED))
        named: list[str] = []
        if effects and wanted:
            crew = crew_of.get(ego, [])
            hits = [c for c in crew if rng.random() < support_chance]
            named = list(rng.permutation(np.array(hits, dtype=object))[:wanted]) if hits else []
        while len(named) < wanted:
            other = ids[int(rng.integers(n))]
            if other != ego and other not in named:
                named.append(other)
        egos += [ego] * len(named)
        alters += named
    support = pd.DataFrame({"ego": egos, "alter": alters})
    net = net.with_ties(
        support, source="ego", target="alter", layer="support", directed=True, respondents=list(ids[resp])
    )

    sign = 1 if effects else 0
    truth: dict[str, dict[str, Any]] = {
        "organisers_support": {
            "direction": sign,
            "layers": ("support", "co-organising"),
            "measure": "QAP correlation of the support and co-organising layers",
        },
        "group_apart": {
            "direction": -sign,
            "attribute": "group",
            "group": apart,
            "measure": "E-I index of the group in the projection, against its expected value",
        },
        "bridge": {
            "direction": sign,
            "activity": _BRIDGE,
            "measure": "removing the activity splits the projection (tops whatif.rank_activities)",
        },
        "respondents_connected": {
            "direction": sign,
            "measure": "degree of respondents minus non-respondents (survey.nonresponse)",
        },
        "agree_repeated_contact": {
            "direction": sign,
            "item": ITEMS[0],
            "evidence": "repeated_contact_3",
            "projection": met,
            "unrelated_item": ITEMS[1],
            "measure": "share with repeated contact, agreeing minus not agreeing (survey.compare)",
        },
    }
    return Planted(
        net=net,
        survey=survey,
        attributes=attributes,
        attendance=attendance,
        support=support,
        truth=truth,
        met=met,
        effects=bool(effects),
        seed=int(seed),
    )
