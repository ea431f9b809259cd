"""Identity resolution: which mentions in which files are the same person.

Keys, strongest first: the normalised LinkedIn profile URL, then the email address, then the
normalised name together with the organisation. A name alone never merges people across owners
(many people share a name); inside one owner's archive a name-only mention (a 2018 message, an
endorsement without URL) is matched to that owner's single contact of that name, and listed as
ambiguous when there are several. Merges that would join two different profile URLs are refused
and listed, never guessed.

Two additions serve the other importers: a mention may carry an explicit ``key`` (an edge
list's node label), which is then its person id and is matched only to the same key; and
``email`` may hold several addresses joined by " ::: " (an address book entry), any of which
matches. :func:`match_people` finds the people a ties file names, among those resolved.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

import numpy as np
import pandas as pd

from weakties._frames import values

__all__ = ["normalise_url", "normalise_urls", "normalise_email", "normalise_emails",
           "normalise_name", "normalise_org", "resolve", "Resolution", "map_unique",
           "match_people", "EMAILS_SEP"]

#: Separator of several addresses in one ``email`` cell (Google Contacts' own multi-value one).
EMAILS_SEP = " ::: "

_CANONICAL = re.compile(r"https://www\.linkedin\.com/in/[a-zA-Z0-9_-]+")
_PAREN = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_NON_WORD = re.compile(r"[^\w]+")
_LEGAL = re.compile(
    r"\b(inc|incorporated|ltd|limited|llc|gmbh|bv|nv|sa|ag|plc|co|corp|corporation)$"
)


def normalise_url(url: str) -> str:
    """``https://www.linkedin.com/in/<slug>`` for any way a LinkedIn profile URL is written.

    >>> normalise_url("WWW.LinkedIn.com/in/Anne-O%E2%80%99Neil/")
    'https://www.linkedin.com/in/anne-o’neil'
    """
    url = (url or "").strip()
    if not url:
        return ""
    if _CANONICAL.fullmatch(url):  # the 2023+ Connections.csv form: only the slug's case varies
        return url.lower()
    if "://" not in url:
        url = "https://" + url
    try:
        parts = urlsplit(url)
    except ValueError:  # "https://[www…": urllib refuses it; the text itself is the key
        return url.lower()
    host = parts.netloc.lower()
    path = unquote(parts.path).rstrip("/")
    if host.endswith("linkedin.com"):
        # Old public URLs carry the member id in three parts after the name, in reverse order:
        # /pub/jane-doe/a7/576/b50 is /in/jane-doe-b50576a7 (the middle parts are zero-padded
        # hex). Dropping the parts would merge every "jane-doe" into one person.
        match = re.match(r"/pub/([^/]+)/([0-9a-f]+)/([0-9a-f]+)/([0-9a-f]+)(/|$)", path,
                         flags=re.IGNORECASE)
        if match:
            name, a, b, c = (g.lower() for g in match.groups()[:4])
            return f"https://www.linkedin.com/in/{name}-{c.zfill(3)}{b.zfill(3)}{a}"
        match = re.match(r"/(in|pub)/([^/]+)", path, flags=re.IGNORECASE)
        if match:
            return f"https://www.linkedin.com/in/{match.group(2).lower()}"
    return f"https://{host}{path}".lower()


#: :data:`_CANONICAL` for pyarrow's regular expressions (RE2: ``$`` is the end of the text).
_CANONICAL_RE2 = r"^https://www\.linkedin\.com/in/[a-zA-Z0-9_-]+$"


def normalise_urls(column: pd.Series) -> pd.Series:
    """``map_unique(column, normalise_url)``: the distinct values already in the canonical
    form (every URL of a 2023+ export) are matched and lowered by pyarrow at once, the others
    go through :func:`normalise_url` one by one. Workload A2 normalises 63,000 distinct URLs
    over five calls: 0.10 -> 0.03 s of CPU.

    >>> normalise_urls(pd.Series(["https://www.linkedin.com/in/Anne-B", " linkedin.com/in/x/",
    ...                           "https://www.linkedin.com/in/Anne-B"])).tolist()
    ['https://www.linkedin.com/in/anne-b', 'https://www.linkedin.com/in/x', \
'https://www.linkedin.com/in/anne-b']
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    codes, distinct = pd.factorize(column, use_na_sentinel=True)
    if (codes < 0).any():  # missing values: as Series.map gives them
        return map_unique(column, normalise_url)
    texts = values(distinct)
    try:
        arrow = pa.array(texts, type=pa.large_string())
    except (pa.ArrowInvalid, pa.ArrowTypeError):  # not all text
        return map_unique(column, normalise_url)
    canonical = pc.match_substring_regex(arrow, _CANONICAL_RE2).to_numpy(zero_copy_only=False)
    out = pc.ascii_lower(arrow).to_numpy(zero_copy_only=False).astype(object)
    for i in np.flatnonzero(~canonical).tolist():
        out[i] = normalise_url(texts[i])
    return pd.Series(out[codes], index=column.index, dtype=object)


def normalise_email(email: str) -> str:
    email = (email or "").strip().lower()
    return email if "@" in email and " " not in email else ""


