"""Reading the files evaluators have: spreadsheets with title rows, empty rows, a second table,
merged cells and Excel day numbers; CSV files in cp1252 or with a title; Parquet. Each file is
built here, read, and compared exactly (ids, dates, counts, the notes and the places named in
messages)."""

import datetime as dt
import warnings

import numpy as np
import pandas as pd
import pytest

import wijknet as wn
from wijknet import _files
from wijknet._errors import ArgumentError, ColumnNotFoundError, InputError

openpyxl = pytest.importorskip("openpyxl")


def xlsx(path, sheets, *, merge=None, epoch1904=False):
    """Write a workbook: ``sheets`` maps sheet names to lists of rows (None = empty cell)."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    if epoch1904:
        from openpyxl.utils.datetime import CALENDAR_MAC_1904

        book.epoch = CALENDAR_MAC_1904
    for name, rows in sheets.items():
        ws = book.create_sheet(name)
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row, start=1):
                if value is not None:
                    ws.cell(row=r, column=c, value=value)
        for cells in (merge or {}).get(name, ()):
            ws.merge_cells(cells)
    book.save(path)
    return str(path)


def meta(df):
    return df.attrs["wijknet"]


def read_quietly(path, **kwargs):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        net = wn.read_attendance(path, **kwargs)
    return net, [str(w.message) for w in caught]


TITLED = [
    ["Presentielijst buurthuis 2025"],
    [],
    ["naam", "activiteit", "datum"],
    ["Ann", "dans", dt.datetime(2025, 3, 7)],
    ["Bob", "dans", dt.datetime(2025, 3, 7)],
    ["Eve", "koor", dt.datetime(2025, 3, 8)],
]


# ---------------------------------------------------------------------------------------------
# Spreadsheets: header, sheets, dates
# ---------------------------------------------------------------------------------------------


def test_title_rows_above_the_header_are_skipped_and_reported(tmp_path):
    path = xlsx(tmp_path / "r.xlsx", {"Blad1": TITLED})
    df = _files.read_table(path, ids=["naam", "activiteit"], dates=["datum"])
    assert df.columns.tolist() == ["naam", "activiteit", "datum"]
    assert df["naam"].tolist() == ["Ann", "Bob", "Eve"]
    assert pd.api.types.is_datetime64_any_dtype(df["datum"])
    assert df["datum"].dt.strftime("%Y-%m-%d").tolist() == ["2025-03-07", "2025-03-07", "2025-03-08"]
    m = meta(df)
    assert m["sheet"] == "Blad1" and m["source"] == path
    assert m["lines"].tolist() == [4, 5, 6]
    assert m["empty_rows_dropped"] == 0 and m["empty_columns_dropped"] == 0 and m["filled_down"] == 0
    assert m["notes"] == [
        f"file '{path}', sheet 'Blad1': rows 1-2 above the header were skipped (a title: "
        "'Presentielijst buurthuis 2025'); give header= (the 0-based row of the header) to choose it yourself"
    ]
    # without names: the first row as full as the fullest
    assert _files.read_table(path).columns.tolist() == ["naam", "activiteit", "datum"]
    # header= says it
    df = _files.read_table(path, header=2)
    assert df["naam"].tolist() == ["Ann", "Bob", "Eve"] and meta(df)["lines"].tolist() == [4, 5, 6]


def test_read_attendance_from_a_spreadsheet(tmp_path):
    path = xlsx(tmp_path / "r.xlsx", {"Blad1": TITLED})
    net, caught = read_quietly(path, resident="naam", activity="activiteit", date="datum")
    assert net.summary()["residents"] == 3 and net.summary()["activities"] == 2
    frame = net.to_frame()
    assert frame["resident"].tolist() == ["Ann", "Bob", "Eve"]
    assert pd.to_datetime(frame["date"]).dt.strftime("%Y-%m-%d").tolist() == [
        "2025-03-07",
        "2025-03-07",
        "2025-03-08",
    ]
    assert len(caught) == 1 and "rows 1-2 above the header were skipped" in caught[0]


def test_sheet_by_name_and_number_and_the_unknown_sheet(tmp_path):
    path = xlsx(
        tmp_path / "r.xlsx",
        {
            "Dans": [["naam", "activiteit"], ["Ann", "dans"]],
            "Koor": [["naam", "activiteit"], ["Bob", "koor"]],
        },
    )
    assert _files.sheet_names(path) == ["Dans", "Koor"]
    assert _files.read_table(path, sheet="Koor")["naam"].tolist() == ["Bob"]
    assert _files.read_table(path, sheet=1)["naam"].tolist() == ["Bob"]
    df = _files.read_table(path)
    assert df["naam"].tolist() == ["Ann"]
    assert meta(df)["notes"] == [
        f"file '{path}' has 2 sheets ('Dans', 'Koor'); the first, 'Dans', was read — give sheet= to read another"
    ]
    with pytest.raises(ArgumentError) as e:
        _files.read_table(path, sheet="koor ")
    assert str(e.value) == (
        f"file '{path}' has no sheet 'koor '; its sheets are: 'Dans', 'Koor'; did you mean sheet='Koor'?"
    )
    with pytest.raises(ArgumentError, match="give a number from 0 to 1"):
        _files.read_table(path, sheet=2)
    both = _files.read_sheets(path)
    assert list(both) == ["Dans", "Koor"] and both["Koor"]["naam"].tolist() == ["Bob"]
    assert list(_files.read_sheets(path, ["Koor"])) == ["Koor"]
    # every sheet read with the same header detection and ids
    assert meta(both["Koor"])["lines"].tolist() == [2]


def test_excel_day_numbers_in_a_date_column(tmp_path):
    rows = [["naam", "activiteit", "datum"], ["Ann", "dans", 45723], ["Bob", "dans", 45724.5]]
    path = xlsx(tmp_path / "r.xlsx", {"Blad1": rows})
    df = _files.read_table(path, dates=["datum"])
    assert df["datum"].tolist() == [pd.Timestamp("2025-03-07"), pd.Timestamp("2025-03-08 12:00")]
    assert meta(df)["notes"] == [
        f"file '{path}', sheet 'Blad1': column 'datum' held 2 numbers where dates were expected; they "
        "were read as Excel day numbers (1900 date system), e.g. 45723 → 2025-03-07"
    ]
    # not named as a date: numbers stay numbers
    assert _files.read_table(path)["datum"].tolist() == [45723, 45724.5]
    # the 1904 date system of old Mac workbooks
    path = xlsx(tmp_path / "mac.xlsx", {"Blad1": [["datum"], [45723 - 1462]]}, epoch1904=True)
    df = _files.read_table(path, dates=["datum"])
    assert df["datum"].tolist() == [pd.Timestamp("2025-03-07")]
    assert "1904 date system" in meta(df)["notes"][0]


def test_day_numbers_among_date_cells_and_text(tmp_path):
    rows = [["naam", "datum"], ["Ann", dt.datetime(2025, 3, 7)], ["Bob", 45724], ["Eve", "9 maart 2025"]]
    path = xlsx(tmp_path / "r.xlsx", {"Blad1": rows})
    df = _files.read_table(path, dates=["datum"])
    # date cells and day numbers become ISO dates; text stays text for the date parser
    assert df["datum"].tolist() == ["2025-03-07", "2025-03-08", "9 maart 2025"]
    assert "column 'datum' held 1 number among its dates" in meta(df)["notes"][0]


def test_ids_from_number_cells(tmp_path):
    rows = [["bewoner", "activiteit"], [12, 1], [7, 1], [12, 2]]
    path = xlsx(tmp_path / "r.xlsx", {"Blad1": rows})
    df = _files.read_table(path, ids=["bewoner", "activiteit"])
    assert df["bewoner"].dtype == np.int64 and df["bewoner"].tolist() == [12, 7, 12]
    rows = [["bewoner", "activiteit"], [12, "dans"], ["0012", "dans"]]
    path = xlsx(tmp_path / "s.xlsx", {"Blad1": rows})
    assert _files.read_table(path, ids=["bewoner"])["bewoner"].tolist() == ["12", "0012"]


# ---------------------------------------------------------------------------------------------
# Empty rows and columns, a second table, merged cells
# ---------------------------------------------------------------------------------------------


def test_empty_rows_and_unnamed_empty_columns_are_dropped_and_counted(tmp_path):
    rows = [
        ["naam", "activiteit", None, "opmerking"],
        ["Ann", "dans", None, None],
        [],
        ["Bob", "dans", None, None],
        [None, "   ", None, None],
        ["Eve", "koor", None, None],
    ]
    path = xlsx(tmp_path / "r.xlsx", {"Blad1": rows})
    df = _files.read_table(path, ids=["naam", "activiteit"])
    assert df.columns.tolist() == ["naam", "activiteit", "opmerking"]  # a named empty column stays
    assert df["naam"].tolist() == ["Ann", "Bob", "Eve"]
    m = meta(df)
    assert m["lines"].tolist() == [2, 4, 6]
    assert m["empty_rows_dropped"] == 2 and m["empty_columns_dropped"] == 1
    assert m["notes"] == [
        f"file '{path}', sheet 'Blad1': 1 empty column without a name was dropped",
        f"file '{path}', sheet 'Blad1': 2 empty rows were dropped (the first is row 3)",
    ]


@pytest.mark.parametrize(
    "below",
    [
        [[], ["Totaal", 3]],
        [["Totaal", 3]],
        [[], ["naam", "rol"], ["Ann", "vrijwilliger"]],
        [[], ["Vrijwilligers"], ["naam", "rol"], ["Ann", "vrijwilliger"]],
    ],
)
def test_a_second_table_below_the_first_is_not_read(tmp_path, below):
    rows = [["naam", "activiteit"], ["Ann", "dans"], ["Bob", "dans"], ["Eve", "koor"], *below]
    path = xlsx(tmp_path / "r.xlsx", {"Blad1": rows})
    df = _files.read_table(path, ids=["naam", "activiteit"])
    assert df["naam"].tolist() == ["Ann", "Bob", "Eve"]
    start = 5 + (len(below[0]) == 0)
    n_rows = sum(1 for r in below if r)
    note = [n for n in meta(df)["notes"] if "second table" in n]
    assert note == [
        f"file '{path}', sheet 'Blad1' holds a second table (or a totals row) from row {start}: "
        f"{n_rows} {'row' if n_rows == 1 else 'rows'} from there on not read; only the first table was read — give "
        "header= (the 0-based row of the other table's header) or sheet= to read the other"
    ]
    net, caught = read_quietly(path, resident="naam", activity="activiteit")
    assert net.summary()["residents"] == 3 and any("second table" in c for c in caught)


MERGED = [
    ["naam", "activiteit", "datum"],
    ["Ann", "dans", dt.datetime(2025, 3, 7)],
    [None, "koor", dt.datetime(2025, 3, 8)],
    [None, "yoga", dt.datetime(2025, 3, 9)],
    ["Bob", "dans", dt.datetime(2025, 3, 7)],
]


def test_merged_cells_are_reported_with_the_fill_down_fix(tmp_path):
    path = xlsx(tmp_path / "r.xlsx", {"Blad1": MERGED}, merge={"Blad1": ["A2:A4"]})
    with pytest.raises(InputError) as e:
        read_quietly(path, resident="naam", activity="activiteit", date="datum")
    msg = str(e.value)
    assert f"file '{path}', sheet 'Blad1', row 3" in msg
    assert msg.endswith(
        "; if the file comes from a spreadsheet with merged cells in column 'naam' (one value, then "
        "empty cells below it), give fill_down=['naam'] to fill each empty cell with the value above"
    )
    net, caught = read_quietly(path, resident="naam", activity="activiteit", date="datum", fill_down=["naam"])
    assert net.to_frame()["resident"].tolist() == ["Ann", "Ann", "Ann", "Bob"]
    assert caught == [
        f"file '{path}', sheet 'Blad1': column 'naam': 2 empty cells filled with the value above (fill_down)"
    ]
    df = _files.read_table(path, fill_down="naam")
    assert meta(df)["filled_down"] == 2
    with pytest.raises(ColumnNotFoundError, match="'nam'"):
        _files.read_table(path, fill_down=["nam"])


# ---------------------------------------------------------------------------------------------
# Row locations in messages
# ---------------------------------------------------------------------------------------------


def test_messages_name_the_sheet_and_the_spreadsheet_row(tmp_path):
    rows = [
        [],
        [None, "Presentielijst"],
        [],
        [None, "naam", "activiteit"],
        [None, "Ann", "dans"],
        [],
        [None, "Bob", "dans"],
        [None, "Eve", None],
    ]
    path = xlsx(tmp_path / "r.xlsx", {"Blad1": rows})
    with pytest.raises(InputError) as e:
        read_quietly(path, resident="naam", activity="activiteit")
    assert f"at file '{path}', sheet 'Blad1', row 8;" in str(e.value)
    df = _files.read_table(path, ids=["naam", "activiteit"])
    assert meta(df)["lines"].tolist() == [5, 7, 8]


def test_messages_name_the_original_line_of_a_text_file(tmp_path):
    path = tmp_path / "r.csv"
    path.write_text("Presentielijst buurthuis 2025\n\nnaam;activiteit\nAnn;dans\n\nBob;dans\n;koor\n")
    df = _files.read_table(path, ids=["naam", "activiteit"])
    assert df["naam"].tolist()[:2] == ["Ann", "Bob"] and meta(df)["lines"].tolist() == [4, 6, 7]
    assert meta(df)["notes"] == [
        f"file '{path}': lines 1-2 above the header were skipped (a title: 'Presentielijst buurthuis "
        "2025'); give header= (the 0-based row of the header) to choose it yourself",
        f"file '{path}': 1 empty line was dropped (the first is line 5)",
    ]
    with pytest.raises(InputError) as e:
        read_quietly(path, resident="naam", activity="activiteit")
    assert f"at file '{path}', line 7;" in str(e.value)
    # a filtered table keeps its places
    sub = df[df["activiteit"] == "koor"]
    with pytest.raises(InputError) as e:
        wn.Network.from_attendance(sub, resident="naam", activity="activiteit")
    assert f"at file '{path}', line 7;" in str(e.value)


def test_a_title_in_a_csv_without_named_columns(tmp_path):
    path = tmp_path / "r.csv"
    path.write_text("Presentielijst\nnaam,activiteit,datum\nAnn,dans,2025-03-07\nBob,dans,2025-03-07\n")
    df = _files.read_table(path)
    assert df.columns.tolist() == ["naam", "activiteit", "datum"] and len(df) == 2


# ---------------------------------------------------------------------------------------------
# Encodings, Parquet, wrong arguments
# ---------------------------------------------------------------------------------------------


def test_a_cp1252_csv_is_read_with_a_note(tmp_path):
    path = tmp_path / "r.csv"
    path.write_bytes("naam;activiteit\nAnoek Müller;café\nBob;café\n".encode("cp1252"))
    df = _files.read_table(path, ids=["naam", "activiteit"])
    assert df["naam"].tolist() == ["Anoek Müller", "Bob"] and df["activiteit"].tolist() == ["café", "café"]
    assert meta(df)["notes"] == [
        f"file '{path}' is not UTF-8; it was read as Windows Western European text (cp1252), as older "
        "Excel versions save it — give encoding= if letters such as 'ü' or 'é' look wrong"
    ]
    assert not any("\ufffd" in v for v in df["naam"])
    df = _files.read_table(path, encoding="latin-1")
    assert df["naam"].tolist() == ["Anoek Müller", "Bob"] and meta(df)["notes"] == []
    net, caught = read_quietly(path, resident="naam", activity="activiteit")
    assert net.to_frame()["resident"].tolist() == ["Anoek Müller", "Bob"] and len(caught) == 1


def test_a_non_utf8_byte_far_into_the_file(tmp_path):
    path = tmp_path / "r.csv"
    rows = "".join(f"r{i},dans\n" for i in range(20_000))
    path.write_bytes(("naam,activiteit\n" + rows + "Müller,koor\n").encode("cp1252"))
    df = _files.read_table(path, ids=["naam"])
    assert df["naam"].iloc[-1] == "Müller" and len(df) == 20_001
    assert "cp1252" in meta(df)["notes"][0]


def test_parquet(tmp_path):
    pytest.importorskip("pyarrow")
    path = tmp_path / "r.parquet"
    pd.DataFrame({"naam": ["Ann", "Bob"], "activiteit": ["dans", "koor"]}).to_parquet(path)
    df = _files.read_table(path)
    assert df["naam"].tolist() == ["Ann", "Bob"]
    assert meta(df)["lines"] is None and meta(df)["notes"] == []
    net = wn.read_attendance(path, resident="naam", activity="activiteit")
    assert net.summary()["residents"] == 2


def test_wrong_arguments(tmp_path):
    path = xlsx(tmp_path / "r.xlsx", {"Blad1": TITLED})
    with pytest.raises(ArgumentError, match="sep= and encoding= apply to text files"):
        _files.read_table(path, sep=";")
    with pytest.raises(ArgumentError, match="header=-1"):
        _files.read_table(path, header=-1)
    csv = tmp_path / "r.csv"
    csv.write_text("a,b\n1,2\n")
    with pytest.raises(ArgumentError, match="sheet= applies to spreadsheets"):
        _files.read_table(csv, sheet=0)
    with pytest.raises(ArgumentError, match="not a spreadsheet"):
        _files.sheet_names(csv)
    with pytest.raises(ColumnNotFoundError) as e:
        _files.read_table(path, ids=["name"])
    assert "did you mean 'naam'?" in str(e.value)
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK")
    with pytest.raises(InputError, match="could not be read as a spreadsheet"):
        _files.read_table(broken)


def test_a_resident_named_like_a_total_is_read(tmp_path):
    rows = [["naam", "activiteit"], ["Ann", "dans"], ["Som Chan", "dans"]]
    path = xlsx(tmp_path / "r.xlsx", {"Blad1": rows})
    df = _files.read_table(path, ids=["naam"])
    assert df["naam"].tolist() == ["Ann", "Som Chan"] and meta(df)["notes"] == []


def test_a_missing_column_of_a_sheet_says_where_the_header_was_read(tmp_path):
    path = xlsx(tmp_path / "r.xlsx", {"Blad1": TITLED})
    with pytest.raises(ColumnNotFoundError) as e:
        _files.read_table(path, ids=["bewoner"])
    msg = str(e.value)
    assert msg.startswith(
        f"column 'bewoner' is not in the sheet 'Blad1' of file '{path}'; columns are: 'naam', "
        "'activiteit', 'datum'"
    )
    assert msg.endswith(
        "; the header was read from row 3, the fullest of the first 30: if it is "
        "elsewhere, give header= (its 0-based row), or sheet= if the register is on another sheet"
    )


def test_a_gzipped_csv_with_a_title_a_totals_line_and_merged_names(tmp_path):
    import gzip

    path = tmp_path / "r.csv.gz"
    text = "Deelnemers 2025;;\nnaam;activiteit;datum\nAnn;dans;2025-03-07\n;koor;2025-03-08\nBob;dans;2025-03-07\nTotaal;3;\n"
    with gzip.open(path, "wb") as f:
        f.write(text.encode())
    df = _files.read_table(path, ids=["naam", "activiteit"], fill_down=["naam"])
    assert df["naam"].tolist() == ["Ann", "Ann", "Bob"]
    assert df["activiteit"].tolist() == ["dans", "koor", "dans"]
    m = meta(df)
    assert m["lines"].tolist() == [3, 4, 5] and m["filled_down"] == 1
    assert len(m["notes"]) == 3 and all(n.startswith(f"file '{path}'") for n in m["notes"])
    assert "line 1 above the header was skipped" in m["notes"][0]
    assert "from line 6: 1 line from there on not read" in m["notes"][1]
    assert "column 'naam': 1 empty cell filled with the value above" in m["notes"][2]
    # header= says it; the separator is still found
    df = _files.read_table(path, header=1)
    assert df.columns.tolist() == ["naam", "activiteit", "datum"] and meta(df)["lines"].tolist()[0] == 3


def test_dates_and_numbers_in_the_header_are_column_names(tmp_path):
    """A sign-in sheet: one column per session, headed by a date cell or a week number."""
    rows = [
        ["naam", dt.datetime(2025, 3, 7), dt.datetime(2025, 3, 14), 12, "2025-03-21"],
        ["Ann", "x", None, "x", None],
        ["Bob", "x", "x", None, "x"],
    ]
    path = xlsx(tmp_path / "r.xlsx", {"dans": rows})
    for df in (_files.read_table(path), _files.read_table(path, header=0), _files.read_sheets(path)["dans"]):
        assert df.columns.tolist() == [
            "naam",
            pd.Timestamp("2025-03-07"),
            pd.Timestamp("2025-03-14"),
            "12",  # a number in the header reads as its text
            "2025-03-21",
        ]
        assert df[pd.Timestamp("2025-03-14")].tolist()[1] == "x"
        assert meta(df)["empty_columns_dropped"] == 0


def test_a_totals_row_then_a_second_table(tmp_path):
    rows = [
        ["naam", "activiteit", "datum"],
        ["Ann", "dans", dt.datetime(2025, 3, 7)],
        ["Bob", "dans", dt.datetime(2025, 3, 7)],
        ["Totaal", None, 2],
        [],
        ["Vrijwilligers"],
        ["naam", "activiteit", "datum"],
        ["Cas", "dans", dt.datetime(2025, 3, 7)],
    ]
    path = xlsx(tmp_path / "r.xlsx", {"Blad1": rows})
    df = _files.read_table(path, ids=["naam", "activiteit"], dates=["datum"])
    assert df["naam"].tolist() == ["Ann", "Bob"]
    note = [n for n in meta(df)["notes"] if "second table" in n]
    assert note and "from row 4: 4 rows from there on not read" in note[0]


def test_a_date_column_not_in_the_file_is_left_to_the_ingestion(tmp_path):
    path = tmp_path / "r.csv"
    path.write_text("naam,activiteit\nAnn,dans\n")
    df = _files.read_table(path, ids=["naam", "activiteit"], dates=["dag"])
    assert df.columns.tolist() == ["naam", "activiteit"]
    path = xlsx(tmp_path / "r.xlsx", {"Blad1": [["Titel"], ["naam", "activiteit"], ["Ann", "dans"]]})
    df = _files.read_table(path, ids=["naam", "activiteit"], dates=["dag"])
    assert df["naam"].tolist() == ["Ann"] and meta(df)["lines"].tolist() == [3]


def test_time_cells_are_times_of_day(tmp_path):
    rows = [
        ["naam", dt.datetime(2025, 3, 7), "week 2"],
        ["Ann", dt.time(19, 30), "x"],
        ["Bob", "x", dt.time(20, 0)],
    ]
    path = xlsx(tmp_path / "r.xlsx", {"dans": rows})
    df = _files.read_table(path)
    assert df[pd.Timestamp("2025-03-07")].tolist() == [dt.time(19, 30), "x"]
    assert df["week 2"].tolist() == ["x", dt.time(20, 0)]


# ---------------------------------------------------------------------------------------------
# Large text files: Arrow's reader keeps ISO dates as dates and ids as Arrow text
# ---------------------------------------------------------------------------------------------

pa = pytest.importorskip("pyarrow")


def both_readers(monkeypatch, read):
    """``read()`` with Arrow's reader, then with pandas' readers only (the same file)."""
    fast = read()
    with monkeypatch.context() as m:
        m.setattr(_files, "_read_arrow", lambda *args, **kwargs: None)
        slow = read()
    return fast, slow


def test_arrow_reader_ids_keep_their_zeros_dates_are_exact_lines_are_right(tmp_path, monkeypatch):
    path = tmp_path / "r.csv"
    path.write_text(
        "Presentielijst 2025\n"
        "naam,activiteit,datum,opmerking\n"
        "0012,dans,2025-03-07,\n"
        "12,koor,2025-03-08,NA\n"
        ",,,\n"
        "0012,koor,1999-12-31,ok\n"
    )
    fast, slow = both_readers(
        monkeypatch, lambda: _files.read_table(path, ids=["naam", "activiteit"], dates=["datum"])
    )
    assert fast["naam"].tolist() == ["0012", "12", "0012"]
    assert pd.api.types.is_datetime64_any_dtype(fast["datum"].dtype)
    assert fast["datum"].tolist() == [pd.Timestamp(d) for d in ("2025-03-07", "2025-03-08", "1999-12-31")]
    assert slow["datum"].tolist() == [dt.date(2025, 3, 7), dt.date(2025, 3, 8), dt.date(1999, 12, 31)]
    assert fast["opmerking"].isna().tolist() == [True, True, False]
    for df in (fast, slow):
        assert meta(df)["lines"].tolist() == [3, 4, 6] and meta(df)["empty_rows_dropped"] == 1
    assert meta(fast)["notes"] == meta(slow)["notes"]
    kw = dict(resident="naam", activity="activiteit", date="datum")
    (net, caught), (net_slow, caught_slow) = both_readers(monkeypatch, lambda: read_quietly(path, **kw))
    pd.testing.assert_frame_equal(net.to_frame(), net_slow.to_frame())
    assert caught == caught_slow
    assert net.residents.tolist() == ["0012", "12"]
    assert sorted(net.to_frame()["date"].tolist()) == [
        pd.Timestamp(d) for d in ("1999-12-31", "2025-03-07", "2025-03-08")
    ]


def test_arrow_reader_plain_whole_numbers_are_int64_ids(tmp_path):
    path = tmp_path / "r.csv"
    path.write_text("bewoner;activiteit;datum\n12;3;2025-03-07\n-4;3;2025-03-08\n")
    df = _files.read_table(path, ids=["bewoner", "activiteit"], dates=["datum"])
    assert df["bewoner"].dtype == np.int64 and df["bewoner"].tolist() == [12, -4]
    net = wn.read_attendance(path, resident="bewoner", activity="activiteit", date="datum")
    assert net.residents.tolist() == [12, -4]


def test_arrow_reader_leaves_dates_that_are_not_iso_as_text(tmp_path, monkeypatch):
    path = tmp_path / "r.csv"
    path.write_text("naam,activiteit,datum\nAnn,dans,21-03-2025\nBob,dans,7 maart 2025\n")
    df = _files.read_table(path, ids=["naam", "activiteit"], dates=["datum"])
    assert df["datum"].tolist() == ["21-03-2025", "7 maart 2025"]
    kw = dict(resident="naam", activity="activiteit", date="datum")
    (net, caught), (net_slow, caught_slow) = both_readers(monkeypatch, lambda: read_quietly(path, **kw))
    assert net.to_frame()["date"].tolist() == [pd.Timestamp("2025-03-21"), pd.Timestamp("2025-03-07")]
    pd.testing.assert_frame_equal(net.to_frame(), net_slow.to_frame())
    assert caught == caught_slow


@pytest.mark.parametrize(
    "cells",
    [
        ["2025-03-07", "", "2025-03-09"],  # an empty date among ISO dates
        ["2025-03-07", "2025-02-30", "2025-03-09"],  # not a day: the column stays text
        ["2025-03-07", "1850-01-01", "2025-03-09"],  # out of range
        ["2025-03-07", "07-03-2025", "2025-03-09"],  # two ways of writing
    ],
)
def test_arrow_reader_date_problems_name_the_same_lines(tmp_path, monkeypatch, cells):
    path = tmp_path / "r.csv"
    rows = "".join(f"r{i},dans,{c}\n" for i, c in enumerate(cells))
    path.write_text("Register\n\nnaam,activiteit,datum\n" + rows)
    kw = dict(resident="naam", activity="activiteit", date="datum")

    def refused():
        with pytest.raises(InputError) as e, warnings.catch_warnings():
            warnings.simplefilter("ignore")
            wn.read_attendance(path, **kw)
        return str(e.value), e.value.problems.drop(columns="examples").to_dict("list")

    fast, slow = both_readers(monkeypatch, refused)
    assert fast == slow and "line 5" in fast[0]


def test_arrow_reader_hands_other_headers_and_ragged_lines_to_pandas(tmp_path, monkeypatch):
    path = tmp_path / "r.csv"
    path.write_text("naam,,naam\nAnn,,Bob\n")  # an empty and a repeated name: pandas names them
    fast, slow = both_readers(monkeypatch, lambda: _files.read_table(path))
    assert fast.columns.tolist() == slow.columns.tolist() == ["naam", "naam.1"]
    path.write_text("naam,activiteit\nAnn,dans\nBob,dans,extra,extra\n")
    with pytest.raises(InputError) as e:
        _files.read_table(path, ids=["naam"])
    assert "could not be read as a table" in str(e.value) and "line 3" in str(e.value)


def test_arrow_reader_gzip_bom_and_cp1252(tmp_path):
    import gzip

    for name in ("r.csv.gz", "R.CSV.GZ"):
        path = tmp_path / name
        with gzip.open(path, "wb") as f:
            f.write("\ufeffnaam;activiteit;datum\r\nÉmile;café;2025-03-07\r\n".encode())
        df = _files.read_table(path, ids=["naam", "activiteit"], dates=["datum"])
        assert df.columns.tolist() == ["naam", "activiteit", "datum"]
        assert df["naam"].tolist() == ["Émile"] and df["datum"].tolist() == [pd.Timestamp("2025-03-07")]
    path = tmp_path / "r.csv"
    path.write_bytes("naam;activiteit;datum\nÉmile;café;2025-03-07\n".encode("cp1252"))
    df = _files.read_table(path, ids=["naam", "activiteit"], dates=["datum"])
    assert df["activiteit"].tolist() == ["café"] and df["datum"].tolist() == [pd.Timestamp("2025-03-07")]
    assert "cp1252" in meta(df)["notes"][0]


IDS = ["ann", "bob", "", " ", "\t", "\xa0", "Émile", "\u3000x", "\x1c", "  a", "zoë", "~x", "bob ", None]


@pytest.mark.parametrize("seed", range(20))
def test_arrow_text_ids_are_interned_as_pandas_interns_them(seed):
    """First-seen order, the same ids, the same problems, whatever the text dtype."""
    from wijknet._tables import _factorize_ids, _Where

    rng = np.random.default_rng(seed)
    values = [IDS[k] for k in rng.integers(0, len(IDS), rng.integers(1, 40))]
    if seed % 2:
        values = [v for v in values if v is not None and v.strip()] or ["ann"]
    results = []
    for dtype in (
        object,
        "str",
        "string[pyarrow]",
        pd.ArrowDtype(pa.large_string()),
        pd.ArrowDtype(pa.string()),
    ):
        try:
            codes, ids = _factorize_ids(
                pd.Series(values, dtype=dtype), "naam", _Where(), "resident", False, []
            )
            results.append((codes.tolist(), list(ids)))
        except InputError as e:
            results.append(str(e))
    assert all(r == results[0] for r in results)


def test_arrow_text_ids_across_chunks_keep_first_seen_order():
    from wijknet._tables import _factorize_ids, _Where

    chunks = pa.chunked_array(
        [pa.array(["b", "a"], pa.large_string()), pa.array(["c", "a", "b", "d"], pa.large_string())]
    )
    s = pd.Series(chunks.to_pandas(types_mapper=pd.ArrowDtype))
    codes, ids = _factorize_ids(s, "naam", _Where(), "resident", False, [])
    assert ids == ["b", "a", "c", "d"] and codes.tolist() == [0, 1, 2, 1, 0, 3]


def test_the_quick_check_of_clean_ids_never_passes_an_id_the_rule_changes():
    from wijknet._names import _all_clean, clean_text

    rng = np.random.default_rng(0)
    chars = ["a", "b", " ", "\t", "\xa0", "\x00", "\u3000", "é", "\x1c", "\x85", "\n"]
    for _ in range(20_000):
        ids = ["".join(rng.choice(chars, rng.integers(0, 5))) for _ in range(rng.integers(1, 4))]
        if _all_clean(ids):
            assert all(clean_text(s) == s for s in ids), ids
    assert _all_clean(["Ann", "Jan de Vries", "Émile"])
    assert (
        not _all_clean(["Ann", "Eve "]) and not _all_clean(["Jan  de Vries"]) and not _all_clean(["a\xa0b"])
    )


def test_arrow_reader_iso_dates_with_a_date_format_read_as_before(tmp_path, monkeypatch):
    path = tmp_path / "r.csv"
    path.write_text("naam,activiteit,datum\nAnn,dans,2025-03-07\nBob,koor,2025-03-08\n")
    kw = dict(resident="naam", activity="activiteit", date="datum", date_format="%d-%m-%Y")
    (net, caught), (net_slow, caught_slow) = both_readers(monkeypatch, lambda: read_quietly(path, **kw))
    pd.testing.assert_frame_equal(net.to_frame(), net_slow.to_frame())
    assert caught == caught_slow == []


def test_every_missing_column_is_listed_at_once(tmp_path):
    path = tmp_path / "register.csv"
    path.write_text("resident,activity,date\nann,dance,2025-03-07\n")
    with pytest.raises(ColumnNotFoundError) as err:
        wn.read_attendance(path, resident="Naam", activity="Activiteit", date="Datum")
    table = err.value.problems
    assert table["kind"].tolist() == ["missing_column"] * 3
    assert table["column"].tolist() == ["Naam", "Activiteit", "Datum"]
    assert "did you mean 'activity'?" in table["fix"].tolist()
    assert str(err.value).startswith(f"file '{path}' has 3 problems")


@pytest.mark.parametrize("text", ["", "\n\n\n", "  \r\n"])
def test_an_empty_text_file_says_so(tmp_path, text):
    path = tmp_path / "register.csv"
    path.write_text(text)
    with pytest.raises(InputError, match="is empty: it has no header line and no rows") as err:
        wn.read_attendance(path)
    assert err.value.problems["kind"].tolist() == ["empty_table"]
