"""Load on the web workspace: simulated users on loopback while plans are solving.

Usage (from the repository root, with ``pip install '.[web]'``)::

    python benchmarks/web_load.py                    # 20 users, 30 actions each
    python benchmarks/web_load.py --users 20 --actions 30 --duration 120 --json

A copy of the shipped standards and example catalogue is served by
``python -m curriculum serve FOLDER --no-browser`` in a process of its own (as a
user starts it). Meanwhile:

* one client keeps a plan solving: it submits a new plan (a different ``have``
  each time, so nothing is answered from the cache), waits for it, and submits
  the next, recording when each was running;
* each of ``--users`` simulated users (one session and CSRF token each) runs
  ``--actions`` actions in a random order, fixed by ``--seed``, waiting about
  ``--think`` seconds before each (0.5 to 1.5 times it, as a person reading): page views (home,
  standards, a standard, a search, the mapping editor, a review), edits of cells
  of its own (claim or unclaim, each sent twice with the same edit id, as a
  retry would) and plans of its own (submitted, then polled until done).

Reported: p50/p95/max latency of page views made while a plan was solving, of
edits and of plan submissions; and two checks: every cell ends as its user's last
accepted edit left it (no edit lost), and the file's version rose by exactly one
per distinct edit (none applied twice). The run stops after ``--duration``
seconds at the latest. Exit status 1 when a check fails.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import httpx
import yaml

ROOT = Path(__file__).resolve().parent.parent
BAS = "BAS1499-001v4"
CATALOGUE = "courses/example-provider.yaml"
PROGRAMME = "examples/programme-BAS1499-001v4.yaml"
PAGES = (
    "/",
    "/standards",
    f"/standards/{BAS}",
    "/standards?q=%E5%AE%A2%E6%9C%8D",
    f"/mapping?catalogue={CATALOGUE}&standard={BAS}&task=T1.2",
    f"/review/show?programme={PROGRAMME}",
)
TARGET_P95 = 0.300


def workspace(folder: Path) -> Path:
    shutil.copytree(
        ROOT / "standards", folder / "standards", ignore=shutil.ignore_patterns("sources")
    )
    shutil.copytree(ROOT / "courses", folder / "courses")
    (folder / "examples").mkdir()
    shutil.copy(ROOT / PROGRAMME, folder / PROGRAMME)
    return folder


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class User:
    """One browser session: its cookies, CSRF token and the file version it knows."""

    def __init__(self, base: str) -> None:
        self.http = httpx.AsyncClient(base_url=base, timeout=120)
        self.token = ""
        self.version = 0

    async def start(self) -> None:
        page = (await self.http.get(PAGES[4])).text
        self.token = re.search(r'data-csrf="([0-9a-f]+)"', page).group(1)
        self.version = int(re.search(r'name="version" value="(\d+)"', page).group(1))

    async def post(self, path: str, data: dict[str, Any], **kw: Any) -> httpx.Response:
        return await self.http.post(path, data={"csrf": self.token, **data}, **kw)


async def solving(base: str, stop: asyncio.Event, spans: list[tuple[float, float]],
                  items: list[str]) -> None:  # fmt: skip
    """Keep a plan solving until ``stop``; the spans during which one ran."""
    user = User(base)
    await user.start()
    n = 0
    while not stop.is_set():
        n += 1
        have = ",".join(items[: n % len(items)]) + f",{items[-1 - n % 5]}"
        answer = await user.post(
            "/plan", {"standard": BAS, "have": have, "time_limit": "30"}, follow_redirects=False
        )
        job = answer.headers["location"]
        started = None
        while True:
            state = (await user.http.get(f"{job}/status")).json()["state"]
            if state == "running" and started is None:
                started = time.monotonic()
            if state not in ("queued", "running"):
                break
            await asyncio.sleep(0.05)
        if started is not None:
            spans.append((started, time.monotonic()))
    await user.http.aclose()


async def simulate(user: User, n: int, actions: int, cells: list[tuple[str, str]],
                   rng: random.Random, deadline: float, log: dict[str, Any],
                   think: float) -> None:  # fmt: skip
    """One user's actions; latencies and accepted edits go to ``log``."""
    claimed = dict(log["initial"])
    for step in range(actions):
        await asyncio.sleep(rng.uniform(0.5, 1.5) * think)  # a person reads, then clicks
        if time.monotonic() > deadline:
            return
        kind = rng.choices(("page", "edit", "plan"), weights=(6, 3, 1))[0]
        begin = time.monotonic()
        if kind == "page":
            answer = await user.http.get(rng.choice(PAGES))
            log["pages"].append((begin, time.monotonic() - begin, answer.status_code))
        elif kind == "edit":
            course, item = rng.choice(cells)
            op = "unclaim" if claimed[(course, item)] else "claim"
            data = {"catalogue": CATALOGUE, "standard": BAS, "version": str(user.version),
                    "cell": f"{op} {course} {item}", "edit_id": str(uuid.uuid4())}  # fmt: skip
            headers = {"accept": "application/json"}
            first = await user.post("/mapping/edit", data, headers=headers)
            log["edits"].append(time.monotonic() - begin)
            retry = await user.post("/mapping/edit", data, headers=headers)  # the same id
            if first.status_code == 200:
                body = first.json()
                claimed[(course, item)] = op == "claim"
                log["accepted"][(course, item)] = op == "claim"
                log["ids"] += 1
                user.version = body["version"]
                log["retry_same"] += retry.json()["version"] == body["version"]
            else:
                log["refused"] += 1
                await user.start()
        else:
            have = f"K0{1 + n % 9},S0{1 + step % 9}"
            answer = await user.post(
                "/plan", {"standard": BAS, "targets": "T1", "have": have, "time_limit": "30"},
                follow_redirects=False,
            )  # fmt: skip
            log["plans"].append(time.monotonic() - begin)
            job = answer.headers["location"]
            while (await user.http.get(f"{job}/status")).json()["state"] in ("queued", "running"):
                if time.monotonic() > deadline:
                    return
                await asyncio.sleep(0.5)


