"""`Network`: an attendance register (residents × activities) and views on it."""

from __future__ import annotations

import html
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Literal, overload

import numpy as np
import pandas as pd

from . import _args, _files, _frames, _ingest, _problems, _progress, _register_pieces, _signin
from . import _wijknet as _native
from ._errors import ArgumentError, InputError
from ._results import format_number
from .graph import Graph

if TYPE_CHECKING:  # pragma: no cover
    import networkx
    import polars
    import pyarrow

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
        dayfirst: bool | None = None,
        date_format: str | None = None,
        locale: str | None = None,
        duplicates: str = "count",
        roles: Mapping[str, str] | None = None,
        pseudonymise: str | bytes | None = None,
        clean_ids: bool | str = True,
        merge: Mapping[Any, Any] | pd.DataFrame | None = None,
        progress: _progress.ProgressArg = None,
        _source: str | None = None,
        _counts: bool = False,
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
            Optional date column: datetime64, ``datetime.date``, text dates, or numbers with
            ``date_unit`` and ``origin``. A session is (activity, date) unless ``session`` is given.
            Text dates may be ISO ("2025-03-07"), day-month-year ("07-03-2025", "7/3/2025",
            "7.3.25", see ``dayfirst``) or written with English or Dutch month names ("7 maart
            2025", "07-mrt-2025", "maandag 7 maart 2025", "Mar 7, 2025").
        session
            Optional session column overriding the date as what distinguishes occurrences.
        role
            Optional role column. "participant", "volunteer" and "organiser" (also "organizer",
            and the Dutch "deelnemer", "vrijwilliger" and "organisator", in any case) are read
            as they are; other labels are mapped with ``roles`` to "participant",
            "volunteer" or "organiser".
        date_unit
            "D", "s" or "ms": stored resolution (inferred when omitted; never loses time of day).
        origin
            Epoch for numeric dates (default 1970-01-01).
        dayfirst
            How numeric text dates such as "07-03-2025" are read: True day first (7 March),
            False month first (July 3), None (default) decided from the dates: a column with
            "21-03-2025" is day first (21 cannot be a month), and a column in which every date
            reads both ways is refused with the fix.
        date_format
            A format every text date is written in, e.g. ``"%d-%m-%Y"`` for "07-03-2025" or
            ``"%d %B %Y"`` for "7 maart 2025"; it wins over ``dayfirst`` and ISO.
        locale
            ``"nl"`` or ``"en"``: read month and weekday names of that language only (None,
            the default, reads both).
        duplicates
            What a repeated (resident, session) row means: "count" (default; counted as an
            extra attendance), "drop" (kept once) or "error". Repeated rows are always
            reported: a warning, and ``duplicates_found`` in :meth:`summary`.
        roles
            Mapping from your labels to canonical roles, e.g. ``{"bezoeker": "participant",
            "trekker": "organiser"}``.
        pseudonymise
            A secret key: ids are replaced by keyed HMAC-SHA256 pseudonyms on import (the key
            is never stored). Warnings then give counts, never names.
        clean_ids
            True (default): text ids (resident, activity, session) lose surrounding spaces
            and inner runs of spaces (tabs, non-breaking spaces) become one space, so
            ``'Eve '`` and ``'Eve'`` are one resident; letter case is kept. ``"case"`` also
            merges ids that differ only in letter case (keeping the spelling on most rows).
            False keeps ids exactly as given. Every change is reported in a warning and
            counted in ``attrs["read"]``. Text that is empty or only spaces is never an id.
        merge
            Residents to merge, your decisions: a dict ``{variant: id to keep}`` or the table
            from :func:`wijknet.suggest_merges` with ``merge`` set to True on the pairs that are
            one person (``name`` is merged into ``other``, or into ``keep`` where the table has
            a ``keep`` column). Names are matched after cleaning; chains (a → b, b → c) end at
            the last name. Reported in a warning and counted in ``attrs["read"]``.
        progress
            None (a bar for long calls), False, or a callable(done, total). It counts the
            table's rows: half of them once the columns are read, all of them once the register
            is built.

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
        ArgumentError
            An invalid option; ``merge`` naming a resident that is not in the register, going
            round in a circle, or merging one group into two names.

        Examples
        --------
        >>> import pandas as pd, wijknet as wn
        >>> df = pd.DataFrame({"resident": [1, 2, 1], "activity": ["yoga", "yoga", "dance"],
        ...                    "date": ["2025-01-06", "2025-01-06", "2025-01-10"]})
        >>> net = wn.Network.from_attendance(df, date="date")
        >>> net.summary()["sessions"]
        2

        Dates as a Dutch spreadsheet writes them:

        >>> df["date"] = ["06-01-2025", "6 jan 2025", "10 januari 2025"]
        >>> net = wn.Network.from_attendance(df, date="date", dayfirst=True)
        >>> str(net.summary()["last_date"])
        '2025-01-10'

        Stray spaces are removed, and you decide which names are one person:

        >>> df = pd.DataFrame({"resident": ["Eve", "Eve ", "Jan de Vries", "J. de Vries"],
        ...                    "activity": ["yoga", "dance", "yoga", "dance"]})
        >>> import warnings
        >>> with warnings.catch_warnings(record=True) as caught:
        ...     warnings.simplefilter("always")
        ...     net = wn.Network.from_attendance(df, merge={"J. de Vries": "Jan de Vries"})
        >>> for w in caught: print(w.message)
        1 resident name differed only by spaces from another and was merged: 'Eve ' → 'Eve'; to keep them apart, pass clean_ids=False
        1 resident name was merged as merge= asks: 'J. de Vries' → 'Jan de Vries'
        >>> net.residents.tolist(), net.attrs["read"]["ids_merged"]
        (['Eve', 'Jan de Vries'], 2)
        """
        _args.choice(duplicates, "duplicates", "from_attendance", ("count", "drop", "error"))
        with _args.progress(progress, "building the register") as bar:
            cols = _ingest.attendance_columns(
                data,
                resident=resident,
                activity=activity,
                date=date,
                session=session,
                role=role,
                date_unit=date_unit,
                origin=origin,
                dayfirst=dayfirst,
                date_format=date_format,
                locale=locale,
                roles=roles,
                source=_source,
                redact=pseudonymise is not None,
                clean_ids=clean_ids,
                merge=merge,
            )
            resident_ids, activity_ids = cols.resident_ids, cols.activity_ids
            if pseudonymise is not None:
                resident_ids = _ingest.pseudonymise_ids(resident_ids, pseudonymise)
            rows = len(cols.resident_codes)
            build = None if bar is None else _SecondHalf(bar, rows)
            if bar is not None:
                bar(rows // 2, rows)
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
                progress=build,
            )
            if bar is not None and build is not None and not build.ended:
                bar(rows, rows)
        return cls._built(
            native,
            list(cols.notes),
            cols.read,
            duplicates=duplicates,
            dated=date is not None or session is not None,
            counts=_counts,
            pseudonymised=pseudonymise is not None,
        )

    @classmethod
    def _built(
        cls,
        native: _native.Network,
        notes: list,
        read: Mapping[str, Any],
        *,
        duplicates: str,
        dated: bool,
        counts: bool = False,
        pseudonymised: bool = False,
    ) -> Network:
        """The network of a native register just built, its notes warned and its read report
        in ``attrs``."""
        net = cls(native)
        # A register built from counts (sign-in marks, incidence cells) repeats rows on purpose.
        repeated = 0 if counts else int(native.duplicates_found)
        if repeated:
            notes.append(_repeated_rows(repeated, duplicates, dated=dated))
        if notes:
            net._cache["notes"] = notes
            for note in notes:
                _args.warn(note)
        attrs: dict[str, Any] = {"read": {**read, "rows_repeated": repeated}}
        if pseudonymised:
            attrs["pseudonymised"] = True
        return net._with_attrs(**attrs)

    @classmethod
    def from_signin_sheet(
        cls,
        data: Any,
        *,
        resident: str = "resident",
        activity: Any = None,
        sessions: Sequence | None = None,
        ignore: Sequence | None = None,
        marks: Mapping | Sequence | None = None,
        absent: Sequence | None = None,
        dayfirst: bool | None = None,
        date_format: str | None = None,
        _source: str | None = None,
        **kwargs: Any,
    ) -> Network:
        """Builds a network from a sign-in sheet: one row per person, one column per date or
        session, a mark where the person was there.

        Parameters
        ----------
        data
            One sheet (a pandas or polars DataFrame, a pyarrow Table or a dict of columns), or
            a dict ``{activity: sheet}`` with one sheet per activity (the key is the activity).
        resident
            The column with the names (or ids) of the people. A DataFrame whose index has
            this name works too.
        activity
            For one sheet: either the name of a column holding each row's activity (when the
            sheet holds several activities), or else the activity's name for the whole sheet,
            e.g. ``activity="dans"``. For a dict of sheets: leave it out (the key is the
            activity), or name a column that every sheet has.
        sessions
            The session columns. Default: every column other than ``resident``, the activity
            column, the ``role=`` column and the columns in ``ignore``.
        ignore
            Columns that are not sessions, e.g. ``["telefoon", "opmerking"]``.
        marks
            Marks of your own, added to the defaults: a dict from a mark to its meaning, True
            (attended), False (not attended) or a number of attendances, e.g.
            ``{"+": True, "2x": 2}``; or a list of marks that mean attended.
        absent
            Values that mean "not attended", added to the defaults, e.g. ``["ziek"]``.
        dayfirst
            Whether dates in the headers such as ``07-03-2025`` put the day first. None: decided
            from the headers (a first number above 12 is a day); when every header could be
            read either way, the error asks.
        date_format
            The format of the date headers, e.g. ``"%d-%m-%Y"`` (``pd.to_datetime`` codes).
        **kwargs
            Other keywords of :meth:`from_attendance`: ``role=`` (a column of the sheet with
            each person's role), ``roles=``, ``pseudonymise=``, ``duplicates=``.

        Returns
        -------
        Network
            The register: one attendance per mark. Headers that are dates give a dated
            register (``date``); other headers ("week 1", "sessie 3") are session labels
            (``session``), undated.

        Raises
        ------
        InputError
            Every problem of the sheets at once, by kind, each with where it is (sheet, row,
            column) and the fix: marks that are not known, names missing on rows with marks,
            headers that are not dates beside headers that are, dates that could be day or
            month first, columns or rows of totals.
        ArgumentError
            No activity for a single sheet, or options that do not fit together.

        Notes
        -----
        Attended: ``x``, ``✓``, ``✔``, ``v``, ``1``, ``ja``, ``yes``, ``aanwezig`` (any case),
        a time of day (``19:30``, a ``datetime.time``) or a moment of signing in (a datetime),
        ``True``, or a whole number n from 1 to 99, which counts n attendances at that session.
        Not attended: an empty cell, ``0``, ``-``, ``nee``, ``no``, ``afwezig``, ``False``.
        Anything else is refused, all values at once.

        Left out, with a warning that counts them: people on the sheet without any mark (a
        resident needs an attendance), rows without a name or a mark, and columns without
        any mark (a session nobody attended).

        Examples
        --------
        >>> import pandas as pd, wijknet as wn
        >>> sheet = pd.DataFrame({"naam": ["Ann", "Bob", "Cas"],
        ...                       "07-03-2025": ["x", "x", None],
        ...                       "14-03-2025": ["✓", None, "19:30"]})
        >>> net = wn.Network.from_signin_sheet(sheet, resident="naam", activity="dans")
        >>> net.to_frame()[["resident", "activity", "date"]]
          resident activity       date
        0      Ann     dans 2025-03-07
        1      Ann     dans 2025-03-14
        2      Bob     dans 2025-03-07
        3      Cas     dans 2025-03-14
        """
        for name in ("date", "session"):
            if name in kwargs:
                raise ArgumentError(
                    f"from_signin_sheet() takes the {name}s from the column headers; leave {name}= out"
                )
        role = kwargs.get("role")
        redact = kwargs.get("pseudonymise") is not None
        register, kind, notes = _signin.signin_register(
            data,
            resident=resident,
            activity=activity,
            sessions=sessions,
            ignore=ignore,
            marks=marks,
            absent=absent,
            dayfirst=dayfirst,
            date_format=date_format,
            role=role,
            source=_source,
            redact=redact,
        )
        for note in notes:
            _args.warn(note)
        if role is not None:
            kwargs["role"] = "role"
        kwargs[kind] = kind  # the long register's "date" or "session" column
        return cls.from_attendance(register, _counts=True, **kwargs)

    @classmethod
    def from_incidence(
        cls,
        matrix: Any,
        *,
        residents: Sequence | None = None,
        activities: Sequence | None = None,
        pseudonymise: str | bytes | None = None,
        duplicates: str = "count",
    ) -> Network:
        """Builds a network from an incidence matrix: residents × activities, each cell the
        number of times the resident attended the activity.

        Parameters
        ----------
        matrix
            A pandas DataFrame (index: resident ids, columns: activity ids), a 2-dimensional
            NumPy array, or a SciPy sparse matrix or array. Cells are whole numbers ≥ 0:
            0 is never, n counts n attendances.
        residents, activities
            The ids of the rows and columns of an array or sparse matrix (default 0, 1, ...).
            A DataFrame carries its own ids.
        pseudonymise, duplicates
            As in :meth:`from_attendance`. A cell of n > 1 counts as n rows of the same
            (resident, activity), so ``duplicates="drop"`` keeps one of them.

        Returns
        -------
        Network
            An undated register, residents and activities in the matrix's order. Each activity
            is one session.

        Raises
        ------
        InputError
            Cells that are empty (NaN), negative, fractions or not numbers, all listed at
            once with their row and column; ids missing or repeated.

        Notes
        -----
        A resident (row) or activity (column) without any attendance cannot be in the
        network; they are left out with a warning that counts them.

        Examples
        --------
        >>> import pandas as pd, wijknet as wn
        >>> m = pd.DataFrame({"dans": [1, 2, 0], "yoga": [0, 1, 1]}, index=["ann", "bob", "cas"])
        >>> net = wn.Network.from_incidence(m)
        >>> net
        <wijknet.Network: 3 residents × 2 activities, 4 attendances>
        >>> wn.degree(net.project()).tolist()
        [1, 2, 1]
        """
        register, notes = _signin.incidence_register(matrix, residents=residents, activities=activities)
        for note in notes:
            _args.warn(note)
        return cls.from_attendance(register, pseudonymise=pseudonymise, duplicates=duplicates, _counts=True)

    # ---- attributes -------------------------------------------------------------------------
    def with_resident_attributes(
        self, data: Any, *, on: str = "resident", pseudonymise: str | bytes | None = None
    ) -> Network:
        """A copy with resident attributes (one row per resident; typed columns).

        Columns other than ``on`` become attributes: strings/categories are categorical,
        numbers numeric, booleans boolean. Residents missing from the table get missing values.
        For a register imported with ``pseudonymise=key``, give the same key here: the table's
        raw ids are pseudonymised before joining, and no message shows an id (rows only).

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
        redact = pseudonymise is not None or bool(self.attrs.get("pseudonymised"))
        a = _ingest.attribute_columns(data, on=on, kind="resident", redact=redact)
        ids = a.ids
        if pseudonymise is not None:
            ids = _ingest.pseudonymise_ids(ids, pseudonymise)
        if redact:
            _unknown_rows(ids, self._all_residents(), on, pseudonymise is None)
        return self._derived(self._net.with_resident_attributes(on, ids, a.columns))

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
        return self._derived(self._net.with_activity_attributes(on, a.ids, a.columns, flags))

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
    def nbytes(self) -> int:
        """The memory the register holds, in bytes (as numpy's and pandas' ``nbytes``): its
        ids, sessions and attendance rows. Views and ``with_*`` copies share this memory;
        attributes, tie layers and cached projections are not counted.

        Examples
        --------
        >>> import wijknet as wn
        >>> wn.datasets.davis_southern_women().nbytes > 0
        True
        """
        return int(self._net.nbytes)

    @property
    def attrs(self) -> Mapping[str, Any]:
        """What made this network, read-only, like pandas' ``.attrs``: the read report, and
        the seed of a randomised network. Kept when pickled and by views and ``with_*`` copies.

        ``attrs["read"]`` (a network read from a table or file) is a plain dict of counts of
        what reading changed: ``ids_cleaned`` (distinct ids changed by the whitespace or case
        rule of ``clean_ids=``), ``ids_merged`` (how many ids fewer the register has because
        ids were merged, by ``clean_ids=`` or ``merge=``), ``rows_repeated`` (rows repeating
        an earlier row of the same resident and session) and, for files, the rows the file
        reader dropped (such as ``empty_rows_dropped``). :meth:`summary` shows them.

        ``attrs["seed"]``: a randomised network (:func:`wijknet.null.curveball`) records the
        seed it was drawn with, so it can be drawn again.

        Examples
        --------
        >>> import pandas as pd, wijknet as wn
        >>> df = pd.DataFrame({"resident": ["ann", "ann", "bob"], "activity": ["yoga"] * 3})
        >>> import warnings
        >>> with warnings.catch_warnings():
        ...     warnings.simplefilter("ignore")
        ...     net = wn.Network.from_attendance(df)
        >>> net.attrs["read"]
        {'ids_cleaned': 0, 'ids_merged': 0, 'rows_repeated': 1}
        >>> rnd = wn.null.curveball(wn.datasets.davis_southern_women(), seed=7)
        >>> rnd.attrs["seed"]
        7
        """
        return MappingProxyType(self._cache.get("attrs", {}))

    def _with_attrs(self, **attrs: Any) -> Network:
        """This network with ``attrs`` recorded (for functions that make networks)."""
        self._cache["attrs"] = dict(attrs)
        return self

    def _derived(self, native: _native.Network) -> Network:
        """A network made from this one's register (a view, a ``with_*`` copy): it keeps
        ``attrs``, each dict in it copied."""
        net = Network(native)
        if self.attrs:
            net._with_attrs(**{k: dict(v) if isinstance(v, dict) else v for k, v in self.attrs.items()})
        return net

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
        return self._derived(
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
        return self._derived(
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
        if pseudonymise is None and self.attrs.get("pseudonymised") and len(src):
            known = pd.Index(list(src) + list(tgt)).isin(reg_ids)
            if not known.any():
                raise ArgumentError(
                    f"with_ties(): none of the {len(src)} ties names a resident of the register, "
                    "which was pseudonymised; give the same key (pseudonymise=key) so the survey's "
                    "ids are pseudonymised too"
                )
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
        return self._derived(native)

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
        found, date range and roles, and what reading the register changed: ``ids_cleaned``
        and ``ids_merged`` (0 when nothing changed) and any other count of ``attrs["read"]``
        (see :attr:`attrs`).

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
        read = dict(self.attrs.get("read", {}))
        read.pop("rows_repeated", None)  # the register's own count: duplicates_found
        out["ids_cleaned"] = read.pop("ids_cleaned", 0)
        out["ids_merged"] = read.pop("ids_merged", 0)
        out.update(read)
        return pd.Series(out, name="summary", dtype=object)

    @overload
    def to_frame(self, *, backend: Literal["pandas"] = "pandas") -> pd.DataFrame: ...
    @overload
    def to_frame(self, *, backend: Literal["polars"]) -> polars.DataFrame: ...
    @overload
    def to_frame(self, *, backend: Literal["pyarrow"]) -> pyarrow.Table: ...
    def to_frame(self, *, backend: _frames.Backend = "pandas") -> Any:
        """The register (this view) as a table: resident, activity, date, session, role, count.

        ``date`` is present for dated registers, ``session`` when sessions were given.
        ``resident`` and ``activity`` are categorical, their categories in the network's
        order (of the whole register, for a view), and :meth:`from_attendance` interns a
        categorical id column in category order, so the table rebuilds an equal network.

        Parameters
        ----------
        backend
            ``"pandas"`` (the default), ``"polars"`` or ``"pyarrow"``: the table library. The
            columns are the same in each; categorical columns become polars ``Categorical`` and
            Arrow dictionary columns. ``polars.DataFrame(net)`` and ``pyarrow.table(net)`` read
            the same table through the Arrow stream (``__arrow_c_stream__``).

        Returns
        -------
        pandas.DataFrame, polars.DataFrame or pyarrow.Table
            The type follows ``backend`` and nothing else.

        Examples
        --------
        >>> import wijknet as wn
        >>> net = wn.datasets.davis_southern_women()
        >>> net.to_frame().columns.tolist()
        ['resident', 'activity', 'role', 'count']
        >>> wn.Network.from_attendance(net.to_frame()) == net
        True
        >>> net.to_frame(backend="pyarrow").num_rows
        89
        """
        return _frames.convert(self._frame(), backend, "Network.to_frame")

    def __arrow_c_stream__(self, requested_schema: object | None = None) -> object:
        """The register (``to_frame(backend="pyarrow")``) as an Arrow PyCapsule stream:
        ``polars.DataFrame(net)``, ``pyarrow.table(net)`` and DuckDB read it directly."""
        return _frames.arrow_stream(self._frame(), requested_schema)

    def _frame(self) -> pd.DataFrame:
        """The register as a pandas DataFrame (what :meth:`to_frame` converts)."""
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
            if v is not None and not (isinstance(v, int) and v == 0 and k in _ZERO_HIDDEN)
        )
        view = " (view)" if self._net.is_view else ""
        return f"<div><b>wijknet.Network{view}</b><table>{rows}</table></div>"

    def __reduce__(self) -> tuple:
        return (_network_from_bytes, (bytes(self._net.to_bytes()), dict(self.attrs)))

    def save(self, path: str | os.PathLike) -> None:
        """Saves the network to a file; :func:`wijknet.load` reads it back.

        The file holds the register, attributes, tie layers, the view (window or filter) and
        :attr:`attrs`, in wijknet's versioned format with a checksum (see the guide's "Saving
        an analysis"). It is written atomically: a crash while saving leaves the old file (or
        none), never half a file. Name it ``*.wijknet`` by convention. A new file is readable by
        you only, as it holds personal data.

        Parameters
        ----------
        path
            The file to write (a str or a path); an existing file is replaced.

        Returns
        -------
        None

        Raises
        ------
        DataFileNotFoundError
            The folder does not exist.

        Examples
        --------
        >>> import os, tempfile
        >>> import wijknet as wn
        >>> path = os.path.join(tempfile.mkdtemp(), "davis.wijknet")
        >>> net = wn.datasets.davis_southern_women()
        >>> net.save(path)
        >>> wn.load(path) == net
        True
        """
        from . import _persist

        _persist.save(self, path)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Network):
            return NotImplemented
        return bytes(self._net.to_bytes()) == bytes(other._net.to_bytes())

    __hash__ = None  # type: ignore[assignment]

    # ---- other tools ----------------------------------------------------------------------------
    def to_networkx(self) -> networkx.Graph:
        """The two-mode graph as a networkx Graph: residents and activities are nodes, an edge
        joins a resident to each activity they attended.

        Nodes carry the ``bipartite`` attribute networkx's bipartite functions expect (0 for
        residents, 1 for activities), the resident or activity attributes (a missing value is
        left out) and, for residents, ``role``: the highest role they had (participant,
        volunteer, organiser). Edges carry ``attendances`` (how often the resident came; also
        as ``weight``), ``role`` (their highest role in that activity) and, for a dated
        register, ``first_date`` and ``last_date`` (pandas Timestamps). Node keys are the ids;
        when a resident and an activity share an id, keys become ``("resident", id)`` and
        ``("activity", id)``. A view gives its own residents, activities and attendances.

        Returns
        -------
        networkx.Graph
            Residents first, then activities, each in the network's order.

        Examples
        --------
        >>> import networkx as nx, wijknet as wn
        >>> net = wn.datasets.davis_southern_women()
        >>> B = net.to_networkx()
        >>> B.number_of_nodes(), B.number_of_edges()
        (32, 89)
        >>> B.nodes["E1"]["bipartite"], B["Evelyn Jefferson"]["E1"]["attendances"]
        (1, 1)
        >>> nx.bipartite.is_bipartite_node_set(B, list(net.residents))
        True
        """
        import networkx as nx

        residents, activities = self.residents, self.activities
        rows = self._net.rows()
        sess_act = self._net.session_activity()
        data = {
            "resident": rows["resident"].astype(np.int64),
            "activity": sess_act[rows["session"]].astype(np.int64),
            "attendances": rows["count"].astype(np.int64),
            "role": rows["role"].astype(np.int64),
        }
        how: dict = {"attendances": "sum", "role": "max"}
        dates = self._net.session_date()
        if dates is not None:
            d = _frames.dates_to_datetime(dates[rows["session"]], self._net.date_unit or "D")
            data["first_date"] = data["last_date"] = d
            how.update(first_date="min", last_date="max")
        pairs = pd.DataFrame(data).groupby(["resident", "activity"], sort=False).agg(how).reset_index()
        res_all, act_all = self._all_residents(), self._all_activities()
        overlap = len(residents.intersection(activities)) > 0

        def keys(index: pd.Index, kind: str) -> list:
            ids = index.tolist()
            return [(kind, x) for x in ids] if overlap else ids

        role_names = list(_ingest.ROLES)
        top = pairs.groupby("resident", sort=False)["role"].max()
        res_keys = keys(residents, "resident")
        res_attrs = _node_dicts(self.resident_attributes().loc[residents])
        res_pos = res_all.get_indexer(residents)
        for a, pos in zip(res_attrs, res_pos, strict=True):
            a["bipartite"] = 0
            if pos in top.index:
                a.setdefault("role", role_names[int(top[pos])])
        act_attrs = _node_dicts(self.activity_attributes().loc[activities])
        for a in act_attrs:
            a["bipartite"] = 1
        B = nx.Graph()
        B.add_nodes_from(zip(res_keys, res_attrs, strict=True))
        B.add_nodes_from(zip(keys(activities, "activity"), act_attrs, strict=True))
        src = keys(res_all[pairs["resident"].to_numpy()], "resident")
        tgt = keys(act_all[pairs["activity"].to_numpy()], "activity")
        pairs["weight"] = pairs["attendances"]
        pairs["role"] = np.asarray(role_names, dtype=object)[pairs["role"].to_numpy()]
        attrs = pairs.drop(columns=["resident", "activity"])
        if dates is not None:
            for c in ("first_date", "last_date"):
                attrs[c] = attrs[c].astype(object)  # pandas Timestamps, one per edge
        B.add_edges_from(zip(src, tgt, attrs.to_dict("records"), strict=True))
        return B


#: Summary entries the notebook view leaves out when they are 0 (nothing happened).
_ZERO_HIDDEN = ("duplicates_found", "ids_cleaned", "ids_merged", "empty_rows_dropped")


class _SecondHalf:
    """The native register build's progress (rows built of all rows) as the second half of
    :meth:`Network.from_attendance`'s, whose first half is reading the columns."""

    def __init__(self, bar: Any, rows: int) -> None:
        self.bar, self.rows, self.half = bar, rows, rows // 2
        self.ended = False

    def __call__(self, done: int, total: int) -> object:
        at = self.half + (self.rows - self.half) * done // total if total else self.half
        self.ended = at == self.rows
        return self.bar(at, self.rows)


def _repeated_rows(n: int, duplicates: str, *, dated: bool) -> str:
    """The warning about rows repeating an earlier row of the same resident and session."""
    unit = "session" if dated else "activity"
    same = f"the same resident at the same {unit} as an earlier row"
    if duplicates == "drop":
        return (
            f"{n} repeated {'row' if n == 1 else 'rows'} ({same}) {'was' if n == 1 else 'were'} "
            f"dropped, each attendance kept once (duplicates='drop'); pass duplicates='count' to "
            "count them as extra attendances"
        )
    return (
        f"{n} {'row repeats' if n == 1 else 'rows repeat'} an earlier row for the same resident and "
        f"{unit}; {'it was counted as an extra attendance' if n == 1 else 'they were counted as extra attendances'} "
        "(duplicates='count'); pass duplicates='drop' to keep each once, or duplicates='error' "
        "to find them"
    )


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
    out = net._derived(net._net.with_resident_ids(_ingest.pseudonymise_ids(ids, key)))
    return out._with_attrs(**{**out.attrs, "pseudonymised": True})


def _unknown_rows(ids: Any, residents: pd.Index, on: str, no_key: bool) -> None:
    """InputError naming the rows (never the ids) of a table whose ids are not residents of a
    pseudonymised register."""
    from ._errors import InputError

    values = list(ids)
    known = residents.isin(values)
    missing = [i for i, hit in enumerate(pd.Index(values).isin(residents)) if not hit]
    if not missing:
        return
    rows = ", ".join(str(i) for i in missing[:5]) + (" ..." if len(missing) > 5 else "")
    hint = (
        " The register was pseudonymised: give the same key (pseudonymise=key) so the table's "
        "ids are pseudonymised too."
        if no_key and not known.any()
        else " Remove those rows or check the ids (with the key the register was pseudonymised with)."
    )
    raise InputError(
        f"column {on!r}: {len(missing)} of {len(values)} rows name residents who are not in the "
        f"register (rows {rows}; ids are not shown because the register is pseudonymised).{hint}"
    )


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
    dayfirst: bool | None = None,
    date_format: str | None = None,
    locale: str | None = None,
    progress: _progress.ProgressArg = None,
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

    A large text or Parquet file is read piece by piece (blocks of 4 megabytes, batches of
    125,000 rows): each piece is checked and turned into codes, then let go, so the file's
    table is never held whole beside the register. A problem is reported for the first piece
    that has it.

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
    dayfirst, date_format, locale
        How text dates are read, as in :meth:`Network.from_attendance`: ``dayfirst=True``
        reads "07-03-2025" as 7 March, ``date_format="%d-%m-%Y"`` gives the format, and
        ``locale="nl"`` reads Dutch month names only ("7 maart 2025").
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
    progress
        A progress bar while a large file is read (tqdm's, in Jupyter and in a terminal):
        None (the default) shows it once reading takes more than a second, False never,
        True at once; a callable receives ``(done, total)``: the rows of a Parquet file or
        the bytes of a text file read so far.
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
    unknown = sorted(set(kwargs) - _ATTENDANCE_OPTIONS)
    if unknown:
        raise TypeError(f"read_attendance() got an unexpected keyword argument {unknown[0]!r}")
    duplicates = kwargs.get("duplicates", "count")
    _args.choice(duplicates, "duplicates", "from_attendance", ("count", "drop", "error"))
    bar = _progress.callback(progress, "reading " + os.path.basename(os.fspath(path)))
    options: dict[str, Any] = {
        "sep": sep,
        "sheet": sheet,
        "header": header,
        "encoding": encoding,
        "fill_down": fill_down,
    }
    metas: list = []
    try:
        needed = [c for c in [*id_columns, date, kwargs.get("role")] if c is not None]
        kind, pieces = _files.read_table_pieces(
            path, ids=id_columns, dates=[date] if serials else None, progress=bar, needed=needed, **options
        )
        try:
            native, notes, read = _build_pieces(
                pieces, kind, resident, activity, dayfirst, date_format, locale, path, metas, kwargs
            )
        except _files.ReadAgain:
            # Arrow's reader stopped at a later piece: the file is read whole, as one piece.
            whole = _ingest.read_table(path, ids=id_columns, dates=[date] if serials else None, **options)
            metas.clear()
            native, notes, read = _build_pieces(
                iter([whole]), kind, resident, activity, dayfirst, date_format, locale, path, metas, kwargs
            )
    except InputError as e:
        meta = _register_pieces.file_notes(metas)
        merged = list(meta.get("blanks_under_values", ()))
        names = ", ".join(repr(c) for c in merged)
        extra = (
            f"if the file comes from a spreadsheet with merged cells in column{'s' if len(merged) > 1 else ''} "
            f"{names} (one value, then "
            f"empty cells below it), give fill_down=[{names}] to fill each empty cell with the "
            "value above"
        )
        raise _problems.with_fix(e, "empty_id", merged, extra, "attendance table", str(path)) from None
    finally:
        _progress.close(bar)
    meta = _register_pieces.file_notes(metas)
    read_notes = list(meta.get("notes", ()))
    for note in read_notes:
        _args.warn(note)
    net = Network._built(
        native,
        notes,
        read,
        duplicates=duplicates,
        dated=date is not None or kwargs.get("session") is not None,
        pseudonymised=kwargs.get("pseudonymise") is not None,
    )
    if read_notes:
        net._cache["notes"] = read_notes + list(net._cache.get("notes", ()))
    counts = {k: int(meta.get(k, 0)) for k in ("empty_rows_dropped", "empty_columns_dropped", "filled_down")}
    return net._with_attrs(**{**net.attrs, "read": {**net.attrs.get("read", {}), **counts}})


#: The keywords of :meth:`Network.from_attendance` that :func:`read_attendance` passes on.
_ATTENDANCE_OPTIONS = frozenset(
    {
        "date",
        "session",
        "role",
        "date_unit",
        "origin",
        "duplicates",
        "roles",
        "pseudonymise",
        "clean_ids",
        "merge",
    }
)


def _build_pieces(
    pieces: Any,
    kind: str,
    resident: Any,
    activity: Any,
    dayfirst: Any,
    date_format: Any,
    locale: Any,
    path: Any,
    metas: list,
    kwargs: dict,
) -> tuple[Any, list, dict]:
    return _register_pieces.build(
        pieces,
        whole_ids=kind != "parquet",
        resident=resident,
        activity=activity,
        dayfirst=dayfirst,
        date_format=date_format,
        locale=locale,
        source=str(path),
        file_meta=metas,
        **kwargs,
    )


def read_signin_sheet(
    path: Any,
    *,
    sheet: Any = None,
    resident: str = "resident",
    activity: Any = None,
    sep: str | None = None,
    **kwargs: Any,
) -> Network:
    """Reads a sign-in sheet (one row per person, one column per date or session, a mark for
    attendance) from a CSV file or a spreadsheet.

    Parameters
    ----------
    path
        A CSV file (``.csv``, ``.tsv``, ``.txt``) or a Parquet file, which hold one sheet, or
        a spreadsheet (``.xlsx``, ``.xls``, ``.ods``).
    sheet
        Which sheets of a spreadsheet to read: a name, a list of names, or None (every sheet).
    resident
        The column with the names (or ids) of the people.
    activity
        A column holding each row's activity, or the activity's name for the whole sheet.
        Left out, each sheet of a spreadsheet is one activity named after the sheet, and a
        CSV file is one activity named after the file (without its extension).
    sep
        The column separator of a CSV file (None: sniffed).
    **kwargs
        The keywords of :meth:`Network.from_signin_sheet` (``ignore=``, ``marks=``,
        ``absent=``, ``dayfirst=``, ``role=``, ...).

    Returns
    -------
    Network
        The register, one attendance per mark.

    Examples
    --------
    >>> import wijknet as wn, tempfile, os
    >>> path = os.path.join(tempfile.mkdtemp(), "yoga.csv")
    >>> _ = open(path, "w").write("naam;week 1;week 2\\nAnn;x;x\\nBob;;x\\n")
    >>> net = wn.read_signin_sheet(path, resident="naam")
    >>> net.to_frame()[["resident", "activity", "session"]]
      resident activity session
    0      Ann     yoga  week 1
    1      Ann     yoga  week 2
    2      Bob     yoga  week 2
    """
    import os

    name = os.fspath(path)
    low = name.lower()
    if low.endswith((".xlsx", ".xlsm", ".xls", ".xlsb", ".ods")):
        sheets = _files.read_sheets(path, sheet=sheet)
        for frame in sheets.values():
            for note in frame.attrs.get("wijknet", {}).get("notes", ()):
                _args.warn(note)
        # one sheet with activity=: a column or the activity's name (the single-sheet rule);
        # several: each sheet is an activity, unless activity= is a column of every sheet
        data: Any = next(iter(sheets.values())) if activity is not None and len(sheets) == 1 else dict(sheets)
    else:
        if sheet is not None:
            raise ArgumentError(
                f"read_signin_sheet(sheet={sheet!r}): a CSV file has one sheet; leave sheet= out"
            )
        data = _files.read_table(path, sep=sep, ids=[resident])
        for note in data.attrs.get("wijknet", {}).get("notes", ()):
            _args.warn(note)
        if activity is None:
            base = os.path.basename(name)
            for ext in sorted(_files.TABLE_EXTENSIONS, key=len, reverse=True):
                if base.lower().endswith(ext):
                    base = base[: -len(ext)]
                    break
            activity = base
    return Network.from_signin_sheet(data, resident=resident, activity=activity, _source=name, **kwargs)


def _node_dicts(table: pd.DataFrame) -> list:
    """One dict of attributes per row, missing values left out (networkx's way)."""
    out: list = [{} for _ in range(len(table))]
    for name, col in table.items():
        values = col.astype(object).tolist()
        missing = col.isna().to_numpy()
        for d, v, m in zip(out, values, missing, strict=True):
            if not m:
                d[name] = v.item() if isinstance(v, np.generic) else v
    return out
