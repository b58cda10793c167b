# Type stubs of the native module wijknet._wijknet (hand-written; checked by mypy.stubtest in
# tests/test_stubs.py). Users call the wrappers in wijknet.Network / wijknet.Graph.
from typing import Any, Callable, Optional, Sequence, Union, final

import numpy as np
import numpy.typing as npt

__all__ = [
    "Network",
    "Graph",
    "StreamBuilder",
    "__version__",
    "FORMAT_VERSION",
    "ROLES",
    "ROLE_CODES",
    "DEFAULT_PAIR_BUDGET",
    "degree",
    "strength",
    "connected_components",
    "number_connected_components",
    "isolates",
    "density",
    "set_num_threads",
    "get_num_threads",
    "twomode_density",
    "robins_alexander_clustering",
    "latapy_clustering",
    "opsahl_clustering",
    "exclusive_clustering",
    "twomode_degree_centrality",
    "twomode_closeness_centrality",
    "twomode_betweenness_centrality",
    "modularity",
    "louvain",
    "louvain_levels",
    "leiden",
    "partition_similarity",
    "bipartite_modularity",
    "temporal_periods",
    "temporal_growth",
    "temporal_retention",
    "temporal_spells",
    "kaplan_meier",
    "temporal_tie_formation",
    "temporal_persistence",
    "temporal_compare",
    "bootstrap_interval",
]

__version__: str
FORMAT_VERSION: int
ROLES: list[str]
ROLE_CODES: dict[str, int]
DEFAULT_PAIR_BUDGET: int

_Ids = Union[list[str], npt.NDArray[np.int64]]
_Columns = list[tuple[str, str, npt.NDArray[Any], Optional[list[str]]]]
# attribute columns as the native layer returns them: name, kind, values, levels
_ColumnsOut = list[dict[str, Any]]

# a piece's distinct ids: a list of str, int64 ids, or Arrow text as (offsets, UTF-8 bytes)
_PieceIds = Union[_Ids, tuple[npt.NDArray[np.int64], npt.NDArray[np.uint8]]]

@final
class StreamBuilder:
    def __new__(cls, dated: bool, labelled: bool) -> StreamBuilder: ...
    def push(
        self,
        resident_codes: npt.NDArray[np.uint32],
        resident_ids: _PieceIds,
        activity_codes: npt.NDArray[np.uint32],
        activity_ids: _PieceIds,
        date: Optional[npt.NDArray[np.int64]] = None,
        date_unit: Optional[str] = None,
        session_codes: Optional[npt.NDArray[np.uint32]] = None,
        session_ids: Optional[_PieceIds] = None,
        role: Optional[npt.NDArray[np.uint8]] = None,
    ) -> None: ...
    @property
    def n_rows(self) -> int: ...
    @property
    def date_unit(self) -> Optional[str]: ...
    def ids(self, column_name: str) -> Optional[_Ids]: ...
    def may_need_cleaning(self, column_name: str) -> bool: ...
    def numbers_from_text(self, column_name: str) -> bool: ...
    def id_rows(self, column_name: str) -> Optional[npt.NDArray[np.uint64]]: ...
    def replace_ids(
        self, column_name: str, ids: _Ids, remap: Optional[npt.NDArray[np.uint32]] = None
    ) -> None: ...
    def finish(self, duplicates: str = "count") -> Network: ...

