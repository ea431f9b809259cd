"""The flow in one place: files → importers → identity → graph → analyses (→ outputs).

The CLI and the library both call these functions; each stage lives in its own package
(``docs/architecture.md``): :mod:`weakties.importers` reads files into tables,
:mod:`weakties.identity` turns them into mentions and resolves people, :mod:`weakties.graph`
builds the contact graph, :mod:`weakties.analysis` computes every figure the outputs show.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from weakties._gc import fewer_collections
from weakties.errors import InputError, WeaktiesError
from weakties.graph import LoadReport
from weakties.graph.model import build_network
from weakties.graph.tables import Network

if TYPE_CHECKING:  # networkx is imported where a graph is built or read
    import networkx as nx

__all__ = ["load", "network", "anonymise", "analyse"]


@fewer_collections()
def load(paths: str | Path | Iterable[str | Path], **options) -> tuple[nx.Graph, LoadReport]:
    """Read exports and return the contact graph as a networkx graph and a report of what was
    read and skipped: :func:`network`'s graph (``to_networkx()``); the options are
    :func:`network`'s.

    >>> samples = Path(__file__).parents[1] / "sample_exports"  # in a source checkout
    >>> G, report = load([samples / "team"], ties=samples / "formats" / "alice_ties.csv")
    >>> len(G.graph["owners"]), report.hidden_members
    (4, 6)
    """
    net = network(paths, **options)
    return net.to_networkx(), net.report


@fewer_collections()
def network(
    paths: str | Path | Iterable[str | Path],
    owner: str | dict[str, str] | None = None,
    ties: str | Path | Iterable[str | Path] | None = None,
    columns: str | dict[str, str] | None = None,
    region: str | None = None,
    owner_emails: Iterable[str] = (),
    aliases: str | Path | None = None,
) -> Network:
    """Read exports and return the contact graph as tables: a :class:`~weakties.graph.tables.
    Network` whose ``people`` and ``ties`` are DataFrames (the columns of the report's
    people.csv and ties.csv before the analyses), ``report`` the :class:`LoadReport`, and
    ``to_networkx()`` the graph.

    ``owner`` names the owner of a single input (on an edge list: one of its nodes, by label);
    with several inputs, a single name is the owner of every input that names none itself (an
    address book and a vCard of one person), and a dict maps input paths to owner names. ``ties``
    are ties files (``person_a,person_b[,strength][,note]``): who knows whom among the people
    of all inputs; a ties file given among ``paths`` is recognised and used the same way.
    ``columns`` (``"name=Full Name,organisation=Company"``) says which headers of a contacts
    CSV hold which field, for a CSV no format recognises. ``region`` (``"DE"``) is the country
    of phone numbers written without one (default: the owner's own number's in a chat export).
    ``owner_emails`` are the owner's own addresses (``--owner-email``): in every input, mail
    from or to them is the owner's.

    >>> samples = Path(__file__).parents[1] / "sample_exports"  # in a source checkout
    >>> net = network(samples / "team")
    >>> len(net.people) == net.to_networkx().number_of_nodes(), list(net.ties.columns[:2])
    (True, ['source', 'target'])
    """
    from weakties.identity.assemble import assemble
    from weakties.importers.contacts import parse_columns
    from weakties.importers.inputs import expand, read_input
    from weakties.importers.ties import read_ties

    mapping = parse_columns(columns)
    # One path on its own is one input, not an iterable of characters.
    raws = expand([paths] if isinstance(paths, str | Path) else list(paths))
    if not raws:
        raise WeaktiesError("no input given; pass a LinkedIn archive, folder or CSV file")
    if isinstance(owner, dict):
        # A PATH=NAME that names no input would be silently ignored: say so instead.
        known = {raw.path.resolve() for raw in raws}
        for key in owner:
            if Path(key).resolve() not in known:
                inputs = ", ".join(str(raw.path) for raw in raws)
                raise WeaktiesError(
                    f"--owner {key}={owner[key]}: {key} is not one of the inputs ({inputs}); "
                    "give the path of an input as listed"
                )
    ties_tables = []
    for path in [ties] if isinstance(ties, str | Path) else list(ties or []):
        if not Path(path).is_file():
            raise InputError(str(path), "no such ties file; check the path")
        ties_tables.append(read_ties(Path(path).read_bytes(), str(path)))
    inputs = []
    for raw in raws:
        read_input(raw, mapping)
        # A ties file is no one's export: it links the people of every input.
        ties_tables.extend(t for t in raw.tables if t.format == "ties")
        raw.tables = [t for t in raw.tables if t.format != "ties"]
        if raw.tables:
            inputs.append(raw)
    if not inputs:
        raise WeaktiesError(
            "a ties file only links the people of other inputs; give it with the exports it "
            "refers to, e.g. weakties analyze alice.zip --ties ties.csv"
        )
    # Labels scope name-only matching and appear in ids; keep them distinct and path-free.
    seen: dict[str, int] = {}
    for raw in inputs:
        seen[raw.label] = seen.get(raw.label, 0) + 1
        if seen[raw.label] > 1:
            raw.label = f"{raw.label}-{seen[raw.label]}"
    extracts = []
    for raw in inputs:
        if isinstance(owner, str) and len(inputs) > 1:
            # One name for several inputs: "these are all mine" (a contacts CSV and a vCard).
            extracts.append(assemble(raw, default_owner=owner, region=_region(region),
                                     owner_emails=owner_emails))
        else:
            name = owner if isinstance(owner, str) else _owner_for(raw.path, owner or {})
            extracts.append(assemble(raw, owner=name, region=_region(region),
                                     owner_emails=owner_emails))
    if isinstance(owner, str) and not any(ex.owner_source.startswith("--owner")
                                          for ex in extracts):
        named = "; ".join(f"{ex.raw.path}: {ex.owner_name or 'no owner (a whole network)'}"
                          for ex in extracts)
        raise WeaktiesError(
            f"--owner {owner!r} names no input's owner: each input names its own or is an edge "
            f"list without that node ({named}); use --owner PATH=NAME for the input it is for"
        )
    alias_rows = None
    if aliases is not None:
        from weakties.importers import limits
        from weakties.importers.ties import read_aliases

        alias_rows = read_aliases(limits.read_file(Path(aliases), str(aliases)), str(aliases))
    return build_network(extracts, ties_tables, aliases=alias_rows)


def _owner_for(path: Path, owners: dict[str, str]) -> str | None:
    for key, name in owners.items():
        if Path(key).resolve() == path.resolve():
            return name
    return None


def anonymise(G, report: LoadReport):
    """The network (a :class:`Network`, or a networkx graph) and load report with stable
    pseudonyms instead of names, URLs and emails."""
    from weakties.graph.anonymize import anonymize, anonymize_report

    G = anonymize(G)
    meta = G.meta if isinstance(G, Network) else G.graph
    return G, anonymize_report(report, meta.pop("pseudonyms"))


@fewer_collections()
def analyse(G: nx.Graph | Network, seed: int = 0,
            progress: Callable[[str, int, int], None] | None = None, engine=None, *,
            target: str | None = None, exclude: Iterable[str] = ()):
    """Every analysis on ``G`` (:func:`weakties.analysis.run`; ``target`` and ``exclude``
    shape this month's plan). On a networkx graph the per-person and per-tie figures are also
    written onto its nodes and edges (:func:`weakties.analysis.annotate`); a
    :class:`Network`'s outputs read them from the result."""
    from weakties.analysis import Params, annotate, run

    result = run(G, Params(seed=seed), progress=progress, engine=engine, target=target,
                 exclude=exclude)
    if not isinstance(G, Network):
        annotate(G, result)
    return result


def _region(region: str | None) -> str | None:
    """``--region``: a two-letter country code phonenumbers knows (``de`` -> ``DE``)."""
    if not region:
        return None
    import phonenumbers

    code = region.strip().upper()
    if code not in phonenumbers.SUPPORTED_REGIONS:
        raise WeaktiesError(f"--region {region}: not a country code phone numbers know; give "
                            "two letters such as DE, GB, US or FI")
    return code
