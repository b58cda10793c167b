"""MkDocs hook: show Sphinx cross-reference roles in docstrings as plain code.

The package's docstrings are also read by Python's ``help()`` and by Sphinx-style tools, so they
write ``:func:`degree``` and ``:class:`~wijknet.Graph```. mkdocstrings renders them as the
literal text ":func:" followed by the code; this hook drops the role and, as Sphinx does, the
module path of a ``~``-prefixed name.
"""

from __future__ import annotations

import re

_ROLE = re.compile(r":(?:py:)?(?:func|class|meth|mod|attr|data|exc|obj|const):(<code>)(~)?([^<]*)</code>")


def _replace(m: re.Match) -> str:
    name = m.group(3)
    if m.group(2):  # ~a.b.c shows as c
        name = name.rsplit(".", 1)[-1]
    return f"<code>{name}</code>"


def on_page_content(html: str, **kwargs) -> str:
    return _ROLE.sub(_replace, html)
