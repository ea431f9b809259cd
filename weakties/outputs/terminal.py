"""The terminal summary: the figures turned into a few readable tables and the advice."""

from __future__ import annotations

import os

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from weakties.importers.limits import printable

__all__ = ["print_summary", "terminal_safe"]


def _rows(n: int) -> str:
    return f"{n:,} row" if n == 1 else f"{n:,} rows"


def terminal_safe(value):
    """``value`` (a summary, a list, a string) with every string through
    :func:`weakties.importers.limits.printable`: names, owner labels and file names come from
    strangers' files and must not reach the terminal as escape sequences."""
    if isinstance(value, str):
        return printable(value)
    if isinstance(value, dict):
        return {terminal_safe(k): terminal_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(terminal_safe(v) for v in value)
    return value


_EVENT_WORDS = {"mail": "message", "meeting": "meeting", "chat": "chat",
                "group-chat": "group chat", "slack": "Slack conversation"}


def _evidence_sources(figures: dict) -> str:
    """'31 ties among your contacts from 214 messages and 40 meetings' (empty without mail,
    calendar or chats)."""
    events = {k: n for k, n in (figures.get("events") or {}).items() if n}
    among = figures.get("ties_among_contacts")
    if not events or not among:
        return ""
    parts = [f"{n:,} {_EVENT_WORDS.get(k, k)}{'' if n == 1 else 's'}"
             for k, n in sorted(events.items(), key=lambda kv: list(_EVENT_WORDS).index(kv[0])
                                if kv[0] in _EVENT_WORDS else 99)]
    joined = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    return f"{among:,} tie{'' if among == 1 else 's'} among your contacts from {joined}"


def print_summary(data: dict, console: Console, out_dir: str | None = None,
                  files: list[str] | None = None) -> None:
    """Print ``summary.json``-shaped data for a person, not a parser."""
    data, out_dir, files = terminal_safe(data), terminal_safe(out_dir), terminal_safe(files)
    wrap = not console.is_terminal  # in a pipe or a log, one line per item, never cut
    owners = escape(", ".join(data["owners"]) or "none (a whole network)")
    console.print(f"[bold]weakties[/bold] — {data['people']:,} people, {data['ties']:,} ties; "
                  f"owners: {owners}", soft_wrap=wrap)
    if data.get("evidence_level"):
        console.print(f"Evidence level: [bold]{data['evidence_level']}[/bold]")
        why = _evidence_sources(data.get("figures") or {})
        if why:
            console.print(f"  {why}", highlight=False)

    if console.is_terminal:
        inputs = Table(title="Inputs read", title_justify="left")
        for col in ("file", "format", "rows", "skipped", "hidden"):
            inputs.add_column(col, justify="right" if col in {"rows", "skipped", "hidden"}
                              else "left")
        for i in data["inputs"]:
            inputs.add_row(escape(i["path"]), i["format"], f"{i['rows']:,}",
                           f"{i['skipped']:,}", f"{i['hidden_members']:,}")
        console.print(inputs)
    else:  # piped or logged: whole lines, never a table cut to 80 columns
        console.print("Inputs read (file: format, rows, skipped, hidden)", highlight=False)
        for i in data["inputs"]:
            console.print(f"  {i['path']}: {i['format']}, {_rows(i['rows'])}, "
                          f"{i['skipped']:,} skipped, {i['hidden_members']:,} hidden",
                          highlight=False, markup=False, soft_wrap=True)

    notes = []
    if data["hidden_members"]:
        hidden = data["hidden_members"]
        notes.append(f"{hidden:,} hidden member{'' if hidden == 1 else 's'} (LinkedIn hides "
                     "members who opted out of exports): counted, not drawn")
    if data["people_in_several_inputs"]:
        notes.append(f"{data['people_in_several_inputs']:,} people found in more than one input "
                     "were merged")
    for a in data["ambiguous"]:
        value = str(a["value"]).replace("|", " at ")
        notes.append(f"ambiguous {a['key']} '{value}': could be any of "
                     f"{len(a['candidates'])} people; kept apart, not guessed")
    for reason, n in data["dropped"].items():
        notes.append(f"{n:,} dropped: {reason}")
    unmatched = data.get("unmatched_ties", [])
    by_reason: dict[str, int] = {}
    for row in unmatched:
        reason = row["reason"].split(": ", 1)[-1]
        by_reason[reason] = by_reason.get(reason, 0) + 1
    for reason, n in sorted(by_reason.items()):
        notes.append(f"{n:,} ties-file rows not used: {reason} (listed in summary.json)")
    for i in data["inputs"]:
        for reason, n in i["skipped_reasons"].items():
            notes.append(f"{_rows(n)} skipped in {i['path']}: {reason}")
        notes.extend(f"{i['path']}: {note}" for note in i["notes"])
    for note in notes:
        console.print(f"  • {note}", highlight=False, markup=False, soft_wrap=wrap)

    worlds = (data.get("figures") or {}).get("worlds") or {}
    if len(worlds.get("worlds", [])) >= 2:
        console.print("[bold]Where your ties come from[/bold]")
        for world in worlds["worlds"]:
            console.print(f"  {world}: {worlds['owner_ties'].get(world, 0):,} of your ties, "
                          f"{worlds['ties_among_contacts'].get(world, 0):,} among your contacts",
                          highlight=False, markup=False, soft_wrap=wrap)
        several = worlds["several_worlds"]
        named = ", ".join(f"{p['name']} ({' + '.join(p['worlds'])})"
                          for p in several["people"][:5])
        n = several["count"]
        console.print(f"  {n:,} contact{'' if n == 1 else 's'} in two worlds or more"
                      + (f": {named}" if named else ""), highlight=False, markup=False,
                      soft_wrap=wrap)
        for c in worlds["clusters_of_one_world"]:
            console.print(f"  cluster {c['label'] or c['cluster']} ({c['size']:,}) exists only "
                          f"in {c['world']}", highlight=False, markup=False, soft_wrap=wrap)

    # One paragraph per cause (a single export skips seven analyses for one reason).
    causes: dict[tuple[str, str], list[dict]] = {}
    for s in data.get("skipped_analyses") or []:
        causes.setdefault((s.get("cause") or s["reason"], s["unlock"]), []).append(s)
    if causes:
        console.print("[bold]Analyses skipped[/bold] (what the data does not support)")
    for (cause, unlock), rows in causes.items():
        console.print(f"  {cause[0].upper()}{cause[1:]}; to unlock: {unlock}.", highlight=False,
                      markup=False, soft_wrap=wrap)
        for s in rows:
            detail = f": {s['detail']}" if s.get("detail") else ""
            console.print(f"    - {s['analysis']}{detail}", highlight=False, markup=False,
                          soft_wrap=wrap)
    if data.get("advice"):
        console.print("[bold]What it means[/bold]")
        for line in data["advice"]:
            console.print(f"  → {line}", highlight=False, markup=False, soft_wrap=wrap)
    if out_dir:
        listed = f" ({', '.join(files)})" if files else ""
        console.print(f"Report written to [bold]{escape(out_dir)}[/bold]{escape(listed)}",
                      soft_wrap=wrap)
        first = [f for f in ("network.html", "report.html") if files is None or f in files]
        if first:
            what = {"network.html": "the map", "report.html": "the one-page report"}
            steps = [f"{os.path.join(out_dir, f)} ({what[f]})" for f in first]
            console.print("Open " + " first, then ".join(steps) + " in a browser.",
                          highlight=False, markup=False, soft_wrap=wrap)
