"""骏马奖 / 蜗牛奖 against values worked out by hand on tests/fixtures_metrics.py, quarter 2026Q3 as of 09-30.

Default weights: on_time .25, resolution .15, satisfaction .15, clearance .15, review_rectify .10, projects .15,
refusals .05; the on-time red line is 90 %.

Parts (0–100):
  市数据资源局 D1: on_time A1 ✓ A2 ✗ A9 ✓ → 2/3; resolution A1 ✓ A2 ✗ A9 ✓ → 2/3; satisfaction A1 5, A2 3 → 1/2;
      no 清障 due; no 差评; projects P1 red (50 points behind on 09-30) 0, P4 overridden yellow 60 → 30;
      refusals F1 维持, F2 改为支持 → 100 × (1 − 1/2) = 50
  市税务局 D2: on_time A3 ✗ A4 ✓ → 1/2; no revisit in Q3; satisfaction A4 4, A8 1 → 1/2; 清障 I4 ✗ I8 ✗ → 0;
      差评 R4 ✓ R5 ✗ R9 ✗ → 1/3; projects P2 green, P5 green (09-30 is still P5's start month) → 100;
      refusals F4 协调办理 → 0
  市住房城乡建设局 D3: on_time A6 → 1; resolution A6 → 1; satisfaction A5 2 → 0; 清障 I5 ✓ I6 ✗ → 1/2;
      差评 R6 ruled mistaken, R7 not due → none; projects P3 yellow (not started after July) 60; refusals F5 指引 → 100
  供电公司 D4: 差评 R11 not rectified → 0; nothing else
"""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import date

import pandas as pd
import pytest

from config import load_settings
from data.metrics import awards
from tests.fixtures_metrics import D1, D2, D3, D4

SETTINGS = load_settings(environ={})
TODAY = date(2026, 10, 15)

# D1: (.25·200/3 + .15·200/3 + .15·50 + .15·30 + .05·50) ÷ (.25+.15+.15+.15+.05) = (80/3 + 14.5) ÷ .75
D1_SCORE = (80 / 3 + 14.5) / 0.75
# D2: (.25·50 + .15·50 + .15·0 + .10·100/3 + .15·100 + .05·0) ÷ .85 = (12.5 + 7.5 + 10/3 + 15) ÷ .85
D2_SCORE = (35 + 10 / 3) / 0.85
# D3: (.25·100 + .15·100 + .15·0 + .15·50 + .15·60 + .05·100) ÷ .90 = 61.5 ÷ .9
D3_SCORE = 61.5 / 0.9


def test_department_scores(metric_conn):
    frame = awards.department_scores(metric_conn, "2026Q3", SETTINGS, today=TODAY)
    assert list(frame.columns) == [
        "department",
        "score",
        "on_time",
        "resolution",
        "satisfaction",
        "clearance",
        "review_rectify",
        "projects",
        "refusals",
        "items",
        "triggers",
    ]
    assert list(frame["department"]) == [D3, D1, D2, D4]
    assert frame["score"].tolist() == pytest.approx([D3_SCORE, D1_SCORE, D2_SCORE, 0.0])
    rows = frame.set_index("department")
    assert rows.loc[D1, ["on_time", "resolution", "satisfaction", "projects", "refusals"]].tolist() == pytest.approx(
        [200 / 3, 200 / 3, 50, 30, 50]
    )
    assert math.isnan(rows.loc[D1, "clearance"]) and math.isnan(rows.loc[D1, "review_rectify"])
    assert rows.loc[D2, ["clearance", "review_rectify", "projects", "refusals"]].tolist() == pytest.approx(
        [0, 100 / 3, 100, 0]
    )
    assert rows.loc[D3, ["clearance", "projects", "satisfaction"]].tolist() == [50, 60, 0]
    # scored items: D1 3 owed + 3 revisited + 2 rated + 2 projects + 2 refusals; D2 2 + 2 rated + 2 清障 + 3 差评
    # + 2 projects + 1 refusal; D3 1 + 1 + 1 + 2 清障 + 1 project + 1 refusal; D4 1 差评
    assert rows["items"].to_dict() == {D1: 12, D2: 12, D3: 7, D4: 1}


