"""report.html: the analyses on one printable, offline page -- figures, plots, plan and ledger.

For the people the tool serves (a student after a first job, someone changing field, their
coach), who would rather look than read tables. Headline figures with one sentence each, six
plots, this month's informational conversations (:mod:`weakties.analysis.plan`), what to give
first and the reciprocity ledger (:mod:`weakties.analysis.reciprocity`), links to the map and the
CSV files.

Safety and determinism, as in the HTML map (:mod:`.view`):

- every string from an export goes through :func:`html.escape` (text, never markup), inside the
  plots too: they are ``<text>`` elements (a ``$`` in a company name stays a dollar);
- no script at all and a Content-Security-Policy of ``default-src 'none'`` (inline styles only):
  the page makes no request, remote or local;
- plots are inline SVG written by :mod:`.charts` (not matplotlib: it cost 1.3 of the team
  sample's 2.3 s; see there): rectangles, lines and text, no script, ``foreignObject`` or link,
  every id prefixed with the plot's name so two plots never share one, a ``viewBox`` so each
  scales with its column, the same bytes on every run and machine;
- each plot's numbers are on its ``<figure>`` as JSON in ``data-values``, so tests and curious
  readers check numbers, not pixels;
- Okabe & Ito's colour-blind-safe palette, with hatching where colour alone would carry meaning
  (dormant ties), so a black-and-white print still reads;
- print CSS for A4: plots two to a row, nothing split across pages.
"""

from __future__ import annotations

import html
import json
import math
import os
from collections import Counter
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from weakties._frames import lookup, values
from weakties._version import __version__
from weakties.analysis.clusters import diversity
from weakties.analysis.evidence import EGO_NETWORK, EGO_STAR, WHOLE_NETWORK
from weakties.errors import WeaktiesError
from weakties.identity import normalise_org
from weakties.outputs import charts
from weakties.outputs.files import atomic_write
from weakties.outputs.frames import one_line, plain, positions

__all__ = ["render_onepage", "write_onepage", "plot_data", "PALETTE", "REPORT_FILES"]

#: Okabe & Ito (2008), "Color Universal Design": distinguishable with every common colour
#: vision deficiency.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442",
           "#000000")
CLASS_STYLE = {"strong": ("#0072B2", ""), "weak": ("#E69F00", ""), "dormant": ("#999999", "///")}
TOP = 12  # bars per plot: organisations, role families, clusters
LABEL_LIMIT = 44  # characters of a label kept in a plot (cluster labels carry shares)
TEXT_LIMIT = 200  # characters of any one export string kept on the page

#: The report folder's files, each with what it holds (linked from the page).
REPORT_FILES = [
    ("network.html", "the interactive map: clusters, bridges, brokers"),
    ("plan.csv", "this month's conversations, with reasons (pass it to --exclude next month)"),
    ("reciprocity.csv", "the full ledger: what went each way, per tie"),
    ("people.csv", "one row per person, with cluster, role family and brokerage"),
    ("ties.csv", "one row per tie, with its evidence, strength and class"),
    ("clusters.csv", "clusters with their size, labels and diversity"),
    ("reconnect.csv", "dormant ties ranked by what they bridge to"),
    ("second_degree.csv", "people one introduction away, with their introducers"),
    ("introductions.csv", "introductions you could make between your clusters"),
    ("summary.json", "every figure, for programs"),
]

def render_onepage(people: pd.DataFrame, ties: pd.DataFrame, meta: dict, analysis, *,
                   links: bool = True, title: str | None = None) -> str:
    """The report page as a string (the same inputs always give the same bytes).

    ``people`` and ``ties`` are the tables people.csv and ties.csv are written from (``id``,
    ``name``, ``organisation``, ``owner``; ``source``, ``target``, ``connected_on``), ``meta``
    the graph's facts (``owners``, ``as_of``: :mod:`weakties.outputs.frames`).
    ``analysis`` is :func:`weakties.analysis.run`'s result for them: its figures, plan,
    ledger and give-first list are shown as they are. ``links`` adds links to the report
    folder's files (``network.html`` and the CSVs); without it (a lone page, ``weakties
    report``) the page says how to get them.
    """
    plan, book, give, target = (analysis.plan, analysis.ledger, analysis.give_first,
                                analysis.target)
    net = _Tables(people, ties, meta or {})
    owners = net.owners
    names = [net.name(o) for o in owners]
    heading = title or ("Your network on one page" if len(owners) <= 1
                        else "Your team's network on one page")
    sub = [", ".join(names) if names else "a whole network (no owner)"]
    if net.meta.get("as_of"):
        sub.append(f"data up to {net.meta['as_of']}")
    sub.append(f"evidence level: {analysis.evidence_level}")
    plots = _plot_data(net, analysis)
    body = [
        f"<header><h1>{_e(heading)}</h1><p class=\"sub\">{_e(' · '.join(sub))}</p></header>",
        _figures_section(net, analysis, owners),
        _worlds_section(analysis.figures.get("worlds")),
        _plots_section(plots),
        _plan_section(plan, owners, target),
        _give_section(give, owners),
        _ledger_section(book, owners),
        _files_section(links, len(book)),
        f"<footer>Made by weakties {_e(__version__)} from the exports alone, offline; "
        f"seed {_e(str(analysis.figures.get('seed', 0)))}. Figures are measured at "
        f"{_e(net.meta.get('as_of') or 'the newest date in the data')}, not today.</footer>",
    ]
    return _PAGE.format(csp=_e(CSP), title=_e(_text(heading + (" — " + names[0] if len(names) == 1
                                                               else ""))),
                        css=_CSS, body="\n".join(body))


