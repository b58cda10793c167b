"""The command line's wording in English and Dutch, and numbers and ids written for people
(private).

Every sentence the ``wijknet`` command prints lives here, once per language, so the two
languages say the same thing. Numbers follow the language: ``1,234`` and ``12.5%`` in
English, ``1.234`` and ``12,5%`` in Dutch. Shares are rounded honestly: a share prints as
``100%`` or ``0%`` only when it is exactly that, so 99,999 of 100,000 prints ``> 99.9%``.
"""

from __future__ import annotations

import math
from typing import Any

#: The languages of the command line.
LANGUAGES = ("en", "nl")

# Each entry: key -> (English, Dutch). ``{unit_at}`` and friends are filled in by ``say``.
_TEXTS: dict[str, tuple[str, str]] = {
    # ---- headings ----------------------------------------------------------------------
    "title": (
        "wijknet — who met whom through the activities",
        "wijknet — wie ontmoette wie via de activiteiten",
    ),
    "source_file": ("Register: {source}", "Register: {source}"),
    "source_demo": (
        "Synthetic register 'badhuis' (seed {seed}): a made-up town of {asked} inhabitants. "
        "{present} of them came to at least one activity and are in the register; {absent} took "
        "part in nothing, so they are not in it.",
        "Verzonnen register 'badhuis' (seed {seed}): een bedachte wijk met {asked} inwoners. "
        "{present} van hen kwamen minstens één keer naar een activiteit en staan in het register; "
        "{absent} deden nergens aan mee en staan er dus niet in.",
    ),
    "source_demo_all": (
        "Synthetic register 'badhuis' (seed {seed}): a made-up town of {asked} inhabitants, all of "
        "whom came to at least one activity.",
        "Verzonnen register 'badhuis' (seed {seed}): een bedachte wijk met {asked} inwoners, die "
        "allemaal minstens één keer naar een activiteit kwamen.",
    ),
    "reading": ("Reading the file", "Het bestand lezen"),
    "reading_demo": ("Reading the register", "Het register lezen"),
    "reading_none": (
        "nothing was changed or left out while reading",
        "bij het lezen is niets veranderd of weggelaten",
    ),
    "register": ("The register", "Het register"),
    "meetings": ("Who met whom", "Wie ontmoette wie"),
    "unit_session": (
        "Residents met when they were at the same session (the same activity on the same date, "
        "or with the same session label). "
        "Everyone at a session counts as having met everyone else there.",
        "Bewoners ontmoetten elkaar als ze bij dezelfde bijeenkomst waren (dezelfde activiteit op "
        "dezelfde datum, of met dezelfde sessienaam). Wie bij een bijeenkomst was, heeft in deze telling iedereen ontmoet die er ook was.",
    ),
    "unit_activity": (
        "Residents met when they took part in the same activity, not necessarily on the same "
        "day. Everyone in an activity counts as having met everyone else in it.",
        "Bewoners ontmoetten elkaar als ze aan dezelfde activiteit meededen, niet per se op "
        "dezelfde dag. Wie aan een activiteit meedeed, heeft in deze telling iedereen ontmoet die "
        "er ook aan meedeed.",
    ),
    "unit_activity_undated": (
        "(The register has no dates, so meetings are counted per activity; give --date to count "
        "them per session.)",
        "(Het register heeft geen datums, dus ontmoetingen tellen per activiteit; geef --date om "
        "ze per bijeenkomst te tellen.)",
    ),
    "unit_activity_labels": (
        "(The register has no dates, so meetings are counted per activity; --unit session counts "
        "them per session.)",
        "(Het register heeft geen datums, dus ontmoetingen tellen per activiteit; --unit session "
        "telt ze per bijeenkomst.)",
    ),
    "big_event": (
        "So one very large event (a festival, a street party) would make everyone there 'meet' "
        "everyone; the largest {unit} here had {size} residents. --max-activity-size N leaves "
        "every {unit} with more than N residents out of the meetings.",
        "Eén heel groot evenement (een festival, een straatfeest) zou dus iedereen daar iedereen "
        "laten 'ontmoeten'; de grootste {unit} had hier {size} bewoners. --max-activity-size N "
        "laat elke {unit} met meer dan N bewoners buiten de ontmoetingen.",
    ),
    "left_out_note": (
        "{count} of {total} {units} had more than {max} residents and were left out of the "
        "meetings (--max-activity-size {max}); their residents still count as residents.",
        "{count} van de {total} {units} hadden meer dan {max} bewoners en zijn buiten de "
        "ontmoetingen gelaten (--max-activity-size {max}); hun bewoners tellen wel mee als bewoner.",
    ),
    "unit_word_session": ("session", "bijeenkomst"),
    "unit_word_activity": ("activity", "activiteit"),
    "units_word_session": ("sessions", "bijeenkomsten"),
    "units_word_activity": ("activities", "activiteiten"),
    "at_unit_session": ("at the same session", "bij dezelfde bijeenkomst"),
    "at_unit_activity": ("in the same activity", "bij dezelfde activiteit"),
    "of_residents": ("of residents", "van de bewoners"),
    "of_units": ("of the {units}", "van de {units}"),
    "of_pairs": ("of possible pairs", "van de mogelijke paren"),
    "activities_heading": (
        "Activities, sorted by pairs who met there (most first){top}",
        "Activiteiten, gesorteerd op paren die elkaar daar ontmoetten (meeste eerst){top}",
    ),
    "top_n": (": the first {n} of {total}", ": de eerste {n} van {total}"),
    "no_activities": ("(no activities)", "(geen activiteiten)"),
    # ---- figures: label, explanation ---------------------------------------------------
    "residents": ("residents", "bewoners"),
    "residents_x": (
        "people in the register: everyone who came to at least one activity",
        "mensen in het register: iedereen die minstens één keer aan een activiteit meedeed",
    ),
    "activities": ("activities", "activiteiten"),
    "activities_x": ("different activities in the register", "verschillende activiteiten in het register"),
    "sessions": ("sessions", "bijeenkomsten"),
    "sessions_x": (
        "times an activity took place (an activity on one date, or one session label)",
        "keren dat een activiteit plaatsvond (een activiteit op één datum, of één sessienaam)",
    ),
    "sessions_x_undated": (
        "times an activity took place; without dates or sessions each activity counts once",
        "keren dat een activiteit plaatsvond; zonder datums of sessies telt elke activiteit één keer",
    ),
    "attendances": ("attendances", "aanwezigheden"),
    "attendances_x": (
        "times a resident was at a session (repeated rows included)",
        "keren dat een bewoner bij een bijeenkomst was (herhaalde regels meegeteld)",
    ),
    "repeated_rows": ("repeated rows", "herhaalde regels"),
    "repeated_rows_x": (
        "rows that repeat an earlier row for the same resident and session; each counts as an "
        "extra attendance (--duplicates drop keeps one)",
        "regels die een eerdere regel voor dezelfde bewoner en bijeenkomst herhalen; elke telt als "
        "extra aanwezigheid (--duplicates drop houdt er één)",
    ),
    "repeated_rows_x_drop": (
        "rows that repeat an earlier row for the same resident and session; each was left out "
        "(--duplicates drop)",
        "regels die een eerdere regel voor dezelfde bewoner en bijeenkomst herhalen; ze zijn "
        "weggelaten (--duplicates drop)",
    ),
    "period": ("period", "periode"),
    "first_date": ("first date", "eerste datum"),
    "first_date_x": ("the first date in the register", "de eerste datum in het register"),
    "last_date": ("last date", "laatste datum"),
    "last_date_x": ("the last date in the register", "de laatste datum in het register"),
    "period_x": (
        "the first and the last date in the register",
        "de eerste en de laatste datum in het register",
    ),
    "ties": ("pairs who met", "paren die elkaar ontmoetten"),
    "ties_x": (
        "pairs of residents who were {at_unit} at least once (ties)",
        "paren bewoners die minstens één keer {at_unit} waren (banden)",
    ),
    "strong_ties": ("pairs who met {n}+ times", "paren die elkaar {n}+ keer ontmoetten"),
    "strong_ties_x": (
        "pairs of residents who were {at_unit} {n} times or more",
        "paren bewoners die {n} keer of vaker {at_unit} waren",
    ),
    "strong_ties_x_activity": (
        "pairs of residents who took part in {n} or more of the same activities",
        "paren bewoners die aan {n} of meer dezelfde activiteiten meededen",
    ),
    "possible_pairs": ("possible pairs", "mogelijke paren"),
    "possible_pairs_x": (
        "every pair of residents, n × (n − 1) / 2: the most pairs who could meet",
        "elk paar bewoners, n × (n − 1) / 2: het grootste aantal paren dat elkaar kan ontmoeten",
    ),
    "met_someone": ("met someone", "ontmoetten iemand"),
    "met_someone_x": (
        "residents who met at least one other resident {at_unit}",
        "bewoners die minstens één andere bewoner ontmoetten {at_unit}",
    ),
    "isolated": ("met no one", "ontmoetten niemand"),
    "isolated_x": (
        "residents who were never {at_unit} as another resident",
        "bewoners die nooit {at_unit} waren als een andere bewoner",
    ),
    "isolated_x_left_out": (
        "residents who were never {at_unit} as another resident (left-out {units} do not count)",
        "bewoners die nooit {at_unit} waren als een andere bewoner (weggelaten {units} tellen niet)",
    ),
    "groups": ("groups", "groepen"),
    "groups_x": (
        "groups of residents linked by meetings, directly or through others (components); a "
        "resident who met no one is a group of one",
        "groepen bewoners die via ontmoetingen verbonden zijn, direct of via anderen "
        "(componenten); wie niemand ontmoette is een groep van één",
    ),
    "largest_group": ("largest group", "grootste groep"),
    "largest_group_x": (
        "residents in the largest group: each is linked to every other through a chain of meetings",
        "bewoners in de grootste groep: ieder is met elke ander verbonden via een keten van ontmoetingen",
    ),
    "median_met": ("median residents met", "mediaan ontmoete bewoners"),
    "median_met_x": (
        "half of the residents met at least this many different residents, half at most",
        "de helft van de bewoners ontmoette minstens zoveel verschillende bewoners, de helft hoogstens",
    ),
    "largest_unit": ("largest {unit}", "grootste {unit}"),
    "largest_unit_x": ("residents at the largest {unit}", "bewoners bij de grootste {unit}"),
    "left_out": ("{units} left out", "weggelaten {units}"),
    "left_out_x": (
        "{units} with more than {max} residents, left out of the meetings (--max-activity-size)",
        "{units} met meer dan {max} bewoners, buiten de ontmoetingen gelaten (--max-activity-size)",
    ),
    # ---- the activity table ------------------------------------------------------------
    "col_activity": ("activity", "activiteit"),
    "col_participants": ("residents", "bewoners"),
    "col_participants_x": ("different residents who took part", "verschillende bewoners die meededen"),
    "col_sessions": ("sessions", "bijeenk."),
    "col_sessions_x": ("times the activity took place", "keren dat de activiteit plaatsvond"),
    "col_ties": ("pairs met", "paren"),
    "col_ties_x": (
        "pairs of residents who met at this activity",
        "paren bewoners die elkaar bij deze activiteit ontmoetten",
    ),
    "col_unique_ties": ("only here", "alleen hier"),
    "col_unique_ties_x": (
        "of those, pairs who met at no other activity: lost if this activity stopped",
        "waarvan paren die elkaar bij geen andere activiteit ontmoetten: weg als deze activiteit stopte",
    ),
    # ---- check ---------------------------------------------------------------------------
    "check_ok": ("No problems found: {counts}.", "Geen problemen gevonden: {counts}."),
    "check_repeated": (
        "({n} repeating an earlier row for the same resident and session, counted as extra "
        "attendances; --duplicates drop keeps one)",
        "({n} die een eerdere regel voor dezelfde bewoner en bijeenkomst herhalen, geteld als "
        "extra aanwezigheden; --duplicates drop houdt er één)",
    ),
    "check_bad": (
        "{source}: {n} problems found; fix them all, then check again.",
        "{source}: {n} problemen gevonden; los ze allemaal op en controleer opnieuw.",
    ),
    "check_bad_one": (
        "{source}: 1 problem found; fix it, then check again.",
        "{source}: 1 probleem gevonden; los het op en controleer opnieuw.",
    ),
    "check_column": ("column", "kolom"),
    "check_rows": ("rows", "regels"),
    "check_row": ("row", "regel"),
    "check_first_rows": (
        "where: {rows}",
        "waar: {rows}",
    ),
    "check_examples": ("examples: {examples}", "voorbeelden: {examples}"),
    "check_fix": ("fix: {fix}", "oplossing: {fix}"),
    "budget_hint": (
        "(on the command line: --max-activity-size N leaves the largest sessions out, and "
        "--unit session counts meetings per session instead of per activity)",
        "(op de opdrachtregel: --max-activity-size N laat de grootste bijeenkomsten weg, en "
        "--unit session telt ontmoetingen per bijeenkomst in plaats van per activiteit)",
    ),
    "summary_problems_hint": (
        "(wijknet check with the same options lists every problem with its rows and fix)",
        "(wijknet check met dezelfde opties toont elk probleem met de regels en de oplossing)",
    ),
}

