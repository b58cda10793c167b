"""Names as people write them: stray spaces cleaned visibly (clean_ids=), likely duplicate
people suggested (wn.suggest_merges), the user's decisions applied (merge=), and what reading
changed reported (warnings, net.attrs["read"], summary())."""

from __future__ import annotations

import pickle
import re
import time
import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import wijknet as wn
import wijknet._ingest as ingest
from wijknet._errors import ArgumentError, InputError


def read(df: pd.DataFrame, **kwargs) -> tuple[wn.Network, list[str]]:
    """The network and the texts of the warnings reading it gave."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        net = wn.Network.from_attendance(df, **kwargs)
    return net, [str(w.message) for w in caught if issubclass(w.category, UserWarning)]


def spaced() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "resident": ["Eve", "Eve ", "Jan de Vries", "Jan  de Vries", " Ann", "Bo\u00a0Li", "Cas\tMol"],
            "activity": ["yoga", "dance", "yoga", "dance", "yoga", "dance", "yoga"],
        }
    )


# ---------------------------------------------------------------------------------------------
# the whitespace rule
# ---------------------------------------------------------------------------------------------


def test_stray_and_inner_spaces_merge_and_are_reported():
    net, said = read(spaced())
    assert net.residents.tolist() == ["Eve", "Jan de Vries", "Ann", "Bo Li", "Cas Mol"]
    merged = [w for w in said if "were merged" in w]
    assert len(merged) == 1
    assert merged[0].startswith("2 resident names differed only by spaces from another and were merged:")
    assert "'Eve ' → 'Eve'" in merged[0] and "'Jan  de Vries' → 'Jan de Vries'" in merged[0]
    assert "clean_ids=False" in merged[0]
    stripped = [w for w in said if "stray spaces" in w]
    assert len(stripped) == 1 and stripped[0].startswith(
        "3 resident names had stray spaces, which were removed"
    )
    assert net.attrs["read"] == {"ids_cleaned": 5, "ids_merged": 2, "rows_repeated": 0}
    s = net.summary()
    assert s["ids_cleaned"] == 5 and s["ids_merged"] == 2
    assert s["residents"] == 5


def test_every_unicode_space_counts():
    names = ["Bo Li", "Bo\u00a0Li", "Bo\u2007Li", "Bo\u202fLi", "Bo\u3000Li", "Bo \t Li", "\u2003Bo Li\n"]
    net, said = read(pd.DataFrame({"resident": names, "activity": ["a"] * len(names)}))
    assert net.residents.tolist() == ["Bo Li"]
    assert net.attrs["read"]["ids_merged"] == len(names) - 1
    assert any(w.startswith(f"{len(names) - 1} resident names differed only by spaces") for w in said)


def test_the_first_row_order_and_the_rows_survive_cleaning():
    df = pd.DataFrame({"resident": [" b", "a", "b", "a "], "activity": ["x", "y", "y", "x"]})
    net, _ = read(df)
    assert net.residents.tolist() == ["b", "a"]
    frame = net.to_frame()
    assert sorted(zip(frame["resident"].astype(str), frame["activity"].astype(str), strict=True)) == [
        ("a", "x"),
        ("a", "y"),
        ("b", "x"),
        ("b", "y"),
    ]


def test_activities_and_sessions_are_cleaned_too():
    df = pd.DataFrame(
        {
            "resident": ["ann", "bob", "cas"],
            "activity": ["yoga", "yoga ", "Yoga"],
            "session": ["s1", " s1", "s2"],
        }
    )
    net, said = read(df, session="session")
    assert net.activities.tolist() == ["yoga", "Yoga"]
    assert len(net.sessions()) == 2
    assert any(w.startswith("1 activity name differed only by spaces") for w in said)
    assert any(w.startswith("1 session label differed only by spaces") for w in said)
    assert net.attrs["read"]["ids_merged"] == 2


@settings(max_examples=150, deadline=None)
@given(
    residents=st.lists(
        st.text(
            alphabet=st.sampled_from(["a", "b", "A", " ", "\t", "\u00a0", "\u2009"]), min_size=1, max_size=5
        ).filter(str.strip),
        min_size=1,
        max_size=40,
    ),
    case=st.booleans(),
)
def test_cleaning_is_the_rule_applied_to_each_row(residents, case):
    """Row by row, the cleaned register holds what the rule makes of each id, in first-seen
    order; the counts add up."""
    n = len(residents)
    out = ingest.attendance_columns(
        pd.DataFrame({"r": residents, "a": [i % 2 for i in range(n)]}),
        resident="r",
        activity="a",
        clean_ids="case" if case else True,
    )
    got = [out.resident_ids[c] for c in out.resident_codes.tolist()]
    clean = [" ".join(r.split()) for r in residents]
    if case:
        assert [g.casefold() for g in got] == [c.casefold() for c in clean]
        assert len(set(out.resident_ids)) == len({c.casefold() for c in clean})
    else:
        assert got == clean
    assert out.resident_ids == list(dict.fromkeys(got))  # first-seen order
    assert out.read["ids_merged"] == len(set(residents)) - len(out.resident_ids)
    final_of = {r: out.resident_ids[c] for r, c in zip(residents, out.resident_codes.tolist(), strict=True)}
    assert out.read["ids_cleaned"] == sum(r != f for r, f in final_of.items())


def test_clean_ids_false_keeps_ids_as_given():
    net, said = read(spaced(), clean_ids=False)
    assert len(net.residents) == 7 and "Eve " in net.residents
    assert not [w for w in said if "spaces" in w]
    assert net.attrs["read"]["ids_cleaned"] == 0 and net.summary()["ids_merged"] == 0


def test_clean_ids_case_merges_letter_case_keeping_the_spelling_on_most_rows():
    df = pd.DataFrame(
        {
            "resident": ["eve", "Eve", "EVE ", "Eve", "jan", "JAN", "Kees"],
            "activity": ["a", "b", "c", "d", "a", "b", "c"],
        }
    )
    net, said = read(df, clean_ids="case")
    # 'Eve' is on most rows; 'jan' and 'JAN' tie, so the one seen first stays
    assert net.residents.tolist() == ["Eve", "jan", "Kees"]
    merged = [w for w in said if "merged" in w]
    assert len(merged) == 1 and merged[0].startswith(
        "3 resident names differed only by spaces or letter case"
    )
    assert "'eve' → 'Eve'" in merged[0] and "'EVE ' → 'Eve'" in merged[0] and "'JAN' → 'jan'" in merged[0]
    assert net.attrs["read"]["ids_merged"] == 3
    # without "case", letter case is kept
    net, _ = read(df)
    assert len(net.residents) == 6


def test_clean_ids_is_checked():
    with pytest.raises(ArgumentError, match=r"clean_ids='yes'.*True.*False.*'case'"):
        wn.Network.from_attendance(spaced(), clean_ids="yes")


def test_whitespace_only_ids_are_empty_id_problems_with_their_rows():
    df = pd.DataFrame(
        {
            "resident": ["ann", "  ", "bob", "\u00a0", None, "\t"],
            "activity": ["x", "x", "y", "y", "x", None],
        }
    )
    with pytest.raises(InputError) as info:
        wn.Network.from_attendance(df)
    p = info.value.problems
    res = p[p["column"] == "resident"].iloc[0]
    assert res["kind"] == "empty_id" and res["count"] == 4 and list(res["rows"]) == [1, 3, 4, 5]
    assert "empty or only spaces" in res["message"]
    assert (p["column"] == "activity").any()  # the other column's problem is listed too


def test_integer_ids_pass_untouched():
    net, said = read(pd.DataFrame({"resident": [3, 1, 3], "activity": ["a", "a", "b"]}))
    assert net.residents.tolist() == [3, 1]
    assert net.attrs["read"]["ids_cleaned"] == 0 and not [w for w in said if "spaces" in w]


def test_pseudonymised_reads_never_show_names():
    df = spaced()
    net, said = read(df, pseudonymise="secret", merge={"Ann": "Bo Li"})
    text = " ".join(said)
    for name in ("Eve", "Jan", "Ann", "Bo", "Cas"):
        assert name not in text
    assert "2 resident names differed only by spaces" in text and "pseudonymised" in text
    assert net.attrs["read"]["ids_merged"] == 3
    assert len(net.residents) == 4


def test_the_read_report_survives_pickles_views_and_copies():
    df = pd.DataFrame(
        {
            "resident": ["Eve", "Eve ", "bob", "bob"],
            "activity": ["yoga", "dance", "yoga", "yoga"],
            "date": ["2025-01-06", "2025-01-06", "2025-01-06", "2025-01-06"],
        }
    )
    net, _ = read(df, date="date")
    report = {"ids_cleaned": 1, "ids_merged": 1, "rows_repeated": 1}
    assert net.attrs["read"] == report
    again = pickle.loads(pickle.dumps(net))
    assert again.attrs["read"] == report and again.summary().to_dict() == net.summary().to_dict()
    assert net.window("2025-01-01", "2025-02-01").attrs["read"] == report
    assert net.filter(activities=["yoga"]).summary()["ids_merged"] == 1
    attrs = pd.DataFrame({"resident": ["Eve", "bob"], "age": [30, 40]})
    assert net.with_resident_attributes(attrs).attrs["read"] == report
    assert wn.pseudonymise(net, key="k").attrs["read"] == report


def test_summary_shows_zero_when_nothing_happened():
    s = wn.datasets.davis_southern_women().summary()
    assert s["ids_cleaned"] == 0 and s["ids_merged"] == 0
    net, said = read(pd.DataFrame({"resident": ["a", "b"], "activity": ["x", "x"]}))
    assert said == [] and net.summary()["ids_cleaned"] == 0


def test_more_changes_than_shown_end_with_and_n_more():
    names = [f"p{i}" for i in range(12)] + [f"p{i} " for i in range(12)]
    _, said = read(pd.DataFrame({"resident": names, "activity": ["a"] * 24}))
    (merged,) = [w for w in said if "merged" in w]
    assert merged.startswith("12 resident names") and "and 7 more" in merged


# ---------------------------------------------------------------------------------------------
# repeated rows
# ---------------------------------------------------------------------------------------------


def repeated() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "resident": ["ann", "ann", "bob", "bob", "bob", "cas"],
            "activity": ["yoga"] * 6,
            "date": ["2025-01-06"] * 5 + ["2025-01-13"],
        }
    )


def test_repeated_rows_are_counted_and_said_so():
    net, said = read(repeated(), date="date")
    (w,) = said
    assert w.startswith("3 rows repeat an earlier row for the same resident and session")
    assert "counted as extra attendances (duplicates='count')" in w and "duplicates='drop'" in w
    assert net.attrs["read"]["rows_repeated"] == 3 and net.summary()["duplicates_found"] == 3


def test_repeated_rows_dropped_are_said_so():
    net, said = read(repeated(), date="date", duplicates="drop")
    (w,) = said
    assert re.match(
        r"3 repeated rows \(the same resident at the same session as an earlier row\) were dropped", w
    )
    assert "duplicates='drop'" in w
    assert net.attrs["read"]["rows_repeated"] == 3


def test_repeated_rows_refused_name_the_row():
    with pytest.raises(InputError, match=r"same resident at the same session"):
        wn.Network.from_attendance(repeated(), date="date", duplicates="error")


def test_undated_repeats_speak_of_activities():
    _, said = read(pd.DataFrame({"resident": ["a", "a"], "activity": ["x", "x"]}))
    assert said == [
        "1 row repeats an earlier row for the same resident and activity; it was counted as an extra "
        "attendance (duplicates='count'); pass duplicates='drop' to keep each once, or "
        "duplicates='error' to find them"
    ]


# ---------------------------------------------------------------------------------------------
# merge=
# ---------------------------------------------------------------------------------------------


def people() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "resident": ["Jan de Vries", "J. de Vries", "Mohammed", "Mohamed", "Anna", "anna", "Kees"],
            "activity": ["yoga", "dance", "yoga", "dance", "yoga", "dance", "yoga"],
        }
    )


def test_merge_with_a_mapping():
    net, said = read(people(), merge={"J. de Vries": "Jan de Vries", "Mohamed": "Mohammed"})
    assert net.residents.tolist() == ["Jan de Vries", "Mohammed", "Anna", "anna", "Kees"]
    (w,) = said
    assert w == (
        "2 resident names were merged as merge= asks: 'J. de Vries' → 'Jan de Vries', 'Mohamed' → 'Mohammed'"
    )
    assert net.attrs["read"]["ids_merged"] == 2 and net.summary()["ids_merged"] == 2
    assert wn.degree(net.project())["Jan de Vries"] == 4  # met at yoga and at dance


def test_merge_names_are_matched_after_cleaning():
    df = people()
    df.loc[1, "resident"] = "J.  de Vries "
    net, _ = read(df, merge={"J. de Vries": " Jan de Vries"})
    assert "J. de Vries" not in net.residents and len(net.residents) == 6


def test_merge_with_the_edited_table():
    s = wn.suggest_merges(people())
    s["merge"] = s["name"] != "Mohamed"  # the user's decisions: not the Mohammeds
    net, said = read(people(), merge=s)
    assert net.residents.tolist() == ["Jan de Vries", "Mohammed", "Mohamed", "Anna", "Kees"]
    assert net.attrs["read"]["ids_merged"] == 2


def test_merge_table_with_a_keep_column():
    s = wn.suggest_merges(people())
    s["merge"] = True
    s["keep"] = s["name"]  # keep the names of the left column instead
    net, _ = read(people(), merge=s)
    assert set(net.residents) == {"J. de Vries", "Mohamed", "anna", "Kees"}
    s.loc[0, "keep"] = "somebody else"
    with pytest.raises(ArgumentError, match="neither its name"):
        wn.Network.from_attendance(people(), merge=s)


def test_nothing_merges_without_a_decision():
    s = wn.suggest_merges(people())
    net, said = read(people(), merge=s)  # every merge still False
    assert len(net.residents) == 7 and said == []


def test_merge_chains_resolve():
    merge = {"J. de Vries": "Jan de Vries", "Jan de Vries": "Kees"}
    net, said = read(people(), merge=merge)
    assert "Kees" in net.residents and "Jan de Vries" not in net.residents
    assert "'J. de Vries' → 'Kees'" in said[0] and "'Jan de Vries' → 'Kees'" in said[0]
    assert net.residents.tolist()[0] == "Kees"  # at the first row of its group


def test_merge_cycles_are_refused():
    with pytest.raises(ArgumentError, match="circle"):
        wn.Network.from_attendance(people(), merge={"Anna": "anna", "anna": "Anna"})
    with pytest.raises(ArgumentError, match="circle"):
        wn.Network.from_attendance(people(), merge={"Anna": "anna", "anna": "Kees", "Kees": "Anna"})


def test_merge_into_two_names_is_refused():
    table = pd.DataFrame(
        {"name": ["Anna", "Anna"], "other": ["anna", "Kees"], "merge": [True, True]},
    )
    with pytest.raises(ArgumentError, match="2 different names to keep"):
        wn.Network.from_attendance(people(), merge=table)


def test_unknown_variants_are_refused_listing_them():
    with pytest.raises(ArgumentError) as info:
        wn.Network.from_attendance(people(), merge={"Jan de Vris": "Jan de Vries", "Mohamed": "Mohamad"})
    msg = str(info.value)
    assert "2 resident names that are not in the register: 'Jan de Vris', 'Mohamad'" in msg
    assert "typo" in msg
    with pytest.raises(ArgumentError) as info:
        wn.Network.from_attendance(people(), merge={"Jan de Vris": "Jan de Vries"}, pseudonymise="k")
    assert "Vris" not in str(info.value)


def test_merge_checks_its_argument():
    with pytest.raises(ArgumentError, match="dict"):
        wn.Network.from_attendance(people(), merge=[("Anna", "anna")])
    with pytest.raises(ArgumentError, match="'merge'"):
        wn.Network.from_attendance(people(), merge=pd.DataFrame({"name": ["Anna"], "other": ["anna"]}))
    with pytest.raises(ArgumentError, match="True"):
        bad = pd.DataFrame({"name": ["Anna"], "other": ["anna"], "merge": ["yes"]})
        wn.Network.from_attendance(people(), merge=bad)


def test_merge_integer_ids():
    df = pd.DataFrame({"resident": [1, 2, 3], "activity": ["a", "b", "a"]})
    net, said = read(df, merge={2: 1})
    assert net.residents.tolist() == [1, 3] and said == ["1 resident name was merged as merge= asks: 2 → 1"]


def test_read_attendance_passes_merge_and_clean_ids(tmp_path):
    path = tmp_path / "register.csv"
    path.write_text(
        "naam;activiteit\nEve ;dans\nEve;yoga\nJ. de Vries;dans\nJan de Vries;yoga\n", encoding="utf-8"
    )
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        net = wn.read_attendance(
            path, resident="naam", activity="activiteit", merge={"J. de Vries": "Jan de Vries"}
        )
    said = [str(w.message) for w in caught]
    assert said[0].startswith("1 resident name differed only by spaces") and "as merge= asks" in said[1]
    assert net.residents.tolist() == ["Eve", "Jan de Vries"]
    assert net.attrs["read"]["ids_merged"] == 2


# ---------------------------------------------------------------------------------------------
# suggest_merges
# ---------------------------------------------------------------------------------------------

COLUMNS = ["name", "other", "score", "reason", "rows_name", "rows_other", "shared_activities", "merge"]


def pairs(table: pd.DataFrame) -> set:
    return {frozenset((a, b)) for a, b in zip(table["name"], table["other"], strict=True)}


def test_suggest_merges_finds_the_named_pairs():
    df = pd.DataFrame(
        {
            "resident": [
                "Jan de Vries",
                "Jan de Vries",
                "J. de Vries",
                "Mohammed El Amrani",
                "Mohamed El Amrani",
                "de Boer, Pieter",
                "Pieter de Boer",
                "Zoë Jansen",
                "Zoe Jansen",
                "Fatima Yilmaz",
                "FATIMA YILMAZ",
                "Kees Smit",
                "Lotte Bakker",
                "Tim El Amrani",  # shares most letters with Fatima El Amrani, not the person
                "Fatima El Amrani",
            ],
            "activity": list("abbcdefgabcdeab"),
        }
    )
    s = wn.suggest_merges(df, activity="activity")
    assert list(s.columns) == COLUMNS
    found = {
        frozenset(p): r for p, r in zip(zip(s["name"], s["other"], strict=True), s["reason"], strict=True)
    }
    expect = {
        ("J. de Vries", "Jan de Vries"): "initial matches first name",
        ("Mohamed El Amrani", "Mohammed El Amrani"): "similar spelling",
        ("de Boer, Pieter", "Pieter de Boer"): "same name, surname first",
        ("Zoe Jansen", "Zoë Jansen"): "differ only in accents",
        ("FATIMA YILMAZ", "Fatima Yilmaz"): "same letters, different case",
    }
    assert set(found) == {frozenset(p) for p in expect}
    for p, reason in expect.items():
        assert found[frozenset(p)] == reason
    assert s["score"].is_monotonic_decreasing and (s["score"] >= 85).all() and (s["score"] <= 100).all()
    assert not s["merge"].any()
    jan = s[s["other"] == "Jan de Vries"].iloc[0]  # the name on more rows is the one kept
    assert jan["name"] == "J. de Vries" and jan["rows_name"] == 1 and jan["rows_other"] == 2
    assert jan["shared_activities"] == 1  # 'b' under both names


def test_suggest_merges_of_a_network_counts_rows_and_shared_activities():
    df = pd.DataFrame(
        {
            "resident": ["Anna Bakker", "Anna Bakker", "anna bakker", "Kees Smit", "Anna Bakker"],
            "activity": ["yoga", "dance", "yoga", "yoga", "yoga"],
            "date": ["2025-01-06", "2025-01-07", "2025-01-13", "2025-01-06", "2025-01-20"],
        }
    )
    net, _ = read(df, date="date")
    s = wn.suggest_merges(net)
    assert len(s) == 1
    row = s.iloc[0]
    assert (row["name"], row["other"], row["rows_name"], row["rows_other"]) == (
        "anna bakker",
        "Anna Bakker",
        1,
        3,
    )
    assert row["shared_activities"] == 1 and row["reason"] == "same letters, different case"
    view = net.filter(residents=["Anna Bakker", "Kees Smit"])
    assert wn.suggest_merges(view).empty


def test_suggest_merges_without_activities_leaves_shared_missing():
    s = wn.suggest_merges(pd.DataFrame({"naam": ["Anna", "anna", "Bob"]}), column="naam")
    assert len(s) == 1 and s["shared_activities"].isna().all()


def test_suggest_merges_options():
    df = people()
    assert len(wn.suggest_merges(df, limit=1)) == 1
    assert len(wn.suggest_merges(df, min_score=100)) == 1  # Anna / anna only
    assert len(wn.suggest_merges(df, min_score=50)) >= len(wn.suggest_merges(df))
    with pytest.raises(ArgumentError):
        wn.suggest_merges(df, min_score=101)
    with pytest.raises(ArgumentError):
        wn.suggest_merges(df, limit=0)
    with pytest.raises(ArgumentError, match="whole numbers"):
        wn.suggest_merges(pd.DataFrame({"resident": [1, 2]}))
    with pytest.raises(ArgumentError, match="column"):
        wn.suggest_merges(wn.datasets.davis_southern_women(), column="naam")
    with pytest.raises(wn.ColumnNotFoundError):
        wn.suggest_merges(df, column="naam")
    with pytest.raises(ArgumentError, match="Network or an attendance table"):
        wn.suggest_merges("register.csv")
    seen = []
    wn.suggest_merges(df, progress=lambda done, total: seen.append((done, total)))
    assert seen and seen[-1][0] == seen[-1][1]


def dutch_names(n: int, seed: int) -> list[str]:
    rng = np.random.default_rng(seed)
    first = (
        "Jan Piet Kees Anna Maria Eva Sanne Lotte Daan Sem Lucas Noah Emma Julia Mohamed Fatima Ahmed "
        "Yusuf Ayse Mehmet Sophie Thomas Bram Lars Tim Ruben Femke Iris Lisa Anouk Willem Hendrik "
        "Gerrit Johanna Cornelia Wilhelmina Dirk Henk Ingrid Marloes"
    ).split()
    last = (
        "de Vries|Jansen|de Jong|van den Berg|Bakker|Visser|Smit|Meijer|de Boer|Mulder|de Groot|Bos|"
        "Vos|Peters|Hendriks|van Leeuwen|Dekker|Brouwer|de Wit|Dijkstra|Yilmaz|Kaya|El Amrani|Bouzid|"
        "van Dijk|Koster|van der Meer|Kok|Jacobs|Willems|Schouten|Postma|Kuiper|Huisman|Veenstra"
    ).split("|")
    out: set = set()
    while len(out) < n:
        out.add(f"{rng.choice(first)} {rng.choice(last)}")
    return sorted(out)


def test_suggest_merges_precision_on_random_dutch_names():
    names = dutch_names(400, seed=3)
    s = wn.suggest_merges(pd.DataFrame({"resident": names}))
    # different people with Dutch-like names sharing first names and surnames ("Tim El Amrani",
    # "Fatima El Amrani"): at most a handful look alike (none, when this was written)
    assert len(s) <= 0.01 * len(names)
    assert (s["reason"] == "similar spelling").all()
    # the same register with planted duplicates: every one is found
    planted = {
        names[0]: names[0].upper(),
        names[10]: names[10].replace("e", "é", 1) if "e" in names[10] else names[10] + " ",
        names[20]: names[20][0] + ". " + names[20].split(" ", 1)[1],
        names[30]: names[30].split(" ", 1)[1] + ", " + names[30].split(" ", 1)[0],
    }
    found = pairs(wn.suggest_merges(pd.DataFrame({"resident": names + list(planted.values())})))
    for a, b in planted.items():
        if a.strip() != b.strip():
            assert frozenset((a, b)) in found, (a, b)


def test_suggest_merges_scales_to_20k_names():
    names = dutch_names(1200, seed=5)
    rng = np.random.default_rng(0)
    letters = list("abcdefghijklmnopqrstuvwxyz")
    many = {f"{n}{''.join(rng.choice(letters, 3))}" for n in names for _ in range(17)}
    many = sorted(many)[:20_000]
    assert len(many) == 20_000
    start = time.perf_counter()
    s = wn.suggest_merges(pd.DataFrame({"resident": many}), progress=False)
    took = time.perf_counter() - start
    assert len(s) > 0
    assert took < 60  # seconds; a few on a laptop (docs/guides/data.md gives the measurement)