def write_onepage(people: pd.DataFrame, ties: pd.DataFrame, meta: dict, analysis,
                  path: str | os.PathLike[str], **kw: Any) -> None:
    """Write :func:`render_onepage` to ``path`` atomically (a reader never sees half a page)."""
    page = render_onepage(people, ties, meta, analysis, **kw)
    try:
        atomic_write(Path(path), lambda out: out.write(page))
    except OSError as err:
        raise WeaktiesError(f"{path}: cannot write the report page ({err.strerror})") from err


CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; "
       "form-action 'none'")


# --------------------------------------------------------------------------------------------
# Helpers


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _text(value: Any, limit: int = TEXT_LIMIT) -> str:
    """An export value as one line of display text ('' for missing), cut to ``limit``."""
    return one_line(value, limit)


def _pct(x: float) -> str:
    return f"{x:.0%}"


def _count(n: int, singular: str, plural: str | None = None) -> str:
    return f"{n:,} {singular if n == 1 else plural or singular + 's'}"


def _plain(x: Any) -> Any:
    """JSON-safe: numpy scalars unwrapped, NaN/NA as null."""
    if isinstance(x, dict):
        return {str(k): _plain(v) for k, v in x.items()}
    if isinstance(x, list | tuple):
        return [_plain(v) for v in x]
    if x is None or (not isinstance(x, str) and pd.isna(x)):
        return None
    return x.item() if hasattr(x, "item") else x


@dataclass
class _Tables:
    """The people and ties tables, with the few lookups the page makes in them."""

    people: pd.DataFrame
    ties: pd.DataFrame
    meta: dict

    @cached_property
    def ids(self) -> list[Any]:
        return plain(self.people["id"])

    @cached_property
    def owners(self) -> list[Any]:
        """Owner ids: ``meta["owners"]`` (as listed), else the people flagged ``owner``."""
        listed = self.meta.get("owners")
        if listed:
            present = set(self.people["id"][self.people["id"].isin(listed)].tolist())
            return [o for o in listed if o in present]
        flags = plain(self.people["owner"]) if "owner" in self.people else []
        return sorted(n for n, own in zip(self.ids, flags, strict=True) if own)

    @cached_property
    def _names(self) -> dict[Any, Any]:
        mine = self.people[self.people["id"].isin(self.owners)]
        return dict(zip(plain(mine["id"]), plain(mine["name"]), strict=True))

    def name(self, n: Any) -> str:
        """An owner's name (their id when they have none)."""
        return _text(self._names.get(n) or n)

    @cached_property
    def owner_ties(self) -> pd.DataFrame:
        """The ties with an owner at one end (or both): their ends and date only (taking
        rows of all of ties.csv's columns cost more than the rest of the page at B)."""
        t = self.ties[[c for c in ("source", "target", "connected_on") if c in self.ties]]
        return t[(t["source"].isin(self.owners) | t["target"].isin(self.owners)).to_numpy()]

    @cached_property
    def contacts(self) -> list[Any]:
        """The owners' contacts, sorted (everyone when there is no owner)."""
        if not self.owners:
            return sorted(self.ids)
        t = self.owner_ties
        found = set(plain(t["source"])) | set(plain(t["target"]))
        return sorted(found - set(self.owners))

    def years(self) -> dict[Any, Counter[int]]:
        """Per owner, their ties' ``connected_on`` years (ties without a date left out)."""
        t = self.owner_ties
        if "connected_on" not in t:
            return {}
        codes, dates = pd.factorize(t["connected_on"])  # a date's year worked out once
        year = np.array([int(d[:4]) if (d or "")[:4].isdigit() else -1 for d in values(dates)]
                        + [-1], dtype=np.int64)[codes]
        ends = pd.DataFrame({"owner": pd.concat([t["source"], t["target"]], ignore_index=True),
                             "year": np.concatenate([year, year])})
        loop = np.concatenate([np.zeros(len(t), dtype=bool), (t["source"] == t["target"])
                               .to_numpy(dtype=bool)])  # a self-tie is one of the owner's ties
        ends = ends[ends["owner"].isin(self.owners).to_numpy() & ~loop
                    & (ends["year"] >= 0).to_numpy()]
        counts = ends.groupby(["owner", "year"], sort=False).size()
        out: dict[Any, Counter[int]] = {o: Counter() for o in self.owners}
        for (o, y), n in zip(counts.index.tolist(), counts.tolist(), strict=True):
            out[o][int(y)] = int(n)
        return out

    @cached_property
    def orgs(self) -> list[Any]:
        """Each contact's organisation ("" when missing), in :attr:`contacts` order."""
        rows = positions(self.people["id"], pd.Series(self.contacts, dtype=object))
        return [x or "" for x in plain(self.people["organisation"].iloc[rows])]