def quantiles(values: list[float]) -> dict[str, float]:
    if not values:
        return {"n": 0}
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
    return {"n": len(values), "p50": round(statistics.median(ordered) * 1000, 1),
            "p95": round(p95 * 1000, 1), "max": round(ordered[-1] * 1000, 1)}  # fmt: skip


async def run(base: str, folder: Path, args: argparse.Namespace) -> dict[str, Any]:
    data = yaml.safe_load((folder / CATALOGUE).read_text("utf-8"))
    courses = [c["code"] for c in data["courses"]]
    items = [f"K{n:02d}" for n in range(1, 10)] + [f"S{n:02d}" for n in range(1, 11)]
    initial = {(c["code"], i): i in c.get("covers", {}).get(BAS, []) for c in data["courses"]
               for i in items}  # fmt: skip
    users = [User(base) for _ in range(args.users)]
    for user in users:
        await user.start()
    first_version = users[0].version
    log: dict[str, Any] = {"pages": [], "edits": [], "plans": [], "accepted": {}, "ids": 0,
                           "retry_same": 0, "refused": 0, "initial": initial}  # fmt: skip
    stop, spans = asyncio.Event(), []
    background = asyncio.create_task(solving(base, stop, spans, items))
    await asyncio.sleep(1.5)  # the first solve is under way
    deadline = time.monotonic() + args.duration
    rng = random.Random(args.seed)
    tasks = []
    for n, user in enumerate(users):
        cells = [(courses[n % len(courses)], items[(n // len(courses) * 7 + k) % len(items)])
                 for k in range(4)]  # fmt: skip
        tasks.append(simulate(user, n, args.actions, cells, random.Random(rng.random()),
                              deadline, log, args.think))  # fmt: skip
    began = time.monotonic()
    await asyncio.gather(*tasks)
    elapsed = time.monotonic() - began
    stop.set()
    await background
    final = yaml.safe_load((folder / CATALOGUE).read_text("utf-8"))
    now = {(c["code"], i): i in c.get("covers", {}).get(BAS, []) for c in final["courses"]
           for i in items}  # fmt: skip
    lost = [cell for cell, on in log["accepted"].items() if now[cell] != on]
    page = (await users[0].http.get(PAGES[4])).text
    last_version = int(re.search(r'name="version" value="(\d+)"', page).group(1))
    for user in users:
        await user.http.aclose()
    during = [d for t, d, _ in log["pages"] if any(a <= t <= b for a, b in spans)]
    errors = sum(1 for _, _, status in log["pages"] if status != 200)
    return {
        "users": args.users,
        "think_seconds": args.think,
        "actions_per_user": args.actions,
        "seconds": round(elapsed, 1),
        "cpus": os.cpu_count(),
        "load_average_1min_at_end": round(os.getloadavg()[0], 1),
        "solves_in_background": len(spans),
        "pages_while_solving_ms": quantiles(during),
        "pages_all_ms": quantiles([d for _, d, _ in log["pages"]]),
        "page_errors": errors,
        "edits_ms": quantiles(log["edits"]),
        "plan_submit_ms": quantiles(log["plans"]),
        "edits_accepted": log["ids"],
        "edits_refused": log["refused"],
        "retries_answered_with_the_same_version": log["retry_same"],
        "edits_lost": len(lost),
        "version_rise": last_version - first_version,
        "applied_twice": last_version - first_version - log["ids"],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--actions", type=int, default=30)
    parser.add_argument("--duration", type=float, default=120, help="at most SECONDS")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--think", type=float, default=1.0,
        help="mean SECONDS a user waits between actions (0.5 to 1.5 times it; 0: none)",
    )  # fmt: skip
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    load_before = round(os.getloadavg()[0], 1)
    folder = workspace(Path(tempfile.mkdtemp(prefix="web-load-")) / "ws")
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "curriculum", "serve", str(folder), "--port", str(port),
         "--no-browser"],
        cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                httpx.get(base + "/", timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        report = asyncio.run(run(base, folder, args))
    finally:
        server.terminate()
        server.wait(10)
        shutil.rmtree(folder.parent, ignore_errors=True)
    report["load_average_1min_at_start"] = load_before
    ok = report["edits_lost"] == 0 and report["applied_twice"] == 0 and not report["page_errors"]
    p95 = report["pages_while_solving_ms"].get("p95", 0)
    report["page_p95_target_met"] = p95 <= TARGET_P95 * 1000
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        for key, value in report.items():
            print(f"{key:42} {value}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
