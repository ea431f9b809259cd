"""Benchmarks: generate seeded workloads in the real export formats (cached in bench/cache/),
time each stage with its peak memory, and compare against the naive path in the same run.

    python bench/run.py            # workload A (30,000 connections + 50,000 messages)
    python bench/run.py --stages import

Figures are printed, never asserted: speed targets live here, not in unit tests.
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import resource
import sys
import time
import tracemalloc
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent
CACHE = ROOT / "cache"
sys.path.insert(0, str(ROOT.parent))

PREAMBLE = (
    'Notes:\n"When exporting your connection data, you may notice that some of the email '
    'addresses are missing. You will only see email addresses for connections who have allowed '
    "their connections to see or download their email address using this setting "
    'https://www.linkedin.com/psettings/privacy/email. You can learn more about email visibility '
    'here https://www.linkedin.com/help/linkedin/answer/261"\n\n'
)
FIRST = ["Anne", "Jan", "Wei", "Maria", "Kwame", "Sofia", "Lukas", "Aisha", "Mateo", "Yuki",
         "Søren", "Zoë", "Óscar", "Fatima", "Ravi", "Chloé"]
LAST = ["Jansen", "Chen", "Garcia", "Mensah", "Rossi", "Müller", "Khan", "López", "Tanaka",
        "O’Neil", "Novak", "Dubois", "Smit, MSc", "Okafor", "Silva", "Berg"]
ORGS = [f"Org {i}" for i in range(400)] + ["Acme, Inc", "Northbridge University"]
TITLES = ["Software Engineer", "Account Executive", "Recruiter", "Professor", "Founder & CEO",
          "Student", "Product Designer", "Nurse", "Data Scientist", "Marketing Manager"]


def workload_a(n_connections: int = 30_000, n_messages: int = 50_000) -> Path:
    """One owner at LinkedIn's cap, as a zip in the 2024 formats (seeded, cached)."""
    path = CACHE / f"A_{n_connections}_{n_messages}.zip"
    if path.exists():
        return path
    CACHE.mkdir(exist_ok=True)
    rng = random.Random(6)
    people = []
    for i in range(n_connections):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        people.append((first, last, f"https://www.linkedin.com/in/p{i:05d}-{rng.randrange(16**6):06x}",
                       rng.choice(ORGS), rng.choice(TITLES)))
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["First Name", "Last Name", "URL", "Email Address", "Company", "Position",
                "Connected On"])
    for first, last, url, org, title in people:
        day = rng.randrange(1, 28)
        w.writerow([first, last, url, "", org, title,
                    f"{day:02d} {rng.choice(['Jan', 'Mar', 'Sep'])} {rng.randrange(2008, 2025)}"])
    connections = PREAMBLE + out.getvalue().rstrip("\n")
    owner = ("Owner Person", "https://www.linkedin.com/in/owner-person")
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["CONVERSATION ID", "CONVERSATION TITLE", "FROM", "SENDER PROFILE URL", "TO",
                "RECIPIENT PROFILE URLS", "DATE", "SUBJECT", "CONTENT", "FOLDER"])
    talkers = rng.sample(people, 3_000)
    for m in range(n_messages):
        conv = m % 6_000
        group = [talkers[conv % 3_000]] + ([talkers[(conv * 7) % 3_000]] if conv % 10 == 0 else [])
        ts = (f"{rng.randrange(2015, 2025)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 28):02d}"
              f" {rng.randrange(24):02d}:{rng.randrange(60):02d}:00 UTC")
        names = ",".join(f"{p[0]} {p[1]}" for p in group)
        urls = ",".join(p[2] for p in group)
        if m % 2 == 0:
            w.writerow([f"conv-{conv}", "", owner[0], owner[1], names, urls, ts, "", "hi", "INBOX"])
        else:
            p = group[0]
            w.writerow([f"conv-{conv}", "", f"{p[0]} {p[1]}", p[2], owner[0], owner[1], ts, "",
                        "hello", "INBOX"])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("Connections.csv", connections)
        z.writestr("messages.csv", out.getvalue())
    return path


def timed(label: str, fn, *args, repeat: int = 3):
    """Best of ``repeat`` wall times and the peak Python allocation of one run."""
    best = float("inf")
    result = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn(*args)
        best = min(best, time.perf_counter() - start)
    tracemalloc.start()
    fn(*args)
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return label, best, peak, result


def naive_connections(data: bytes) -> int:
    """The per-row path the importer replaces: csv.DictReader and one dict per row."""
    text = data.decode("utf-8")
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("First Name"))
    rows = []
    for row in csv.DictReader(lines[start:]):
        if row["First Name"] or row["Last Name"]:
            for fmt in ("%d %b %Y", "%m/%d/%y, %I:%M %p"):
                try:
                    row["Connected On"] = time.strptime(row["Connected On"], fmt)
                    break
                except ValueError:
                    continue
            rows.append(row)
    return len(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stages", default="import,load",
                        help="comma-separated: import (Connections parse), load (whole import)")
    args = parser.parse_args()
    stages = set(args.stages.split(","))
    from weakties.importers.linkedin import parse_connections

    archive = workload_a()
    with zipfile.ZipFile(archive) as z:
        connections = z.read("Connections.csv")
    rows = []
    if "import" in stages:
        label, t, mb, table = timed("parse 30k Connections.csv", parse_connections, connections,
                                    "Connections.csv")
        _, t_naive, mb_naive, _ = timed("naive csv.DictReader", naive_connections, connections)
        rows.append((label, t, mb, t_naive / t))
        rows.append(("  naive csv.DictReader + strptime", t_naive, mb_naive, 1.0))
    if "load" in stages:
        import weakties

        label, t, mb, (G, _) = timed("load() workload A (zip → graph)", weakties.load,
                                     [archive], repeat=1)
        rows.append((f"{label}: {G.number_of_nodes():,} people, {G.number_of_edges():,} ties",
                     t, mb, float("nan")))
    print(f"{'stage':58} {'seconds':>8} {'peak MB':>8} {'× naive':>8}")
    for label, t, mb, ratio in rows:
        print(f"{label:58} {t:8.3f} {mb:8.1f} {ratio:8.1f}")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"process peak RSS: {rss:.0f} MB")


if __name__ == "__main__":
    main()
