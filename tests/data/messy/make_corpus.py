"""Write the messy registers of this folder, byte for byte.

Run from anywhere: ``python tests/data/messy/make_corpus.py``. The files it writes are
committed; the tests read the committed files, and this script documents how each was made.
Text files are written as exact bytes (byte-order mark, CRLF line ends, cp1252), spreadsheets
with openpyxl and the Parquet file with pyarrow. The expected outcome of each file
(``NAME.expected.json``) is written by hand from what the file says, never by this script.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

HERE = Path(__file__).resolve().parent

BOM = "\ufeff"


def text(name: str, lines: list[str], *, encoding: str = "utf-8", bom: bool = False, eol: str = "\n") -> None:
    """A text file from its lines, with the given encoding, byte-order mark and line ends."""
    body = eol.join(lines) + eol
    if bom:
        body = BOM + body
    (HERE / name).write_bytes(body.encode(encoding))


def d(iso: str) -> dt.date:
    return dt.date.fromisoformat(iso)


# ---------------------------------------------------------------------------------------------
# CSV and TSV
# ---------------------------------------------------------------------------------------------


def csv_files() -> None:
    # A Dutch spreadsheet export: UTF-8 byte-order mark, semicolons, CRLF, day-first dates.
    # 21-03 and 15-03 cannot be month-first, so the whole column is day-first.
    text(
        "semicolon_bom_crlf.csv",
        [
            "naam;activiteit;datum",
            "Fatima el Amrani;Dansavond;07-03-2025",
            "Jan de Vries;Dansavond;07-03-2025",
            "Anoek Müller;Dansavond;07-03-2025",
            "Fatima el Amrani;Dansavond;21-03-2025",
            "Kees Bakker;Dansavond;21-03-2025",
            "Jan de Vries;Buurtontbijt;08-03-2025",
            "Ria Jansen;Buurtontbijt;08-03-2025",
            "Kees Bakker;Buurtontbijt;15-03-2025",
            "Anoek Müller;Spelmiddag;12-03-2025",
            "Ria Jansen;Spelmiddag;12-03-2025",
            "Piet Visser;Spelmiddag;12-03-2025",
        ],
        bom=True,
        eol="\r\n",
    )
    # The same kind of export with ISO dates and one row entered twice (Jan de Vries at the
    # breakfast of 8 March).
    text(
        "repeated_row_semicolon_bom.csv",
        [
            "naam;activiteit;datum",
            "Fatima el Amrani;Buurtontbijt;2025-03-08",
            "Jan de Vries;Buurtontbijt;2025-03-08",
            "Mohammed Bouzid;Buurtontbijt;2025-03-08",
            "Jan de Vries;Buurtontbijt;2025-03-08",
            "Sanne de Boer;Taalcafé;2025-03-10",
            "Fatima el Amrani;Taalcafé;2025-03-10",
            "Mohammed Bouzid;Buurtontbijt;2025-03-15",
            "Henk Smit;Buurtontbijt;2025-03-15",
        ],
        bom=True,
        eol="\r\n",
    )
    # Day-first dates with slashes and no leading zeros; 19/3 and 22/3 make it unambiguous.
    text(
        "dayfirst_slashes.csv",
        [
            "naam,activiteit,datum",
            "Youssef Haddou,Spelmiddag,5/3/2025",
            "Els Mulder,Spelmiddag,5/3/2025",
            "Gerrit Bos,Spelmiddag,5/3/2025",
            "Els Mulder,Spelmiddag,19/3/2025",
            "Gerrit Bos,Spelmiddag,19/3/2025",
            "Youssef Haddou,Moestuin,22/3/2025",
            "Priya Ramdin,Moestuin,22/3/2025",
            "Priya Ramdin,Moestuin,2/4/2025",
        ],
    )
    # Every day and month is 12 or less (and never equal): truly ambiguous.
    text(
        "dayfirst_ambiguous.csv",
        [
            "naam,activiteit,datum",
            "Wim Meijer,Breiclub,03-02-2025",
            "Ilse de Graaf,Breiclub,03-02-2025",
            "Ria Jansen,Breiclub,03-02-2025",
            "Wim Meijer,Breiclub,10-02-2025",
            "Ria Jansen,Breiclub,10-02-2025",
            "Ilse de Graaf,Lotgenotengroep,04-03-2025",
            "Dewi Sutanto,Lotgenotengroep,04-03-2025",
        ],
    )
    # As ambiguous; its expected outcome reads it with dayfirst=True.
    text(
        "dayfirst_ambiguous_forced.csv",
        [
            "naam,activiteit,datum",
            "Wim Meijer,Breiclub,03-02-2025",
            "Ilse de Graaf,Breiclub,03-02-2025",
            "Wim Meijer,Breiclub,10-02-2025",
            "Dewi Sutanto,Breiclub,10-02-2025",
            "Dewi Sutanto,Lotgenotengroep,04-03-2025",
            "Ria Jansen,Lotgenotengroep,04-03-2025",
        ],
    )
    # Dutch month names, full and abbreviated, and a weekday in front (14 March 2025 is a Friday).
    text(
        "dutch_months.csv",
        [
            "naam;activiteit;datum",
            "Fatima el Amrani;Lotgenotengroep;7 maart 2025",
            "Marloes van Dijk;Lotgenotengroep;7 maart 2025",
            "Henk Smit;Lotgenotengroep;7 mrt 2025",
            "Fatima el Amrani;Lotgenotengroep;4 april 2025",
            "Marloes van Dijk;Lotgenotengroep;4 apr 2025",
            "Henk Smit;Dansavond;vrijdag 14 maart 2025",
            "Sanne de Boer;Dansavond;14 mrt 2025",
            "Sanne de Boer;Dansavond;2 mei 2025",
        ],
    )
    # English month names, as an English-language spreadsheet writes them.
    text(
        "english_months.csv",
        [
            "naam,activiteit,datum",
            "Jan de Vries,Taalcafé,7 March 2025",
            "Priya Ramdin,Taalcafé,7 March 2025",
            'Dewi Sutanto,Taalcafé,"Mar 14, 2025"',
            'Jan de Vries,Taalcafé,"Mar 14, 2025"',
            "Priya Ramdin,Spelmiddag,1 Apr 2025",
            "Youssef Haddou,Spelmiddag,1 April 2025",
        ],
    )
    # A wide sign-in sheet: one row per person and activity, one column per date, ticks of
    # several kinds and blanks; Mohammed Bouzid never came. 14-03 and 21-03 make the headers
    # day-first.
    text(
        "signin_ticks.csv",
        [
            "naam;activiteit;07-03-2025;14-03-2025;21-03-2025",
            "Fatima el Amrani;Dansavond;x;✓;19:30",
            "Jan de Vries;Dansavond;1;;x",
            "Anoek Müller;Dansavond;;x;",
            "Mohammed Bouzid;Dansavond;;;",
            "Kees Bakker;Spelmiddag;x;x;",
            "Ria Jansen;Spelmiddag;;1;x",
        ],
    )
    # A sign-in sheet with session labels as headers and an unknown mark: "ziek" (ill) twice.
    text(
        "signin_unknown_mark.csv",
        [
            "naam,activiteit,week 1,week 2,week 3",
            "Els Mulder,Breiclub,x,ziek,x",
            "Gerrit Bos,Breiclub,x,x,",
            "Priya Ramdin,Breiclub,,ziek,x",
            "Wim Meijer,Breiclub,x,x,x",
        ],
    )
    # Names with a trailing space, a doubled inner space and a leading space.
    text(
        "stray_spaces.csv",
        [
            "naam,activiteit,datum",
            "Jan de Vries,Spelmiddag,2025-03-12",
            '"Jan de Vries ",Spelmiddag,2025-03-19',
            '"Jan  de Vries",Dansavond,2025-03-14',
            '" Fatima el Amrani",Dansavond,2025-03-14',
            "Kees Bakker,Dansavond,2025-03-14",
            "Kees Bakker,Spelmiddag,2025-03-12",
        ],
    )
    # Likely duplicate people, for suggest_merges: none of them may merge by itself.
    text(
        "near_duplicates.csv",
        [
            "naam,activiteit,datum",
            "Jan de Vries,Buurtontbijt,2025-03-08",
            "J. de Vries,Dansavond,2025-03-14",
            "Mohammed Bouzid,Buurtontbijt,2025-03-08",
            "Mohamed Bouzid,Spelmiddag,2025-03-12",
            "Ayşe Kaya,Spelmiddag,2025-03-12",
            "Ayse Kaya,Dansavond,2025-03-14",
            "Anoek Müller,Dansavond,2025-03-14",
            "anoek müller,Buurtontbijt,2025-03-15",
            "Piet Visser,Buurtontbijt,2025-03-08",
            "Ria Jansen,Spelmiddag,2025-03-12",
        ],
    )
    # Three fully empty rows and two empty unnamed columns, as a spreadsheet exports them.
    text(
        "empty_rows_columns.csv",
        [
            "naam;activiteit;datum;;",
            "Gerrit Bos;Moestuin;2025-04-05;;",
            "Youssef Haddou;Moestuin;2025-04-05;;",
            ";;;;",
            "Priya Ramdin;Moestuin;2025-04-05;;",
            ";;;;",
            ";;;;",
            "Gerrit Bos;Moestuin;2025-04-12;;",
            "Ilse de Graaf;Taalcafé;2025-04-07;;",
            "Youssef Haddou;Taalcafé;2025-04-07;;",
        ],
        eol="\r\n",
    )
    # An old Excel export: Windows-1252 (Latin-1) bytes, semicolons, CRLF.
    text(
        "latin1_cp1252.csv",
        [
            "naam;activiteit;datum",
            "Anoek Müller;Taalcafé;2025-03-10",
            "Renée Dijkstra;Taalcafé;2025-03-10",
            "Zoë de Wit;Taalcafé;2025-03-10",
            "Anoek Müller;Taalcafé;2025-03-17",
            "François Lambert;Crèche-ochtend;2025-03-11",
            "Renée Dijkstra;Crèche-ochtend;2025-03-11",
        ],
        encoding="cp1252",
        eol="\r\n",
    )
    # A CSV export that starts with a title line and a line of empty cells above the header.
    text(
        "title_lines.csv",
        [
            "Presentielijst Taalcafé maart 2025;;",
            ";;",
            "naam;activiteit;datum",
            "Zoë de Wit;Taalcafé;2025-03-03",
            "Dewi Sutanto;Taalcafé;2025-03-03",
            "Zoë de Wit;Taalcafé;2025-03-10",
            "Youssef Haddou;Taalcafé;2025-03-10",
        ],
        eol="\r\n",
    )
    # Tab-separated, with Dutch role labels.
    text(
        "register.tsv",
        [
            "naam\tactiviteit\tdatum\trol",
            "Fatima el Amrani\tLotgenotengroep\t2025-03-04\tvrijwilliger",
            "Marloes van Dijk\tLotgenotengroep\t2025-03-04\tdeelnemer",
            "Henk Smit\tLotgenotengroep\t2025-03-04\tdeelnemer",
            "Fatima el Amrani\tLotgenotengroep\t2025-03-18\tvrijwilliger",
            "Henk Smit\tLotgenotengroep\t2025-03-18\tdeelnemer",
            "Ilse de Graaf\tLotgenotengroep\t2025-03-18\tdeelnemer",
        ],
    )
    # Every kind of problem at once, each on its own rows (0-based data rows in brackets):
    # empty names [1, 6], empty dates [2, 8], values that are not dates [3, 5], unknown roles
    # "gast" and "stagiair" [4, 7, 9].
    text(
        "all_problems.csv",
        [
            "naam,activiteit,datum,rol",
            "Fatima el Amrani,Dansavond,2025-03-07,deelnemer",
            ",Dansavond,2025-03-07,deelnemer",
            "Jan de Vries,Dansavond,,deelnemer",
            "Anoek Müller,Dansavond,volgende week,deelnemer",
            "Kees Bakker,Buurtontbijt,2025-03-08,gast",
            "Ria Jansen,Buurtontbijt,??,deelnemer",
            ",Buurtontbijt,2025-03-08,vrijwilliger",
            "Piet Visser,Buurtontbijt,2025-03-08,gast",
            "Henk Smit,Spelmiddag,,deelnemer",
            "Sanne de Boer,Spelmiddag,2025-03-12,stagiair",
            "Els Mulder,Spelmiddag,2025-03-12,deelnemer",
        ],
    )


# ---------------------------------------------------------------------------------------------
# Spreadsheets (openpyxl)
# ---------------------------------------------------------------------------------------------


def _save(wb, name: str) -> None:
    """Save a workbook with fixed times (document properties and zip entries), so that running
    the script again writes the same bytes."""
    import io
    import re
    import zipfile

    stamp = dt.datetime(2025, 4, 1, 12, 0, 0)
    wb.properties.creator = "wijknet tests"
    wb.properties.created = stamp
    buf = io.BytesIO()
    wb.save(buf)  # openpyxl stamps the time of saving as "modified": set it back below
    with zipfile.ZipFile(buf) as src, zipfile.ZipFile(HERE / name, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2025-04-01T12:00:00Z", data)
            out.writestr(
                zipfile.ZipInfo(item.filename, date_time=stamp.timetuple()[:6]), data, zipfile.ZIP_DEFLATED
            )


def _rows(ws, rows: list[tuple], *, date_format: str = "yyyy-mm-dd") -> None:
    for row in rows:
        ws.append(list(row))
    for cells in ws.iter_rows():
        for c in cells:
            if isinstance(c.value, (dt.date, dt.datetime)):
                c.number_format = date_format


def xlsx_files() -> None:
    from openpyxl import Workbook

    # A title row and a blank row above the header; dates are real date cells.
    wb = Workbook()
    ws = wb.active
    ws.title = "Blad1"
    _rows(
        ws,
        [
            ("Presentielijst Buurthuis De Ster – voorjaar 2025",),
            (),
            ("naam", "activiteit", "datum"),
            ("Anoek Müller", "Spelmiddag", d("2025-03-12")),
            ("Piet Visser", "Spelmiddag", d("2025-03-12")),
            ("Els Mulder", "Spelmiddag", d("2025-03-12")),
            ("Piet Visser", "Spelmiddag", d("2025-03-26")),
            ("Els Mulder", "Breiclub", d("2025-03-17")),
            ("Ilse de Graaf", "Breiclub", d("2025-03-17")),
            ("Anoek Müller", "Breiclub", d("2025-03-24")),
        ],
        date_format="dd-mm-yyyy",
    )
    _save(wb, "title_row.xlsx")

    # Dates as unformatted Excel serial numbers (days since 1899-12-30):
    # 45723 = 2025-03-07, 45724 = 2025-03-08, 45737 = 2025-03-21, 45752 = 2025-04-05.
    wb = Workbook()
    ws = wb.active
    ws.title = "Blad1"
    _rows(
        ws,
        [
            ("naam", "activiteit", "datum"),
            ("Mohammed Bouzid", "Dansavond", 45723),
            ("Ayşe Kaya", "Dansavond", 45723),
            ("Kees Bakker", "Dansavond", 45723),
            ("Ayşe Kaya", "Dansavond", 45737),
            ("Kees Bakker", "Buurtontbijt", 45724),
            ("Gerrit Bos", "Buurtontbijt", 45724),
            ("Gerrit Bos", "Buurtontbijt", 45752),
        ],
    )
    _save(wb, "serial_dates.xlsx")

    # Blank rows between the weeks and an empty spacer column: the table goes on after them.
    wb = Workbook()
    ws = wb.active
    ws.title = "Blad1"
    _rows(
        ws,
        [
            ("naam", "activiteit", None, "datum"),
            ("Kees Bakker", "Moestuin", None, d("2025-04-05")),
            ("Priya Ramdin", "Moestuin", None, d("2025-04-05")),
            (),
            ("Kees Bakker", "Moestuin", None, d("2025-04-12")),
            ("Wim Meijer", "Moestuin", None, d("2025-04-12")),
            (),
            ("Ilse de Graaf", "Breiclub", None, d("2025-04-08")),
            ("Wim Meijer", "Breiclub", None, d("2025-04-08")),
        ],
    )
    _save(wb, "blank_rows_spacer_column.xlsx")

    # Two sheets: spring and autumn.
    wb = Workbook()
    ws = wb.active
    ws.title = "Voorjaar"
    _rows(
        ws,
        [
            ("naam", "activiteit", "datum"),
            ("Jan de Vries", "Dansavond", d("2025-03-07")),
            ("Fatima el Amrani", "Dansavond", d("2025-03-07")),
        ],
    )
    ws = wb.create_sheet("Najaar")
    _rows(
        ws,
        [
            ("naam", "activiteit", "datum"),
            ("Sanne de Boer", "Dansavond", d("2025-09-05")),
            ("Wim Meijer", "Dansavond", d("2025-09-05")),
            ("Marloes van Dijk", "Dansavond", d("2025-09-05")),
            ("Sanne de Boer", "Dansavond", d("2025-09-19")),
            ("Wim Meijer", "Moestuin", d("2025-09-13")),
            ("Youssef Haddou", "Moestuin", d("2025-09-13")),
        ],
    )
    _save(wb, "two_sheets.xlsx")

    # A sign-in sheet per activity: names down, dates (date cells) across, marks of several
    # kinds: "x", "✓", the number 1, a time of day; Dewi Sutanto never came.
    wb = Workbook()
    ws = wb.active
    ws.title = "Dansavond"
    _rows(
        ws,
        [
            ("naam", d("2025-03-07"), d("2025-03-14")),
            ("Fatima el Amrani", "x", "✓"),
            ("Jan de Vries", 1, None),
            ("Sanne de Boer", dt.time(19, 30), "x"),
        ],
    )
    ws["B4"].number_format = "hh:mm"
    ws = wb.create_sheet("Buurtontbijt")
    _rows(
        ws,
        [
            ("naam", d("2025-03-08"), d("2025-03-15"), d("2025-03-22")),
            ("Jan de Vries", "x", "x", "x"),
            ("Henk Smit", None, "✓", None),
            ("Els Mulder", 1, None, "x"),
        ],
    )
    ws = wb.create_sheet("Lotgenotengroep")
    _rows(
        ws,
        [
            ("naam", d("2025-03-11")),
            ("Fatima el Amrani", "x"),
            ("Marloes van Dijk", "x"),
            ("Dewi Sutanto", None),
        ],
    )
    _save(wb, "signin_per_activity.xlsx")

    # A merged-cells export: the activity is written once per block, its cell merged down.
    wb = Workbook()
    ws = wb.active
    ws.title = "Presentie"
    _rows(
        ws,
        [
            ("activiteit", "datum", "naam"),
            ("Dansavond", d("2025-03-07"), "Fatima el Amrani"),
            (None, d("2025-03-07"), "Jan de Vries"),
            (None, d("2025-03-07"), "Anoek Müller"),
            (None, d("2025-03-14"), "Fatima el Amrani"),
            ("Buurtontbijt", d("2025-03-08"), "Kees Bakker"),
            (None, d("2025-03-08"), "Ria Jansen"),
            (None, d("2025-03-15"), "Kees Bakker"),
            ("Spelmiddag", d("2025-03-12"), "Piet Visser"),
        ],
    )
    ws.merge_cells("A2:A5")
    ws.merge_cells("A6:A8")
    _save(wb, "merged_cells.xlsx")

    # Two tables in one sheet: the register, its "Totaal" row, a blank row, then a second
    # table (the volunteers) with its own title and header.
    wb = Workbook()
    ws = wb.active
    ws.title = "Blad1"
    _rows(
        ws,
        [
            ("naam", "activiteit", "datum"),
            ("Sanne de Boer", "Taalcafé", d("2025-03-10")),
            ("Dewi Sutanto", "Taalcafé", d("2025-03-10")),
            ("Youssef Haddou", "Taalcafé", d("2025-03-10")),
            ("Sanne de Boer", "Taalcafé", d("2025-03-17")),
            ("Dewi Sutanto", "Taalcafé", d("2025-03-17")),
            ("Henk Smit", "Breiclub", d("2025-03-11")),
            ("Wim Meijer", "Breiclub", d("2025-03-11")),
            ("Totaal", None, 7),
            (),
            ("Vrijwilligers",),
            ("naam", "activiteit", "datum"),
            ("Marloes van Dijk", "Taalcafé", d("2025-03-10")),
            ("Gerrit Bos", "Breiclub", d("2025-03-11")),
        ],
    )
    _save(wb, "two_tables.xlsx")


# ---------------------------------------------------------------------------------------------
# Parquet (pyarrow)
# ---------------------------------------------------------------------------------------------


def parquet_files() -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    t = dt.datetime
    table = pa.table(
        {
            "naam": [
                "Fatima el Amrani",
                "Jan de Vries",
                "Mohammed Bouzid",
                "Jan de Vries",
                "Ayşe Kaya",
                "Mohammed Bouzid",
            ],
            "activiteit": ["Dansavond"] * 4 + ["Buurtontbijt"] * 2,
            "datum": pa.array(
                [
                    t(2025, 3, 7, 19, 30),
                    t(2025, 3, 7, 19, 30),
                    t(2025, 3, 7, 19, 30),
                    t(2025, 3, 14, 19, 30),
                    t(2025, 3, 8, 9, 0),
                    t(2025, 3, 8, 9, 0),
                ],
                type=pa.timestamp("us"),
            ),
        }
    )
    pq.write_table(table, HERE / "datetime.parquet")


if __name__ == "__main__":
    csv_files()
    xlsx_files()
    parquet_files()