@final
class Network:
    @staticmethod
    def from_columns(
        resident_codes: npt.NDArray[np.uint32],
        resident_ids: _Ids,
        activity_codes: npt.NDArray[np.uint32],
        activity_ids: _Ids,
        date: Optional[npt.NDArray[np.int64]] = None,
        date_unit: str = "D",
        session_codes: Optional[npt.NDArray[np.uint32]] = None,
        session_ids: Optional[_Ids] = None,
        role: Optional[npt.NDArray[np.uint8]] = None,
        duplicates: str = "count",
        progress: Optional[Callable[[int, int], object]] = None,
    ) -> Network: ...
    @staticmethod
    def badhuis(residents: int, seed: int, survey: bool = False) -> Network: ...
    @staticmethod
    def davis_southern_women() -> Network: ...
    @staticmethod
    def from_bytes(data: bytes) -> Network: ...
    def to_bytes(self) -> bytes: ...
    def project(
        self,
        weight: str = "count",
        unit: Optional[str] = None,
        min_weight: Optional[float] = None,
        max_activity_size: Optional[int] = None,
        pair_budget: Optional[int] = None,
        threads: Optional[int] = None,
        progress: Optional[Callable[[int, int], object]] = None,
    ) -> Graph: ...
    def pair_count(self, unit: Optional[str] = None, max_activity_size: Optional[int] = None) -> int: ...
    def window(self, start: Optional[int] = None, end: Optional[int] = None) -> Network: ...
    def filter(
        self,
        roles: Optional[Sequence[str]] = None,
        activities: Optional[Sequence[Any]] = None,
        residents: Optional[Sequence[Any]] = None,
        exclude_sensitive: bool = False,
    ) -> Network: ...
    def summary(self) -> dict[str, Any]: ...
    def rows(self) -> dict[str, npt.NDArray[Any]]: ...
    def resident_ids(self) -> _Ids: ...
    def activity_ids(self) -> _Ids: ...
    def view_residents(self) -> npt.NDArray[np.uint32]: ...
    def view_activities(self) -> npt.NDArray[np.uint32]: ...
    def session_activity(self) -> npt.NDArray[np.uint32]: ...
    def session_date(self) -> Optional[npt.NDArray[np.int64]]: ...
    def session_labels(self) -> Optional[tuple[_Ids, npt.NDArray[np.uint32]]]: ...
    @property
    def default_unit(self) -> str: ...
    @property
    def date_unit(self) -> Optional[str]: ...
    @property
    def duplicates(self) -> str: ...
    @property
    def duplicates_found(self) -> int: ...
    @property
    def is_view(self) -> bool: ...
    @property
    def nbytes(self) -> int: ...
    def resident_attributes(self) -> _ColumnsOut: ...
    def activity_attributes(self) -> _ColumnsOut: ...
    def sensitive(self) -> npt.NDArray[np.bool_]: ...
    def with_resident_attributes(self, on: str, ids: _Ids, columns: _Columns) -> Network: ...
    def with_resident_ids(self, ids: _Ids) -> Network: ...
    def with_ties(
        self,
        layer: str,
        directed: bool,
        source: _Ids,
        target: _Ids,
        weight: Optional[npt.NDArray[np.float64]] = None,
        wave: Optional[_Ids] = None,
        respondents: Optional[_Ids] = None,
    ) -> tuple[Network, dict[str, int]]: ...
    def layer(
        self,
        name: str,
        wave: Optional[Union[str, int]] = None,
        threads: Optional[int] = None,
        progress: Optional[Callable[[int, int], object]] = None,
    ) -> Graph: ...
    def layer_names(self) -> list[str]: ...
    def project_activities(
        self,
        weight: str = "count",
        min_weight: Optional[float] = None,
        max_resident_activities: Optional[int] = None,
        pair_budget: Optional[int] = None,
        threads: Optional[int] = None,
        progress: Optional[Callable[[int, int], object]] = None,
    ) -> Graph: ...
    def layer_info(self) -> list[dict[str, Any]]: ...
    def outside_ids(self) -> Optional[_Ids]: ...
    def with_activity_attributes(
        self, on: str, ids: _Ids, columns: _Columns, sensitive: Optional[Sequence[bool]] = None
    ) -> Network: ...

@final
class Graph:
    @staticmethod
    def from_edges(
        node_ids: _Ids,
        source: npt.NDArray[np.uint32],
        target: npt.NDArray[np.uint32],
        weight: Optional[npt.NDArray[np.float64]] = None,
        directed: bool = False,
    ) -> Graph: ...
    @staticmethod
    def from_bytes(data: bytes) -> Graph: ...
    def to_bytes(self) -> bytes: ...
    def node_ids(self) -> _Ids: ...
    def node_attributes(self) -> _ColumnsOut: ...
    def respondents(self) -> Optional[npt.NDArray[np.bool_]]: ...
    def with_respondents(self, mask: Optional[npt.NDArray[np.bool_]] = None) -> Graph: ...
    def subgraph(self, keep: npt.NDArray[np.uint32]) -> Graph: ...
    def with_node_attributes(self, on: str, ids: _Ids, columns: _Columns) -> Graph: ...
    @property
    def directed(self) -> bool: ...
    @property
    def node_count(self) -> int: ...
    @property
    def edge_count(self) -> int: ...
    def spec(self) -> Optional[dict[str, Any]]: ...
    def source_network(self) -> Optional[Network]: ...
    def edges(self, ids: Optional[npt.NDArray[np.int64]] = None) -> dict[str, npt.NDArray[Any]]: ...
    def csr(self) -> dict[str, npt.NDArray[Any]]: ...
    def provenance(self, a: int, b: int) -> npt.NDArray[np.uint32]: ...
    def weight(self, a: int, b: int) -> Optional[float]: ...