def _org_keys(orgs: list[str]) -> list[str]:
    """:func:`normalise_org` of each, computing each distinct spelling once."""
    keys = {x: normalise_org(x) for x in set(orgs)}
    return [keys[x] for x in orgs]


def _classes_per_owner(ties: pd.DataFrame, owners: list[str]) -> dict[Any, Counter[str]]:
    """Per owner, how many of their ties are of each ``tie_class`` (a tie between two owners
    counts for both, a self-tie once): one group-by, not a pass over the ties per owner."""
    both = pd.DataFrame({"owner": pd.concat([ties["source"], ties["target"]], ignore_index=True),
                         "tie_class": pd.concat([ties["tie_class"]] * 2, ignore_index=True)})
    loop = np.concatenate([np.zeros(len(ties), dtype=bool),
                           (ties["source"] == ties["target"]).to_numpy(dtype=bool)])
    both = both[both["owner"].isin(owners).to_numpy() & ~loop]
    counts = both.groupby(["owner", "tie_class"], sort=False).size()
    out: dict[Any, Counter[str]] = {o: Counter() for o in owners}
    for (o, c), n in zip(counts.index.tolist(), counts.tolist(), strict=True):
        out[o][c] = int(n)
    return out


def _owner_ties(analysis, owners: list[str]) -> pd.DataFrame:
    t = analysis.ties
    if not owners:
        return t
    return t[t["source"].isin(owners) | t["target"].isin(owners)]


# --------------------------------------------------------------------------------------------
# Headline figures


def _card(key: str, value: str, label: str, sentence: str, number: Any = None) -> str:
    data = "" if number is None else f' data-value="{_e(json.dumps(_plain(number)))}"'
    return (f'<div class="card" data-figure="{key}"{data}><div class="value">{_e(value)}</div>'
            f'<div class="label">{_e(label)}</div><p>{_e(sentence)}</p></div>')


LEVEL_WORDS = {
    EGO_STAR: "one export with no ties among your contacts: composition, tie strength and "
              "dormant ties are measured; structure is not",
    EGO_NETWORK: "some ties among your contacts are observed: clusters and local bridges among "
                 "them are measured",
    WHOLE_NETWORK: "ties beyond your own contacts are observed: bridges, brokers and "
                   "second-degree contacts are measured",
}


def _worlds_section(w: dict | None) -> str:
    """Where the ties come from (LinkedIn, mail, chats …) and who spans two of those worlds:
    :func:`weakties.analysis.worlds.worlds`' figures, shown when there are two worlds or more."""
    if not w or len(w.get("worlds", [])) < 2:
        return ""
    rows = "".join(
        f"<tr><td>{_e(world)}</td><td class=\"num\">{w['owner_ties'].get(world, 0):,}</td>"
        f"<td class=\"num\">{w['ties_among_contacts'].get(world, 0):,}</td></tr>"
        for world in w["worlds"])
    several = w["several_worlds"]
    people = ", ".join(f"{_e(p['name'])} ({_e(' + '.join(p['worlds']))})"
                       for p in several["people"][:10])
    verb = "appears" if several["count"] == 1 else "appear"
    lines = [f"<p>{several['count']:,} of your contacts {verb} in two worlds or more"
             + (f": {people}" if people else "") + ". They link circles that one source "
             "alone would show apart.</p>"]
    for c in w["clusters_of_one_world"]:
        lines.append(f"<p>Cluster {_e(c['label'] or str(c['cluster']))} "
                     f"({_count(c['size'], 'person', 'people')}) exists only in "
                     f"{_e(c['world'])}.</p>")
    return ('<section class="worlds" aria-label="Where your ties come from"><h2>Where your ties '
            'come from</h2><table><thead><tr><th>world</th><th>your ties</th><th>ties among '
            f'your contacts</th></tr></thead><tbody>{rows}</tbody></table>{"".join(lines)}'
            '</section>')


