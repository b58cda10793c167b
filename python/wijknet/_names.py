"""Names as people write them: ids cleaned of stray spaces, likely duplicates suggested, the
user's merges applied.

Reading a register cleans its text ids (resident, activity, session) by default: surrounding
spaces are stripped and inner runs of spaces (tabs, non-breaking spaces, other Unicode spaces)
become one space, so ``'Eve '`` and ``'Eve'`` are one resident. Letter case is kept unless
``clean_ids="case"``. Everything else is the user's decision: :func:`suggest_merges` lists
names that are probably the same person, and ``merge=`` of
:meth:`wijknet.Network.from_attendance` applies the merges the user accepted. Every change is
counted and reported in a warning and in ``net.attrs["read"]``.

The cleaning works on the distinct ids of a column (after factorization), never row by row,
so it costs little on a register of millions of rows.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from . import _args
from ._errors import ArgumentError

__all__ = ["suggest_merges"]

#: How many changes a warning shows before "and N more".
SHOWN = 5

#: What a column's ids are called in messages.
LABELS = {"resident": "resident name", "activity": "activity name", "session": "session label"}

CLEAN_MODES = (True, False, "case")


# --------------------------------------------------------------------------------------------
# The whitespace (and case) rule, on distinct ids
# --------------------------------------------------------------------------------------------


def clean_text(value: str) -> str:
    """``value`` with surrounding spaces stripped and inner runs of spaces (any Unicode
    space: tabs, non-breaking spaces, ...) collapsed to one space; case is kept."""
    return " ".join(value.split())


#: A space other than the plain one: tab, newline, non-breaking space, ...
_OTHER_SPACE = re.compile(r"[^\S ]")


def _all_clean(ids: list) -> bool:
    """Whether no id changes by the whitespace rule, checked on all ids at once: none starts
    or ends with a space, holds two spaces in a row, or holds another kind of space."""
    try:
        text = "\x00".join(ids)
    except TypeError:  # not all text
        return False
    if text.startswith(" ") or text.endswith(" ") or any(p in text for p in ("  ", "\x00 ", " \x00")):
        return False
    if text.isascii():
        return not any(c in text for c in "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f")
    return _OTHER_SPACE.search(text) is None


def check_clean_ids(value: Any, fn: str) -> bool | str:
    """``clean_ids=``: True, False or "case"."""
    if value is True or value is False or (isinstance(value, str) and value == "case"):
        return value
    raise ArgumentError(
        f"{fn}(clean_ids={value!r}): pass True (strip stray spaces, the default), False (keep "
        "ids exactly as given) or 'case' (also merge ids that differ only in letter case)"
    )


def _n(count: int, word: str) -> str:
    return f"{count} {word if count == 1 else word + 's'}"


def _arrows(pairs: list[tuple[Any, Any]]) -> str:
    shown = ", ".join(f"{a!r} → {b!r}" for a, b in pairs[:SHOWN])
    if len(pairs) > SHOWN:
        shown += f" and {len(pairs) - SHOWN} more"
    return shown


def _regroup(codes: np.ndarray, keys: list) -> tuple[np.ndarray, np.ndarray, list]:
    """Distinct ``keys`` (one per current id) in first-seen order: (group of each current id,
    new row codes, the first current id of each group)."""
    group, uniques = pd.factorize(pd.Index(keys, dtype=object), sort=False)
    group = np.asarray(group, dtype=np.int64)
    first = np.full(len(uniques), len(keys), dtype=np.int64)
    np.minimum.at(first, group, np.arange(len(keys)))
    new_codes = codes if len(uniques) == len(keys) else group.astype(np.uint32)[codes]
    return group, new_codes, first.tolist()


def clean_ids(
    codes: np.ndarray,
    ids: Any,
    *,
    mode: bool | str,
    column: str,
    redact: bool,
    notes: list,
    rows: np.ndarray | None = None,
) -> tuple[np.ndarray, Any, int, int]:
    """Apply the whitespace (and, with ``mode="case"``, letter-case) rule to the distinct ids
    of one column. ``rows``: how many rows hold each id (None: counted from ``codes``).

    Returns (codes, ids, cleaned, merged): ``cleaned`` counts the distinct ids that changed,
    ``merged`` how many ids fewer the column has. Changes are described in ``notes``. Whole
    number ids and ``mode=False`` pass through unchanged.
    """
    if mode is False or not isinstance(ids, list) or not ids or (mode is True and _all_clean(ids)):
        return codes, ids, 0, 0
    cleaned = [clean_text(s) for s in ids]
    keys = [c.casefold() for c in cleaned] if mode == "case" else cleaned
    if mode != "case" and cleaned == ids:
        return codes, ids, 0, 0
    group, new_codes, first = _regroup(codes, keys)
    n_groups = int(group.max()) + 1
    if mode == "case":
        if n_groups == len(ids) and cleaned == ids:
            return codes, ids, 0, 0
        # the spelling used on most rows, ties: the one seen first
        spelling, spellings = pd.factorize(pd.Index(cleaned, dtype=object), sort=False)
        if rows is None:
            rows = np.bincount(codes, minlength=len(ids))
        rows = np.asarray(rows).astype(np.int64)
        per_spelling = np.bincount(spelling, weights=rows, minlength=len(spellings))
        order = np.lexsort((spelling, -per_spelling[spelling], group))
        best = np.empty(n_groups, dtype=np.int64)
        is_first = np.ones(len(order), dtype=bool)
        is_first[1:] = group[order][1:] != group[order][:-1]
        best[group[order][is_first]] = spelling[order][is_first]
        final = [spellings[b] for b in best.tolist()]
    else:
        final = [cleaned[i] for i in first]
    size = np.bincount(group, minlength=n_groups)
    merged_pairs: list[tuple[Any, Any]] = []
    stripped: list[tuple[Any, Any]] = []
    for raw, g in zip(ids, group.tolist(), strict=True):
        new = final[g]
        if raw != new:
            (merged_pairs if size[g] > 1 else stripped).append((raw, new))
    label = LABELS.get(column, f"{column} id")
    n_merged = len(ids) - n_groups
    if merged_pairs:
        what = "spaces or letter case" if mode == "case" else "spaces"
        verb = "was" if len(merged_pairs) == 1 else "were"
        text = f"{_n(len(merged_pairs), label)} differed only by {what} from another and {verb} merged"
        if mode == "case":
            text += " (clean_ids='case'; the spelling on most rows was kept)"
        text += ": names not shown, the register is pseudonymised" if redact else f": {_arrows(merged_pairs)}"
        if mode == "case":
            text += "; to keep letter case apart, leave clean_ids at True (spaces only)"
        else:
            text += "; to keep them apart, pass clean_ids=False"
        notes.append(text)
    if stripped:
        text = f"{_n(len(stripped), label)} had stray spaces, which were removed"
        if not redact:
            text += f" (e.g. {_arrows(stripped[:3])})"
        notes.append(text)
    return new_codes, final, len(merged_pairs) + len(stripped), n_merged


# --------------------------------------------------------------------------------------------
# merge=: the user's decisions
# --------------------------------------------------------------------------------------------


def _merge_pairs(merge: Any) -> list[tuple[Any, Any]]:
    """(variant, id to keep) pairs from a mapping or an edited :func:`suggest_merges` table."""
    if isinstance(merge, pd.DataFrame):
        missing = [c for c in ("name", "other", "merge") if c not in merge.columns]
        if missing:
            raise ArgumentError(
                f"merge= got a table without the column(s) {', '.join(map(repr, missing))}; pass the "
                "table from wn.suggest_merges(...) with merge set to True on the rows to merge, or a "
                "dict {variant: id to keep}"
            )
        flags = merge["merge"]
        if flags.isna().any() or not all(isinstance(x, (bool, np.bool_)) for x in flags.tolist()):
            raise ArgumentError(
                "the merge column of merge= must hold True (merge this pair) or False (keep both) "
                "on every row"
            )
        chosen = merge[flags.to_numpy(dtype=bool)]
        pairs = []
        keep = chosen["keep"] if "keep" in chosen.columns else None
        for pos, (name, other) in enumerate(
            zip(chosen["name"].tolist(), chosen["other"].tolist(), strict=True)
        ):
            k = None if keep is None else keep.iloc[pos]
            if k is None or (not isinstance(k, str) and pd.isna(k)) or k == other:
                pairs.append((name, other))
            elif k == name:
                pairs.append((other, name))
            else:
                raise ArgumentError(
                    f"row {chosen.index[pos]!r} of merge= keeps {k!r}, which is neither its name "
                    f"{name!r} nor its other {other!r}; set keep to one of the two (or leave it empty "
                    "to keep other)"
                )
        return pairs
    if isinstance(merge, pd.Series):
        merge = merge.to_dict()
    if isinstance(merge, Mapping):
        return [(k, v) for k, v in merge.items()]
    raise ArgumentError(
        f"merge= takes a dict {{variant: id to keep}} or the table from wn.suggest_merges(...) "
        f"with merge=True on the rows to merge, not a {type(merge).__name__}"
    )


def _key_of(value: Any, *, text: bool, mode: bool | str) -> Any:
    """How a name in merge= is looked up among the (cleaned) ids of the register."""
    if text:
        if not isinstance(value, str):
            return None
        if mode is not False:
            value = clean_text(value)
        return value.casefold() if mode == "case" else value
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)):
        return None
    return int(value)


def apply_merges(
    codes: np.ndarray, ids: Any, merge: Any, *, mode: bool | str, column: str, redact: bool, notes: list
) -> tuple[np.ndarray, Any, int]:
    """Merge the variants named in ``merge`` into the ids to keep. Returns (codes, ids, how
    many ids fewer)."""
    pairs = _merge_pairs(merge)
    if not pairs:
        return codes, ids, 0
    text = isinstance(ids, list)
    lookup: dict = {}
    for i, x in enumerate(ids if text else ids.tolist()):
        lookup.setdefault(_key_of(x, text=text, mode=mode), i)
    unknown: list = []
    edges: list[tuple[int, int]] = []
    for variant, keep in pairs:
        a = lookup.get(_key_of(variant, text=text, mode=mode))
        b = lookup.get(_key_of(keep, text=text, mode=mode))
        for value, found in ((variant, a), (keep, b)):
            if found is None and value not in unknown:
                unknown.append(value)
        if a is not None and b is not None and a != b:
            edges.append((a, b))
    label = LABELS.get(column, f"{column} id")
    if unknown:
        kind = "text" if text else "whole numbers"
        shown = (
            _n(len(unknown), "name") + " (not shown: the register is pseudonymised)"
            if redact
            else ", ".join(repr(x) for x in unknown[:10])
            + (f" and {len(unknown) - 10} more" if len(unknown) > 10 else "")
        )
        raise ArgumentError(
            f"merge= names {_n(len(unknown), label)} that {'is' if len(unknown) == 1 else 'are'} not in "
            f"the register: {shown}; a typo, or a list made for another register? Check the spelling "
            f"(the ids are {kind}) or leave them out of merge="
        )
    # Each group of linked names must have one name to keep: the one never merged into another.
    parent = list(range(len(ids)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    into: dict[int, set] = {}
    for a, b in edges:
        into.setdefault(a, set()).add(b)
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[ra] = rb
    members: dict[int, list] = {}
    for i in {x for e in edges for x in e}:
        members.setdefault(find(i), []).append(i)
    target = {}
    for group in members.values():
        keep = sorted(i for i in group if i not in into)
        shown = "" if redact else ": " + ", ".join(repr(_py(ids[i])) for i in sorted(group)[:10])
        if not keep:
            raise ArgumentError(
                f"merge= goes round in a circle ({_n(len(group), label)} each merged into another"
                f"{shown}); say which one to keep: map the others to it"
            )
        if len(keep) > 1:
            raise ArgumentError(
                f"merge= merges {_n(len(group), label)} into {len(keep)} different names to keep"
                f"{'' if redact else ' (' + ', '.join(repr(_py(ids[i])) for i in keep[:10]) + ')'}"
                f"{shown}; map all of them to the one to keep"
            )
        for i in group:
            if i != keep[0]:
                target[i] = keep[0]
    keys = [target.get(i, i) for i in range(len(ids))]
    group_of, new_codes, first = _regroup(codes, keys)
    final_index = [keys[f] for f in first]
    new_ids = [ids[i] for i in final_index] if text else ids[np.asarray(final_index, dtype=np.int64)]
    done = [(_py(ids[i]), _py(ids[t])) for i, t in sorted(target.items())]
    text_note = f"{_n(len(done), label)} {'was' if len(done) == 1 else 'were'} merged as merge= asks"
    text_note += " (names not shown: the register is pseudonymised)" if redact else f": {_arrows(done)}"
    notes.append(text_note)
    return new_codes, new_ids, len(ids) - len(final_index)


def _py(x: Any) -> Any:
    return int(x) if isinstance(x, np.integer) else x


# --------------------------------------------------------------------------------------------
# suggest_merges
# --------------------------------------------------------------------------------------------

#: Name particles that belong to a Dutch (and Flemish, French, Arabic) surname.
_PARTICLES = frozenset(
    "van de der den het ter ten te t in op la le du da di del della dos el al bin ben von zu".split()
)
_PUNCT = re.compile(r"[^\w\s]|_")


def _plain(value: str) -> str:
    """Casefolded, accents removed."""
    nfkd = unicodedata.normalize("NFKD", value.casefold())
    return "".join(ch for ch in nfkd if not unicodedata.combining(ch))


def _tokens(value: str) -> list[str]:
    """The words of a name, given names first: casefolded, no accents, no punctuation;
    "de Vries, Jan" reads as "jan de vries"."""
    plain = _plain(value)
    if plain.count(",") == 1:
        surname, given = plain.split(",")
        plain = f"{given} {surname}"
    return _PUNCT.sub(" ", plain).split()


def _split(tokens: list[str]) -> tuple[list[str], list[str]]:
    """Given names and surname (the last word with the particles before it: "de vries")."""
    end = len(tokens) - 1
    while end > 0 and tokens[end - 1] in _PARTICLES:
        end -= 1
    return tokens[:end], tokens[end:]


def _initials(tokens: list[str]) -> tuple[str, bool]:
    """The name with its given names reduced to initials ("j de vries"), and whether the name
    itself is written with initials."""
    given, surname = _split(tokens)
    has = bool(given) and all(len(t) == 1 for t in given)
    return " ".join([t[0] for t in given] + surname), has


def _both_parts(whole: float, a: list[str], b: list[str], *, given: bool = True) -> float:
    """``whole`` (the similarity of the names as a whole) lowered to that of the given names
    and of the surnames: "Tim El Amrani" and "Fatima El Amrani" share most letters, but not
    their first names. Names of the same words in another order keep ``whole``."""
    from rapidfuzz import fuzz

    if sorted(a) == sorted(b):
        return whole
    (ga, sa), (gb, sb) = _split(a), _split(b)
    score = min(whole, fuzz.token_set_ratio(" ".join(sa), " ".join(sb)))
    if given and ga and gb:
        score = min(score, fuzz.token_set_ratio(" ".join(ga), " ".join(gb)))
    return score


def _reason(a: str, b: str, initial: bool) -> str:
    if a.casefold() == b.casefold():
        return "same letters, different case"
    if _plain(a) == _plain(b):
        return "differ only in accents"
    ta, tb = _tokens(a), _tokens(b)
    if ta == tb:
        if (a.count(",") == 1) != (b.count(",") == 1):
            return "same name, surname first"
        return "same name, other punctuation"
    if sorted(ta) == sorted(tb):
        return "same words, other order"
    if initial:
        return "initial matches first name"
    return "similar spelling"


def _pairs(
    keys: list[str], others: list[str] | None, min_score: float, workers: int, step: Any
) -> list[tuple[int, int, int]]:
    """(i, j, score) for the pairs of ``keys`` (i < j), or of ``keys`` × ``others``, scoring at
    least ``min_score``; compared in blocks of rows so memory stays small.

    Within ``keys``, names are taken shortest first, and each block is compared only with the
    names no longer than a ratio of ``min_score`` allows (2·shorter / (sum of lengths))."""
    from rapidfuzz import fuzz, process

    out: list[tuple[int, int, int]] = []
    block = 1024
    if others is not None:
        for start in range(0, len(keys), block):
            rows = keys[start : start + block]
            m = process.cdist(
                rows, others, scorer=fuzz.ratio, score_cutoff=min_score, workers=workers, dtype=np.uint8
            )
            r, c = np.nonzero(m)
            out.extend(zip((r + start).tolist(), c.tolist(), m[r, c].tolist(), strict=True))
            step(len(rows))
        return out
    lengths = np.fromiter((len(k) for k in keys), dtype=np.int64, count=len(keys))
    order = np.argsort(lengths, kind="stable")
    by_length = [keys[k] for k in order.tolist()]
    sorted_lengths = lengths[order]
    for start in range(0, len(keys), block):
        rows = by_length[start : start + block]
        longest = int(sorted_lengths[min(start + block, len(keys)) - 1])
        stop = len(keys)
        if min_score > 0:
            stop = int(np.searchsorted(sorted_lengths, longest * (200 - min_score) / min_score, side="right"))
        m = process.cdist(
            rows,
            by_length[start:stop],
            scorer=fuzz.ratio,
            score_cutoff=min_score,
            workers=workers,
            dtype=np.uint8,
        )
        r, c = np.nonzero(m)
        keep = c > r  # each pair once, not a name with itself
        r, c = r[keep], c[keep]
        i, j = order[r + start], order[c + start]
        out.extend(zip(np.minimum(i, j).tolist(), np.maximum(i, j).tolist(), m[r, c].tolist(), strict=True))
        step(len(rows))
    return out


def suggest_merges(
    register: Any,
    *,
    column: str = "resident",
    activity: str | None = None,
    min_score: float = 85,
    limit: int | None = None,
    threads: int | None = None,
    progress: Any = None,
) -> pd.DataFrame:
    """Likely duplicate people, for review: names that are probably the same person written
    differently ("J. de Vries" and "Jan de Vries", "Mohammed" and "Mohamed", "de Vries, Jan",
    other capitals or accents).

    Nothing is merged: the table is for you to check. Set ``merge`` to True on the rows that
    are the same person and pass the table to ``merge=`` of
    :meth:`Network.from_attendance` or :func:`read_attendance`.

    Names are compared in a plain form (lower case, accents and punctuation removed, words in
    alphabetical order) with rapidfuzz's similarity ratio (0-100), and the score is lowered
    to that of the first names and of the surnames where these differ more ("Tim El Amrani"
    and "Fatima El Amrani" share most of their letters, not their first names). A name written with
    initials is also compared with the other names' given names reduced to initials ("J. de
    Vries" with "Jan de Vries"); this alone scores at most 90, as "J." may stand for Jan or
    Joost.

    Parameters
    ----------
    register
        A :class:`Network` (its residents; ``column`` must be ``"resident"``) or an attendance
        table (pandas, polars, pyarrow or a dict of columns) with the names in ``column``. The
        table's names are cleaned of stray spaces first, as reading it would.
    column
        The column of names in a table.
    activity
        The activity column of a table, to count the activities both names attended (a
        Network has them).
    min_score
        The lowest similarity (0-100) listed.
    limit
        List at most this many pairs (the highest scores); None lists all.
    threads
        Threads for the comparison (None: :func:`wijknet.set_num_threads`).
    progress
        None shows a bar for a long comparison (tqdm installed), False none, or a callable
        ``(done, total)``.

    Returns
    -------
    pandas.DataFrame
        One row per likely pair, highest score first: ``name``, ``other``, ``score`` (0-100),
        ``reason`` (in words), ``rows_name`` and ``rows_other`` (attendance rows of each; the
        name with more rows is ``other``, the spelling merging keeps), ``shared_activities``
        (activities both attended: the same person rarely attends one activity under two
        names, so a high count speaks against merging; missing for a table without
        ``activity``) and ``merge`` (False: set it to True where you agree).

    Raises
    ------
    ArgumentError
        ``register`` is not a Network or a table, the names are whole numbers, or an option is
        invalid.
    ColumnNotFoundError
        ``column`` or ``activity`` is not in the table.

    Examples
    --------
    >>> import pandas as pd, wijknet as wn
    >>> df = pd.DataFrame({
    ...     "resident": ["Jan de Vries", "Jan de Vries", "J. de Vries", "Mohammed Amrani",
    ...                  "Mohamed Amrani", "Anna Bakker", "anna bakker", "Kees Smit"],
    ...     "activity": ["dance", "yoga", "breakfast", "dance", "yoga", "dance", "breakfast", "yoga"]})
    >>> s = wn.suggest_merges(df, activity="activity")
    >>> s[["name", "other", "score", "reason"]]
                 name            other  score                        reason
    0     anna bakker      Anna Bakker    100  same letters, different case
    1  Mohamed Amrani  Mohammed Amrani     93              similar spelling
    2     J. de Vries     Jan de Vries     90    initial matches first name
    >>> s.loc[[0, 2], "merge"] = True  # your decisions: Anna and Jan, not Mohammed
    >>> net = wn.Network.from_attendance(df, merge=s)
    >>> net.residents.tolist()
    ['Jan de Vries', 'Mohammed Amrani', 'Mohamed Amrani', 'Anna Bakker', 'Kees Smit']
    """
    fn = "suggest_merges"
    score_min = _args.real(min_score, "min_score", fn)
    assert score_min is not None
    if not 0 <= score_min <= 100:
        raise _args.error(fn, "min_score", min_score, "a similarity from 0 to 100")
    n_limit = _args.whole(limit, "limit", fn, none=True, minimum=1)
    workers = _args.threads(threads, fn)
    if workers is None:
        from . import _wijknet

        workers = int(_wijknet.get_num_threads())
    names, rows, attended = _names_of(register, column, activity, fn)
    texts = [str(x) for x in names]
    token_lists = [_tokens(t) for t in texts]
    keys = [" ".join(sorted(t)) for t in token_lists]
    initial_forms = [_initials(t) for t in token_lists]
    with_initials = [i for i, (_, has) in enumerate(initial_forms) if has]
    best: dict[tuple[int, int], tuple[int, bool]] = {}
    with _args.progress(progress, "comparing names") as cb:
        total, done = len(keys) + len(with_initials), [0]

        def step(k: int) -> None:
            done[0] += k
            if cb is not None:
                cb(done[0], total)

        for i, j, s in _pairs(keys, None, score_min, workers, step):
            s = round(_both_parts(s, token_lists[i], token_lists[j]))
            if s >= score_min:
                best[(i, j)] = (int(s), False)
        if with_initials:
            forms = [f for f, _ in initial_forms]
            for k, j, s in _pairs([forms[i] for i in with_initials], forms, score_min, workers, step):
                i = with_initials[k]
                pair = (min(i, j), max(i, j))
                # "J." may be Jan or Joost: never a sure match
                s = round(0.9 * _both_parts(s, token_lists[i], token_lists[j], given=False))
                if i != j and s >= score_min:
                    best[pair] = (max(int(s), best.get(pair, (-1, False))[0]), True)
    # other: the name on more rows (the spelling to keep), ties: the one seen first
    pairs = [((i, j) if (rows[i], -i) < (rows[j], -j) else (j, i), sc) for (i, j), sc in best.items()]
    shared = attended([p for p, _ in pairs]) if attended is not None else [pd.NA] * len(pairs)
    records = [
        (names[a], names[b], s, _reason(texts[a], texts[b], initial), rows[a], rows[b], n_shared, False)
        for ((a, b), (s, initial)), n_shared in zip(pairs, shared, strict=True)
    ]
    out = pd.DataFrame.from_records(
        records,
        columns=["name", "other", "score", "reason", "rows_name", "rows_other", "shared_activities", "merge"],
    )
    out = out.astype(
        {
            "score": "int64",
            "rows_name": "int64",
            "rows_other": "int64",
            "shared_activities": "Int64",
            "merge": bool,
        }
    )
    out = out.sort_values(["score", "rows_other", "rows_name"], ascending=False, kind="stable")
    out = out.reset_index(drop=True)
    return out if n_limit is None else out.head(n_limit)


def _shared(person: np.ndarray, activity: np.ndarray) -> Any:
    """A function counting, for pairs of people (codes), the activities both attended."""

    def count(pairs: list[tuple[int, int]]) -> list[int]:
        involved = np.unique(np.asarray(pairs, dtype=np.int64).ravel()) if pairs else np.zeros(0, np.int64)
        keep = np.isin(person, involved)
        sets: dict[int, set] = {}
        for p, a in zip(person[keep].tolist(), activity[keep].tolist(), strict=True):
            sets.setdefault(p, set()).add(a)
        return [len(sets.get(a, set()) & sets.get(b, set())) for a, b in pairs]

    return count


def _names_of(register: Any, column: str, activity: str | None, fn: str) -> tuple[list, list, Any]:
    """(distinct names, attendance rows of each, a function counting shared activities of pairs
    of them, or None)."""
    from .network import Network

    if isinstance(register, Network):
        if column != "resident":
            raise ArgumentError(
                f"{fn}(column={column!r}): a Network's names are its residents; leave column out"
            )
        if activity is not None:
            raise ArgumentError(f"{fn}(activity=...) is for a table; a Network knows its activities")
        frame = register.to_frame()
        cats = frame["resident"].cat.categories
        if not (cats.dtype == object or pd.api.types.is_string_dtype(cats.dtype)):
            raise ArgumentError(f"{fn}: the residents have whole-number ids; names are compared as text")
        res = frame["resident"].cat.codes.to_numpy().astype(np.int64)
        act = frame["activity"].cat.codes.to_numpy().astype(np.int64)
        counts = np.bincount(res, weights=frame["count"].to_numpy(), minlength=len(cats)).astype(np.int64)
        present = register.residents
        index = cats.get_indexer(present)  # the view's residents among the register's
        local = np.full(len(cats), -1, dtype=np.int64)
        local[index] = np.arange(len(index))
        return present.tolist(), counts[index].tolist(), _shared(local[res], act)
    if isinstance(register, (str, bytes)):
        raise ArgumentError(
            f"{fn} takes a Network or an attendance table, not text; to read a file, use "
            "wn.suggest_merges(wn.read_attendance(path))"
        )
    from ._tables import _factorize_ids, _Table, _Where

    table = _Table(register, "attendance table")
    table.check(column)
    if activity is not None:
        table.check(activity)
    notes: list = []
    codes, ids = _factorize_ids(table.column(column), column, _Where(), "resident", False, notes)
    if not isinstance(ids, list):
        raise ArgumentError(f"{fn}: column {column!r} holds whole numbers; names are compared as text")
    codes, ids, _, _ = clean_ids(codes, ids, mode=True, column=column, redact=False, notes=notes)
    rows = np.bincount(codes, minlength=len(ids)).astype(np.int64).tolist()
    if activity is None:
        return ids, rows, None
    a_codes, _ = pd.factorize(table.column(activity), sort=False)
    return ids, rows, _shared(codes.astype(np.int64), np.asarray(a_codes, dtype=np.int64))