# Dutch titles of the problem kinds (the English ones are ``_problems.KINDS``).
_KIND_NL: dict[str, str] = {
    "missing_column": "ontbrekende kolom",
    "empty_table": "lege tabel",
    "duplicate_column": "kolomnaam twee keer gebruikt",
    "empty_id": "regels zonder naam of id",
    "mixed_id_types": "ids van verschillende soorten",
    "bad_id": "waarden die geen id kunnen zijn",
    "empty_date": "regels zonder datum",
    "bad_date": "waarden die geen datum zijn",
    "ambiguous_date": "datums die op twee manieren te lezen zijn",
    "date_out_of_range": "datums buiten 1900-2200",
    "lost_time": "tijden fijner dan de opgeslagen resolutie",
    "unknown_role": "onbekende rollen",
    "bad_mark": "onbekende tekens",
    "bad_value": "ongeldige waarden",
}


# Words that are counted: (English singular, plural), (Dutch singular, plural).
_WORDS: dict[str, tuple[tuple[str, str], tuple[str, str]]] = {
    "row": (("row", "rows"), ("regel", "regels")),
    "resident": (("resident", "residents"), ("bewoner", "bewoners")),
    "activity": (("activity", "activities"), ("activiteit", "activiteiten")),
    "session": (("session", "sessions"), ("bijeenkomst", "bijeenkomsten")),
}