def test_triggers(metric_conn):
    rows = awards.department_scores(metric_conn, "2026Q3", SETTINGS, today=TODAY).set_index("department")
    # D1: red project P1, F2 overturned, on time 2/3 < 90 %; D2: F4 overturned, 1/2 < 90 %. On 09-30 no 清障 issue
    # is more than 30 days overdue (I4 is exactly 30).
    assert rows.loc[D1, "triggers"] == [
        "项目「企业服务中心改造」亮红灯（受阻）",
        "对企业说“不”被改判 1 件（F2）",
        "按时办结率 66.7%，低于 90% 红线",
    ]
    assert rows.loc[D2, "triggers"] == ["对企业说“不”被改判 1 件（F4）", "按时办结率 50%，低于 90% 红线"]
    assert rows.loc[D3, "triggers"] == [] and rows.loc[D4, "triggers"] == []


def test_overdue_clearance_trigger_in_a_quarter_under_way(metric_conn):
    # 2026Q4 as of 10-15: I4 (45 days) and I8 (31 days) of 市税务局 are more than 30 days overdue
    rows = awards.department_scores(metric_conn, "2026Q4", SETTINGS, today=TODAY).set_index("department")
    assert "清障问题逾期超过 30 天未销号 2 项（I4、I8）" in rows.loc[D2, "triggers"]


def test_candidates_need_a_trigger_for_the_snail(metric_conn):
    result = awards.award_candidates(metric_conn, "2026Q3", SETTINGS, today=TODAY)
    assert result.decided is False
    # best three: D3, D1, D2 (供电公司 is not ranked: 1 scored item, fewer than 5); no 蜗牛奖 among the 骏马奖
    assert list(result.horse["department"]) == [D3, D1, D2]
    assert result.horse["reasons"].iloc[0] == [f"季度综合得分 {D3_SCORE:.1f}，列第 1 位"]
    assert result.snail.empty
    one_horse = replace(SETTINGS, horse_candidates=1)
    # lowest two with a trigger: D2, then D1 — 供电公司 has the lowest score (0) but no trigger and no rank
    result = awards.award_candidates(metric_conn, "2026Q3", one_horse, today=TODAY)
    assert list(result.snail["department"]) == [D2, D1]
    assert result.snail["reasons"].iloc[0] == ["对企业说“不”被改判 1 件（F4）", "按时办结率 50%，低于 90% 红线"]
    one = awards.award_candidates(metric_conn, "2026Q3", replace(one_horse, snail_candidates=1), today=TODAY)
    assert list(one.snail["department"]) == [D2]


def test_decided_awards_replace_the_proposal(metric_conn):
    result = awards.award_candidates(metric_conn, "2026Q2", SETTINGS, today=TODAY)
    assert result.decided is True
    assert result.horse.to_dict("records") == [
        {"department": D3, "score": 90.0, "reasons": ["按时办结率 100%", "满意率居首"]}
    ]
    assert result.snail.to_dict("records") == [{"department": D2, "score": 40.0, "reasons": ["清障问题逾期未销号"]}]


def test_quarter_must_be_well_formed(metric_conn):
    with pytest.raises(ValueError, match="YYYYQn"):
        awards.department_scores(metric_conn, "2026-3", SETTINGS, TODAY)


def _scores(*rows: tuple[str, float, int]) -> pd.DataFrame:
    return pd.DataFrame([{"department": d, "score": score, "items": items, "triggers": []} for d, score, items in rows])


def test_ranking_eligibility_and_ties() -> None:
    scores = _scores(("甲", 90.04, 8), ("乙", 89.96, 20), ("丙", 85.0, 6), ("丁", 99.0, 4), ("戊", math.nan, 0))
    shared = awards.rank_departments(scores, SETTINGS)
    # 90.04 and 89.96 both show as 90.0: tied at 1, the next is 3rd; 丁 has 4 items (< 5), 戊 none
    assert shared[["department", "rank", "standing"]].astype(object).where(shared.notna(), None).values.tolist() == [
        ["乙", 1, None],
        ["甲", 1, None],
        ["丙", 3, None],
        ["丁", None, "考核事项不足 5 件"],
        ["戊", None, "无考核事项"],
    ]
    assert list(shared["proposal"][:3]) == ["骏马奖"] * 3
    by_items = awards.rank_departments(scores, replace(SETTINGS, award_tie_rule="items", award_min_items=1))
    # the tie broken by items (20 before 8); 丁 is now eligible and first
    assert list(by_items["department"]) == ["丁", "乙", "甲", "丙", "戊"]
    assert by_items["rank"].tolist()[:4] == [1, 2, 3, 4]


def test_the_rule_is_written_out() -> None:
    assert awards.ranking_rule(SETTINGS) == (
        "规则 2026.1：权重 按时办结率 25%、解决率 15%、满意率 15%、清障按期销号率 15%、差评按期整改率 10%、"
        "项目红黄绿 15%、说“不”未改判 5%；考核事项不少于 5 件方参与排名；同分并列"
    )