def degree(g: Graph) -> npt.NDArray[np.uint64]: ...
def strength(g: Graph) -> npt.NDArray[np.float64]: ...
def connected_components(g: Graph) -> npt.NDArray[np.uint32]: ...
def number_connected_components(g: Graph) -> int: ...
def isolates(g: Graph) -> npt.NDArray[np.uint32]: ...
def density(g: Graph) -> float: ...
def set_num_threads(n: int) -> None: ...
def get_num_threads() -> int: ...

# --- twomode ---
def twomode_density(net: Network) -> float: ...
def robins_alexander_clustering(net: Network) -> float: ...
def latapy_clustering(
    net: Network,
    mode: str,
    nodes: str,
    threads: Optional[int] = None,
    progress: Optional[Callable[[int, int], object]] = None,
) -> npt.NDArray[np.float64]: ...
def opsahl_clustering(
    net: Network, threads: Optional[int] = None, progress: Optional[Callable[[int, int], object]] = None
) -> tuple[float, npt.NDArray[np.float64]]: ...
def exclusive_clustering(
    net: Network, threads: Optional[int] = None, progress: Optional[Callable[[int, int], object]] = None
) -> tuple[float, npt.NDArray[np.float64]]: ...
def twomode_degree_centrality(net: Network) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]: ...
def twomode_closeness_centrality(
    net: Network, threads: Optional[int] = None, progress: Optional[Callable[[int, int], object]] = None
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]: ...
def twomode_betweenness_centrality(
    net: Network, threads: Optional[int] = None, progress: Optional[Callable[[int, int], object]] = None
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]: ...

# --- community ---
def modularity(g: Graph, labels: npt.NDArray[np.uint32], resolution: float, weighted: bool) -> float: ...
def louvain(
    g: Graph,
    resolution: float,
    weighted: bool,
    seed: int,
    threads: Optional[int] = None,
    progress: Optional[Callable[[int, int], object]] = None,
) -> npt.NDArray[np.uint32]: ...
def louvain_levels(
    g: Graph,
    resolution: float,
    weighted: bool,
    seed: int,
    threads: Optional[int] = None,
    progress: Optional[Callable[[int, int], object]] = None,
) -> list[npt.NDArray[np.uint32]]: ...
def leiden(
    g: Graph,
    resolution: float,
    weighted: bool,
    seed: int,
    n_iterations: Optional[int],
    threads: Optional[int] = None,
    progress: Optional[Callable[[int, int], object]] = None,
) -> npt.NDArray[np.uint32]: ...
def partition_similarity(a: npt.NDArray[np.uint32], b: npt.NDArray[np.uint32]) -> tuple[float, float]: ...
def bipartite_modularity(
    net: Network, resident_labels: npt.NDArray[np.uint32], activity_labels: npt.NDArray[np.uint32]
) -> float: ...

# --- clustering ---
__all__ += ["triangles", "clustering", "average_clustering", "transitivity", "square_clustering"]

def triangles(
    g: Graph, threads: Optional[int] = None, progress: Optional[Callable[[int, int], object]] = None
) -> npt.NDArray[np.uint64]: ...
def clustering(
    g: Graph,
    method: str = "unweighted",
    threads: Optional[int] = None,
    progress: Optional[Callable[[int, int], object]] = None,
) -> npt.NDArray[np.float64]: ...
def average_clustering(
    g: Graph,
    method: str = "unweighted",
    count_zeros: bool = True,
    threads: Optional[int] = None,
    progress: Optional[Callable[[int, int], object]] = None,
) -> float: ...
def transitivity(
    g: Graph, threads: Optional[int] = None, progress: Optional[Callable[[int, int], object]] = None
) -> float: ...
def square_clustering(
    g: Graph, threads: Optional[int] = None, progress: Optional[Callable[[int, int], object]] = None
) -> npt.NDArray[np.float64]: ...

