"""The /ask question set, answered and compared with the typed routes: the share answered
exactly in each language, and the refusals.

    .venv/bin/python scripts/measure_ask.py [--set tests/data/ask_questions.yaml]

Needs Neo4j with the corpus loaded (make up, or kgraph neo4j start and kgraph load); the API
runs in this process (FastAPI's test client), so no server is started. A sentence counts as
answered exactly when /ask runs the set's request (the catalogue question and parameters, or
the search filter) and its rows (or hits) are the typed route's own; a sentence that must be
refused counts as right only when it gets the status the set names and no answer.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

SET = Path(__file__).resolve().parents[1] / "tests" / "data" / "ask_questions.yaml"
_COUNTS = ("to_answer", "exact", "wrong", "not_answered", "to_refuse", "refused")
Get = Callable[[str, dict[str, Any]], tuple[int, dict[str, Any]]]


def _typed(get: Get, case: dict[str, Any]) -> dict[str, Any]:
    params = case["params"]
    if case["run"] == "search":
        query = {k: str(v).lower() if isinstance(v, bool) else v for k, v in params.items()}
        return get("/search", query)[1]
    return get(f"/questions/{case['run']}", params)[1]


def judge(get: Get, case: dict[str, Any]) -> tuple[str, str]:
    """("exact" | "wrong" | "refused" | "not answered", what happened) for one sentence."""
    status, body = get("/ask", {"q": case["q"]})
    if "refuse" in case:
        if status == case["refuse"] and "understood" not in body:
            return "refused", str(body.get("not_understood") or body.get("detail"))
        return "wrong", f"status {status}: {body.get('understood', {}).get('link')}"
    if status != 200:
        return "not answered", f"{status}: {body.get('detail')}"
    want = _typed(get, case)
    understood = body["understood"]
    if case["run"] == "search":
        same = understood["filter"] == case["params"] and body["search"]["items"] == want["items"]
    else:
        same = understood["question"] == case["run"] and body["answer"]["rows"] == want["rows"]
    return ("exact", understood["link"]) if same else ("wrong", understood["link"])


def measure(get: Get, data: dict[str, Any]) -> dict[str, dict[str, int]]:
    """Per language: sentences to answer, answered exactly, wrong; to refuse, refused."""
    out: dict[str, dict[str, int]] = {}
    for case in data["questions"]:
        row = out.setdefault(case["lang"], dict.fromkeys(_COUNTS, 0))
        verdict, what = judge(get, case)
        row["to_refuse" if "refuse" in case else "to_answer"] += 1
        key = {"exact": "exact", "refused": "refused", "wrong": "wrong"}.get(
            verdict, "not_answered"
        )
        row[key] += 1
        if verdict in ("wrong", "not answered"):
            print(f"  {verdict}: {case['q']} -> {what}", file=sys.stderr)
    return out


def report(figures: dict[str, dict[str, int]]) -> str:
    lines = ["| language | answered exactly | wrong | refused as they must be |",
             "| --- | --- | --- | --- |"]  # fmt: skip
    for language, f in sorted(figures.items()):
        share = 100 * f["exact"] / max(f["to_answer"], 1)
        lines.append(f"| {language} | {f['exact']}/{f['to_answer']} ({share:.0f} %) | "
                     f"{f['wrong']} | {f['refused']}/{f['to_refuse']} |")  # fmt: skip
    return "\n".join(lines)


def main() -> None:
    import datetime as dt

    from fastapi.testclient import TestClient

    from api.main import create_app
    from api.routes import ask as ask_route
    from kgraph.db.graph import Graph, connect
    from kgraph.settings import Settings

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", type=Path, default=SET)
    args = parser.parse_args()
    data = yaml.safe_load(args.set.read_text(encoding="utf-8"))
    day: dt.date = data["today"]
    ask_route.today = lambda: day  # the set's "now": its answers do not move with the clock
    settings = Settings()
    graph = Graph(connect(settings.bolt_uri, settings.auth), settings.neo4j_database)
    with TestClient(create_app(settings, graph=graph)) as client:

        def get(path: str, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
            answer = client.get(path, params=params)
            return answer.status_code, answer.json()

        print(report(measure(get, data)))
    graph.close()


if __name__ == "__main__":
    main()