def counted(n: int, word: str, lang: str) -> str:
    """``n`` and the word, singular or plural: ``1 activity``, ``1.234 bewoners``.

    >>> counted(1, "activity", "en"), counted(1234, "resident", "nl")
    ('1 activity', '1.234 bewoners')
    """
    en, nl = _WORDS[word]
    singular, plural = nl if lang == "nl" else en
    return f"{integer(n, lang)} {singular if n == 1 else plural}"


def phrase(table: dict[str, tuple[str, str]], key: str, lang: str, **values: Any) -> str:
    """The text ``key`` of a ``{key: (English, Dutch)}`` table in ``lang``, with ``values``
    filled in (the command line's table here, the figures' in :mod:`wijknet.plot`)."""
    en, nl = table[key]
    return (nl if lang == "nl" else en).format(**values)


def say(key: str, lang: str, **values: Any) -> str:
    """The command line's text ``key`` in ``lang`` with ``values`` filled in."""
    return phrase(_TEXTS, key, lang, **values)


def kind_title(kind: str, lang: str) -> str:
    """The plain-language title of a problem kind."""
    from ._problems import KINDS

    if lang == "nl" and kind in _KIND_NL:
        return _KIND_NL[kind]
    return KINDS.get(kind, kind.replace("_", " "))