def _figures_section(net: _Tables, analysis, owners: list[str]) -> str:
    contacts = net.contacts
    org_keys = _org_keys([str(x) for x in net.orgs])
    orgs = set(org_keys)
    orgs.discard("")
    people = analysis.people
    cluster_of = lookup(people["cluster"])
    reached = {int(cluster_of.get(c, -1)) for c in contacts} - {-1}
    who = "your" if len(owners) <= 1 else "your team's"
    cards = []
    if owners:
        figures = analysis.figures
        grouped = figures.get("clusters") and (figures.get("organisation_role_groups")
                                                == figures.get("clusters"))
        cards.append(_card("size", f"{len(contacts):,}", "contacts",
                           f"{_count(len(contacts), 'person', 'people')} at "
                           f"{_count(len(orgs), 'organisation')} in "
                           + (_count(len(reached), "organisation/role group") if grouped
                              else _count(len(reached), "cluster"))
                           + (f", known by the {len(owners)} of you." if len(owners) > 1
                              else "."), len(contacts)))
    else:
        cards.append(_card("size", f"{len(net.people):,}", "people",
                           f"{_count(len(net.ties), 'tie')} in "
                           f"{_count(len(reached), 'cluster')} (a whole network: no owner).",
                           len(net.people)))
    unlock = analysis.skipped[0]["unlock"] if analysis.skipped else ""
    sentence = LEVEL_WORDS.get(analysis.evidence_level, "")
    sentence = sentence[0].upper() + sentence[1:] + "."
    sentence += (f" To see more, {unlock}." if unlock
                 else " Every analysis weakties has was run.")
    cards.append(_card("evidence", analysis.evidence_level, "evidence level", sentence,
                       analysis.evidence_level))
    roles = values(analysis.people["role_family"].reindex(contacts).fillna(""))
    blau_org, _ = diversity(org_keys)
    blau_role, _ = diversity(roles)
    if math.isnan(blau_org):
        cards.append(_card("range", "–", "diversity (organisations)",
                           "No organisations in the data, so diversity cannot be measured."))
    else:
        text = (f"Two of {who} contacts picked at random work at different organisations "
                f"{_pct(blau_org)} of the time (Blau index)")
        if not math.isnan(blau_role):
            text += f"; for role families, {_pct(blau_role)}"
        cards.append(_card("range", f"{blau_org:.2f}", "diversity (organisations)",
                           text + ". Range brings ideas and openings a closed circle cannot.",
                           round(blau_org, 4)))
    mine = _owner_ties(analysis, owners)
    classes = mine["tie_class"].value_counts()
    total = int(len(mine))
    if total:
        shares = {c: int(classes.get(c, 0)) / total for c in ("strong", "weak", "dormant")}
        value = " · ".join(f"{_pct(shares[c])} {c}" for c in ("strong", "weak", "dormant"))
        text = ("Weak and dormant ties carry news from other circles (Granovetter 1973); "
                "dormant ones are worth waking (Levin et al. 2011)")
        sweet = analysis.figures.get("sweet_spot")
        if sweet:
            text += f"; {_count(sweet, 'tie')} in the sweet spot of moderately weak ties"
        whose = f"of the owners' {total:,} ties" if len(owners) > 1 else (
            f"of your {total:,} ties" if owners else f"of {total:,} ties")
        others = analysis.figures.get("ties", total) - total if owners else 0
        if others:  # ties.csv lists them too, with a class: say why they are not counted
            inferred = analysis.figures.get("inferred") or 0
            text += (f". Counted over {whose.removeprefix('of ')}; the other "
                     f"{_count(others, 'tie')} in ties.csv join two contacts"
                     + (f" ({inferred:,} inferred from group conversations)" if inferred
                        else ""))
        cards.append(_card("ties", value, whose, text + ".",
                           {c: int(classes.get(c, 0)) for c in ("strong", "weak", "dormant")}))
    if owners:
        fragile = analysis.reach[(analysis.reach["level"] == "cluster")
                                 & analysis.reach["fragile"]]
        n = len(fragile)
        names = sorted({_text(x) for x in fragile["strongest_name"]})[:3]
        text = ("Clusters where a single contact is your only tie into them: keep those ties "
                "warm" + (f" ({', '.join(names)}{', …' if n > 3 else ''})." if names else "."))
        cards.append(_card("fragile", f"{n:,}", "clusters reached through one tie", text, n))
    else:
        bridges = analysis.figures.get("bridges")
        cards.append(_card("fragile", "–" if bridges is None else f"{bridges:,}", "bridges",
                           "Ties whose removal would split the network in two.", bridges))
    return ('<section class="figures" aria-label="Headline figures">' + "".join(cards)
            + "</section>")


# --------------------------------------------------------------------------------------------
# Plots: numbers first (plot_data), then one SVG per plot


def plot_data(people: pd.DataFrame, ties: pd.DataFrame, meta: dict, analysis
              ) -> dict[str, dict]:
    """The numbers behind every plot, keyed by plot name; a plot without data has ``note``.

    - ``growth``: ``years`` and, per owner name, connections made each year (``series``);
    - ``organisations`` / ``roles``: the owners' contacts per organisation / role family
      (``labels``, ``counts``; the rest in ``other``, unknown ones in ``unknown``);
    - ``ties``: per owner (or "all ties"), ``strong`` / ``weak`` / ``dormant`` counts;
    - ``diversity``: per cluster (2+ members, largest first) Blau over organisations and roles;
    - ``second_degree``: per cluster, second-degree people in it, ``novel`` (in a cluster or
      organisation the owner has no tie into) and ``known``.
    """
    return _plot_data(_Tables(people, ties, meta or {}), analysis)