# --- cohesion ---
__all__ += [
    "core_number",
    "k_core",
    "articulation_points",
    "articulation_points_in_order",
    "bridges",
    "reach",
    "average_shortest_path_length",
    "global_efficiency",
    "diameter",
]

def core_number(g: Graph) -> npt.NDArray[np.uint32]: ...
def k_core(g: Graph, k: Optional[int] = None) -> tuple[Graph, npt.NDArray[np.uint32]]: ...
def articulation_points(g: Graph) -> npt.NDArray[np.uint32]: ...
def articulation_points_in_order(
    indptr: npt.NDArray[np.uint64], indices: npt.NDArray[np.uint32]
) -> npt.NDArray[np.uint32]: ...
def bridges(g: Graph) -> tuple[npt.NDArray[np.uint32], npt.NDArray[np.uint32]]: ...
def reach(
    g: Graph,
    steps: int = 2,
    threads: Optional[int] = None,
    progress: Optional[Callable[[int, int], object]] = None,
) -> list[npt.NDArray[np.uint32]]: ...
def average_shortest_path_length(
    g: Graph,
    distance: Optional[str] = None,
    k: Optional[int] = None,
    seed: Optional[int] = None,
    threads: Optional[int] = None,
    progress: Optional[Callable[[int, int], object]] = None,
) -> dict[str, npt.NDArray[Any]]: ...
def global_efficiency(
    g: Graph,
    distance: Optional[str] = None,
    k: Optional[int] = None,
    seed: Optional[int] = None,
    threads: Optional[int] = None,
    progress: Optional[Callable[[int, int], object]] = None,
) -> tuple[float, float]: ...
def diameter(
    g: Graph,
    distance: Optional[str] = None,
    threads: Optional[int] = None,
    progress: Optional[Callable[[int, int], object]] = None,
) -> float: ...

# --- centrality ---
__all__ += [
    "pagerank",
    "eigenvector_centrality",
    "betweenness_centrality",
    "closeness_centrality",
    "harmonic_centrality",
    "degree_centrality_opsahl",
]

def pagerank(
    g: Graph,
    alpha: float = 0.85,
    weighted: bool = True,
    max_iter: int = 100,
    tol: float = 1e-06,
    personalization: Optional[npt.NDArray[np.float64]] = None,
    threads: Optional[int] = None,
    progress: Optional[Callable[[int, int], object]] = None,
) -> npt.NDArray[np.float64]: ...
def eigenvector_centrality(
    g: Graph,
    weighted: bool = False,
    max_iter: int = 100,
    tol: float = 1e-06,
    threads: Optional[int] = None,
    progress: Optional[Callable[[int, int], object]] = None,
) -> npt.NDArray[np.float64]: ...
def betweenness_centrality(
    g: Graph,
    normalized: bool = True,
    distance: Optional[str] = None,
    k: Optional[int] = None,
    seed: Optional[int] = None,
    endpoints: bool = False,
    alpha: Optional[float] = None,
    threads: Optional[int] = None,
    progress: Optional[Callable[[int, int], object]] = None,
    sources: Optional[npt.NDArray[np.uint32]] = None,
) -> npt.NDArray[np.float64]: ...  # sources: the pivots (k is then not used)
def closeness_centrality(
    g: Graph,
    distance: Optional[str] = None,
    wf_improved: bool = True,
    alpha: Optional[float] = None,
    threads: Optional[int] = None,
    progress: Optional[Callable[[int, int], object]] = None,
) -> npt.NDArray[np.float64]: ...
def harmonic_centrality(
    g: Graph,
    distance: Optional[str] = None,
    threads: Optional[int] = None,
    progress: Optional[Callable[[int, int], object]] = None,
) -> npt.NDArray[np.float64]: ...
def degree_centrality_opsahl(g: Graph, alpha: float) -> npt.NDArray[np.float64]: ...

# --- ego ---
__all__ += [
    "ego_measures",
    "ego_size",
    "ego_support_sources",
    "ego_strong_ties",
    "ego_composition",
    "reciprocity",
    "node_reciprocity",
    "degree_centralisation",
    "share_nobody_to_ask",
    "brokerage",
    "null_curveball",
    "null_curveball_rows",
    "null_summary",
    "null_test",
    "null_backbone",
    "null_permute_graph",
    "null_permute_network",
]

