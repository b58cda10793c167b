"""Reading a register file piece by piece: a Parquet file batch by batch, a text file block by
block. Small pieces (the module's piece sizes made tiny) must give exactly the register that
one piece gives, and the problems found in a later piece must name the right line."""

import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import wijknet as wn
from wijknet import _files
from wijknet._errors import InputError

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")


def register(n, seed=0, residents=40):
    rng = np.random.default_rng(seed)
    return pd.DataFrame(
        {
            "bewoner": [f"bewoner {i}" for i in rng.integers(0, residents, n)],
            "activiteit": [f"activiteit {i}" for i in rng.integers(0, 7, n)],
            "datum": pd.Timestamp("2025-01-01") + pd.to_timedelta(rng.integers(0, 60, n), unit="D"),
            "rol": rng.choice(["deelnemer", "vrijwilliger", "organisator"], n),
        }
    )


KW = dict(resident="bewoner", activity="activiteit", date="datum", role="rol")


def read(path, **kw):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        net = wn.read_attendance(path, progress=False, **{**KW, **kw})
    return net, [str(w.message) for w in caught]


def same(a, b):
    """The same register (b may be built from the table rather than read from a file)."""
    pd.testing.assert_frame_equal(a.to_frame(), b.to_frame())
    assert a.residents.tolist() == b.residents.tolist()
    assert a.activities.tolist() == b.activities.tolist()
    sa, sb = a.summary(), b.summary()
    pd.testing.assert_series_equal(sa[sb.index], sb)
    assert a.attrs["read"].items() >= b.attrs["read"].items()


@pytest.fixture
def tiny(monkeypatch):
    """Pieces of a few rows (Parquet) or a few lines (text)."""
    monkeypatch.setattr(_files, "_CHUNK_ROWS", 7)
    monkeypatch.setattr(_files, "_CHUNK_BYTES", 200)


def test_parquet_in_row_groups_and_batches_is_one_register(tmp_path, monkeypatch):
    df = register(500)
    path = tmp_path / "register.parquet"
    pq.write_table(pa.Table.from_pandas(df, preserve_index=False), path, row_group_size=64)
    whole, notes = read(path)
    reference = wn.Network.from_attendance(df, **KW)
    same(whole, reference)
    monkeypatch.setattr(_files, "_CHUNK_ROWS", 7)
    pieces, notes_pieces = read(path)
    same(pieces, whole)
    assert pieces.attrs == whole.attrs and notes_pieces == notes


def test_csv_in_blocks_is_one_register(tmp_path, tiny):
    df = register(400)
    path = tmp_path / "register.csv"
    df.to_csv(path, index=False, sep=";", date_format="%Y-%m-%d")
    pieces, notes = read(path)
    assert pieces.date_unit == "D"
    same(pieces, wn.Network.from_attendance(df, **KW))


def test_csv_ids_that_are_numbers_in_every_block_become_integers(tmp_path, tiny):
    df = pd.DataFrame({"bewoner": np.arange(300) % 37, "activiteit": ["dans"] * 300})
    path = tmp_path / "register.csv"
    df.to_csv(path, index=False)
    net, _ = read(path, date=None, role=None)
    assert net.residents.tolist() == list(range(37))
    # "0012" keeps its leading zeros, also when it first appears in a later block
    lines = ["bewoner,activiteit"] + [f"{i},dans" for i in range(1, 200)] + ["0012,dans"]
    path.write_text("\n".join(lines) + "\n")
    net, _ = read(path, date=None, role=None)
    assert net.residents[:3].tolist() == ["1", "2", "3"] and net.residents[-1] == "0012"


def test_text_dates_written_otherwise_in_a_later_block_are_read_as_text(tmp_path, tiny):
    lines = ["bewoner,activiteit,datum"] + [f"r{i % 30},dans,2025-03-0{1 + i % 9}" for i in range(300)]
    lines.append("r1,dans,21-03-2025")
    path = tmp_path / "register.csv"
    path.write_text("\n".join(lines) + "\n")
    net, _ = read(path, role=None, dayfirst=True)
    assert str(net.summary()["last_date"]) == "2025-03-21"
    assert str(net.summary()["first_date"]) == "2025-03-01"