def _plot_data(net: _Tables, analysis) -> dict[str, dict]:
    owners = net.owners
    contacts = net.contacts
    out: dict[str, dict] = {}

    years: dict[str, Counter[int]] = {}
    for o, found in net.years().items():
        if found:
            years[net.name(o)] = found
    if years:
        lo = min(min(c) for c in years.values())
        hi = max(max(c) for c in years.values())
        span = list(range(lo, hi + 1))
        out["growth"] = {"title": "New connections per year", "years": span,
                         "series": {n: [c.get(y, 0) for y in span] for n, c in years.items()}}
    else:
        out["growth"] = {"title": "New connections per year",
                         "note": "No connection dates in this data (edge lists and address "
                                 "books have none)."}

    display: dict[str, Counter[str]] = {}
    org_counts: Counter[str] = Counter()
    texts = [_text(x) for x in net.orgs]
    for org, key in zip(texts, _org_keys(texts), strict=True):
        if key:
            org_counts[key] += 1
            if key not in display:
                display[key] = Counter()
            display[key][org] += 1
    names = {k: min(v.items(), key=lambda kv: (-kv[1], kv[0]))[0] for k, v in display.items()}
    out["organisations"] = _composition("Contacts by organisation", org_counts, names,
                                        len(contacts), "organisation")
    roles = values(analysis.people["role_family"].reindex(contacts).fillna(""))
    role_counts = Counter(r for r in roles if r)
    out["roles"] = _composition("Contacts by role family", role_counts, {}, len(contacts),
                                "position")

    mine = _owner_ties(analysis, owners)
    classes = _classes_per_owner(mine, owners)
    rows = [(net.name(o), classes[o]) for o in owners]
    if not owners and len(mine):
        rows.append(("all ties", mine["tie_class"].value_counts()))
    if rows:
        out["ties"] = {"title": "Ties by strength class", "owners": [r[0] for r in rows],
                       **{c: [int(r[1].get(c, 0)) for r in rows]
                          for c in ("strong", "weak", "dormant")}}
    else:
        out["ties"] = {"title": "Ties by strength class", "note": "No ties in the data."}

    out["diversity"] = _diversity_data(analysis.clusters)

    second = analysis.second_degree
    if analysis.evidence_level == WHOLE_NETWORK and owners and len(second):
        per = second.groupby("person").agg(cluster=("cluster", "first"), novel=("novel", "any"))
        per = per[per["cluster"] >= 0]
        counts = per.groupby("cluster")["novel"].agg(["size", "sum"])
        counts = counts.sort_values(["size"], ascending=False, kind="stable").head(TOP)
        labels = dict(zip(analysis.clusters["cluster"], analysis.clusters["label"], strict=True))
        out["second_degree"] = {
            "title": "People one introduction away, per cluster",
            "clusters": [int(c) for c in counts.index],
            "labels": [_text(labels.get(c, c)) for c in counts.index],
            "novel": [int(n) for n in counts["sum"]],
            "known": [int(s - n) for s, n in zip(counts["size"], counts["sum"], strict=True)],
        }
        if not any(out["second_degree"]["novel"]):
            out["second_degree"]["remark"] = ("None of them is in a cluster or organisation "
                                              "you do not reach yet.")
    else:
        why = ("no second-degree contact in the data" if analysis.evidence_level == WHOLE_NETWORK
               else "it needs ties beyond your own contacts: teammates' exports or a ties file")
        out["second_degree"] = {"title": "People one introduction away, per cluster",
                                "note": f"Not available: {why}."}
    return out


DIVERSITY_SERIES = (("blau_organisation", "organisations"), ("blau_role", "role families"))


def _diversity_data(table: pd.DataFrame) -> dict:
    """Blau per cluster (2+ members, largest first), and only the measures that vary.

    Contacts with no tie among them are grouped by their shared organisation: each such group
    has organisation diversity 0 by construction, and a plot of twelve zeros says nothing. A
    measure that is 0 (or unknown) in every cluster is left out of the plot (``drawn``) and
    the ``remark`` says why.
    """
    title = "Diversity inside each cluster"
    cl = table[table["size"] >= 2].head(TOP)
    known = cl[cl["blau_organisation"].notna() | cl["blau_role"].notna()]
    if not len(known):
        return {"title": title, "note": "No clusters of two or more people with known "
                                        "organisations or positions."}
    data: dict = {
        "title": title,
        "clusters": [int(c) for c in known["cluster"]],
        "labels": [_text(x) for x in known["label"]],
        "size": [int(s) for s in known["size"]],
        **{key: [None if pd.isna(x) else round(float(x), 4) for x in known[key]]
           for key, _ in DIVERSITY_SERIES},
    }
    data["drawn"] = [key for key, _ in DIVERSITY_SERIES if any(data[key])]
    same = [what for key, what in DIVERSITY_SERIES if key not in data["drawn"]]
    if not data["drawn"]:
        return {"title": title, "note": "Every cluster is alike inside: one organisation and "
                                        "one role family each (Blau index 0)."}
    if same == ["organisations"]:
        grouped = int((known["method"] != "leiden").sum())
        why = (f"{grouped} of these clusters are contacts grouped by their shared employer "
               "(no ties among them to cluster by), so each holds one organisation"
               if grouped else "each cluster holds one organisation")
        data["remark"] = (f"Organisation diversity is 0 in every cluster ({why}); role "
                          "families are what varies.")
    elif same:
        data["remark"] = (f"Diversity of {same[0]} is 0 in every cluster; only "
                          f"{DIVERSITY_SERIES[0][1]} vary.")
    return data