def ego_measures(
    g: Graph,
    weighted: bool = False,
    strong: Optional[float] = None,
    threads: Optional[int] = None,
    progress: Optional[Callable[[int, int], object]] = None,
) -> dict[
    str, Any
]: ...  # size, alter_ties, density, effective_size, efficiency, redundancy, constraint, hierarchy, support_sources, strong_ties (None without strong)
def ego_size(g: Graph) -> npt.NDArray[np.uint32]: ...
def ego_support_sources(g: Graph) -> npt.NDArray[np.float64]: ...  # NaN: not asked
def ego_strong_ties(g: Graph, threshold: float, threads: Optional[int] = None) -> npt.NDArray[np.uint32]: ...
def ego_composition(
    g: Graph, codes: npt.NDArray[np.int32], categories: int, threads: Optional[int] = None
) -> dict[str, npt.NDArray[Any]]: ...  # counts (nodes × K), missing, blau, iqv, ei_index
def reciprocity(g: Graph, mode: str = "default") -> float: ...
def node_reciprocity(g: Graph) -> npt.NDArray[np.float64]: ...  # NaN: no ties, or not asked
def degree_centralisation(g: Graph, mode: str = "all") -> float: ...
def share_nobody_to_ask(g: Graph, respondents: Optional[npt.NDArray[np.uint32]] = None) -> float: ...
def brokerage(
    g: Graph,
    groups: npt.NDArray[np.int32],
    threads: Optional[int] = None,
    progress: Optional[Callable[[int, int], object]] = None,
) -> npt.NDArray[np.uint64]: ...

# --- mixing and diversity ---
__all__ += [
    "mixing",
    "numeric_assortativity",
    "node_mixing",
    "activity_diversity",
    "coparticipant_diversity",
]

def mixing(
    g: Graph,
    codes: npt.NDArray[np.int32],
    categories: int,
    weighted: bool = False,
    threads: Optional[int] = None,
) -> dict[
    str, Any
]: ...  # counts (K × K), missing, network {external, internal, ei_index, expected}, assortativity, groups {external, internal, ei_index, expected, coleman}
def numeric_assortativity(
    g: Graph, values: npt.NDArray[np.float64], weighted: bool = False, threads: Optional[int] = None
) -> tuple[float, float]: ...
def node_mixing(
    g: Graph,
    codes: npt.NDArray[np.int32],
    categories: int,
    weighted: bool = False,
    threads: Optional[int] = None,
) -> dict[str, npt.NDArray[np.float64]]: ...  # external, internal, missing, ei_index, cross_share, expected
def activity_diversity(
    net: Network, codes: npt.NDArray[np.int32], categories: int, threads: Optional[int] = None
) -> dict[str, npt.NDArray[Any]]: ...  # participants, counts (activities × K), missing, blau, iqv
def coparticipant_diversity(
    net: Network,
    codes: npt.NDArray[np.int32],
    categories: int,
    weighting: str = "distinct",
    threads: Optional[int] = None,
) -> dict[str, npt.NDArray[Any]]: ...  # coparticipants, counts (residents × K), missing, blau, iqv, ei_index

# ---- layer association (metrics::association, stats::qap) ----------------------------------------------------
__all__ += ["align_layers", "layer_overlap", "multiplexity", "qap", "mrqap"]

# alignment: {ids, left_out (per graph), added (per graph), shared}
# tie counts: {ties_1, ties_2, both, jaccard, share_of_1_in_2, share_of_2_in_1}
# p-values: {greater, less, two_sided}

def align_layers(graphs: Sequence[Graph], nodes: str = "intersection") -> dict[str, Any]: ...
def layer_overlap(
    g1: Graph, g2: Graph, nodes: str = "intersection"
) -> dict[str, Any]: ...  # alignment, undirected, directed (None when both undirected)
def multiplexity(
    graphs: Sequence[Graph], nodes: str = "intersection"
) -> dict[
    str, Any
]: ...  # alignment, tied_pairs, multiplex_pairs, share, masks, pairs, ego_share, alters, multiplex_alters
def qap(
    g1: Graph,
    g2: Graph,
    nodes: str = "intersection",
    weighted: bool = True,
    n: int = 1000,
    seed: int = 0,
    threads: Optional[int] = None,
    progress: Optional[Callable[[int, int], object]] = None,
    first: int = 0,  # replicates first..first + n of the whole call (wijknet.dask)
) -> dict[str, Any]: ...  # alignment, cells, observed, null, p, null_mean, null_sd
def mrqap(
    y: Graph,
    xs: Sequence[Graph],
    nodes: str = "intersection",
    weighted: bool = True,
    n: int = 1000,
    seed: int = 0,
    threads: Optional[int] = None,
    progress: Optional[Callable[[int, int], object]] = None,
    first: int = 0,  # replicates first..first + n of the whole call (wijknet.dask)
) -> dict[
    str, Any
]: ...  # alignment, cells, coefficients, std_errors, t, r_squared, adj_r_squared, residual_df, null_t (n × predictors), p (one dict per predictor)

