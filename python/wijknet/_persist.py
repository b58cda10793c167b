"""Saving an analysis to a file and loading it again: networks, graphs and results.

One format, the one pickles carry (``src/persist.rs``; described in ``docs/guides/files.md``,
"Saving an analysis"): a header with a format version, a kind, the payload's length and a
checksum, so that a file cut short or changed afterwards is refused with a clear error. A file
that ``save`` writes holds named *sections*:

* ``meta``: JSON saying what the file holds (``{"object": "Network", ...}``), the wijknet
  version that wrote it, and the plain fields of a result;
* ``network`` or ``graph``: the native bytes of a network or a graph (format version 3 with
  a header and checksum of their own);
* ``part/N``: a table (Arrow IPC, read with pyarrow), an array (NumPy ``.npy`` without pickled
  objects) or a network or graph that a result holds.

Nothing in a file is ever unpickled, so loading a file from elsewhere runs no code of theirs.
Files are written atomically: into a temporary file in the same folder, flushed to disk, then
renamed over the real name, so a crash mid-write leaves the old file (or none), never half a
file.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as _dt
import importlib
import io
import json
import os
import re
import stat
import sys
import tempfile
from typing import Any

import numpy as np
import pandas as pd

from . import _wijknet as _native
from ._errors import ArgumentError, DataFileNotFoundError, SerializationError

#: The suffix the documentation uses for wijknet files (not enforced).
SUFFIX = ".wijknet"

_MODULE = re.compile(r"wijknet(\.[a-z_]+)*\Z")


# ---------------------------------------------------------------------------------------------
# writing
# ---------------------------------------------------------------------------------------------


class _Encoder:
    """Turns an object into the JSON of ``meta`` and binary sections."""

    def __init__(self, what: str) -> None:
        self.what = what
        self.parts: list[tuple[str, bytes]] = []

    def _part(self, data: bytes) -> str:
        name = f"part/{len(self.parts)}"
        self.parts.append((name, data))
        return name

    def value(self, v: Any, where: str) -> Any:
        from .graph import Graph
        from .network import Network

        if v is None or isinstance(v, (bool, str)):
            return v
        if isinstance(v, (int, float)) and not isinstance(v, np.generic):
            return v
        if isinstance(v, np.generic) and not isinstance(v, np.datetime64):
            return self.value(v.item(), where)
        if isinstance(v, list):
            return [self.value(x, f"{where}[{i}]") for i, x in enumerate(v)]
        if isinstance(v, tuple):
            return {"$tuple": [self.value(x, f"{where}[{i}]") for i, x in enumerate(v)]}
        if isinstance(v, dict):
            return {"$dict": [[self.value(k, where), self.value(x, f"{where}[{k!r}]")] for k, x in v.items()]}
        if isinstance(v, pd.DataFrame):
            return {"$frame": self.frame(v, where)}
        if isinstance(v, pd.Series):
            return {
                "$series": self.frame(v.to_frame(name="__series__"), where),
                "name": self.value(v.name, where),
            }
        if isinstance(v, np.ndarray):
            if v.dtype.hasobject:
                raise ArgumentError(f"{self.what} cannot be saved: {where} is an array of Python objects")
            buf = io.BytesIO()
            np.save(buf, v, allow_pickle=False)
            return {"$array": self._part(buf.getvalue())}
        if isinstance(v, Network):
            return {
                "$network": self._part(bytes(v._net.to_bytes())),
                "attrs": self.value(dict(v.attrs), where),
            }
        if isinstance(v, Graph):
            return {"$graph": self._part(bytes(v._g.to_bytes()))}
        if v is pd.NA:
            return {"$na": None}
        if isinstance(v, pd.Timestamp):
            return {"$timestamp": v.isoformat()}
        if isinstance(v, _dt.datetime):
            return {"$timestamp": pd.Timestamp(v).isoformat()}
        if isinstance(v, _dt.date):
            return {"$date": v.isoformat()}
        if dataclasses.is_dataclass(v) and not isinstance(v, type) and _MODULE.match(type(v).__module__):
            return {"$object": _class_name(type(v)), "fields": self.fields(v)}
        raise ArgumentError(
            f"{self.what} cannot be saved: {where} holds a {type(v).__name__}, which a wijknet file does not hold"
        )

    def frame(self, df: pd.DataFrame, where: str) -> dict:
        """A table: its typed columns and index levels (numbers, text, dates, categories,
        nullable types) as one Arrow IPC table, columns of Python objects (mixed values) and
        the labels value by value."""
        arrow: dict[str, pd.Series] = {}

        def column(values: Any, key: str) -> dict:
            if values.dtype == object:
                return {"values": [self.value(x, f"{where}[{key}]") for x in values.tolist()]}
            arrow[key] = pd.Series(values.array if hasattr(values, "array") else values).reset_index(
                drop=True
            )
            return {"arrow": key}

        if isinstance(df.index, pd.RangeIndex):
            index: Any = {"range": [df.index.start, df.index.stop, df.index.step]}
        else:
            index = [column(df.index.get_level_values(k), f"i{k}") for k in range(df.index.nlevels)]
        columns = [column(df.iloc[:, j], f"c{j}") for j in range(df.shape[1])]
        table = None
        if arrow:
            table = self._part(
                _arrow_bytes(pd.DataFrame(arrow, index=pd.RangeIndex(len(df))), f"{self.what}: {where}")
            )
        return {
            "rows": len(df),
            "table": table,
            "index": index,
            "index_names": [self.value(n, where) for n in df.index.names],
            "columns": columns,
            "labels": [self.value(c, where) for c in df.columns],
            "labels_dtype": None if isinstance(df.columns, pd.MultiIndex) else str(df.columns.dtype),
            "labels_range": isinstance(df.columns, pd.RangeIndex),
            "label_names": [self.value(n, where) for n in df.columns.names],
        }

    def fields(self, obj: Any) -> dict:
        return {f.name: self.value(getattr(obj, f.name), f.name) for f in dataclasses.fields(obj) if f.init}


def _class_name(cls: type) -> str:
    return f"{cls.__module__}.{cls.__qualname__}"


def _arrow_bytes(df: pd.DataFrame, where: str) -> bytes:
    import pyarrow as pa

    try:
        table = pa.Table.from_pandas(df, preserve_index=False)
    except (pa.ArrowException, TypeError, ValueError) as e:
        raise ArgumentError(f"{where} cannot be saved as a table: {e}") from None
    sink = pa.BufferOutputStream()
    with pa.ipc.new_file(sink, table.schema) as writer:
        writer.write_table(table)
    return bytes(sink.getvalue().to_pybytes())


def to_bytes(obj: Any) -> bytes:
    """The bytes of a wijknet file holding ``obj`` (a Network, a Graph or a result)."""
    from ._results import Result
    from .graph import Graph
    from .network import Network

    meta: dict[str, Any] = {"format": "wijknet", "wijknet": _native.__version__}
    sections: list[tuple[str, bytes]] = []
    if isinstance(obj, Network):
        enc = _Encoder("the network")
        meta.update(object="Network", attrs=enc.value(dict(obj.attrs), "attrs"))
        sections.append(("network", bytes(obj._net.to_bytes())))
    elif isinstance(obj, Graph):
        enc = _Encoder("the graph")
        meta["object"] = "Graph"
        sections.append(("graph", bytes(obj._g.to_bytes())))
    elif isinstance(obj, Result) and hasattr(type(obj), "_from_persisted"):
        # a result that is not a dataclass (the evaluation report) says what it keeps
        enc = _Encoder(f"this {type(obj).__name__}")
        meta.update(object=_class_name(type(obj)), state=enc.value(obj._persisted(), "the state"))  # type: ignore[attr-defined]
    elif isinstance(obj, Result) and dataclasses.is_dataclass(obj):
        enc = _Encoder(f"this {type(obj).__name__}")
        meta.update(object=_class_name(type(obj)), fields=enc.fields(obj))
    elif isinstance(obj, Result):
        raise ArgumentError(
            f"a {type(obj).__name__} is not saved as a wijknet file: write it with to_html() or "
            "to_docx(), or save its table with to_frame(); save the network (net.save) to make it "
            "again with the same seed"
        )
    else:
        raise ArgumentError(
            f"save: a {type(obj).__name__} cannot be saved (a Network, a Graph or a wijknet result can)"
        )
    text = json.dumps(meta, ensure_ascii=False, allow_nan=True).encode()
    return bytes(_native.persist_sections([("meta", text), *sections, *enc.parts]))


def _write_bytes(fh: Any, data: bytes) -> None:
    """Writes ``data`` to the open file ``fh`` (one place, so tests can interrupt it)."""
    fh.write(data)


def _fsync_folder(folder: str) -> None:
    """Makes a rename in ``folder`` durable (POSIX; Windows has no folder handles)."""
    if sys.platform.startswith("win"):
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError:  # some file systems cannot sync a folder; the rename is done all the same
        pass
    finally:
        os.close(fd)


def write_atomic(path: str | os.PathLike, data: bytes) -> None:
    """Writes ``data`` to ``path`` atomically: a temporary file in the same folder, flushed and
    synced to disk, then renamed over ``path``. On any error the temporary file is removed and
    ``path`` is left as it was. A new file is readable by its owner only (it holds personal
    data); a file written over keeps its permissions."""
    name = os.fspath(path)
    if not isinstance(name, str):
        raise ArgumentError(f"save: the path must be a str or a path, not {type(path).__name__}")
    if os.path.isdir(name):
        raise ArgumentError(
            f"save: '{name}' is a folder; give a file name such as '{os.path.join(name, 'analysis' + SUFFIX)}'"
        )
    if os.path.islink(name):  # write where the link points, and keep the link
        name = os.path.realpath(name)
    folder = os.path.dirname(os.path.abspath(name))
    if not os.path.isdir(folder):
        raise DataFileNotFoundError(f"cannot save to '{name}': the folder '{folder}' does not exist")
    fd, tmp = tempfile.mkstemp(prefix=f".{os.path.basename(name)}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            _write_bytes(fh, data)
            fh.flush()
            os.fsync(fh.fileno())
        with contextlib.suppress(FileNotFoundError):
            os.chmod(tmp, stat.S_IMODE(os.stat(name).st_mode))
        os.replace(tmp, name)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_folder(folder)


def save(obj: Any, path: str | os.PathLike) -> None:
    """Saves ``obj`` (a Network, a Graph or a result) to ``path`` atomically."""
    write_atomic(path, to_bytes(obj))


# ---------------------------------------------------------------------------------------------
# reading
# ---------------------------------------------------------------------------------------------


class _Decoder:
    def __init__(self, sections: dict[str, bytes], where: str) -> None:
        self.sections = sections
        self.where = where

    def part(self, name: Any) -> bytes:
        if not isinstance(name, str) or name not in self.sections:
            raise SerializationError(f"{self.where}: the section {name!r} is missing")
        return self.sections[name]

    def frame(self, v: Any) -> pd.DataFrame:
        try:
            arrow = _arrow_frame(self.part(v["table"])) if v["table"] is not None else None

            def column(c: dict) -> Any:
                if "arrow" in c:
                    if arrow is None:
                        raise KeyError(c["arrow"])
                    return arrow[c["arrow"]]
                return pd.Series([self.value(x) for x in c["values"]], dtype=object)

            names = [self.value(n) for n in v["index_names"]]
            if isinstance(v["index"], dict):
                index: pd.Index = pd.RangeIndex(*v["index"]["range"], name=names[0])
            else:
                levels = [pd.Index(column(c)) for c in v["index"]]
                if len(levels) == 1:
                    index = levels[0].rename(names[0])
                else:
                    index = pd.MultiIndex.from_arrays(levels, names=names)
            labels = [self.value(x) for x in v["labels"]]
            label_names = [self.value(n) for n in v["label_names"]]
            if len(label_names) > 1:
                cols: pd.Index = pd.MultiIndex.from_tuples(labels, names=label_names)
            else:
                cols = _labels(labels, v.get("labels_dtype"), v.get("labels_range", False), label_names[0])
            data = {j: column(c) for j, c in enumerate(v["columns"])}
            df = pd.DataFrame(
                {j: s.reset_index(drop=True) for j, s in data.items()}, index=pd.RangeIndex(v["rows"])
            )
            df.index = index
            df.columns = cols
            return df
        except SerializationError:
            raise
        except (KeyError, TypeError, ValueError, IndexError) as e:
            raise SerializationError(f"{self.where}: a table could not be read back ({e!r})") from None

    def value(self, v: Any) -> Any:
        from .graph import Graph
        from .network import _network_from_bytes

        if isinstance(v, list):
            return [self.value(x) for x in v]
        if not isinstance(v, dict):
            return v
        if "$tuple" in v:
            return tuple(self.value(x) for x in v["$tuple"])
        if "$dict" in v:
            return {self.value(k): self.value(x) for k, x in v["$dict"]}
        if "$frame" in v:
            return self.frame(v["$frame"])
        if "$series" in v:
            s = self.frame(v["$series"])["__series__"]
            s.name = self.value(v.get("name"))
            return s
        if "$na" in v:
            return pd.NA
        if "$array" in v:
            return np.load(io.BytesIO(self.part(v["$array"])), allow_pickle=False)
        if "$network" in v:
            return _network_from_bytes(self.part(v["$network"]), self.value(v.get("attrs")) or None)
        if "$graph" in v:
            return Graph(_native.Graph.from_bytes(self.part(v["$graph"])))
        if "$timestamp" in v:
            return pd.Timestamp(v["$timestamp"])
        if "$date" in v:
            return _dt.date.fromisoformat(v["$date"])
        if "$object" in v:
            return _make(
                _resolve(v["$object"], self.where),
                {k: self.value(x) for k, x in v["fields"].items()},
                self.where,
            )
        raise SerializationError(f"{self.where}: an unknown value {sorted(v)!r}")


def _labels(labels: list, dtype: str | None, is_range: bool, name: Any) -> pd.Index:
    """The column labels of a table, of the dtype they had where pandas can make it."""
    if is_range:
        return (
            pd.RangeIndex(len(labels), name=name)
            if labels == list(range(len(labels)))
            else pd.Index(labels, name=name)
        )
    if dtype == "object":
        return pd.Index(labels, dtype=object, name=name)
    index = pd.Index(labels, name=name)
    if dtype is not None and str(index.dtype) != dtype:
        with contextlib.suppress(TypeError, ValueError):
            index = index.astype(dtype)
    return index


def _arrow_frame(data: bytes) -> pd.DataFrame:
    import pyarrow as pa

    return pa.ipc.open_file(pa.py_buffer(data)).read_all().to_pandas()


def _resolve(name: Any, where: str) -> type:
    """The wijknet class called ``name`` (only dataclasses of wijknet's own modules)."""
    module, _, cls_name = str(name).rpartition(".")
    if not _MODULE.match(module) or not cls_name.isidentifier():
        raise SerializationError(f"{where}: holds a {name!r}, which is not a wijknet object")
    try:
        cls = getattr(importlib.import_module(module), cls_name)
    except (ImportError, AttributeError):
        raise SerializationError(
            f"{where}: holds a {name!r}, which this wijknet does not have; open it with a newer wijknet "
            "(pip install --upgrade wijknet)"
        ) from None
    if not (isinstance(cls, type) and (dataclasses.is_dataclass(cls) or hasattr(cls, "_from_persisted"))):
        raise SerializationError(f"{where}: holds a {name!r}, which is not a wijknet result")
    return cls


def _make(cls: type, fields: dict, where: str) -> Any:
    """``cls(**fields)``, or the error for fields this wijknet's ``cls`` does not take."""
    try:
        return cls(**fields)
    except TypeError as e:
        raise SerializationError(
            f"{where}: its {cls.__name__} has fields this wijknet does not know ({e}); open it with the "
            "wijknet version that wrote it"
        ) from None


_ADVICE_DAMAGED = "The file is damaged or incomplete: restore it from a backup, or save it again from the data it was made from."


def _advice(message: str) -> str:
    if "newer wijknet" in message:
        return ""
    if "not wijknet data" in message or "nothing to read" in message:
        return (
            " This is not a file that wijknet saved (those start with WJKN): read attendance "
            "tables with wn.read_attendance, GraphML with wn.read_graphml."
        )
    return " " + _ADVICE_DAMAGED


def from_bytes(data: bytes, where: str = "the data") -> Any:
    """The object in the bytes of a wijknet file (``where`` names the file in errors)."""
    from ._results import Result
    from .graph import Graph
    from .network import Network, _network_from_bytes

    try:
        stored = _native.persist_load(data)
    except SerializationError as e:
        msg = str(e)
        raise SerializationError(f"{where}: {msg}.{_advice(msg)}") from None
    if isinstance(stored, _native.Network):
        return Network(stored)
    if isinstance(stored, _native.Graph):
        return Graph(stored)
    sections = dict(stored)
    try:
        meta = json.loads(sections["meta"].decode())
        kind = meta["object"]
    except (KeyError, ValueError, TypeError, AttributeError):
        raise SerializationError(
            f"{where}: the description of its contents is missing or unreadable. {_ADVICE_DAMAGED}"
        ) from None
    dec = _Decoder(sections, where)
    try:
        if kind == "Network":
            return _network_from_bytes(dec.part("network"), dec.value(meta.get("attrs")) or None)
        if kind == "Graph":
            return Graph(_native.Graph.from_bytes(dec.part("graph")))
        cls = _resolve(kind, where)
        if not issubclass(cls, Result):
            raise SerializationError(f"{where}: holds a {kind!r}, which is not a wijknet result")
        if "state" in meta and hasattr(cls, "_from_persisted"):
            return cls._from_persisted(dec.value(meta["state"]))
        return _make(cls, {k: dec.value(x) for k, x in meta.get("fields", {}).items()}, where)
    except SerializationError as e:
        msg = str(e)
        if msg.startswith(where):
            raise
        raise SerializationError(f"{where}: {msg}.{_advice(msg)}") from None
    except (KeyError, TypeError, ValueError, IndexError, AttributeError) as e:
        raise SerializationError(
            f"{where}: its contents could not be read back ({e!r}). {_ADVICE_DAMAGED}"
        ) from None


def load(path: str | os.PathLike) -> Any:
    """Loads what :meth:`Network.save`, :meth:`Graph.save` or a result's ``save`` wrote.

    Returns whatever the file holds: a :class:`Network` (with its read report in ``attrs``), a
    :class:`Graph`, or a result object (its tables, arrays and graphs included). Files of every
    format version wijknet ever wrote are read; the bytes a pickle of wijknet 0.1 carried
    (format version 2) too.

    Parameters
    ----------
    path
        The file (a str or a path). wijknet files are usually named ``*.wijknet``; the name is
        not checked.

    Returns
    -------
    Network, Graph or a result object
        The same object that was saved: equal networks and graphs, results with equal fields.

    Raises
    ------
    DataFileNotFoundError
        The file does not exist.
    SerializationError
        The file is not a wijknet file, was cut short or changed after it was written (its
        checksum does not match), or comes from a newer wijknet. The message names the file
        and says what to do.

    Examples
    --------
    >>> import tempfile, os
    >>> import wijknet as wn
    >>> folder = tempfile.mkdtemp()
    >>> net = wn.datasets.davis_southern_women()
    >>> net.save(os.path.join(folder, "davis.wijknet"))
    >>> again = wn.load(os.path.join(folder, "davis.wijknet"))
    >>> again == net, again.summary()["residents"]
    (True, 18)
    """
    name = os.fspath(path)
    if not isinstance(name, str):
        raise ArgumentError(f"load: the path must be a str or a path, not {type(path).__name__}")
    try:
        with open(name, "rb") as fh:
            data = fh.read()
    except FileNotFoundError:
        from ._files import _not_found

        raise _not_found(name) from None
    except IsADirectoryError:
        raise ArgumentError(f"load: '{name}' is a folder, not a file") from None
    return from_bytes(data, f"cannot load '{name}'")