def _composition(title: str, counts: Counter[str], names: dict[str, str], total: int,
                 field: str) -> dict:
    if not counts:
        return {"title": title, "note": f"No {field} is known for these contacts."}
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    top = ranked[:TOP]
    return {"title": title, "labels": [names.get(k, k) for k, _ in top],
            "counts": [n for _, n in top], "other": sum(n for _, n in ranked[TOP:]),
            "unknown": total - sum(counts.values())}


def _short(label: str) -> str:
    label = _text(label)
    return label if len(label) <= LABEL_LIMIT else label[: LABEL_LIMIT - 1] + "…"


def _draw(name: str, data: dict) -> str:
    """One plot as an inline <svg> (:mod:`.charts`), its ids prefixed with the plot's name."""
    return DRAW[name](name, data)


def _draw_growth(name: str, data: dict) -> str:
    series = [charts.Series(_short(owner), counts, PALETTE[i % len(PALETTE)])
              for i, (owner, counts) in enumerate(data["series"].items())]
    return charts.columns_stacked(name, [str(y) for y in data["years"]], series,
                                  ylabel="connections made", legend=len(series) > 1)


def _draw_barh(name: str, data: dict) -> str:
    labels = [_short(x) for x in data["labels"]]
    counts = list(data["counts"])
    colours = [PALETTE[0]] * len(labels)
    if data.get("other"):
        labels.append("all others")
        counts.append(data["other"])
        colours.append(PALETTE[4])
    return charts.hbars(name, labels, counts, colours, xlabel="contacts")


def _draw_ties(name: str, data: dict) -> str:
    series = [charts.Series(cls, data[cls], CLASS_STYLE[cls][0], hatch=bool(CLASS_STYLE[cls][1]))
              for cls in ("strong", "weak", "dormant")]
    return charts.hbars_stacked(name, [_short(o) for o in data["owners"]], series,
                                xlabel="ties")


def _draw_diversity(name: str, data: dict) -> str:
    # the size, unless the label already says it ("sales (7 of 10)")
    labels = [f"#{c} {_short(lab)}" + ("" if lab.endswith(f" of {n})") else f" ({n})")
              for c, lab, n in zip(data["clusters"], data["labels"], data["size"], strict=True)]
    series = [charts.Series(what, data[key], PALETTE[i])
              for i, (key, what) in enumerate((k, w) for k, w in DIVERSITY_SERIES
                                              if k in data["drawn"])]
    return charts.hbars_grouped(name, labels, series, xlabel="Blau index",
                                ticks=[0, 0.25, 0.5, 0.75, 1], fmt=lambda v: f"{v:.2f}",
                                row=21.0 if len(series) == 1 else 34.0)


def _draw_second(name: str, data: dict) -> str:
    labels = [f"#{c} {_short(x)}" for c, x in zip(data["clusters"], data["labels"], strict=True)]
    series = [charts.Series("where you already know someone", data["known"], PALETTE[4])]
    if any(data["novel"]):  # a legend entry only for a colour that is drawn
        series.insert(0, charts.Series("in a circle you don't reach", data["novel"], PALETTE[5]))
    return charts.hbars_stacked(name, labels, series, xlabel="second-degree contacts",
                                row=23.0, thickness=0.65)


DRAW = {"growth": _draw_growth, "organisations": _draw_barh, "roles": _draw_barh,
        "ties": _draw_ties, "diversity": _draw_diversity, "second_degree": _draw_second}

CAPTIONS = {
    "growth": "when the network grew; a quiet year is a good time to reach out.",
    "organisations": "where your contacts work; one name dominating means a narrow window.",
    "roles": "what your contacts do, grouped from their job titles.",
    "ties": "strong ties (much recent interaction), weak ties (little) and dormant ties "
            "(none for two years).",
    "diversity": "how mixed each cluster is (Blau index: 0 = all alike, 1 = all different).",
    "second_degree": "people your contacts know and you do not, per cluster (the legend "
                     "says which are new ground).",
}


def _plots_section(plots: dict[str, dict]) -> str:
    parts = []
    for name, data in plots.items():
        values = _e(json.dumps(_plain(data), ensure_ascii=False, sort_keys=True,
                               allow_nan=False))
        head = (f'<figure class="wt-plot" id="plot-{name}" data-plot="{name}" '
                f'data-values="{values}">')
        remark = f" {data['remark']}" if data.get("remark") else ""
        caption = (f'<figcaption id="cap-{name}"><strong>{_e(data["title"])}</strong>: '
                   f"{_e(CAPTIONS[name] + remark)}</figcaption>")
        if "note" in data:
            parts.append(f'{head}{caption}<p class="note">{_e(data["note"])}</p></figure>')
        else:
            parts.append(f"{head}{caption}{_draw(name, data)}</figure>")
    return ('<section class="plots" aria-label="Plots"><h2>At a glance</h2>'
            f'<div class="grid">{"".join(parts)}</div></section>')


# --------------------------------------------------------------------------------------------
# Plan, give first, ledger, files


def _by_owner(frame: pd.DataFrame, owners: list[str]):
    """(owner name or None, rows) per owner with rows; the name only when there are several."""
    groups = dict(list(frame.groupby("owner", sort=False))) if len(frame) else {}
    for o in owners:
        rows = groups.get(o)
        if rows is not None and len(rows):
            yield (_text(rows["owner_name"].iloc[0]) if len(owners) > 1 else None), rows