#: an id or name longer than this (in characters) is shortened where it is shown
SHOWN_MAX = 60
#: how many of its first characters a shortened id or name keeps
SHOWN_HEAD = 40


def shown(value: Any, lang: str = "en") -> str:
    """An id or name as wijknet shows it to people (reports, plots, the command line's text):
    as it is, or, when longer than 60 characters, its first 40, "…" and its length, so that
    an id of a megabyte (a whole document pasted into an id column) never fills a page or a
    picture. The core's ``Id::shown`` follows the same rule in its messages. Only what is
    shown is shortened: tables handed back (``to_frame()``) keep every id whole.

    >>> shown("ann"), shown(12)
    ('ann', '12')
    >>> shown("x" * 100_000)
    'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx… (100,000 characters)'
    >>> shown("x" * 100_000, "nl")
    'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx… (100.000 tekens)'
    """
    text = str(value)
    if len(text) <= SHOWN_MAX:
        return text
    return f"{text[:SHOWN_HEAD]}… ({integer(len(text), lang)} {'tekens' if lang == 'nl' else 'characters'})"


def integer(n: int, lang: str) -> str:
    """A whole number with thousands separators: ``12,345`` (en), ``12.345`` (nl).

    >>> integer(1234567, "en"), integer(1234567, "nl"), integer(-5, "nl")
    ('1,234,567', '1.234.567', '-5')
    """
    text = f"{int(n):,}"
    return text.replace(",", ".") if lang == "nl" else text


