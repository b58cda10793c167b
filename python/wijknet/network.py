"""`Network`: an attendance register (residents × activities) and views on it."""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

import numpy as np
import pandas as pd

from . import _args, _frames, _ingest, _progress
from . import _wijknet as _native
from ._errors import ArgumentError, InputError
from ._results import format_number
from .graph import Graph

_WEIGHTS = ("count", "newman", "jaccard", "overlap")
_UNITS = ("activity", "session")


@dataclass(frozen=True)
class Projection:
    """How to project a register onto residents: the keywords of :meth:`Network.project` as
    one value, for every function that projects internally (``projection=``).

    Parameters
    ----------
    weight
        The tie weight: ``"count"`` (shared units), ``"newman"`` (Σ 1/(n_k − 1)),
        ``"jaccard"`` or ``"overlap"``.
    unit
        ``"activity"`` (shared activities) or ``"session"`` (present at the same session).
        None (the default): ``"session"`` when the register has dates — who was at the same
        session met — and ``"activity"`` when it has none.
    min_weight
        Keep ties with weight ≥ this (inclusive); None keeps all.
    max_activity_size
        Leave out units with more participants than this (big events make cliques).
    pair_budget
        Refuse before projecting if Σ n(n−1)/2 exceeds this (None: 250 million).

    Returns
    -------
    Projection
        A frozen value; ``projection=`` also accepts a dict of these fields or a ready Graph.

    Examples
    --------
    >>> import wijknet as wn
    >>> spec = wn.Projection(weight="newman", unit="session", min_weight=2)
    >>> spec
    Projection(weight='newman', unit='session', min_weight=2)
    >>> net = wn.datasets.davis_southern_women()
    >>> net.project(**spec.to_dict()) == net.project(weight="newman", unit="session", min_weight=2)
    True
    """

    weight: str = "count"
    unit: str | None = None
    min_weight: float | None = None
    max_activity_size: int | None = None
    pair_budget: int | None = None

    def __post_init__(self) -> None:
        _check_projection(self.to_dict(), "Projection")

    @classmethod
    def _checked(cls, fields: Mapping[str, Any], fn: str) -> Projection:
        """A spec from ``fields`` (keywords of :meth:`Network.project`), errors naming ``fn``."""
        _check_projection(fields, fn)
        return cls(**fields)

    def unit_for(self, net: Network) -> str:
        """The unit this spec projects ``net`` with (resolving ``unit=None``)."""
        if self.unit is not None:
            return self.unit
        return str(net._net.default_unit)  # the core's rule: per session when there are dates

    def to_dict(self) -> dict:
        """The fields as keywords of :meth:`Network.project`."""
        return {
            "weight": self.weight,
            "unit": self.unit,
            "min_weight": self.min_weight,
            "max_activity_size": self.max_activity_size,
            "pair_budget": self.pair_budget,
        }

    def __repr__(self) -> str:
        parts = [f"weight={self.weight!r}"]
        for name in ("unit", "min_weight", "max_activity_size", "pair_budget"):
            v = getattr(self, name)
            if v is not None:
                parts.append(f"{name}={v!r}")
        return f"Projection({', '.join(parts)})"