def _who(name: Any, organisation: Any, position: Any = "") -> str:
    text = f"<strong>{_e(_text(name))}</strong>"
    where = ", ".join(x for x in (_text(position), _text(organisation)) if x)
    return text + (f" <span class=\"where\">{_e(where)}</span>" if where else "")


def _plan_section(plan: pd.DataFrame, owners: list[str], target: str | None) -> str:
    intro = ("One informational conversation a month with someone whose work interests you: "
             "ask about their work and what they would do in your place — never for a job. "
             "Offer something first (see Give first).")
    if target and target.strip():
        intro = f"Focused on “{_text(target)}”. " + intro
    parts = [f'<section class="plan" id="plan"><h2>This month: who to talk to</h2>'
             f'<p class="intro">{_e(intro)}</p>']
    if not owners:
        parts.append('<p class="note">A whole network without an owner has no plan: name the '
                     "owner with --owner NAME.</p>")
    elif plan.empty:
        parts.append('<p class="note">No conversation qualifies this month: no weak tie into a '
                     "world you barely reach, no dormant tie bridging somewhere new, no "
                     "second-degree contact behind a strong tie (or all were in last month's "
                     "plan).</p>")
    for owner, rows in _by_owner(plan, owners):
        if owner:
            parts.append(f"<h3>{_e(owner)}</h3>")
        items = []
        for r in rows.itertuples():
            via = (f" Via {_e(_text(r.via_name))}." if r.via_name and r.kind == "introduction"
                   else "")
            items.append(f'<li data-person="{_e(str(r.person))}" data-kind="{_e(r.kind)}">'
                         f'{_who(r.name, r.organisation, r.position)} '
                         f'<span class="tag">{_e(r.kind)}</span>'
                         f'<br><span class="reason">{_e(_text(r.reason, 400))}{via}</span></li>')
        parts.append(f'<ol class="picks">{"".join(items)}</ol>')
    parts.append("</section>")
    return "".join(parts)


ACTION_WORDS = {"endorse": "Endorse", "recommend": "Recommend", "introduce": "Introduce"}


def _give_section(give: pd.DataFrame, owners: list[str]) -> str:
    parts = ['<section class="give" id="give-first"><h2>Give first</h2>'
             '<p class="intro">Return favours, and help weak ties before you need them: '
             "reciprocity keeps a network alive (tit for tat).</p>"]
    if give.empty:
        parts.append('<p class="note">Nothing to return or offer from what the exports record '
                     "(endorsements, recommendations and messages come with a LinkedIn "
                     "archive).</p>")
    for owner, rows in _by_owner(give, owners):
        if owner:
            parts.append(f"<h3>{_e(owner)}</h3>")
        items = []
        for r in rows.itertuples():
            verb = ACTION_WORDS.get(r.action, r.action)
            target = f" to {_e(_text(r.with_name))}" if r.with_name else ""
            items.append(f'<li data-person="{_e(str(r.person))}" data-action="{_e(r.action)}">'
                         f'<span class="verb">{_e(verb)}</span> '
                         f"{_who(r.name, r.organisation)}{target}: "
                         f'<span class="reason">{_e(_text(r.reason, 400))}</span></li>')
        parts.append(f'<ul class="gives">{"".join(items)}</ul>')
    parts.append("</section>")
    return "".join(parts)


def _ledger_section(book: pd.DataFrame, owners: list[str], top: int = 8) -> str:
    parts = ['<section class="ledger" id="ledger"><h2>Reciprocity ledger</h2>']
    if book.empty:
        parts.append('<p class="note">No tie of an owner with exported evidence.</p></section>')
        return "".join(parts)
    active = book[(book[["endorsements_given", "endorsements_received",
                         "recommendations_given", "recommendations_received"]].sum(axis=1) > 0)]
    totals = {k: int(book[k].sum()) for k in ("endorsements_given", "endorsements_received",
                                              "recommendations_given",
                                              "recommendations_received")}
    if len(owners) > 1:  # a team page: whose favours, owner by owner
        each = []
        for o in owners:
            mine = book[book["owner"] == o]
            if not len(mine):
                continue
            t = {k: int(mine[k].sum()) for k in totals}
            each.append(f'{_e(_text(mine["owner_name"].iloc[0]))} gave '
                        f'{_count(t["endorsements_given"], "endorsement")} and '
                        f'{_count(t["recommendations_given"], "recommendation")} and received '
                        f'{t["endorsements_received"]} and {t["recommendations_received"]}')
        said = f'Across the owners\' {_count(len(book), "tie")}: ' + "; ".join(each)
    else:
        said = (f'Across your {_count(len(book), "tie")}: you gave '
                f'{_count(totals["endorsements_given"], "endorsement")} and '
                f'{_count(totals["recommendations_given"], "recommendation")}, and received '
                f'{totals["endorsements_received"]} and {totals["recommendations_received"]}')
    parts.append(
        f'<p class="intro">{said}. Balance = favours received − given '
        "(a recommendation counts 3). The ties with the most favours either way:</p>")
    if active.empty:
        parts.append('<p class="note">No endorsement or recommendation either way in the '
                     "exports.</p></section>")
        return "".join(parts)
    many = len(owners) > 1
    head = ("<tr>" + ("<th>Owner</th>" if many else "") + "<th>Contact</th>"
            "<th>Endorsements<br>given / received</th><th>Recommendations<br>given / received"
            "</th><th>Invited by</th><th>Messages<br>sent / received</th><th>Balance</th></tr>")
    favours = active["given"] + active["received"]
    active = active.assign(favours=favours).sort_values(
        ["favours", "balance", "owner", "person"], ascending=[False, False, True, True],
        kind="stable")
    rows = []
    for r in active.head(top).itertuples():
        owner = f"<td>{_e(_text(r.owner_name))}</td>" if many else ""
        rows.append(
            f'<tr data-person="{_e(str(r.person))}">{owner}<td>{_who(r.name, r.organisation)}</td>'
            f"<td>{r.endorsements_given} / {r.endorsements_received}</td>"
            f"<td>{r.recommendations_given} / {r.recommendations_received}</td>"
            f"<td>{_e(r.invited_by or '–')}</td>"
            f"<td>{r.messages_sent} / {r.messages_received}</td>"
            f'<td class="num">{r.balance:+d}</td></tr>')
    parts.append(f"<table><thead>{head}</thead><tbody>{''.join(rows)}</tbody></table>"
                 "</section>")
    return "".join(parts)


