"""Frames as the corpus commands print them: a plain text table, CSV, or JSON lines (a missing value as null, a
date as YYYY-MM-DD)."""

from __future__ import annotations

import json
from typing import Any, TextIO


def write_frame(df: Any, fmt: str, out: TextIO, widths: dict[str, int] | None = None) -> None:
    if fmt == "csv":
        df.to_csv(out, index=False)
    elif fmt == "jsonl":
        for rec in df.to_dict(orient="records"):
            out.write(json.dumps({k: json_value(v) for k, v in rec.items()}, ensure_ascii=False, default=str) + "\n")
    else:
        out.write(text_table(df, widths or {}) + "\n")


def json_value(v: Any) -> Any:
    """A frame's cell as JSON has it: a missing value (NA, NaT, NaN) as null, a date as YYYY-MM-DD."""
    import pandas as pd

    if v is None or (not isinstance(v, list | dict | tuple) and pd.isna(v)):
        return None
    if isinstance(v, pd.Timestamp):
        return v.date().isoformat()
    return v


def text_table(df: Any, widths: dict[str, int]) -> str:
    """A plain table: each column as wide as its widest cell, capped at ``widths[column]`` with an ellipsis."""
    cols = list(df.columns)
    cells = [[_cell(v, widths.get(c, 40)) for c, v in zip(cols, row, strict=True)]
             for row in df.itertuples(index=False, name=None)]
    size = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(cols)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(cols, size, strict=True)).rstrip(),
             "  ".join("-" * w for w in size)]
    lines += ["  ".join(v.ljust(w) for v, w in zip(r, size, strict=True)).rstrip() for r in cells]
    return "\n".join(lines) if cells else "\n".join(lines + ["(none)"])


def _cell(v: Any, width: int) -> str:
    import math

    if v is None or (isinstance(v, float) and math.isnan(v)):
        return ""
    s = " ".join(str(v).split())
    return s if len(s) <= width else s[: width - 1] + "…"