class Network:
    """A two-mode network of residents × activities built from an attendance register.

    Immutable: every method returns a new object; views (:meth:`window`, :meth:`filter`)
    share the register's memory. Build one with :meth:`from_attendance`,
    :func:`wijknet.read_attendance` or :mod:`wijknet.datasets`.

    Examples
    --------
    >>> import pandas as pd, wijknet as wn
    >>> df = pd.DataFrame({"resident": ["ann", "bob", "bob", "cas"],
    ...                    "activity": ["dance", "dance", "breakfast", "breakfast"]})
    >>> net = wn.Network.from_attendance(df)
    >>> net
    <wijknet.Network: 3 residents × 2 activities, 4 attendances>
    >>> wn.degree(net.project()).tolist()
    [1, 2, 1]
    """

    __slots__ = ("_net", "_cache")
    _net: _native.Network
    _cache: dict

    def __init__(self, native: _native.Network) -> None:
        if not isinstance(native, _native.Network):
            raise TypeError(
                "use wijknet.Network.from_attendance(...) or wijknet.read_attendance(...) to build a Network"
            )
        object.__setattr__(self, "_net", native)
        object.__setattr__(self, "_cache", {})

    def __delattr__(self, name: str) -> None:
        raise AttributeError("wijknet.Network is immutable")

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("wijknet.Network is immutable; methods return new networks")

    # ---- construction ---------------------------------------------------------------------
    @classmethod
    def from_attendance(
        cls,
        data: Any,
        *,
        resident: str = "resident",
        activity: str = "activity",
        date: str | None = None,
        session: str | None = None,
        role: str | None = None,
        date_unit: str | None = None,
        origin: Any = None,
        duplicates: str = "count",
        roles: Mapping[str, str] | None = None,
        pseudonymise: str | bytes | None = None,
        _source: str | None = None,
    ) -> Network:
        """Builds a network from an attendance table.

        Parameters
        ----------
        data
            pandas or polars DataFrame, pyarrow Table, or a dict of columns; one row per
            attendance (resident at an activity, optionally on a date).
        resident, activity
            Names of the id columns. Ids may be strings or integers and are returned as given.
        date
            Optional date column: datetime64, ``datetime.date``, ISO strings, or numbers with
            ``date_unit`` and ``origin``. A session is (activity, date) unless ``session`` is given.
        session
            Optional session column overriding the date as what distinguishes occurrences.
        role
            Optional role column; labels are mapped with ``roles`` to "participant",
            "volunteer" or "organiser".
        date_unit
            "D", "s" or "ms": stored resolution (inferred when omitted; never loses time of day).
        origin
            Epoch for numeric dates (default 1970-01-01).
        duplicates
            What a repeated (resident, session) row means: "count" (default; counted),
            "drop" (kept once; the number dropped is in :meth:`summary`) or "error".
        roles
            Mapping from your labels to canonical roles, e.g. ``{"deelnemer": "participant"}``.
        pseudonymise
            A secret key: ids are replaced by keyed HMAC-SHA256 pseudonyms on import (the key
            is never stored).

        Returns
        -------
        Network

        Raises
        ------
        ColumnNotFoundError
            A named column is missing.
        InputError
            Empty table, null ids, mixed id types, bad dates, unknown role labels, or
            duplicates with ``duplicates="error"``; the message names the row and the fix.

        Examples
        --------
        >>> import pandas as pd, wijknet as wn
        >>> df = pd.DataFrame({"resident": [1, 2, 1], "activity": ["yoga", "yoga", "dance"],
        ...                    "date": ["2025-01-06", "2025-01-06", "2025-01-10"]})
        >>> net = wn.Network.from_attendance(df, date="date")
        >>> net.summary()["sessions"]
        2
        """
        _args.choice(duplicates, "duplicates", "from_attendance", ("count", "drop", "error"))
        cols = _ingest.attendance_columns(
            data,
            resident=resident,
            activity=activity,
            date=date,
            session=session,
            role=role,
            date_unit=date_unit,
            origin=origin,
            roles=roles,
            source=_source,
            redact=pseudonymise is not None,
        )
        resident_ids, activity_ids = cols.resident_ids, cols.activity_ids
        if pseudonymise is not None:
            resident_ids = _ingest.pseudonymise_ids(resident_ids, pseudonymise)
        native = _native.Network.from_columns(
            cols.resident_codes,
            resident_ids,
            cols.activity_codes,
            activity_ids,
            cols.date,
            cols.date_unit,
            cols.session_codes,
            cols.session_ids,
            cols.role,
            duplicates,
        )
        net = cls(native)
        if cols.notes:
            net._cache["notes"] = list(cols.notes)
            for note in cols.notes:
                _args.warn(note)
        dropped = native.duplicates_found
        if duplicates == "drop" and dropped:
            _args.warn(
                f"{dropped} repeated (resident, session) rows were dropped (duplicates='drop')",
            )
        return net

    # ---- attributes -------------------------------------------------------------------------
    def with_resident_attributes(self, data: Any, *, on: str = "resident") -> Network:
        """A copy with resident attributes (one row per resident; typed columns).

        Columns other than ``on`` become attributes: strings/categories are categorical,
        numbers numeric, booleans boolean. Residents missing from the table get missing values.

        Raises
        ------
        InputError
            An id that is not in the register, or an id given twice (the message names the row).

        Examples
        --------
        >>> import wijknet as wn, pandas as pd
        >>> net = wn.datasets.davis_southern_women()
        >>> attrs = pd.DataFrame({"resident": ["Evelyn Jefferson", "Laura Mandeville"],
        ...                       "age": [31, 28]})
        >>> net.with_resident_attributes(attrs).resident_attributes()["age"].head(3).tolist()
        [31.0, 28.0, nan]
        """
        a = _ingest.attribute_columns(data, on=on, kind="resident")
        return Network(self._net.with_resident_attributes(on, a.ids, a.columns))

    def with_activity_attributes(
        self, data: Any, *, on: str = "activity", sensitive: str | Sequence[Any] | None = None
    ) -> Network:
        """A copy with activity attributes; ``sensitive`` (a bool column name or a list of
        activity ids) flags activities such as a health-related peer group.

        Examples
        --------
        >>> import wijknet as wn, pandas as pd
        >>> net = wn.datasets.davis_southern_women()
        >>> t = pd.DataFrame({"activity": ["E1", "E2"], "kind": ["party", "club"]})
        >>> net.with_activity_attributes(t, sensitive=["E2"]).sensitive_activities().tolist()
        ['E2']
        """
        a = _ingest.attribute_columns(data, on=on, sensitive=sensitive, kind="activity")
        flags = None if a.sensitive is None else [bool(x) for x in a.sensitive]
        return Network(self._net.with_activity_attributes(on, a.ids, a.columns, flags))

    def resident_attributes(self) -> pd.DataFrame:
        """Resident attributes as a DataFrame indexed by resident id (all register residents)."""
        return _frames.attributes_frame(self._net.resident_attributes(), self._all_residents())

    def activity_attributes(self) -> pd.DataFrame:
        """Activity attributes as a DataFrame indexed by activity id, with a ``sensitive`` column."""
        df = _frames.attributes_frame(self._net.activity_attributes(), self._all_activities())
        df["sensitive"] = self._net.sensitive()
        return df

    def sensitive_activities(self) -> pd.Index:
        """Ids of activities flagged sensitive."""
        return self._all_activities()[self._net.sensitive()]

    # ---- ids ----------------------------------------------------------------------------------
    def _all_residents(self) -> pd.Index:
        if "all_residents" not in self._cache:
            self._cache["all_residents"] = _frames.to_index(self._net.resident_ids(), "resident")
        return self._cache["all_residents"]

    def _all_activities(self) -> pd.Index:
        if "all_activities" not in self._cache:
            self._cache["all_activities"] = _frames.to_index(self._net.activity_ids(), "activity")
        return self._cache["all_activities"]

    @property
    def residents(self) -> pd.Index:
        """Ids of the residents in this view (those with at least one attendance), in
        first-seen order: the nodes of every projection."""
        if "residents" not in self._cache:
            self._cache["residents"] = self._all_residents()[self._net.view_residents()]
        return self._cache["residents"]

    @property
    def activities(self) -> pd.Index:
        """Ids of the activities in this view."""
        if "activities" not in self._cache:
            self._cache["activities"] = self._all_activities()[self._net.view_activities()]
        return self._cache["activities"]

    @property
    def date_unit(self) -> str | None:
        """Resolution of stored dates ("D", "s", "ms"), or None for an undated register."""
        return self._net.date_unit

    @property
    def attrs(self) -> Mapping[str, Any]:
        """What made this network, read-only, like pandas' ``.attrs``: a randomised network
        (:func:`wijknet.null.curveball`) records the ``seed`` it was drawn with, so it can be
        drawn again. Empty for a network built from data; kept when pickled.

        Examples
        --------
        >>> import wijknet as wn
        >>> rnd = wn.null.curveball(wn.datasets.davis_southern_women(), seed=7)
        >>> rnd.attrs["seed"]
        7
        """
        return MappingProxyType(self._cache.get("attrs", {}))

    def _with_attrs(self, **attrs: Any) -> Network:
        """This network with ``attrs`` recorded (for functions that make networks)."""
        self._cache["attrs"] = dict(attrs)
        return self

    # ---- views --------------------------------------------------------------------------------
    def window(self, start: Any = None, end: Any = None) -> Network:
        """The view of sessions dated in ``[start, end)`` (start inclusive, end exclusive).

        Examples
        --------
        >>> import wijknet as wn
        >>> net = wn.datasets.badhuis(residents=500, seed=1)
        >>> spring = net.window("2025-03-01", "2025-06-01")
        >>> spring.summary()["residents"] <= net.summary()["residents"]
        True
        """
        unit = self._net.date_unit
        if unit is None:
            raise ArgumentError("this network has no dates; pass date= to from_attendance to use window()")
        return Network(
            self._net.window(_frames.to_unit(start, unit, "start"), _frames.to_unit(end, unit, "end"))
        )

    def filter(
        self,
        *,
        roles: Iterable[str] | str | None = None,
        activities: Iterable[Any] | None = None,
        residents: Iterable[Any] | None = None,
        exclude_sensitive: bool = False,
    ) -> Network:
        """The view restricted to some roles, activities or residents, optionally leaving out
        activities flagged sensitive.

        Examples
        --------
        >>> import wijknet as wn
        >>> net = wn.datasets.davis_southern_women()
        >>> net.filter(activities=["E1", "E2"]).residents.tolist()
        ['Evelyn Jefferson', 'Laura Mandeville', 'Theresa Anderson', 'Brenda Rogers']
        """
        if isinstance(roles, str):
            roles = [roles]
        return Network(
            self._net.filter(
                None if roles is None else [str(r) for r in roles],
                None if activities is None else [_py_id(a) for a in activities],
                None if residents is None else [_py_id(r) for r in residents],
                bool(exclude_sensitive),
            )
        )

    # ---- projection -----------------------------------------------------------------------------
    def project(
        self,
        *,
        weight: str = "count",
        unit: str | None = None,
        min_weight: float | None = None,
        max_activity_size: int | None = None,
        pair_budget: int | None = None,
        threads: int | None = None,
        progress: _progress.ProgressArg = None,
    ) -> Graph:
        """Projects onto residents: a tie for every pair who shared an activity (or a session).

        Parameters
        ----------
        weight
            "count" (shared units), "newman" (Σ 1/(n_k − 1)), "jaccard" or "overlap".
        unit
            "activity" (shared activities) or "session" (present at the same session: the
            evidence that people actually met). None (the default): "session" when the
            register has dates, "activity" when it has none.
        min_weight
            Keep ties with weight ≥ this (inclusive).
        max_activity_size
            Leave out units with more participants than this (big events make cliques).
        pair_budget
            Refuse before projecting if Σ n(n−1)/2 exceeds this (default 250 million).
        threads
            Threads to use (default: :func:`wijknet.set_num_threads`, else all cores).
        progress
            None (a bar for long calls), False, or a callable(done, total).

        Returns
        -------
        Graph
            Undirected; every resident of this view is a node, isolated or not.

        Raises
        ------
        BudgetExceededError
            The projection would be too large; the message names the options.

        Examples
        --------
        >>> import wijknet as wn
        >>> g = wn.datasets.davis_southern_women().project(weight="newman")
        >>> g.number_of_nodes(), g.number_of_edges()
        (18, 139)
        """
        spec = Projection._checked(
            {
                "weight": weight,
                "unit": unit,
                "min_weight": min_weight,
                "max_activity_size": max_activity_size,
                "pair_budget": pair_budget,
            },
            "project",
        )
        native = _args.call(
            "project",
            self._net.project,
            *spec.to_dict().values(),
            _args.threads(threads, "project"),
            progress=progress,
            desc="projecting",
        )
        return Graph._wrap(native, index=self.residents, network=self)

    def project_activities(
        self,
        *,
        weight: str = "count",
        min_weight: float | None = None,
        max_resident_activities: int | None = None,
        pair_budget: int | None = None,
        threads: int | None = None,
        progress: _progress.ProgressArg = None,
    ) -> Graph:
        """Projects onto activities: a tie between two activities for every resident who took
        part in both — which activities share their people.

        Parameters
        ----------
        weight
            "count" (shared residents), "newman" (Σ over shared residents of 1/(a_i − 1), a_i
            the resident's number of activities), "jaccard" or "overlap" (of the participant
            sets).
        min_weight
            Keep ties with weight ≥ this (inclusive).
        max_resident_activities
            Leave out residents in more activities than this (regulars who tie everything to
            everything).
        pair_budget, threads, progress
            As :meth:`project`.

        Returns
        -------
        Graph
            Undirected; every activity of this view is a node (index named ``activity``) with
            the activity attributes.

        Examples
        --------
        >>> import wijknet as wn
        >>> g = wn.datasets.davis_southern_women().project_activities()
        >>> g.number_of_nodes(), g.number_of_edges(), g.weight("E7", "E8")
        (14, 66, 8.0)
        """
        fn = "project_activities"
        _args.choice(weight, "weight", fn, _WEIGHTS)
        native = _args.call(
            fn,
            self._net.project_activities,
            weight,
            _args.real(min_weight, "min_weight", fn, none=True),
            _args.whole(max_resident_activities, "max_resident_activities", fn, none=True),
            _args.whole(pair_budget, "pair_budget", fn, none=True),
            _args.threads(threads, fn),
            progress=progress,
            desc="projecting activities",
        )
        return Graph._wrap(native, index=self.activities, network=self)

    # ---- tie layers ------------------------------------------------------------------------
    def with_ties(
        self,
        data: Any,
        *,
        source: str = "source",
        target: str = "target",
        layer: str = "support",
        directed: bool = True,
        weight: str | None = None,
        wave: str | None = None,
        respondents: Any = None,
        pseudonymise: str | bytes | None = None,
    ) -> Network:
        """A new Network with a tie layer from a survey (roster or name generator).

        One row per reported tie: ``source`` named ``target`` (e.g. "whom would you ask for
        help?"). Ids are matched with the register's residents; people named who never attended
        anything are kept as people of their own (they become nodes of the layer, with missing
        attributes and ``in_register`` False). Several layers (support types, "met here") each
        get a name; a ``wave`` column keeps survey waves apart within one layer.

        Parameters
        ----------
        data
            pandas/polars/pyarrow table or dict of columns.
        source, target
            Columns with who reported the tie and whom it is to.
        layer
            The layer's name (``"co-participation"`` and ``"co-organising"`` are taken by the
            derived layers).
        directed
            Whether a tie points from ``source`` to ``target`` (a nomination). Undirected:
            a–b and b–a are one tie.
        weight
            A column of tie strengths (≥ 0, bigger = closer); None = unweighted.
        wave
            A column of wave labels (e.g. 2025, "baseline"); :meth:`layer` then takes ``wave=``.
        respondents
            Everyone who answered, including those who named nobody (ids, or a boolean Series
            indexed by id). With it, "no tie" (asked, named nobody) and "not asked" differ: ego
            and support measures give NaN for people who were not asked. None: not recorded
            (every node counts as asked).
        pseudonymise
            The key the register was pseudonymised with: the survey's raw ids are pseudonymised
            the same way before they are matched.

        Returns
        -------
        Network
            The same view with the layer added. Rows repeating a tie already given are combined
            (largest weight) and counted in a warning; nothing is dropped silently.

        Raises
        ------
        ColumnNotFoundError
            A named column is missing.
        InputError
            A missing id, a tie from a person to themself, a bad weight, ids of another type
            than the register's — naming the row.
        ArgumentError
            A taken layer name.

        Examples
        --------
        >>> import wijknet as wn
        >>> net = wn.datasets.davis_southern_women()
        >>> survey = {"ego": ["Evelyn Jefferson", "Laura Mandeville", "Laura Mandeville"],
        ...           "alter": ["Laura Mandeville", "Evelyn Jefferson", "neighbour Piet"]}
        >>> net = net.with_ties(survey, source="ego", target="alter", layer="support",
        ...                     respondents=["Evelyn Jefferson", "Laura Mandeville", "Ruth DeSand"])
        >>> net.layers
        ['support', 'co-participation', 'co-organising']
        >>> g = net.layer("support")
        >>> g.number_of_nodes(), g.number_of_edges(), g.is_directed()
        (19, 3, True)
        >>> wn.reciprocity(g)  # Piet was not asked, so his missing tie back does not count
        1.0
        >>> round(wn.share_nobody_to_ask(g), 3)  # among the 3 respondents: Ruth named nobody
        0.333
        """
        if not isinstance(layer, str) or not layer:
            raise ArgumentError(f'layer={layer!r} must be a non-empty name, e.g. layer="support"')
        reg_ids = self._all_residents()
        cols = _ingest.tie_columns(
            data,
            source=source,
            target=target,
            weight=weight,
            wave=wave,
            respondents=respondents,
            register_ids_are_int=None if len(reg_ids) == 0 else reg_ids.dtype != object,
        )
        src, tgt, resp = cols.source, cols.target, cols.respondents
        if pseudonymise is not None:
            src = _ingest.pseudonymise_ids(src, pseudonymise)
            tgt = _ingest.pseudonymise_ids(tgt, pseudonymise)
            resp = None if resp is None else _ingest.pseudonymise_ids(resp, pseudonymise)
        native, report = self._net.with_ties(layer, bool(directed), src, tgt, cols.weight, cols.wave, resp)
        if report["repeated"]:
            _args.warn(
                f"{report['repeated']} of {report['rows']} rows repeated a tie already given "
                f"(same pair{'' if not directed else ' and direction'}"
                f"{' and wave' if wave is not None else ''}); each was combined with it "
                f"(largest weight kept)",
            )
        return Network(native)

    @property
    def layers(self) -> list:
        """Names of the tie layers: survey layers in the order added, then the derived
        ``"co-participation"`` (residents who share an activity) and ``"co-organising"``
        (residents who volunteer or organise in the same activity).

        Examples
        --------
        >>> import wijknet as wn
        >>> wn.datasets.davis_southern_women().layers
        ['co-participation', 'co-organising']
        """
        return list(self._net.layer_names())

    def layer_table(self) -> pd.DataFrame:
        """One row per survey layer: directed, weighted, ties, waves, respondents (None when
        not recorded).

        Examples
        --------
        >>> import wijknet as wn
        >>> net = wn.datasets.davis_southern_women().with_ties(
        ...     {"source": ["Evelyn Jefferson"], "target": ["Ruth DeSand"]}, layer="met here",
        ...     directed=False)
        >>> t = net.layer_table()
        >>> bool(t.loc["met here", "directed"]), int(t.loc["met here", "ties"])
        (False, 1)
        """
        rows = []
        for info in self._net.layer_info():
            rows.append(
                {
                    "layer": info["name"],
                    "directed": info["directed"],
                    "weighted": info["weighted"],
                    "ties": info["ties"],
                    "waves": None if info["waves"] is None else list(info["waves"]),
                    "respondents": info["respondents"],
                }
            )
        cols = ["directed", "weighted", "ties", "waves", "respondents"]
        return pd.DataFrame(rows, columns=["layer", *cols]).set_index("layer")

    def layer(
        self,
        name: str,
        *,
        wave: Any = None,
        threads: int | None = None,
        progress: _progress.ProgressArg = None,
    ) -> Graph:
        """A tie layer as a :class:`Graph`, so every measure of the library runs on it.

        Nodes are every resident of this view (in the order of :meth:`project`, so layers and
        projections of one view line up), then the people outside the register that this
        layer names or lists as respondents. Node attributes: the residents' attributes and
        ``in_register``. Survey layers are directed when added so and carry their respondents
        (:attr:`Graph.respondents`). Ties touching a resident that this view filtered or
        windowed out are left out.

        Parameters
        ----------
        name
            A name from :attr:`layers`: a survey layer, ``"co-participation"`` (the default
            projection, count of shared activities) or ``"co-organising"`` (residents who both
            volunteer or organise in an activity; count of such activities).
        wave
            The wave to take, for a layer with several waves (required then).

        Raises
        ------
        ArgumentError
            An unknown layer or wave (the message lists them).

        Examples
        --------
        >>> import wijknet as wn
        >>> net = wn.datasets.davis_southern_women()
        >>> net.layer("co-participation") == net.project()
        True
        """
        if not isinstance(name, str):
            raise ArgumentError(f"layer name must be a str, not {type(name).__name__}; see net.layers")
        native = _args.call(
            "layer",
            self._net.layer,
            name,
            _py_id(wave),
            _args.threads(threads, "layer"),
            progress=progress,
            desc="projecting",
        )
        if native.node_count == len(self.residents):
            index = self.residents
        else:
            index = _frames.to_index(native.node_ids(), "resident")
        return Graph._wrap(native, index=index, network=self)

    def pair_count(self, *, unit: str | None = None, max_activity_size: int | None = None) -> int:
        """Σ n(n−1)/2 over the units: an upper bound on the ties a projection creates.

        ``unit`` as :meth:`project` (None: "session" when the register has dates).

        Examples
        --------
        >>> import wijknet as wn
        >>> wn.datasets.davis_southern_women().pair_count()
        322
        """
        if unit is not None:
            _args.choice(unit, "unit", "pair_count", _UNITS)
        size = _args.whole(max_activity_size, "max_activity_size", "pair_count", none=True)
        return int(self._net.pair_count(unit, size))

    # ---- tables ---------------------------------------------------------------------------------
    def summary(self) -> pd.Series:
        """Counts of this view: residents, activities, sessions, attendances, duplicates
        found, date range and roles.

        Examples
        --------
        >>> import wijknet as wn
        >>> wn.datasets.davis_southern_women().summary()[["residents", "activities", "attendances"]].tolist()
        [18, 14, 89]
        """
        s = dict(self._net.summary())
        rng = s.pop("date_range")
        unit = self._net.date_unit
        first = last = None
        if rng is not None and unit is not None:
            d = _frames.dates_to_datetime(np.array(rng, dtype="int64"), unit)
            first, last = pd.Timestamp(d[0]), pd.Timestamp(d[1])
            if unit == "D":  # day dates print as dates, not midnight timestamps
                first, last = first.date(), last.date()
        out = {
            "residents": s["residents"],
            "activities": s["activities"],
            "sessions": s["sessions"],
            "attendances": s["attendances"],
            "participations": s["participations"],
            "input_rows": s["input_rows"],
            "duplicates_found": s["duplicates_found"],
            "first_date": first,
            "last_date": last,
            "participant": s["participant"],
            "volunteer": s["volunteer"],
            "organiser": s["organiser"],
        }
        return pd.Series(out, name="summary", dtype=object)

    def to_frame(self) -> pd.DataFrame:
        """The register (this view) as a table: resident, activity, date, session, role, count.

        ``date`` is present for dated registers, ``session`` when sessions were given.
        ``resident`` and ``activity`` are categorical, their categories in the network's
        order (of the whole register, for a view), and :meth:`from_attendance` interns a
        categorical id column in category order, so the table rebuilds an equal network.

        Examples
        --------
        >>> import wijknet as wn
        >>> net = wn.datasets.davis_southern_women()
        >>> net.to_frame().columns.tolist()
        ['resident', 'activity', 'role', 'count']
        >>> wn.Network.from_attendance(net.to_frame()) == net
        True
        """
        rows = self._net.rows()
        res, sess, role, count = rows["resident"], rows["session"], rows["role"], rows["count"]
        sess_act = self._net.session_activity()
        # categorical id columns carry the network's resident and activity order, which
        # from_attendance honours: Network.from_attendance(net.to_frame()) == net
        residents, activities = self._all_residents(), self._all_activities()
        data: dict = {
            "resident": pd.Categorical.from_codes(res.astype(np.int64), categories=residents),
            "activity": pd.Categorical.from_codes(sess_act[sess].astype(np.int64), categories=activities),
        }
        dates = self._net.session_date()
        if dates is not None:
            data["date"] = _frames.dates_to_datetime(dates[sess], self._net.date_unit or "D")
        labels = self._net.session_labels()
        if labels is not None:
            ids, codes = labels
            data["session"] = _frames.to_index(ids, "session")[codes[sess]].to_numpy()
        data["role"] = pd.Categorical.from_codes(role.astype("int8"), categories=list(_ingest.ROLES))
        data["count"] = count.astype("int64")
        return pd.DataFrame(data)

    def sessions(self) -> pd.DataFrame:
        """One row per session of the register: activity, date (if dated), session label."""
        sess_act = self._net.session_activity()
        data: dict = {"activity": self._all_activities()[sess_act].to_numpy()}
        dates = self._net.session_date()
        if dates is not None:
            data["date"] = _frames.dates_to_datetime(dates, self._net.date_unit or "D")
        labels = self._net.session_labels()
        if labels is not None:
            ids, codes = labels
            data["session"] = _frames.to_index(ids, "session")[codes].to_numpy()
        return pd.DataFrame(data)

    # ---- notebook and pickle manners ---------------------------------------------------------
    def __repr__(self) -> str:
        s = self._net.summary()
        view = " (view)" if self._net.is_view else ""
        return (
            f"<wijknet.Network{view}: {s['residents']:,} residents × {s['activities']:,} activities, "
            f"{s['attendances']:,} attendances>"
        )

    def _repr_html_(self) -> str:
        s = self.summary()
        rows = "".join(
            f"<tr><th style='text-align:left'>{html.escape(str(k))}</th><td>{html.escape(format_number(v))}</td></tr>"
            for k, v in s.items()
            if v is not None and not (isinstance(v, int) and v == 0 and k in ("duplicates_found",))
        )
        view = " (view)" if self._net.is_view else ""
        return f"<div><b>wijknet.Network{view}</b><table>{rows}</table></div>"

    def __reduce__(self) -> tuple:
        return (_network_from_bytes, (bytes(self._net.to_bytes()), dict(self.attrs)))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Network):
            return NotImplemented
        return bytes(self._net.to_bytes()) == bytes(other._net.to_bytes())

    __hash__ = None  # type: ignore[assignment]