# ---- null models (wijknet.null) -----------------------------------------------------------
# a test summary: {observed, samples, mean, sd, z, p_greater, p_less, p_two_sided}

def null_curveball(
    net: Network,
    trades: Optional[int] = None,
    seed: int = 0,
    sample: int = 0,
    threads: Optional[int] = None,
    progress: Optional[Callable[[int, int], object]] = None,
) -> Network: ...
def null_curveball_rows(
    net: Network, trades: Optional[int] = None, seed: int = 0, sample: int = 0
) -> tuple[npt.NDArray[np.uint64], npt.NDArray[np.uint32]]: ...
def null_summary(observed: float, samples: npt.NDArray[np.float64]) -> dict[str, Any]: ...
def null_test(
    net: Network,
    name: str,
    labels: Optional[npt.NDArray[np.uint32]] = None,
    groups: Optional[npt.NDArray[np.int32]] = None,
    weighted: bool = False,
    n: int = 1000,
    trades: Optional[int] = None,
    null: str = "curveball",
    projection: Optional[dict[str, Any]] = None,
    seed: int = 0,
    threads: Optional[int] = None,
    progress: Optional[Callable[[int, int], object]] = None,
    first: int = 0,  # replicates first..first + n of the whole call (wijknet.dask)
) -> dict[str, Any]: ...
def null_backbone(
    net: Network,
    method: str = "sdsm",
    alpha: float = 0.05,
    correction: str = "holm",
    n: int = 1000,
    trades: Optional[int] = None,
    seed: int = 0,
    threads: Optional[int] = None,
    progress: Optional[Callable[[int, int], object]] = None,
) -> dict[str, Any]: ...  # graph, source, target, cooccurrence, expected, p, p_adjusted, kept
def null_permute_graph(g: Graph, name: str, seed: int = 0, sample: int = 0) -> Graph: ...
def null_permute_network(net: Network, name: str, seed: int = 0, sample: int = 0) -> Network: ...

# ---- temporal (wijknet.temporal) ----------------------------------------------------------
# periods: {label (list), start, end (arrays in the date unit)}

def temporal_periods(
    net: Network, freq: str, cumulative: bool = False
) -> dict[str, Any]: ...  # label, start, end, network (list)
def temporal_growth(
    net: Network,
    freq: str,
    projection: Optional[dict[str, Any]] = None,
    threads: Optional[int] = None,
    progress: Optional[Callable[[int, int], object]] = None,
) -> dict[
    str, Any
]: ...  # label, start, end, residents, activities, sessions, attendances, ties, new, returning
def temporal_retention(
    net: Network, freq: str
) -> dict[str, Any]: ...  # label, start, end, active, retained, from_previous
def temporal_spells(net: Network, gap: float) -> dict[str, Any]: ...  # resident, first, last, dropped, end
def kaplan_meier(
    durations: npt.NDArray[np.float64], events: npt.NDArray[np.bool_]
) -> dict[str, npt.NDArray[Any]]: ...  # time, at_risk, events, censored, survival, std_err
def temporal_tie_formation(
    net: Network,
    within: Sequence[int],
    unit: str = "session",
    min_weight: int = 1,
    threads: Optional[int] = None,
    progress: Optional[Callable[[int, int], object]] = None,
) -> dict[str, Any]: ...  # resident, first, counts (residents × horizons), first_tie (-1: none), end
def temporal_persistence(
    g1: Graph, g2: Graph
) -> dict[str, Any]: ...  # kept, lost, gained, jaccard, nodes_1, nodes_2, common_nodes, ids, a, b, status
def bootstrap_interval(
    replicates: npt.NDArray[np.float64], level: float
) -> tuple[float, float, float]: ...  # ci_low, ci_high, std_err
def temporal_compare(
    net: Network,
    before: tuple[Optional[int], Optional[int]],
    after: tuple[Optional[int], Optional[int]],
    metrics: Sequence[str],
    n: int = 1000,
    level: float = 0.95,
    seed: int = 0,
    projection: Optional[dict[str, Any]] = None,
    threads: Optional[int] = None,
    progress: Optional[Callable[[int, int], object]] = None,
    first: int = 0,  # replicates first..first + n of the whole call (wijknet.dask)
) -> dict[str, Any]: ...