def _files_section(links: bool, ledger_rows: int) -> str:
    if not links:
        return ('<section class="files"><h2>More</h2><p>The tables behind this page (CSV) and '
                "the interactive map come with <code>weakties analyze INPUT --out "
                "FOLDER</code>.</p></section>")
    items = "".join(f'<li><a href="{_e(name)}">{_e(name)}</a> — {_e(what)}</li>'
                    for name, what in REPORT_FILES)
    return (f'<section class="files"><h2>The files</h2><p>Next to this page ({ledger_rows:,} '
            f'ties in the ledger):</p><ul>{items}</ul></section>')


_CSS = """
:root { --ink: #1d2430; --muted: #5b6472; --line: #d9dde3; --accent: #0072B2; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1120px; padding: 20px 24px 40px; color: var(--ink);
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", "Noto Sans", sans-serif; }
h1 { font-size: 24px; margin: 0 0 2px; }
h2 { font-size: 18px; margin: 26px 0 8px; border-bottom: 2px solid var(--line);
  padding-bottom: 3px; }
h3 { font-size: 15px; margin: 14px 0 4px; }
.sub, .intro, .note, footer, .where { color: var(--muted); }
.note { font-style: italic; }
.figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(190px, 1fr));
  gap: 10px; margin-top: 14px; }
.card { border: 1px solid var(--line); border-left: 4px solid var(--accent); border-radius: 6px;
  padding: 8px 10px; }
.card .value { font-size: 22px; font-weight: 700; line-height: 1.2; }
.card[data-figure="ties"] .value { font-size: 15px; }
.card .label { font-size: 12px; text-transform: uppercase; letter-spacing: .04em;
  color: var(--muted); }
.card p { margin: 4px 0 0; font-size: 13px; }
.grid { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 14px 20px; }
figure { margin: 0; }
figcaption { font-size: 13px; margin-bottom: 4px; }
figure svg { width: 100%; height: auto; display: block; }
ol.picks, ul.gives { padding-left: 22px; margin: 6px 0; }
ol.picks li, ul.gives li { margin: 0 0 8px; }
.tag { display: inline-block; font-size: 11px; padding: 0 6px; border-radius: 8px;
  background: #e8f1f8; color: #0b4f7c; }
.verb { font-weight: 700; color: #8a4b00; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { text-align: left; padding: 4px 6px; border-bottom: 1px solid var(--line);
  vertical-align: top; }
th { font-size: 12px; color: var(--muted); font-weight: 600; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
a { color: var(--accent); }
code { font-size: 12px; }
footer { margin-top: 28px; font-size: 12px; border-top: 1px solid var(--line);
  padding-top: 6px; }
@media (max-width: 760px) { .grid { grid-template-columns: 1fr; } }
@page { size: A4; margin: 12mm 12mm 14mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  h1 { font-size: 17pt; }
  h2 { font-size: 13pt; margin-top: 14pt; break-after: avoid; }
  h3 { break-after: avoid; }
  .figures { grid-template-columns: repeat(5, minmax(0, 1fr)); gap: 6pt; }
  .card[data-figure="ties"] .value { font-size: 11pt; }
  .card { padding: 5pt 6pt; }
  .card .value { font-size: 15pt; }
  .card p { font-size: 8pt; }
  .grid { grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 8pt 14pt; }
  figcaption { font-size: 8.5pt; }
  figure, .card, li, tr { break-inside: avoid; }
  table { font-size: 8.5pt; }
  a { color: inherit; text-decoration: none; }
}
"""

_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="weakties">
<title>{title}</title>
<style>{css}</style>
</head>
<body>
{body}
</body>
</html>
"""