@pytest.mark.parametrize("chunked", [False, True])
def test_a_problem_in_a_later_block_names_its_line(tmp_path, monkeypatch, chunked):
    if chunked:
        monkeypatch.setattr(_files, "_CHUNK_BYTES", 200)
    lines = ["bewoner;activiteit;rol"] + [f"r{i % 30};dans;deelnemer" for i in range(400)]
    lines[350] = ";dans;deelnemer"  # line 351 of the file: no resident
    lines[380] = "r3;dans;bezoeker"  # line 381: a role wijknet does not know
    path = tmp_path / "register.csv"
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(InputError) as e:
        read(path, date=None)
    assert "line 351" in str(e.value) and "line 381" in str(e.value)


def test_a_problem_in_many_blocks_counts_the_rows_of_every_block(tmp_path, monkeypatch):
    monkeypatch.setattr(_files, "_CHUNK_BYTES", 200)
    lines = ["bewoner;activiteit;rol"] + [f"r{i % 30};dans;deelnemer" for i in range(400)]
    for i in range(10, 400, 40):
        lines[i] = "r3;dans;bezoeker"  # ten rows with a role wijknet does not know, in many blocks
    path = tmp_path / "register.csv"
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(InputError) as e:
        read(path, date=None)
    assert "line 11" in str(e.value)
    assert "later parts of the file have it too" in str(e.value)


@pytest.mark.parametrize("chunked", [False, True])
def test_empty_lines_and_a_totals_row_in_later_blocks_are_reported_at_their_lines(
    tmp_path, monkeypatch, chunked
):
    if chunked:
        monkeypatch.setattr(_files, "_CHUNK_BYTES", 200)
    lines = ["bewoner,activiteit"] + [f"r{i % 30},dans" for i in range(300)]
    lines[200] = ","  # line 201: empty
    lines.append("Totaal,300")  # line 302
    path = tmp_path / "register.csv"
    path.write_text("\n".join(lines) + "\n")
    net, notes = read(path, date=None, role=None)
    assert net.summary()["residents"] == 30
    assert any("from line 302" in n for n in notes)
    assert any("1 empty line was dropped (the first is line 201)" in n for n in notes)


def test_fill_down_across_blocks(tmp_path, tiny):
    lines = ["bewoner,activiteit"]
    for a in range(20):
        lines += [f"r{a}1,act {a}", f"r{a}2,", f"r{a}3,"]
    path = tmp_path / "register.csv"
    path.write_text("\n".join(lines) + "\n")
    net, notes = read(path, date=None, role=None, fill_down=["activiteit"])
    assert net.summary()["activities"] == 20 and net.summary()["residents"] == 60
    assert any("40 empty cells filled" in n for n in notes)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(n=st.integers(1, 120), seed=st.integers(0, 1000), rows=st.integers(1, 30), size=st.integers(64, 400))