def pseudonymise(net: Network, *, key: str | bytes) -> Network:
    """The same network with every resident id replaced by a keyed pseudonym.

    Pseudonyms are HMAC-SHA256 of the id under ``key`` (16 hex characters): stable for the same
    key, so registers pseudonymised separately with one key still join; the key is never
    stored. Equivalent to ``from_attendance(..., pseudonymise=key)``.

    Parameters
    ----------
    net
        The network.
    key
        The secret key (str or bytes).

    Returns
    -------
    Network
        The same register and layers with pseudonymised resident ids.

    Examples
    --------
    >>> import wijknet as wn
    >>> net = wn.pseudonymise(wn.datasets.davis_southern_women(), key="secret")
    >>> len(net.residents[0]), "Evelyn Jefferson" in net.residents
    (16, False)
    """
    if not isinstance(net, Network):
        raise ArgumentError(f"pseudonymise() takes a wijknet.Network, not {type(net).__name__}")
    ids = net._all_residents()
    ids = ids.tolist() if ids.dtype == object else ids.to_numpy()
    outside = net._net.outside_ids()  # people named in tie layers who are not in the register
    if outside is not None:
        ids = list(ids) + list(outside)
    return Network(net._net.with_resident_ids(_ingest.pseudonymise_ids(ids, key)))