def decimal(x: float, lang: str, digits: int = 1) -> str:
    """A number with ``digits`` decimals (none when it is whole): ``2.5`` (en), ``2,5`` (nl).

    >>> decimal(1234.5, "en"), decimal(1234.5, "nl"), decimal(3.0, "en")
    ('1,234.5', '1.234,5', '3')
    """
    x = float(x)
    if math.isnan(x):
        return "–"
    if x == int(x):
        return integer(int(x), lang)
    text = f"{x:,.{digits}f}"
    if lang == "nl":
        text = text.replace(",", "_").replace(".", ",").replace("_", ".")
    return text


def share(part: int, whole: int, lang: str) -> str:
    """``part`` of ``whole`` as a percentage with one decimal, rounded honestly.

    A share prints as ``100%`` or ``0%`` only when it is exactly that; a share that would
    round to 100.0% or 0.0% prints as ``> 99.9%`` or ``< 0.1%``. Dutch uses a decimal comma.

    >>> share(999, 1000, "en"), share(99_999, 100_000, "en"), share(1, 100_000, "en")
    ('99.9%', '> 99.9%', '< 0.1%')
    >>> share(1, 1000, "nl"), share(5, 5, "nl"), share(0, 5, "en"), share(0, 0, "en")
    ('0,1%', '100%', '0%', '–')
    """
    if whole <= 0:
        return "–"
    if part == whole:
        return "100%"
    if part == 0:
        return "0%"
    tenths = round(1000 * part / whole)  # the share in tenths of a percent
    if tenths >= 1000:
        text = "> 99.9%"
    elif tenths <= 0:
        text = "< 0.1%"
    else:
        text = f"{tenths / 10:.1f}%"
    return text.replace(".", ",") if lang == "nl" else text


__all__ = ["LANGUAGES", "say", "kind_title", "integer", "decimal", "share", "counted"]
