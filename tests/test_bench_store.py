"""The benchmarks' store builder keeps to the rules LIF enforces: it builds a board's log over
2012-2026 through the domain, the regimes after 2018 included (it broke once, unnoticed, when
the regimes came in)."""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_bench_store_builds_a_boards_log_across_the_transition(tmp_path, monkeypatch):
    monkeypatch.syspath_prepend(str(ROOT / "bench"))
    from board_store import build

    app, _ = build(tmp_path / "bench.sqlite", 5000)
    kinds = {r.kind for r in app.reviews()}
    regimes = {c.policy.key for c in app.cases()}
    assert {"scr", "lcspr"} <= kinds and {"wt2015", "wt2018", "wt2023"} <= regimes
    sys.modules.pop("board_store", None)