def _network_from_bytes(data: bytes, attrs: Mapping[str, Any] | None = None) -> Network:
    net = Network(_native.Network.from_bytes(data))
    return net._with_attrs(**attrs) if attrs else net


def _check_projection(fields: Mapping[str, Any], fn: str) -> None:
    """ArgumentError naming ``fn`` for an invalid projection field."""
    _args.choice(fields.get("weight", "count"), "weight", fn, _WEIGHTS)
    if fields.get("unit") is not None:
        _args.choice(fields["unit"], "unit", fn, _UNITS)
    _args.real(fields.get("min_weight"), "min_weight", fn, none=True)
    _args.whole(fields.get("max_activity_size"), "max_activity_size", fn, none=True)
    _args.whole(fields.get("pair_budget"), "pair_budget", fn, none=True)


def _py_id(x: Any) -> Any:
    if isinstance(x, (np.integer,)):
        return int(x)
    return x


def read_attendance(
    path: Any,
    *,
    resident: str = "resident",
    activity: str = "activity",
    sep: str | None = None,
    sheet: str | int | None = None,
    header: int | None = None,
    encoding: str | None = None,
    fill_down: list[str] | None = None,
    **kwargs: Any,
) -> Network:
    """Reads an attendance register from a CSV/TSV/TXT file (optionally gzipped), a
    spreadsheet (``.xlsx``, ``.xlsm``, ``.xlsb``, ``.xls``, ``.ods``) or a Parquet file;
    keyword arguments are those of :meth:`Network.from_attendance`.

    What a file holds besides the register is taken off and reported in a warning, never
    silently: title rows above the header, empty rows and columns, a second table or a totals
    row below the register. Error messages name the file
    and the line (``file 'register.csv', line 17``) or the sheet and row as the spreadsheet
    program shows them (``file 'register.xlsx', sheet 'Blad1', row 17``). Id columns are read
    as text, so ids such as "0012" keep their leading zeros; a column of plain whole numbers
    becomes integer ids.

    Parameters
    ----------
    path
        The file.
    resident, activity
        Names of the id columns.
    sep
        The column separator of a text file (None: sniffed among comma, semicolon, tab and
        vertical bar, so a register exported from a Dutch spreadsheet with semicolons reads
        as it is). A UTF-8 byte-order mark is never kept in a column name.
    sheet
        The sheet of a spreadsheet: its name or 0-based number (None: the first sheet; a
        workbook with more sheets says so in a warning).
    header
        The 0-based row (line) holding the column names. None: the first row among the first
        30 that holds the named columns (``resident``, ``activity``, ``date``, ...), so title
        rows above it are skipped.
    encoding
        The text encoding of a text file. None: UTF-8, or Windows Western European (cp1252,
        what older Excel versions save) when the file is not valid UTF-8, with a warning.
    fill_down
        Columns whose empty cells take the value above them, as a spreadsheet with merged
        cells exports (one name, then empty cells for the rows it spans). The number of cells
        filled is reported in a warning.
    **kwargs
        The other keywords of :meth:`Network.from_attendance` (``date=``, ``role=``, ...).
        Numbers in the ``date`` column of a spreadsheet are read as Excel day numbers (the
        workbook's date system), unless ``date_unit=`` or ``origin=`` say otherwise.

    Returns
    -------
    Network
        The register.

    Examples
    --------
    >>> import wijknet as wn, tempfile, os
    >>> path = os.path.join(tempfile.mkdtemp(), "register.csv")
    >>> _ = open(path, "w").write("resident,activity\\nann,dance\\nbob,dance\\n")
    >>> wn.read_attendance(path).summary()["residents"]
    2
    >>> _ = open(path, "w", encoding="utf-8-sig").write("naam;activiteit\\nann;dans\\nbob;dans\\n")
    >>> wn.read_attendance(path, resident="naam", activity="activiteit").summary()["residents"]
    2

    A spreadsheet with a title above the header:

    >>> import openpyxl, warnings
    >>> book = openpyxl.Workbook()
    >>> book.active.append(["Presentielijst buurthuis 2025"])
    >>> book.active.append([])
    >>> for row in [["naam", "activiteit"], ["ann", "dans"], ["bob", "dans"]]:
    ...     book.active.append(row)
    >>> xlsx = os.path.join(os.path.dirname(path), "register.xlsx")
    >>> book.save(xlsx)
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     net = wn.read_attendance(xlsx, resident="naam", activity="activiteit")
    >>> net.summary()["residents"]
    2
    >>> print(caught[0].message)  # doctest: +ELLIPSIS
    file '...register.xlsx', sheet 'Sheet': rows 1-2 above the header were skipped (a title: 'Presentielijst buurthuis 2025'); ...
    """
    id_columns = [resident, activity] + ([kwargs["session"]] if kwargs.get("session") else [])
    date = kwargs.get("date")
    serials = date is not None and kwargs.get("date_unit") is None and kwargs.get("origin") is None
    df = _ingest.read_table(
        path,
        columns=None,
        ids=id_columns,
        dates=[date] if serials else None,
        sep=sep,
        sheet=sheet,
        header=header,
        encoding=encoding,
        fill_down=fill_down,
    )
    meta = df.attrs.get("wijknet", {})
    read_notes = list(meta.get("notes", ()))
    for note in read_notes:
        _args.warn(note)
    try:
        net = Network.from_attendance(df, resident=resident, activity=activity, _source=str(path), **kwargs)
    except InputError as e:
        hint = [c for c in meta.get("blanks_under_values", ()) if repr(c) in str(e)]
        if hint and e.args:
            names = ", ".join(repr(c) for c in hint)
            e.args = (
                f"{e.args[0]}; if the file comes from a spreadsheet with merged cells in column "
                f"{names} (one value, then empty cells below it), give fill_down=[{names}] to fill "
                "each empty cell with the value above",
                *e.args[1:],
            )
        raise
    if read_notes:
        net._cache["notes"] = read_notes + list(net._cache.get("notes", ()))
    return net