def test_any_piece_size_gives_the_same_register(tmp_path_factory, monkeypatch, n, seed, rows, size):
    df = register(n, seed, residents=25)
    folder = tmp_path_factory.mktemp("pieces")
    csv_path, pq_path = folder / "r.csv", folder / "r.parquet"
    df.to_csv(csv_path, index=False, date_format="%Y-%m-%d")
    pq.write_table(pa.Table.from_pandas(df, preserve_index=False), pq_path, row_group_size=max(1, n // 3))
    reference = wn.Network.from_attendance(df, **KW)
    with monkeypatch.context() as m:
        m.setattr(_files, "_CHUNK_ROWS", rows)
        m.setattr(_files, "_CHUNK_BYTES", size)
        for path in (csv_path, pq_path):
            same(read(path)[0], reference)


def test_progress_is_told_of_rows_and_bytes_read(tmp_path, tiny):
    df = register(100)
    pq_path, csv_path = tmp_path / "r.parquet", tmp_path / "r.csv"
    pq.write_table(pa.Table.from_pandas(df, preserve_index=False), pq_path)
    df.to_csv(csv_path, index=False)
    for path, total in ((pq_path, 100), (csv_path, csv_path.stat().st_size)):
        calls: list = []

        def told(done, all_, calls=calls):
            calls.append((done, all_))

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            wn.read_attendance(path, progress=told, **KW)
        assert len(calls) > 1 and calls[-1] == (total, total)
        assert [d for d, _ in calls] == sorted(d for d, _ in calls)


def test_nbytes_counts_the_register_and_views_share_it():
    df = register(2000, residents=300)
    net = wn.Network.from_attendance(df, **KW, duplicates="drop")
    rows = net.summary()["attendances"]
    # per attendance row at least its session (4 bytes), role (1) and count (4)
    assert net.nbytes >= 9 * rows + sum(len(str(r)) for r in net.residents)
    assert net.filter(roles=["participant"]).nbytes == net.nbytes
    small = wn.Network.from_attendance(df.head(100), **KW, duplicates="drop")
    assert 0 < small.nbytes < net.nbytes


# --------------------------------------------------------------------------------------------
# The register read piece by piece is the register of the table read whole
# --------------------------------------------------------------------------------------------


def whole(path, **kw):
    """The register as the table read whole gives it (``read_table``, then
    ``Network.from_attendance``): what reading piece by piece must give."""
    from wijknet import _ingest

    ids = [kw.get("resident", "resident"), kw.get("activity", "activity")]
    if kw.get("session"):
        ids.append(kw["session"])
    date = kw.get("date")
    serials = date is not None and kw.get("date_unit") is None and kw.get("origin") is None
    table_kw = {k: kw.pop(k) for k in ("sep", "sheet", "header", "encoding", "fill_down") if k in kw}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        df = _ingest.read_table(path, ids=ids, dates=[date] if serials else None, **table_kw)
        return wn.Network.from_attendance(df, _source=str(path), **kw)


def identical(a, b):
    """The same register, bit for bit, and the same read report."""
    assert a._net.to_bytes() == b._net.to_bytes()
    assert a.residents.tolist() == b.residents.tolist()
    assert a.activities.tolist() == b.activities.tolist()
    assert {
        k: v
        for k, v in a.attrs["read"].items()
        if k not in ("empty_rows_dropped", "empty_columns_dropped", "filled_down")
    } == b.attrs["read"]


def messy_cases():
    import json

    from conftest import DATA_DIR

    out = []
    for spec in sorted((DATA_DIR / "messy").glob("*.expected.json")):
        stem = spec.name[: -len(".expected.json")]
        data = [p for p in spec.parent.iterdir() if p.name.startswith(stem + ".") and p != spec]
        loaded = json.loads(spec.read_text(encoding="utf-8"))
        for k, case in enumerate(loaded.get("cases", [loaded])):
            if case.get("read", "read_attendance") == "read_attendance" and "problems" not in case and data:
                out.append(pytest.param(data[0], case.get("kwargs", {}), id=f"{stem}-{k}"))
    return out


@pytest.mark.parametrize("pieces", ["one", "tiny"])
@pytest.mark.parametrize("path, kw", messy_cases())
def test_messy_files_read_in_pieces_give_the_register_read_whole(path, kw, pieces, monkeypatch):
    if pieces == "tiny":
        monkeypatch.setattr(_files, "_CHUNK_ROWS", 3)
        monkeypatch.setattr(_files, "_CHUNK_BYTES", 120)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        net = wn.read_attendance(path, progress=False, **kw)
    identical(net, whole(path, **kw))


def test_one_piece_warns_what_the_table_read_whole_warns(tmp_path):
    lines = ["naam;activiteit;datum;rol"]
    lines += [
        f"{n};Dans ;0{1 + i % 9}-03-2025;{'' if i % 4 else 'vrijwilliger'}"
        for i, n in enumerate(["Eve", "Eve ", "Bob", "bob"] * 5)
    ]
    lines += [";;;", "Ann;Yoga;21-03-2025;deelnemer", "Ann;Yoga;21-03-2025;deelnemer"]
    path = tmp_path / "register.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    kw = dict(resident="naam", activity="activiteit", date="datum", role="rol", clean_ids="case")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        net = wn.read_attendance(path, progress=False, **kw)
    reference = whole(path, **kw)
    identical(net, reference)
    notes = [str(w.message) for w in caught]
    assert notes[1:] == reference._cache["notes"]
    assert "empty line was dropped" in notes[0]


def test_pieces_with_cleaning_merges_and_pseudonyms_give_the_register_read_whole(tmp_path, monkeypatch):
    rng = np.random.default_rng(3)
    names = ["Eve", "Eve ", "eve", " Bob", "Bob", "Jan de Vries", "J. de Vries", "Ann"]
    n = 300
    df = pd.DataFrame(
        {
            "naam": rng.choice(names, n),
            "activiteit": rng.choice(["Dans", "Dans ", "Yoga", "yoga"], n),
            "datum": pd.Timestamp("2025-01-01") + pd.to_timedelta(rng.integers(0, 9, n), unit="D"),
            "rol": rng.choice(["deelnemer", "vrijwilliger", None], n),
        }
    )
    path = tmp_path / "register.parquet"
    pq.write_table(pa.Table.from_pandas(df, preserve_index=False), path, row_group_size=40)
    for kw in (
        dict(clean_ids=True),
        dict(clean_ids="case", merge={"J. de Vries": "Jan de Vries"}),
        dict(clean_ids=False, pseudonymise="geheim"),
        dict(duplicates="drop"),
    ):
        kw = dict(resident="naam", activity="activiteit", date="datum", role="rol", **kw)
        reference = whole(path, **kw)
        for rows in (1_000_000, 7, 1):
            monkeypatch.setattr(_files, "_CHUNK_ROWS", rows)
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                net = wn.read_attendance(path, progress=False, **kw)
            identical(net, reference)
            assert [str(w.message) for w in caught] == reference._cache["notes"]


def test_times_of_day_in_a_later_piece_make_every_date_finer(tmp_path, monkeypatch):
    n = 60
    dates = pd.Series(pd.Timestamp("2025-01-01") + pd.to_timedelta(np.arange(n) % 5, unit="D"))
    dates.iloc[50] += pd.Timedelta(seconds=30)
    df = pd.DataFrame({"resident": np.arange(n) % 7, "activity": ["dans"] * n, "date": dates})
    path = tmp_path / "register.parquet"
    pq.write_table(pa.Table.from_pandas(df, preserve_index=False), path)
    monkeypatch.setattr(_files, "_CHUNK_ROWS", 10)
    net = wn.read_attendance(path, date="date", progress=False)
    assert net.date_unit == "s"
    identical(net, whole(path, date="date"))


def test_sessions_and_repeats_across_pieces(tmp_path, monkeypatch):
    df = pd.DataFrame(
        {
            "resident": ["a", "b", "a", "c", "a", "b"],
            "activity": ["x", "x", "y", "y", "x", "x"],
            "session": ["s1", "s1", "s2", "s2", "s1", "s3"],
        }
    )
    path = tmp_path / "register.parquet"
    pq.write_table(pa.Table.from_pandas(df, preserve_index=False), path)
    monkeypatch.setattr(_files, "_CHUNK_ROWS", 1)
    for duplicates in ("count", "drop"):
        net = wn.read_attendance(path, session="session", duplicates=duplicates, progress=False)
        identical(net, whole(path, session="session", duplicates=duplicates))
    with pytest.raises(InputError, match="rows 0 and 4"):
        wn.read_attendance(path, session="session", duplicates="error", progress=False)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    n=st.integers(1, 80),
    seed=st.integers(0, 10_000),
    rows=st.integers(1, 40),
    size=st.integers(40, 600),
    residents=st.integers(1, 30),
    labelled=st.booleans(),
    seconds=st.booleans(),
    duplicates=st.sampled_from(["count", "drop"]),
)
def test_random_tables_read_in_any_pieces_give_the_register_read_whole(
    tmp_path_factory, monkeypatch, n, seed, rows, size, residents, labelled, seconds, duplicates
):
    rng = np.random.default_rng(seed)
    step = "s" if seconds else "D"
    df = pd.DataFrame(
        {
            "resident": [f"r{i}" for i in rng.integers(0, residents, n)],
            "activity": rng.integers(0, 4, n),
            "date": pd.Timestamp("2025-01-01") + pd.to_timedelta(rng.integers(0, 6, n), unit=step),
            "session": rng.choice(["a", "b", "c"], n),
            "role": rng.choice(["participant", "volunteer", "organiser", None], n),
        }
    )
    kw = dict(date="date", role="role", duplicates=duplicates)
    if labelled:
        kw["session"] = "session"
    folder = tmp_path_factory.mktemp("random")
    csv_path, pq_path = folder / "r.csv", folder / "r.parquet"
    df.to_csv(csv_path, index=False)
    pq.write_table(pa.Table.from_pandas(df, preserve_index=False), pq_path, row_group_size=max(1, n // 2))
    for path in (csv_path, pq_path):
        reference = whole(path, **kw)
        with monkeypatch.context() as m:
            m.setattr(_files, "_CHUNK_ROWS", rows)
            m.setattr(_files, "_CHUNK_BYTES", size)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                identical(wn.read_attendance(path, progress=False, **kw), reference)


def test_gzipped_and_quoted_text_in_blocks_give_the_register_read_whole(tmp_path, monkeypatch):
    import gzip

    lines = ["naam,activiteit,opmerking"]
    lines += [f'r{i % 23},"dans, {i % 3}","regel een\nregel twee"' for i in range(150)]
    text = "\n".join(lines) + "\n"
    plain, packed = tmp_path / "register.csv", tmp_path / "register.csv.gz"
    plain.write_text(text, encoding="utf-8")
    packed.write_bytes(gzip.compress(text.encode()))
    kw = dict(resident="naam", activity="activiteit")
    for path in (plain, packed):
        reference = whole(path, **kw)
        for size in (50, 333, 1 << 20):
            monkeypatch.setattr(_files, "_CHUNK_BYTES", size)
            identical(wn.read_attendance(path, progress=False, **kw), reference)


def test_row_blocks_end_at_line_ends_outside_quotes():
    import io

    data = b'a,b\n1,"x\ny"\n2,z\n'
    for size in range(1, len(data) + 2):
        blocks = [bytes(b) for b in _files._row_blocks(io.BytesIO(data), size)]
        assert b"".join(blocks) == data
        assert all(b.endswith(b"\n") and b.count(b'"') % 2 == 0 for b in blocks)


# Each row's text id is checked in the piece and interned by the core, not by Arrow: the rows
# without an id (missing, empty, only spaces of any kind) must be the ones Arrow's interning
# finds, and names that start with a space or a letter outside ASCII must be read as they are.
_ID_TEXTS = [
    "ann",
    "bob",
    " ann",
    "ann ",
    "",
    " ",
    "\u00a0",
    "\t",
    "\u00e9mile",
    "\u00c9mile",
    "\u2003x",
    "~",
    "\x7f",
]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(st.none(), st.sampled_from(_ID_TEXTS)), min_size=0, max_size=40), st.integers(0, 5))
def test_ids_checked_row_by_row_find_the_rows_arrow_interning_finds(values, offset):
    from wijknet import _tables

    column = pa.chunked_array([pa.array(["x"] * offset + values, pa.large_string()).slice(offset)])
    rows, null, spaces = _tables._arrow_text_rows(column)
    codes, ids, blank = _tables._encode_arrow_text(column)
    expected = (codes < 0) | np.isin(codes, blank)
    assert rows.to_pylist() == values
    assert (np.zeros(len(values), bool) if null is None else null).tolist() == expected.tolist()
    assert spaces == any(ids[k] != "" for k in blank.tolist())


@pytest.mark.parametrize("chunked", [False, True])
def test_ids_empty_or_only_spaces_in_a_later_piece_name_their_line(tmp_path, monkeypatch, chunked):
    if chunked:
        monkeypatch.setattr(_files, "_CHUNK_BYTES", 200)
        monkeypatch.setattr(_files, "_CHUNK_ROWS", 7)
    names = ["\u00e9mile", "\u00c9mile", " ann", "bob"]
    table = pd.DataFrame(
        {"bewoner": [names[i % 4] for i in range(300)], "activiteit": "dans", "rol": "deelnemer"}
    )
    table.loc[150, "bewoner"] = "\u00a0 "  # a non-breaking space and a space: no resident
    table.loc[251, "bewoner"] = None
    for kind in ("csv", "parquet"):
        path = tmp_path / f"register.{kind}"
        if kind == "csv":
            table.to_csv(path, index=False)
        else:
            table.to_parquet(path, row_group_size=50)
        with pytest.raises(InputError) as e:
            read(path, date=None)
        assert ("line 152" if kind == "csv" else "row 150") in str(e.value), str(e.value)
        assert "empty or only spaces" in str(e.value)
        fine = table.drop(index=[150, 251])
        if kind == "csv":
            fine.to_csv(path, index=False)
        else:
            fine.to_parquet(path, row_group_size=50)
        net, _ = read(path, date=None)
        assert net.residents.tolist() == ["\u00e9mile", "\u00c9mile", "ann", "bob"]


def test_categorical_columns_read_in_pieces_give_the_register_read_whole(tmp_path, monkeypatch):
    """Dictionary (categorical) columns of a Parquet file, in category orders of their own, with
    unused categories, missing values and categories that later pieces use first: any piece
    size gives the register of the table read whole (residents and activities in category
    order), and the categories are made once while a piece's dictionary stays the same."""
    rng = np.random.default_rng(3)
    names = [f"activiteit {k}" for k in range(50)]
    people = [f"bewoner {k}" for k in range(60)]

    def part(n, categories, residents=people, early=None):
        used = categories[:30] if early is None else early
        return pd.DataFrame(
            {
                "bewoner": pd.Categorical(rng.choice(residents[:45], n), categories=residents),
                "activiteit": pd.Categorical(rng.choice(used, n), categories=categories),
                "datum": pd.Timestamp("2025-01-01") + pd.to_timedelta(rng.integers(0, 9, n), unit="D"),
                "rol": pd.Categorical(rng.choice(["deelnemer", "vrijwilliger", None], n)),
            }
        )

    kw = dict(KW, duplicates="drop")

    def read_with(path, convert=None):
        with monkeypatch.context() as m, warnings.catch_warnings():
            warnings.simplefilter("ignore")
            if convert is not None:
                m.setattr(_files, "_pieces_to_pandas", convert)
            return wn.read_attendance(path, progress=False, **kw)

    # One row group. The first rows use a few categories only, from the end of the category
    # order: read in small pieces, those would come first if each piece gave its own.
    path = tmp_path / "register.parquet"
    shuffled = list(rng.permutation(people))
    table = pd.concat(
        [part(20, names[::-1], shuffled, early=names[:3]), part(130, names[::-1], shuffled)],
        ignore_index=True,
    )
    pq.write_table(pa.Table.from_pandas(table, preserve_index=False), path)
    reference = whole(path, **kw)
    assert reference.activities.tolist()[-3:] == names[:3][::-1]  # category order, not row order
    for rows in (1_000_000, 30, 7, 1):
        monkeypatch.setattr(_files, "_CHUNK_ROWS", rows)
        net = read_with(path)
        identical(net, reference)
        # the same as converting each piece with to_pandas (the dictionary is the file's)
        plain = read_with(path, lambda table, categories: table.to_pandas(date_as_object=False))
        assert net._net.to_bytes() == plain._net.to_bytes() and net.attrs["read"] == plain.attrs["read"]

    # Row groups with dictionaries of their own (other orders, new values): each piece has
    # to_pandas's values on the categories of every piece so far, and any piece size gives
    # the whole read's register.
    first = part(90, names[::-1])
    second = part(60, ["nieuw", *names[10:], *names[:10]], ["nieuwe bewoner", *people[::-1]])
    path = tmp_path / "groups.parquet"
    schema = pa.Table.from_pandas(first, preserve_index=False).schema
    with pq.ParquetWriter(path, schema) as w:
        for df in (first, second):
            w.write_table(pa.Table.from_pandas(df, preserve_index=False, schema=schema), row_group_size=30)
    categories: dict = {}
    before: dict = {}
    for batch in pq.ParquetFile(path).iter_batches(batch_size=7):
        table = pa.Table.from_batches([batch])
        got, want = _files._pieces_to_pandas(table, categories), table.to_pandas(date_as_object=False)
        pd.testing.assert_frame_equal(got.astype(object), want.astype(object))
        for c in ("bewoner", "activiteit", "rol"):
            cats = got[c].cat.categories
            assert cats[: len(before.get(c, []))].equals(before.get(c, cats[:0]))
            before[c] = cats
    reference = whole(path, **kw)
    assert "nieuw" in reference.activities.tolist() and "nieuwe bewoner" in reference.residents.tolist()
    for rows in (1_000_000, 30, 7, 1):
        monkeypatch.setattr(_files, "_CHUNK_ROWS", rows)
        identical(read_with(path), reference)


def test_categorical_ids_needing_cleaning_read_in_pieces_give_the_register_read_whole(tmp_path, monkeypatch):
    """Categorical ids with stray spaces and letter case, cleaned and merged once every piece
    is in: the same register and read report as the whole table."""
    residents = ["ann", " ann", "Ann ", "bob", "bob  ", "cas", "Cas"]
    df = pd.DataFrame(
        {
            "bewoner": pd.Categorical(
                [residents[k % 7] for k in range(40)], categories=residents[::-1] + ["nobody"]
            ),
            "activiteit": pd.Categorical([f"act {k % 5}" for k in range(40)], categories=[f"act {k}" for k in (4, 2, 0, 1, 3)]),
        }
    )
    path = tmp_path / "messy.parquet"
    pq.write_table(pa.Table.from_pandas(df, preserve_index=False), path, row_group_size=6)
    for clean in (True, "case"):
        kw = dict(resident="bewoner", activity="activiteit", clean_ids=clean, duplicates="drop")
        reference = whole(path, **kw)
        for rows in (1_000, 4, 1):
            monkeypatch.setattr(_files, "_CHUNK_ROWS", rows)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                identical(wn.read_attendance(path, progress=False, **kw), reference)