def normalise_emails(emails: str) -> str:
    """Every address of an ``a@x ::: b@y`` cell, normalised, sorted, joined by :data:`EMAILS_SEP`.

    >>> normalise_emails("B@y.example ::: a@x.example"), normalise_emails("A@x.example")
    ('a@x.example ::: b@y.example', 'a@x.example')
    """
    if EMAILS_SEP.strip() not in (emails or ""):
        return normalise_email(emails)
    parts = {normalise_email(part) for part in emails.split(EMAILS_SEP.strip())}
    return EMAILS_SEP.join(sorted(parts - {""}))


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _NON_WORD.sub(" ", stripped.casefold()).strip()


def normalise_name(name: str) -> str:
    """Case, accents, pronouns in brackets and credentials after a comma do not tell people apart.

    >>> normalise_name("  Anne  Jansen, MSc, MBA (she/her)")
    'anne jansen'
    """
    name = _PAREN.sub(" ", name or "").split(",")[0]
    return _fold(name)


def normalise_org(org: str) -> str:
    """Case, accents, punctuation and one trailing legal form do not tell organisations apart.

    >>> normalise_org("Acme, Inc.")
    'acme'
    """
    folded = _fold(org or "")
    return _LEGAL.sub("", folded).strip()


@dataclass
class Resolution:
    """Result of :func:`resolve`: a person id for every mention, plus what could not be decided."""

    person_of: pd.Series  # mention id -> person id
    ambiguous: list[dict] = field(default_factory=list)
    merges: int = 0  # mentions folded into a person first named elsewhere (across files)
    #: Every merge with the key that made it: {"person", "key", "value", "records", "inputs"}
    #: (records: the mentions joined; inputs: the owners' inputs they came from).
    merge_log: list[dict] = field(default_factory=list)


class _Sets:
    """Disjoint sets of key groups as arrays, for joining many at once.

    ``root[g]`` is the smallest group of g's set: a merged person is found by its first group
    in key order, whatever order the merges came in. ``url[r]`` is the code of the profile URL
    in root r's set, -1 for none (a set never holds two: merges that would are refused).
    ``log`` holds every merge with its reason: (key, value, the groups it joined).
    """

    def __init__(self, url: np.ndarray):
        self.root = np.arange(len(url))
        self.url = url.copy()
        self.log: list[tuple[str, np.ndarray, np.ndarray]] = []

    def merge(self, a: np.ndarray, b: np.ndarray) -> None:
        """Join the sets of groups ``a[i]`` and ``b[i]`` for every i (linear, any order)."""
        ra, rb = self.root[np.asarray(a, dtype=np.int64)], self.root[np.asarray(b, dtype=np.int64)]
        apart = ra != rb
        if not apart.any():
            return
        n = len(self.root)
        # The smallest root of each root's new set; other groups stay put.
        new = _components(n, ra[apart], rb[apart])
        moved = np.flatnonzero(new != np.arange(n))
        np.maximum.at(self.url, new[moved], self.url[moved])
        self.root = new[self.root]

    def logged(self, key: str, value, groups) -> None:
        groups = np.asarray(groups, dtype=np.int64)
        values = np.broadcast_to(np.asarray(value, dtype=object), groups.shape)
        self.log.append((key, values, groups))


class _Chain:
    """One union at a time over :class:`_Sets`, for the few merges whose order matters.

    A rule that reads the sets it changes (a value joins two sets, and the next value sees
    them joined) runs here, in the rule's own order, on the groups it touches; ``commit``
    hands the joins to the arrays.
    """

    def __init__(self, sets: _Sets):
        self.sets = sets
        self.parent: dict[int, int] = {}
        self.urls: dict[int, int] = {}
        self.joined: list[tuple[int, int]] = []

    def find(self, g: int) -> int:
        r = int(self.sets.root[g])
        while r in self.parent:
            r = self.parent[r]
        return r

    def url(self, r: int) -> int:
        return self.urls.get(r, int(self.sets.url[r]))

    def can_union(self, a: int, b: int) -> bool:
        ua, ub = self.url(self.find(a)), self.url(self.find(b))
        return not (ua >= 0 and ub >= 0 and ua != ub)

    def union(self, a: int, b: int, why: tuple[str, str] | None = None) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        if why is not None:
            self.sets.logged(why[0], why[1], [a, b])
        low, high = min(ra, rb), max(ra, rb)
        self.parent[high] = low
        self.urls[low] = max(self.url(low), self.url(high))
        self.joined.append((low, high))

    def commit(self) -> tuple[np.ndarray, np.ndarray]:
        """The joins made, as two arrays of groups for :meth:`_Sets.merge`."""
        joined = np.array(self.joined, dtype=np.int64).reshape(-1, 2)
        self.parent, self.urls, self.joined = {}, {}, []
        return joined[:, 0], joined[:, 1]


