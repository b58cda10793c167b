#!/usr/bin/env python
"""wijknet against its peers, in one run, on the same data.

The suites live in the package ``benches/compare/`` (one module per suite); this file runs its
command line, so that ``python benches/compare.py --suite X --markdown`` works from the
repository root. ``python benches/compare.py --help`` lists the suites and options;
``benches/README.md`` describes what each suite measures.
"""
import os
import sys

if __name__ == "__main__":
    # the folder of this file first, so that `compare` is the package beside it (a package
    # takes precedence over a module of the same name)
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from compare.__main__ import main

    sys.exit(main())
