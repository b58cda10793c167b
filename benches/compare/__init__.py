"""wijknet against its peers, in one run, on the same data: one module per suite.

Run it as ``python benches/compare.py`` from the repository root (see ``benches/README.md``).
Every suite module has ``TITLE``, ``run(args, sizes, log)`` (a JSON-able result, or None when it
was skipped) and ``report(result, markdown)`` (paragraphs and :class:`common.Table` objects).
"""

SUITES = ["projection", "metrics", "mixing", "ego", "layers", "null", "temporal", "whatif", "report"]
DEFAULT_SUITES = ["projection", "metrics"]