def _components(n: int, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The smallest node of the connected component of each node 0..n-1 (edges a[i]-b[i]).

    Hooking and pointer jumping on arrays: each round every tree with an edge to another one
    joins it or is joined, so there are O(log n) rounds of O(n + edges) each. (SciPy's
    ``csgraph.connected_components`` does the same in C, but importing it loads SciPy's linear
    algebra, 0.1-0.3 s that every run would pay: tests/test_startup.py keeps it out.)
    """
    label = np.arange(n)
    a, b = np.asarray(a, dtype=np.int64), np.asarray(b, dtype=np.int64)
    while True:
        la, lb = label[a], label[b]
        apart = la != lb
        if not apart.any():
            return label
        a, b, la, lb = a[apart], b[apart], la[apart], lb[apart]
        # Every label is a root here (label[r] == r); the larger root hangs under the smaller.
        np.minimum.at(label, np.maximum(la, lb), np.minimum(la, lb))
        while True:
            jumped = label[label]
            if (jumped == label).all():
                break
            label = jumped


def resolve(mentions: pd.DataFrame, same: Iterable[Iterable[int]] = ()) -> Resolution:
    """Group mentions into people.

    ``mentions`` has one row per time a file names someone: ``mid`` (index), ``scope`` (the
    owner whose archive it came from), ``name``, ``url``, ``email`` (several addresses joined by
    " ::: " allowed), ``organisation``, ``anchor`` (True when the row establishes a person, e.g.
    a connection; False when it only refers to one, e.g. a message sender known by name) and,
    optionally, ``key``: when set, the person id itself, matched only to the same key (an edge
    list's node label says exactly who is who; no URL, email or name rule applies to it).
    ``same`` lists groups of mention ids the caller knows to be one person (the owner of several
    inputs, named alike); they are merged unless that would join two profile URLs. Returns a
    person id per mention.

    The rules run on arrays (a person is a set of key groups, see :class:`_Sets`): each rule
    decides what every value of its key does from the sets as they stand, and only values
    whose decisions depend on each other (they touch the same sets) are taken one at a time,
    in the rule's order, so the result is the one of taking every value in turn.
    """
    key = mentions["key"] if "key" in mentions.columns else pd.Series("", index=mentions.index)
    keyed = key.fillna("").astype(str) != ""
    # Keyed mentions (a million-edge list's labels) need no normalised URL, email or name.
    rest = mentions[~keyed]
    def optional(col: str) -> pd.Series:
        # Phones (E.164) and platform handles come normalised from their importers.
        if col not in rest.columns:
            return pd.Series("", index=rest.index, dtype=object)
        return rest[col].fillna("").astype(str).str.strip()

    keys = pd.DataFrame(
        {
            "scope": mentions["scope"],
            "key": key.fillna("").astype(str),
            "url": normalise_urls(rest["url"]),
            "email": map_unique(rest["email"], normalise_emails),
            "phone": optional("phone"),
            "handle": optional("handle"),
            "name": map_unique(rest["name"], normalise_name),
            "org": map_unique(rest["organisation"], normalise_org),
            "anchor": mentions["anchor"],
        },
        index=mentions.index,
    )
    text = ["url", "email", "phone", "handle", "name", "org"]
    keys[text] = keys[text].fillna("")
    # Work on distinct key combinations, in key order: a contact named in 500 messages is one
    # group here, and a merged person is named from its first group.
    group_cols = ["scope", "key", "url", "email", "phone", "handle", "name", "org", "anchor"]
    codes = keys.groupby(group_cols, sort=True, dropna=False).ngroup().to_numpy()
    first = np.unique(codes, return_index=True)[1]
    groups = keys[group_cols].iloc[first].reset_index(drop=True)
    column = {c: np.asarray(values(groups[c]), dtype=object) for c in text}
    column["scope"] = np.asarray(values(groups["scope"]), dtype=object)
    column["key"] = np.asarray(values(groups["key"]), dtype=object)
    column["name_org"] = np.array(
        [f"{n}|{o}" if n and o else "" for n, o in zip(column["name"], column["org"],
                                                        strict=True)], dtype=object)
    has_url = column["url"] != ""
    url_code = np.full(len(groups), -1, dtype=np.int64)
    url_code[has_url], url_names = pd.factorize(column["url"][has_url])
    sets = _Sets(url_code)
    ambiguous: list[dict] = []
    undecided: set[int] = set()  # groups that could be one of several people

    position = pd.Series(range(len(mentions)), index=mentions.index)
    chain = _Chain(sets)
    for mids in same:
        members = sorted({int(codes[position[m]]) for m in mids})
        for other in members[1:]:
            if chain.can_union(members[0], other):
                chain.union(members[0], other, ("the owner, named alike in several inputs", ""))
    sets.merge(*chain.commit())

    for col, label in (("key", "key"), ("url", "url"), ("email", "email"), ("phone", "phone"),
                       ("handle", "handle"), ("name_org", "name + organisation")):
        # An address book entry with several addresses (or phone numbers) is one key per value.
        g, v = _key_rows(column[col], split=col in ("email", "phone"))
        _join_on(sets, g, v, label, url_names, ambiguous, undecided)
    anchor = groups["anchor"].astype(bool).to_numpy()
    scope_code, scope_names = pd.factorize(column["scope"], sort=True)
    name_code, name_names = pd.factorize(column["name"], sort=True)
    # (scope, name) as one number, in the order of the pair.
    scope_name = scope_code.astype(np.int64) * max(len(name_names), 1) + name_code
    _link_to_urlless_contacts(sets, column, anchor, scope_code, scope_names, name_names,
                              scope_name, ambiguous)
    _match_names_within_owner(sets, column, anchor, scope_code, scope_names, name_names,
                              scope_name, ambiguous, undecided)

    root = sets.root
    person_ids = _person_ids(column, root, anchor, name_code, name_names, scope_code,
                             scope_names)
    # A mention that only refers to someone (a message, an endorsement) and could be one of
    # several people is left unresolved: its evidence is counted, not attached to a guess.
    group_ids = person_ids[root]
    unsure = np.array(sorted(undecided), dtype=np.int64)
    group_ids[unsure[~anchor[unsure]]] = ""
    person_of = pd.Series(group_ids[codes], index=mentions.index)
    for entry in ambiguous:
        entry["candidates"] = sorted(
            person_ids[root[c]] if isinstance(c, int) else c for c in entry["candidates"]
        )
    # Merges across inputs: per person, the scopes it was named in beyond the first.
    resolved = np.flatnonzero(group_ids != "")
    person_code = pd.factorize(group_ids[resolved])[0]
    merges = (len(np.unique(person_code.astype(np.int64) * max(len(scope_names), 1)
                            + scope_code[resolved])) - len(np.unique(person_code)))
    sizes = np.bincount(codes, minlength=len(groups))
    return Resolution(person_of=person_of, ambiguous=ambiguous, merges=int(merges),
                      merge_log=_merge_log(sets, root, person_ids, column["scope"], sizes))


def _key_rows(column: np.ndarray, split: bool) -> tuple[np.ndarray, np.ndarray]:
    """(group, value) for every non-empty value of one key; ``split``: a cell may hold several
    values joined by :data:`EMAILS_SEP`."""
    has = column != ""
    g, v = np.flatnonzero(has), column[has]
    if split:
        several = np.fromiter((EMAILS_SEP in x for x in v), dtype=bool, count=len(v))
        if several.any():
            parts = [x.split(EMAILS_SEP) for x in v[several]]
            extra_g = np.repeat(g[several], [len(p) for p in parts])
            extra_v = np.array([x for p in parts for x in p], dtype=object)
            keep = extra_v != ""
            g = np.concatenate([g[~several], extra_g[keep]])
            v = np.concatenate([v[~several], extra_v[keep]])
    return g, v


def _join_on(sets: _Sets, g: np.ndarray, v: np.ndarray, label: str, url_names,
             ambiguous: list[dict], undecided: set[int]) -> None:
    """Join the sets of the groups that share a value of one key (group ``g[i]`` has ``v[i]``).

    The values are taken in sorted order, each seeing what the values before it joined. A value
    whose groups' sets hold two different URLs joins nothing: its rows in URL-less sets are
    undecided and the value is listed as ambiguous. A value that shares no set with another
    value sees the sets as they stood before the key (computed at once); values chained
    through shared sets (a person with two addresses) go one at a time.
    """
    if not len(g):
        return
    code = pd.factorize(v)[0]
    # A value only one group has can neither merge nor conflict: skip it (most of them).
    many = np.bincount(code)[code] > 1
    g = g[many]
    code, names = pd.factorize(v[many], sort=True)  # codes in the order of the values
    code = code.astype(np.int64)
    n, n_values = len(sets.root), len(names)
    pair = np.unique(code * n + sets.root[g])
    pv, pr = pair // n, pair % n  # distinct (value, set), by value then root
    # A value all of whose groups are one set already does nothing.
    live = np.bincount(pv, minlength=n_values)[pv] > 1
    pv, pr = pv[live], pr[live]
    if not len(pv):
        return
    comp = _components(n_values + n, pv, n_values + pr)
    value_ids = np.unique(pv)
    per_comp = np.bincount(comp[value_ids], minlength=comp.max() + 1)
    alone = per_comp[comp[pv]] == 1
    entries: list[tuple[int, dict]] = []

    # Values alone in their component, all at once.
    sv, sr = pv[alone], pr[alone]
    su = sets.url[sr]
    with_url = su >= 0
    value_url = np.unique(sv[with_url] * (len(url_names) + 1) + su[with_url])
    urls_of = np.bincount(value_url // (len(url_names) + 1), minlength=n_values)
    clash = urls_of > 1
    clash[pv[~alone]] = False
    joins = ~clash[sv]
    jv, jr = sv[joins], sr[joins]
    start = np.unique(jv, return_index=True)[1]
    first = np.repeat(jr[start], np.diff(np.append(start, len(jv))))
    sets.logged(label, names[jv], jr)
    if clash.any():
        rows = clash[code] & (sets.url[sets.root[g]] < 0)
        urlless = np.bincount(code[rows], minlength=n_values)
        undecided.update(g[rows].tolist())
        clash_urls = value_url[clash[value_url // (len(url_names) + 1)]]
        for value in np.flatnonzero(clash & (urlless > 0)).tolist():
            mine = clash_urls[clash_urls // (len(url_names) + 1) == value] % (len(url_names) + 1)
            entries.append((value, {"key": label, "value": names[value],
                                    "candidates": sorted(url_names[mine].tolist()),
                                    "mentions": int(urlless[value])}))

    # Values chained through shared sets, one at a time in their order.
    chain = _Chain(sets)
    chained = np.zeros(n_values, dtype=bool)
    chained[pv[~alone]] = True
    rows = np.flatnonzero(chained[code])
    rows = rows[np.argsort(code[rows], kind="stable")]
    if len(rows):
        order, start = np.unique(code[rows], return_index=True)
        members_of = np.split(g[rows], start[1:])
        for value, members in zip(order.tolist(), members_of, strict=True):
            members = members.tolist()
            roots = sorted({chain.find(m) for m in members})
            urls = {chain.url(r) for r in roots} - {-1}
            if len(urls) > 1:
                urlless = [m for m in members if chain.url(chain.find(m)) < 0]
                if urlless:
                    undecided.update(urlless)
                    entries.append((value, {"key": label, "value": names[value],
                                            "candidates": sorted(url_names[sorted(urls)]),
                                            "mentions": len(urlless)}))
                continue
            for other in roots[1:]:
                chain.union(roots[0], other, (label, names[value]))
    a, b = chain.commit()
    sets.merge(np.concatenate([first, a]), np.concatenate([jr, b]))
    ambiguous.extend(entry for _, entry in sorted(entries, key=lambda e: e[0]))


#: Why a sender with a URL joined its owner's URL-less contact.
_SENDER_URL = "name within one owner's data (a message sender's URL)"


def _link_to_urlless_contacts(sets: _Sets, column: dict, anchor: np.ndarray,
                              scope_code: np.ndarray, scope_names, name_names,
                              scope_name: np.ndarray, ambiguous: list[dict]) -> None:
    """A message sender with a URL is the owner's single URL-less contact of that name.

    Connections.csv had no URL column before 2023 while messages.csv had sender URLs from 2020:
    without this, every contact of a 2020–2022 archive who sent a message would be two people
    (the connection, keyed by name + organisation, and the sender, keyed by URL). Like the
    name-only rule it stays inside one owner's archive, only links a sender not yet tied to any
    connection of that owner, and lists the choice when there are several.

    Each (owner, name) is decided from the sets as they stand; the few that share a set with
    another one that joins (the same sender under two names) are taken one at a time, in
    (owner, name) order.
    """
    n = len(sets.root)
    named = column["name"] != ""
    floating = np.flatnonzero((column["url"] != "") & ~anchor & named)
    if not len(floating):
        return
    root = sets.root
    entries = np.unique(scope_name[floating])  # (owner, name), in order
    n_entries = len(entries)
    entry_scope = entries // max(len(name_names), 1)
    # The senders' sets, and whether each is already a contact of that owner.
    fe = np.searchsorted(entries, scope_name[floating])
    pair = np.unique(fe.astype(np.int64) * n + root[floating])
    se, sr = pair // n, pair % n
    contacts = np.flatnonzero(anchor)
    contact = np.isin(entry_scope[se].astype(np.int64) * n + sr,
                      scope_code[contacts].astype(np.int64) * n + root[contacts])
    senders = np.bincount(se[~contact], minlength=n_entries)
    # The owner's contacts of that name (their sets), and which have no URL.
    named_contacts = np.flatnonzero(anchor & named)
    at = np.minimum(np.searchsorted(entries, scope_name[named_contacts]), n_entries - 1)
    hit = entries[at] == scope_name[named_contacts]
    pair = np.unique(at[hit].astype(np.int64) * n + root[named_contacts[hit]])
    ce, cr = pair // n, pair % n
    candidates = np.bincount(ce, minlength=n_entries)
    urlless = np.bincount(ce[sets.url[cr] < 0], minlength=n_entries)
    acts = (senders > 0) & (urlless > 0)
    joins = acts & (senders == 1) & (candidates == 1)
    # Entries that share a set with a joining one see its join: those go one at a time.
    comp = _components(n_entries + n, np.concatenate([se, ce]),
                       n_entries + np.concatenate([sr, cr]))[:n_entries]
    size = np.bincount(comp)
    joining = np.bincount(comp[joins], minlength=len(size))
    ordered = (size[comp] > 1) & (joining[comp] > 0)
    found: list[tuple[int, dict]] = []

    at_once = joins & ~ordered
    c = cr[np.isin(ce, np.flatnonzero(at_once))]
    s = sr[~contact][np.isin(se[~contact], np.flatnonzero(at_once))]
    names = name_names[entries[at_once] % max(len(name_names), 1)]
    sets.logged(_SENDER_URL, np.concatenate([names, names]), np.concatenate([c, s]))
    for e in np.flatnonzero(acts & ~joins & ~ordered).tolist():
        found.append((e, {"key": "name within one owner's archive",
                          "value": name_names[entries[e] % max(len(name_names), 1)],
                          "candidates": cr[ce == e].tolist(), "mentions": int(senders[e]),
                          "scope": scope_names[entry_scope[e]]}))

    chain = _Chain(sets)
    contacts_of: dict[int, set[int]] = {}
    for e in np.flatnonzero(ordered).tolist():
        scope, name = int(entry_scope[e]), name_names[entries[e] % max(len(name_names), 1)]
        if scope not in contacts_of:
            contacts_of[scope] = {chain.find(i) for i in
                                  contacts[scope_code[contacts] == scope].tolist()}
        owner_contacts = contacts_of[scope]
        members = floating[fe == e].tolist()
        sending = sorted({chain.find(m) for m in members} - owner_contacts)
        namesakes = named_contacts[hit][at[hit] == e].tolist()
        could_be = sorted({chain.find(i) for i in namesakes})
        if not sending or not [x for x in could_be if chain.url(x) < 0]:
            continue  # already a contact of this owner, or no URL-less contact of that name
        if len(sending) == 1 and len(could_be) == 1:
            owner_contacts.discard(could_be[0])
            chain.union(could_be[0], sending[0], (_SENDER_URL, name))
            owner_contacts.add(chain.find(could_be[0]))
        else:
            found.append((e, {"key": "name within one owner's archive", "value": name,
                              "candidates": could_be, "mentions": len(sending),
                              "scope": scope_names[scope]}))
    a, b = chain.commit()
    sets.merge(np.concatenate([c, a]), np.concatenate([s, b]))
    ambiguous.extend(entry for _, entry in sorted(found, key=lambda x: x[0]))


def _match_names_within_owner(sets: _Sets, column: dict, anchor: np.ndarray,
                              scope_code: np.ndarray, scope_names, name_names,
                              scope_name: np.ndarray, ambiguous: list[dict],
                              undecided: set[int]) -> None:
    """Name-only mentions: matched within the owner's own scope, never across owners.

    A name-only reference (a 2018 message, an endorsement without URL) joins the one person
    of that owner with that name: a contact known by name only, or anyone with that name and
    a key. A name-only connection (a row without URL or company) is a contact of its own: one
    of the candidates, never merged with a namesake who has a company or URL. References are
    sets of their own until here (they have no key), so each (owner, name) is decided apart;
    only the id of the set a reference joins (its smallest group) moves as references join.
    """
    root = sets.root
    name_only = np.ones(len(root), dtype=bool)
    for col in ("url", "email", "org", "key", "phone", "handle"):
        name_only &= column[col] == ""
    named = column["name"] != ""
    refs = np.flatnonzero(name_only & named & ~anchor)
    alone = np.bincount(root, minlength=len(root))[root] == 1
    if not alone[refs].all() or not alone[name_only & ~named].all():
        # A caller's ``same`` put a reference or a nameless mention in a set: names may then
        # see each other's joins.
        _match_names_in_turn(sets, column, anchor, scope_code, scope_names, name_names,
                             scope_name, name_only, ambiguous, undecided)
        return
    # Nothing at all to go by: one anonymous person per owner (no log).
    nameless = np.flatnonzero(name_only & ~named)
    nameless = nameless[np.lexsort((nameless, scope_code[nameless]))]
    start = np.unique(scope_code[nameless], return_index=True)[1]
    first = np.repeat(nameless[start], np.diff(np.append(start, len(nameless))))
    joins_a, joins_b = [first], [nameless]

    refs = refs[np.lexsort((refs, scope_name[refs]))]  # by (owner, name), then group
    if len(refs):
        # The candidates: that owner's groups of that name with a key, and name-only contacts.
        could = np.flatnonzero(named & (~name_only | anchor))
        pair = np.unique(scope_name[could].astype(np.int64) * len(root) + root[could])
        cs, cr = pair // len(root), pair % len(root)
        lo, hi = np.searchsorted(cs, scope_name[refs]), np.searchsorted(cs, scope_name[refs],
                                                                        side="right")
        count = hi - lo
        ref_start = np.unique(scope_name[refs], return_index=True)[1]
        ref_first = np.repeat(refs[ref_start], np.diff(np.append(ref_start, len(refs))))
        joins_a.append(ref_first)  # several references of one name are one person
        joins_b.append(refs)
        one = ref_start[count[ref_start] == 1]  # the first reference of each name with one
        target = cr[lo[one]]
        # The id the target's set has when this name's turn comes: references that joined it
        # before (another name of the same person) may have a smaller group.
        frame = pd.DataFrame({"target": target, "ref": refs[one], "turn": scope_name[refs[one]]})
        frame = frame.sort_values(["target", "turn"], kind="stable")
        before = frame.groupby("target")["ref"].cummin().groupby(frame["target"]).shift(1)
        now = np.minimum(frame["target"].to_numpy(),
                         before.fillna(len(root)).to_numpy().astype(np.int64))
        names = name_names[frame["turn"].to_numpy() % max(len(name_names), 1)]
        sets.logged("name within one owner's data", np.concatenate([names, names]),
                    np.concatenate([now, frame["ref"].to_numpy()]))
        joins_a.append(target)
        joins_b.append(refs[one])
        found = []
        for i in ref_start[count[ref_start] > 1].tolist():
            turn = scope_name[refs[i]]
            mine = refs[scope_name[refs] == turn]
            undecided.update(mine.tolist())
            found.append({"key": "name within one owner's archive",
                          "value": name_names[turn % max(len(name_names), 1)],
                          "candidates": cr[lo[i]:hi[i]].tolist(), "mentions": len(mine),
                          "scope": scope_names[scope_code[refs[i]]]})
        ambiguous.extend(found)
    sets.merge(np.concatenate(joins_a), np.concatenate(joins_b))


def _match_names_in_turn(sets: _Sets, column: dict, anchor: np.ndarray,
                         scope_code: np.ndarray, scope_names, name_names,
                         scope_name: np.ndarray, name_only: np.ndarray,
                         ambiguous: list[dict], undecided: set[int]) -> None:
    """:func:`_match_names_within_owner` one (owner, name) at a time, in that order."""
    chain = _Chain(sets)
    named = column["name"] != ""
    could: dict[int, set[int]] = {}
    for g in np.flatnonzero(named & ~name_only).tolist():
        could.setdefault(int(scope_name[g]), set()).add(g)
    members = np.flatnonzero(name_only)
    members = members[np.lexsort((members, scope_name[members]))]
    turns, start = np.unique(scope_name[members], return_index=True)
    for turn, group in zip(turns.tolist(), np.split(members, start[1:]), strict=True):
        group = group.tolist()
        name = name_names[turn % max(len(name_names), 1)]
        if not named[group[0]]:
            for other in group[1:]:
                chain.union(group[0], other)
            continue
        refs = [m for m in group if not anchor[m]]
        contacts = {chain.find(m) for m in group if anchor[m]}
        if not refs:
            continue
        for other in refs[1:]:
            chain.union(refs[0], other)
        candidates = {chain.find(c) for c in could.get(turn, ())} | contacts
        if len(candidates) == 1:
            chain.union(candidates.pop(), refs[0], ("name within one owner's data", name))
        elif len(candidates) > 1:
            undecided.update(refs)
            ambiguous.append({"key": "name within one owner's archive", "value": name,
                              "candidates": sorted(candidates), "mentions": len(refs),
                              "scope": scope_names[scope_code[group[0]]]})
    sets.merge(*chain.commit())


def _merge_log(sets: _Sets, root: np.ndarray, person_ids: np.ndarray, scopes: np.ndarray,
               sizes: np.ndarray) -> list[dict]:
    """One row per (person, key, value) that joined records, with the records it joined."""
    if not sets.log:
        return []
    n = len(root)
    groups = np.concatenate([g for _, _, g in sets.log])
    labels = sorted({k for k, _, _ in sets.log})
    key = np.concatenate([np.full(len(g), labels.index(k)) for k, _, g in sets.log])
    value_code, value_names = pd.factorize(np.concatenate([v for _, v, _ in sets.log]))
    # (person, key, value) as one number: a person is its set's root.
    entry_code = (root[groups] * len(labels) + key) * len(value_names) + value_code
    entry, heads = pd.factorize(entry_code)
    joined = np.unique(entry.astype(np.int64) * n + groups)  # distinct (entry, group)
    records = np.bincount(joined // n, weights=sizes[joined % n], minlength=len(heads))
    scope_code, scope_names = pd.factorize(scopes, sort=True)
    inputs: list[list[str]] = [[] for _ in range(len(heads))]
    per_scope = np.unique(joined // n * len(scope_names) + scope_code[joined % n])
    for e, s in zip((per_scope // len(scope_names)).tolist(),
                    (per_scope % len(scope_names)).tolist(), strict=True):
        inputs[e].append(scope_names[s])
    heads = np.asarray(heads, dtype=np.int64)
    rows = sorted(zip(person_ids[heads // len(value_names) // len(labels)].tolist(),
                      [labels[k] for k in (heads // len(value_names) % len(labels)).tolist()],
                      value_names[heads % len(value_names)].tolist(),
                      records.astype(np.int64).tolist(), inputs, strict=True))
    return [{"person": person, "key": key_, "value": value, "records": count,
             "inputs": " ; ".join(scope_list)}
            for person, key_, value, count, scope_list in rows]


def _person_ids(column: dict, root: np.ndarray, anchor: np.ndarray, name_code: np.ndarray,
                name_names, scope_code: np.ndarray, scope_names) -> np.ndarray:
    """A readable, stable id per root (indexed by group; other groups hold ""): its key, else
    URL, else email, else name|organisation, else phone, else handle, else name@owner; the
    smallest one of its groups have (as text), so the id does not depend on row order."""
    everyone, person = np.unique(root, return_inverse=True)
    n = len(everyone)
    ids = np.full(n, "", dtype=object)
    done = np.zeros(n, dtype=bool)

    def fill(values_: np.ndarray, prefix: str = "") -> None:
        rows = np.flatnonzero((values_ != "") & ~done[person])
        p = person[rows]
        once = np.bincount(p, minlength=n)[p] == 1  # most people: one value, nothing to sort
        ids[p[once]] = [prefix + v for v in values_[rows[once]].tolist()]
        done[p[once]] = True
        rows = rows[~once]
        if len(rows):
            code, distinct = pd.factorize(values_[rows], sort=True)
            best = np.full(n, len(distinct))
            np.minimum.at(best, person[rows], code)
            found = np.flatnonzero(best < len(distinct))
            ids[found] = [prefix + v for v in np.asarray(distinct)[best[found]].tolist()]
            done[found] = True

    def first_of(values_: np.ndarray) -> np.ndarray:
        # An entry with several addresses is named after the first (they are sorted).
        return np.array([x.split(EMAILS_SEP, 1)[0] if EMAILS_SEP in x else x for x in values_],
                        dtype=object)

    fill(column["key"])
    fill(column["url"])
    fill(first_of(column["email"]), "email:")
    # name|organisation before phone: an address book entry keeps the id it had before its
    # phone numbers were read.
    fill(column["name_org"], "name:")
    fill(first_of(column["phone"]), "tel:")
    fill(column["handle"])
    # Known by name only: the last (name, owner) of its groups, in order.
    rows = np.flatnonzero(~done[person])
    last = np.full(n, -1, dtype=np.int64)
    np.maximum.at(last, person[rows], name_code[rows].astype(np.int64) * len(scope_names)
                  + scope_code[rows])
    rest = np.flatnonzero(~done)
    ids[rest] = [f"name:{name_names[c // len(scope_names)]}@{scope_names[c % len(scope_names)]}"
                 for c in last[rest].tolist()]
    # Roots holding a connection get the plain id first: a mention left unresolved (whose id
    # is never used) must not push a real contact to "#2".
    anchored = np.zeros(n, dtype=bool)
    anchored[person[anchor]] = True
    order = np.argsort(~anchored, kind="stable")
    same_id = pd.factorize(ids[order])[0]
    repeat = np.empty(n, dtype=np.int64)
    repeat[order] = pd.Series(same_id).groupby(same_id).cumcount().to_numpy()
    again = repeat > 0
    ids[again] = [f"{i}#{r + 1}" for i, r in zip(ids[again], repeat[again], strict=True)]
    out = np.full(len(root), "", dtype=object)
    out[everyone] = ids
    return out


def map_unique(column: pd.Series, fn) -> pd.Series:
    """``column.map(fn)`` computed once per distinct value (names repeat across messages).

    The result is an object column: ``Series.map`` would infer pandas' Arrow strings, whose
    row filters cost seconds on the half a million chat messages of workload E.
    """
    codes, distinct = pd.factorize(column, use_na_sentinel=True)
    if (codes < 0).any():  # missing values: as Series.map gives them
        distinct = values(column.unique())
        return column.map(dict(zip(distinct, map(fn, distinct), strict=True)))
    out = np.empty(len(distinct), dtype=object)
    for i, value in enumerate(values(distinct)):
        out[i] = fn(value)
    return pd.Series(out[codes], index=column.index, dtype=object)


#: Why a reference (a ties-file cell) names nobody, or nobody in particular.
NO_URL = "no one with this URL"
NO_EMAIL = "no one with this email or account address"
NO_NAME = "no one of this name"
SEVERAL = "several people fit"

_NICKNAME = re.compile(r'"[^"]*"|“[^”]*”')
# Domain labels hold no dot: one way to match, no quadratic backtracking on "x.x.x.…".
_ACCOUNT = re.compile(r"@?([^@\s/]+)@([^@\s/.]+(?:\.[^@\s/.]+)+)")


def _looks_like_url(text: str) -> bool:
    lower = text.lower()
    return "://" in lower or lower.startswith("www.") or "linkedin.com/" in lower


def match_people(
    values: pd.Series, mentions: pd.DataFrame, person_of: pd.Series
) -> tuple[pd.Series, pd.Series]:
    """The person each reference names, among the people resolved from ``mentions``.

    A reference is a node id (an edge-list label), a profile URL, an email or Mastodon
    address, or a name; the first form it fits decides how it is matched. A name matches when
    exactly one person has it (a quoted nickname may be left out: ``Anne "Annie" O'Neil`` is
    ``Anne O'Neil``); with several, nobody is guessed. Returns ``(person id or "", reason or "")``
    per value, the reason one of :data:`NO_URL`, :data:`NO_EMAIL`, :data:`NO_NAME` and
    :data:`SEVERAL`.
    """
    resolved = person_of != ""
    m, pid = mentions[resolved], person_of[resolved]
    ids = set(pid)

    def index(keys: pd.Series) -> dict[str, set[str]]:
        frame = pd.DataFrame({"key": keys.to_numpy(), "pid": pid.loc[keys.index].to_numpy()})
        frame = frame[frame["key"].fillna("") != ""]
        return {k: set(v) for k, v in frame.groupby("key")["pid"]}

    by_url = index(normalise_urls(m["url"]))
    by_email = index(map_unique(m["email"], normalise_emails).str.split(EMAILS_SEP).explode())
    names = map_unique(m["name"], normalise_name)
    plain = map_unique(m["name"], lambda n: normalise_name(_NICKNAME.sub(" ", n)))
    by_name = index(pd.concat([names, plain]))

    def one(text: str) -> tuple[str, str]:
        text = " ".join(str(text).split())
        if text in ids:
            return text, ""
        if _looks_like_url(text):
            hits, miss = by_url.get(normalise_url(text), set()), NO_URL
        elif _ACCOUNT.fullmatch(text):
            hits, miss = by_email.get(normalise_email(text.lstrip("@")), set()), NO_EMAIL
            if not hits:  # a Mastodon address: user@domain is https://domain/@user
                user, domain = _ACCOUNT.fullmatch(text).groups()
                hits = by_url.get(normalise_url(f"https://{domain}/@{user}"), set())
        else:
            hits, miss = by_name.get(normalise_name(text), set()), NO_NAME
        if len(hits) == 1:
            return next(iter(hits)), ""
        return "", (SEVERAL if hits else miss)

    distinct = values.unique()
    found = dict(zip(distinct, map(one, distinct), strict=True))
    pairs = values.map(found)
    return pairs.str[0], pairs.str[1]
