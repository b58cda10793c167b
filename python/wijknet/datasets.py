"""Data shipped with wijknet: the Davis Southern Women register and a seeded synthetic
"badhuis" register (resident-run community centres) of any size."""

from __future__ import annotations

from . import _args
from . import _wijknet as _native
from .network import Network


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


def badhuis(residents: int = 2000, *, seed: int = 0) -> Network:
    """A synthetic attendance register modelled on resident-run community centres.

    One centre per ~2,000 residents, each with named activities of very different sizes and
    rhythms (a fortnightly dance evening of 80–200, a weekly game afternoon of 10–20, a monthly
    breakfast, yoga, the neighbourhood paper, a clothing swap, a fortnightly peer group for
    physically disabled residents flagged sensitive, yearly events, many small clubs), a year
    (2025) of dated sessions, roles, and resident attributes ``neighbourhood`` and
    ``age_group``. Participation is heavy-tailed: most residents take part in one activity.
    The same seed gives the same register on any machine and thread count.

    Parameters
    ----------
    residents
        Population size (residents who take part in nothing are not in the register).
    seed
        Which synthetic register (a whole number ≥ 0): seed 0 is the one the documentation
        uses.

    Returns
    -------
    Network
        A dated register with roles and resident attributes.

    Examples
    --------
    >>> import wijknet as wn
    >>> net = wn.datasets.badhuis(residents=2000, seed=0)
    >>> net.summary()["residents"] > 1000
    True
    """
    fn = "datasets.badhuis"
    n = _args.whole(residents, "residents", fn, minimum=1)
    return Network(_native.Network.badhuis(n, _args.whole(seed, "seed", fn)))


__all__ = ["davis_southern_women", "badhuis"]