# ---- empowerment (wijknet.empowerment) -----------------------------------------------------
__all__ += [
    "empowerment_trajectories",
    "empowerment_role_uptake",
    "empowerment_new_organisers",
    "empowerment_organiser_load",
    "empowerment_position_change",
]

def empowerment_trajectories(
    net: Network,
) -> dict[
    str, npt.NDArray[Any]
]: ...  # resident, first, last, first_volunteer (+ has_), first_organiser (+ has_), highest, *_activity (-1: none), days_to_* (NaN: none)
def empowerment_role_uptake(
    net: Network, role: str
) -> dict[
    str, Any
]: ...  # resident, days, taken, time, at_risk, events, censored, survival, std_err, ci_low, ci_high, share, median (None: not reached)
def empowerment_new_organisers(
    net: Network, freq: str
) -> dict[str, Any]: ...  # label, start, end, new, cumulative
def empowerment_organiser_load(
    net: Network, top: int
) -> dict[str, Any]: ...  # resident, sessions, total, top, top_share, gini
def empowerment_position_change(
    net: Network,
    role: str,
    window: float,
    projection: Optional[dict[str, Any]] = None,
    threads: Optional[int] = None,
    progress: Optional[Callable[[int, int], object]] = None,
) -> dict[
    str, Any
]: ...  # resident, role_date, degree_before, degree_after, reach_before, reach_after, mean_degree_change, mean_reach_change

# --- impact and what-if (wn.activities, wn.whatif) ---
__all__ += [
    "activity_impact",
    "activity_dependency",
    "whatif_remove",
    "whatif_rank_activities",
    "whatif_rank_residents",
]
# a what-if summary: {residents, ties, isolates, components, largest_component, mean_reach_2 (None when not computed), at_least (list)}

def activity_impact(
    net: Network,
    projection: Optional[dict[str, Any]] = None,
    codes: Optional[npt.NDArray[np.int32]] = None,
    threads: Optional[int] = None,
    progress: Optional[Callable[[int, int], object]] = None,
) -> dict[
    str, npt.NDArray[Any]
]: ...  # participants, sessions, repeaters, ties, unique_ties, cross_group_ties, unique_cross_group_ties
def activity_dependency(
    net: Network,
    projection: Optional[dict[str, Any]] = None,
    threads: Optional[int] = None,
    progress: Optional[Callable[[int, int], object]] = None,
) -> dict[str, npt.NDArray[np.uint32]]: ...  # resident, activity, ties
def whatif_remove(
    net: Network,
    activities: Sequence[Any],
    residents: Sequence[Any],
    ks: Sequence[int],
    reach: bool = True,
    projection: Optional[dict[str, Any]] = None,
    threads: Optional[int] = None,
    progress: Optional[Callable[[int, int], object]] = None,
) -> dict[str, Any]: ...  # before, after (summaries), lost_all
def whatif_rank_activities(
    net: Network,
    ks: Sequence[int],
    projection: Optional[dict[str, Any]] = None,
    naive: bool = False,
    threads: Optional[int] = None,
    progress: Optional[Callable[[int, int], object]] = None,
) -> dict[
    str, Any
]: ...  # before (a summary), ties_lost, lose_all, residents, ties, isolates, components, largest_component, at_least (rows × ks, flat)
def whatif_rank_residents(
    net: Network,
    residents: Sequence[Any],
    ks: Sequence[int],
    projection: Optional[dict[str, Any]] = None,
    naive: bool = False,
    threads: Optional[int] = None,
    progress: Optional[Callable[[int, int], object]] = None,
) -> dict[str, Any]: ...  # as whatif_rank_activities

# --- the persisted format (files and pickles; src/persist.rs) ---
__all__ += ["persist_load", "persist_sections"]

def persist_load(data: bytes) -> Union[Network, Graph, list[tuple[str, bytes]]]: ...
def persist_sections(sections: Sequence[tuple[str, bytes]]) -> bytes: ...
