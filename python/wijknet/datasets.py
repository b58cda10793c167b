"""Data shipped with wijknet: the Davis Southern Women register and a seeded synthetic
"badhuis" register (resident-run community centres) of any size, optionally with a synthetic
resident survey and "support" tie layer whose effects are planted (for demonstrations and
tests; not real data)."""

from __future__ import annotations

import pandas as pd

from . import _args
from . import _wijknet as _native
from ._errors import ArgumentError
from .network import Network
from .survey import Item, ItemSet

BADHUIS_SURVEY = ItemSet(
    name="Bewonersenquête badhuis (synthetisch)",
    source="wijknet, datasets.badhuis(survey=True)",
    scale="5-point",
    wording="the statements of the synthetic survey, as its columns hold them",
    items=(
        Item(
            "leerde_anderen_kennen",
            "verbondenheid",
            "Ik heb via de activiteiten andere buurtbewoners leren kennen",
            "I got to know other residents through the activities",
            "repeated_contact",
        ),
        Item(
            "praat_vaker_met_buren",
            "verbondenheid",
            "Ik praat vaker met mijn buren",
            "I chat with my neighbours more often",
            "repeated_contact",
        ),
        Item(
            "doet_vaker_leuke_dingen",
            "verbondenheid",
            "Ik doe vaker leuke dingen met mensen uit de buurt",
            "I do fun things with people from the neighbourhood more often",
            "repeated_contact",
        ),
        Item(
            "kan_hulp_vragen",
            "steunend netwerk",
            "Ik heb iemand in de buurt die ik om hulp kan vragen",
            "I have someone in the neighbourhood I can ask for help",
            None,
        ),
        Item(
            "meer_zelfvertrouwen",
            "empowerment",
            "Ik heb door de activiteiten meer zelfvertrouwen gekregen",
            "I have gained self-confidence through the activities",
            "took_role",
        ),
    ),
)
"""The statements of the synthetic survey of :func:`badhuis` (``survey=True``), as an
:class:`~wijknet.survey.ItemSet` for :func:`wijknet.survey.compare_items`: each column with its
Dutch and English statement, its outcome and the register evidence it maps to
(``kan_hulp_vragen`` is answered by the ``"support"`` layer, not by the register)."""


def davis_southern_women() -> Network:
    """Davis, Gardner & Gardner (1941): 18 women × 14 social events, 89 attendances.

    Residents are the women's names as in networkx's ``davis_southern_women_graph``
    ("Evelyn Jefferson", ...), activities "E1".."E14". Undated.

    Returns
    -------
    Network
        The register.

    Examples
    --------
    >>> import wijknet as wn
    >>> wn.datasets.davis_southern_women()
    <wijknet.Network: 18 residents × 14 activities, 89 attendances>
    """
    return Network(_native.Network.davis_southern_women())


def badhuis(residents: int = 2000, *, seed: int = 0, survey: bool = False) -> Network:
    """A synthetic attendance register modelled on resident-run community centres, optionally
    with a synthetic resident survey and a "support" tie layer.

    One centre per ~2,000 residents, each with named activities of very different sizes and
    rhythms (a fortnightly dance evening of 80–200, a weekly game afternoon of 10–20, a monthly
    breakfast, yoga, the neighbourhood paper, a clothing swap, a fortnightly peer group for
    physically disabled residents flagged sensitive, yearly events, many small clubs), a year
    (2025) of dated sessions, roles, and resident attributes ``neighbourhood`` and
    ``age_group``. Participation is heavy-tailed: most residents take part in one activity.
    The same seed gives the same register on any machine and thread count.

    **With** ``survey=True`` (synthetic, not real data: every effect below was planted, so
    that survey triangulation and the support questions can be shown where the answer is
    known). The register is exactly the one ``survey=False`` gives. *Repeated contact* means
    two residents were at two or more of the same sessions.

    - **Who answered.** Each resident answered with a chance of 25% without repeated contact,
      rising to about 70% with many repeated-contact partners: respondents are the
      better-connected residents, so survey shares flatter the centre (see
      :func:`wijknet.survey.nonresponse` and :func:`wijknet.survey.reweight`). Measure
      connectedness without the one-off big events (e.g. ``projection={"unit": "session",
      "min_weight": 2}`` or ``{"max_activity_size": 100}``): in the default projection,
      everyone seen once at a festival of hundreds counts as met, and residents who only
      went to King's Day — who rarely answer — have the most "contacts" of all.
    - **The survey**, as resident attributes: ``responded`` (True/False) and five statements
      answered on the Dutch 5-point scale ("helemaal mee oneens", "mee oneens", "neutraal",
      "mee eens", "helemaal mee eens"); missing for non-respondents and for the ~3% of items a
      respondent left blank.

      - ``leerde_anderen_kennen`` — "Ik heb via de activiteiten andere buurtbewoners leren
        kennen" (I got to know other residents through the activities): agreeing is more
        likely with more repeated-contact partners;
      - ``praat_vaker_met_buren`` — "Ik praat vaker met mijn buren" (I chat with my
        neighbours more often): with more repeated-contact partners from the same
        neighbourhood;
      - ``doet_vaker_leuke_dingen`` — "Ik doe vaker leuke dingen met mensen uit de buurt" (I
        do fun things with people from the neighbourhood more often): with more sessions
        attended;
      - ``kan_hulp_vragen`` — "Ik heb iemand in de buurt die ik om hulp kan vragen" (I have
        someone in the neighbourhood I can ask for help): with having named someone in the
        support question;
      - ``meer_zelfvertrouwen`` — "Ik heb door de activiteiten meer zelfvertrouwen gekregen"
        (I have gained self-confidence through the activities): with having volunteered or
        organised.

      About 73%, 70% and 59% of respondents agree with the first three (the shares
      evaluators typically report); fewer of all participants would. :data:`BADHUIS_SURVEY`
      holds the statements as an item set for :func:`wijknet.survey.compare_items`.
    - **The support layer** ``"support"`` ("Wie zou u om hulp vragen?" — whom would you ask
      for help?): directed, from the respondent to the person named, at most five names.
      Only respondents name people; who responded is recorded with the layer, so
      non-respondents count as not asked (missing), never as having nobody to ask — they can
      be named by others. A respondent names a co-participant met at w ≥ 2 of the same
      sessions with a chance of 0.3 · (1 − exp(−(w − 1)/8)), and a co-organiser (both
      volunteer or organise in the same activity: the ``"co-organising"`` layer) with that
      plus 40% of the rest: clearly more often than other pairs with as many shared sessions,
      but not always. 15% also name someone from their own neighbourhood, met there or not.
      Where more than five were drawn, the five most likely are kept (people name the
      closest first).

    Parameters
    ----------
    residents
        Population size (residents who take part in nothing are not in the register).
    seed
        Which synthetic register (a whole number ≥ 0): seed 0 is the one the documentation
        uses. The survey is drawn from the same seed.
    survey
        False (the default): the register only. True: add the synthetic survey (resident
        attributes) and the ``"support"`` layer described above.

    Returns
    -------
    Network
        A dated register with roles and resident attributes (and, with ``survey=True``, the
        survey columns and the ``"support"`` layer).

    Examples
    --------
    >>> import wijknet as wn
    >>> net = wn.datasets.badhuis(residents=2000, seed=0)
    >>> net.summary()["residents"] > 1000
    True

    The survey: one row per resident, answers only for those who responded.

    >>> net = wn.datasets.badhuis(2000, seed=0, survey=True)
    >>> net.layers
    ['support', 'co-participation', 'co-organising']
    >>> people = net.resident_attributes()
    >>> survey = people[people["responded"]].reset_index()
    >>> 0.3 < len(survey) / len(people) < 0.6
    True
    >>> survey["leerde_anderen_kennen"].value_counts().index[0] in wn.survey.LIKERT_NL
    True

    Respondents are the better-connected residents (met at two or more sessions):

    >>> r = wn.survey.nonresponse(net, survey, projection={"unit": "session", "min_weight": 2},
    ...                           n=200, seed=1)
    >>> bool(r.summary.loc["degree", "ci_low"] > 0)
    True

    Residents who organise together name each other for help more often:

    >>> q = wn.qap(net.layer("support"), net.layer("co-organising"), n=100, seed=1)
    >>> q.correlation > 0 and q.p_greater < 0.05
    True
    """
    fn = "datasets.badhuis"
    n = _args.whole(residents, "residents", fn, minimum=1)
    with_survey = _args.flag(survey, "survey", fn)
    return Network(_native.Network.badhuis(n, _args.whole(seed, "seed", fn), with_survey))


def survey_table(net: Network) -> pd.DataFrame:
    """The synthetic survey of :func:`badhuis` (``survey=True``) as the table a real survey
    gives: one row per respondent, a ``resident`` column and one column per statement (the
    codes of :data:`BADHUIS_SURVEY`), for :func:`wijknet.evaluate` and :mod:`wijknet.survey`.

    Parameters
    ----------
    net
        A register made by ``badhuis(..., survey=True)``.

    Returns
    -------
    pandas.DataFrame
        The respondents' answers.

    Examples
    --------
    >>> import wijknet as wn
    >>> t = wn.datasets.survey_table(wn.datasets.badhuis(300, seed=1, survey=True))
    >>> t.columns.tolist()[:2], len(t) > 0
    (['resident', 'leerde_anderen_kennen'], True)
    """
    attrs = net.resident_attributes()
    codes = list(BADHUIS_SURVEY.to_frame().index)
    if "responded" not in attrs.columns or not set(codes) <= set(attrs.columns):
        raise ArgumentError(
            "datasets.survey_table(): this register has no synthetic survey; make it with "
            "wn.datasets.badhuis(..., survey=True)"
        )
    answered = attrs["responded"].fillna(False).astype(bool)
    table = attrs.loc[answered.to_numpy(), codes].reset_index()
    return table.rename(columns={table.columns[0]: "resident"})


__all__ = ["davis_southern_women", "badhuis", "survey_table", "BADHUIS_SURVEY"]
