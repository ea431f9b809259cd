"""The command line: parse options, call the library, write results. No logic lives here."""

from __future__ import annotations

import json
import sys
from contextlib import contextmanager, nullcontext
from pathlib import Path

import click

import weakties
from weakties.errors import WeaktiesError

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def _owner_option(f):
    f = click.option(
        "--aliases", "aliases", metavar="FILE", expose_value=False, callback=_to_meta,
        type=click.Path(exists=True, dir_okay=False, path_type=Path),
        help="A CSV of two identifiers of one person a row (email, profile URL, node id from "
             "people.csv, or a name): merged whatever the tool would decide. See "
             "identities.csv.",
    )(f)
    f = click.option(
        "--owner-email", "owner_emails", multiple=True, metavar="ADDR", expose_value=False,
        callback=_to_meta,
        help="One of your own email addresses (repeatable): mail from and to it is yours, "
             "never a contact's. Usually found without it (Gmail's Sent label).",
    )(f)
    return click.option(
        "--owner", "owners", multiple=True, metavar="NAME | PATH=NAME",
        help="Name the owner of an input (a lone Connections.csv has no profile; on an edge "
             "list, a node's label). With several inputs, one NAME owns every input that names "
             "no owner itself (your contacts CSV and vCard); PATH=NAME per input for a team.",
    )(f)


def _to_meta(ctx: click.Context, param: click.Parameter, value):
    """Keep an option that only :func:`_load` needs out of every command's signature."""
    ctx.meta[f"weakties.{param.name}"] = value
    return value


def _ties_option(f):
    return click.option(
        "--ties", "ties", multiple=True, metavar="FILE",
        type=click.Path(exists=True, dir_okay=False, path_type=Path),
        help="A ties file: who knows whom among your contacts (person_a,person_b[,strength]"
             "[,note]; people by URL, email or name). Repeatable.",
    )(f)


def _columns_callback(ctx: click.Context, param: click.Parameter, value: str | None):
    from weakties.importers.contacts import parse_columns

    try:
        return parse_columns(value) or None
    except WeaktiesError as err:
        raise click.BadParameter(str(err).removeprefix("--columns: ")) from err


def _columns_option(f):
    return click.option(
        "--columns", "columns", metavar="FIELD=HEADER,…", callback=_columns_callback,
        help="Read a contacts CSV no format recognises by naming its columns, e.g. "
             "'name=Full Name,organisation=Company' (fields: name, first_name, last_name, "
             "email, organisation, position, location, url).",
    )(f)


def _inputs_argument(f):
    return click.argument("inputs", nargs=-1, required=True,
                          type=click.Path(exists=True, path_type=Path))(f)


def _anonymize_option(f):
    return click.option("--anonymize", is_flag=True,
                        help="Replace names, URLs and emails by stable pseudonyms in every "
                             "output, so the report can be shared.")(f)


def _plan_options(f):
    """--target and --exclude: what the monthly plan focuses on and whom it leaves out."""
    f = click.option(
        "--exclude", "exclude", metavar="PLAN.CSV",
        type=click.Path(exists=True, dir_okay=False, path_type=Path),
        help="Last month's plan.csv: nobody in it is suggested again.",
    )(f)
    return click.option(
        "--target", metavar="TEXT",
        help="Focus the monthly plan on an organisation or field, e.g. 'Acme' or 'data'.",
    )(f)


def _excluded(exclude: Path | None) -> set[str]:
    from weakties.analysis.plan import read_previous_plan

    return read_previous_plan(exclude) if exclude else set()


def _seed_option(f):
    return click.option("--seed", type=int, default=0, show_default=True,
                        help="Seed for clustering and sampling (same seed, same report).")(f)


def _region_callback(ctx: click.Context, param: click.Parameter, value: str | None):
    ctx.meta["weakties.region"] = value


def _region_option(f):
    """--region: kept in the context for :func:`_load` (no command needs it by name)."""
    return click.option(
        "--region", metavar="CC", expose_value=False, callback=_region_callback,
        help="Country of phone numbers written without one (e.g. DE, GB, US), to match chats "
             "and address books by phone. Default: the owner's own number's, when known.",
    )(f)


def _graph_options(f):
    """The options of every command that reads inputs and writes what it found."""
    for option in reversed((_owner_option, _ties_option, _columns_option, _region_option,
                            _anonymize_option, _seed_option)):
        f = option(f)
    return f


def _engine_options(f):
    """--engine and --spark-master: where the whole-network kernels run."""
    f = click.option(
        "--spark-master", metavar="URL",
        help="With --engine spark: a cluster's master (spark://host:7077, yarn, k8s://…) or a "
             "Spark Connect server (sc://host:15002). Default: local[2].",
    )(f)
    return click.option(
        "--engine", type=click.Choice(["networkx", "spark"]), default="networkx",
        show_default=True,
        help="Where the whole-network analyses run: this machine, or Apache Spark (needs "
             "weakties[spark] and Java; a Parquet file or hdfs:// / s3a:// / file:// edge list "
             "is then read by Spark itself).",
    )(f)


def _spark_engine(engine: str, master: str | None):
    """The Spark session's engine for --engine spark, else None (the default engine)."""
    if engine != "spark":
        if master:
            raise click.UsageError("--spark-master needs --engine spark")
        return None
    from weakties.analysis.spark import SparkEngine, session

    return SparkEngine(session(master))


def _owner_arg(owners: tuple[str, ...]) -> str | dict[str, str] | None:
    if not owners:
        return None
    if len(owners) == 1 and "=" not in owners[0]:
        return owners[0]
    mapping = {}
    for item in owners:
        if "=" not in item:
            raise click.UsageError(f"--owner {item!r}: with several owners use PATH=NAME")
        path, name = item.split("=", 1)
        mapping[path] = name
    return mapping


class _Stages:
    """A progress line per stage on stderr (silent with -q or when not a terminal)."""

    def __init__(self, quiet: bool):
        self.console = None  # -q and --json show no progress: no rich either (~30 ms to import)
        if not quiet:
            from rich.console import Console

            self.console = Console(stderr=True)

    def __call__(self, text: str):
        return self.console.status(text, spinner="dots") if self.console else nullcontext()

    @contextmanager
    def bar(self, text: str):
        """A progress bar over the steps of a long stage; yields ``advance(step, done, total)``."""
        if self.console is None or not self.console.is_terminal:
            yield lambda step, done, total: None  # no bar in logs, pipes or -q
            return
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            SpinnerColumn,
            TextColumn,
            TimeElapsedColumn,
        )

        columns = (SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                   MofNCompleteColumn(), TimeElapsedColumn())
        with Progress(*columns, console=self.console, transient=True) as progress:
            task = progress.add_task(text, total=None)

            def advance(step: str, done: int, total: int) -> None:
                progress.update(task, description=f"{text} ({step})", completed=done,
                                total=total)

            yield advance


def _spark_inputs(inputs: tuple[str, ...], engine: str, options: dict
                  ) -> tuple[Path, ...] | str:
    """analyze's inputs as paths that must exist, or -- with --engine spark -- the one input
    Spark reads itself (Parquet or a URL; see weakties.analysis.spark.is_spark_path), for which
    none of ``options`` (option name: value) may be given: that report has ids and figures only
    (an --anonymize silently ignored would leak names)."""
    if engine == "spark":
        from weakties.analysis.spark import is_spark_path

        direct = [i for i in inputs if is_spark_path(i)]
        if direct:
            if len(inputs) > 1:
                raise click.UsageError(f"{direct[0]}: an edge list Spark reads itself is "
                                       "analysed on its own; pass it as the only input")
            given = [name for name, value in options.items() if value]
            if given:
                raise click.UsageError(f"{', '.join(given)}: not available for an edge list "
                                       f"Spark reads itself ({direct[0]}); its report has ids "
                                       "and figures only")
            return direct[0]
    for i in inputs:
        if not Path(i).exists():
            raise click.BadParameter(f"Path '{i}' does not exist.", param_hint="'INPUTS...'")
    return tuple(Path(i) for i in inputs)


def _load(inputs, owners, anonymize: bool, stages: _Stages, ties=(), columns=None):
    from weakties import pipeline

    _load_igraph_without_plotting()  # every command that loads a graph analyses it
    with stages("Reading exports…"):
        meta = click.get_current_context().meta
        net = pipeline.network(inputs, owner=_owner_arg(owners), ties=list(ties),
                               columns=columns,
                               region=meta.get("weakties.region"),
                               owner_emails=meta.get("weakties.owner_emails", ()),
                               aliases=meta.get("weakties.aliases"))
    return pipeline.anonymise(net, net.report) if anonymize else (net, net.report)


def _analyse(G, seed: int, stages: _Stages, engine=None, target=None, exclude=()):
    from weakties import pipeline

    text = f"Analysing {len(G.nodes):,} people and {len(G.edges):,} ties"
    with stages.bar(text) as advance:
        return pipeline.analyse(G, seed, progress=advance, engine=engine, target=target,
                                exclude=exclude)


def _pages_input(net, analysis):
    """``(people, ties, meta)`` the pages draw: people.csv's and ties.csv's tables (the
    network's base tables with the analysis' columns) and the network's facts with the
    analysis' cluster labels."""
    from weakties.outputs.frames import with_clusters
    from weakties.outputs.report import people_frame, ties_frame

    return (people_frame(net.people, analysis), ties_frame(net.ties, analysis),
            with_clusters(net.meta, analysis))


def _make_parent(output: Path) -> None:
    """Create the folder of an output file, as ``analyze --out`` creates its folder."""
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise WeaktiesError(f"{output}: cannot create its folder ({err.strerror})") from err


class _Cli(click.Group):
    """Library errors become ``Error: <file>: <message>`` and exit code 1, with no traceback;
    click's usage errors exit 2; anything unexpected keeps its traceback."""

    def invoke(self, ctx: click.Context):
        from weakties._gc import fewer_collections
        from weakties.importers.limits import printable

        _system_arrow_allocator()
        try:
            with fewer_collections():
                return super().invoke(ctx)
        except WeaktiesError as err:
            # printable: a name or file name from the data may hold escape sequences.
            raise click.ClickException(printable(str(err))) from err
        except OSError as err:
            if err.filename is None:
                raise
            raise click.ClickException(printable(f"{err.filename}: {err.strerror}")) from err


def _system_arrow_allocator() -> None:
    """Have pyarrow (pandas' string columns) use the system allocator, unless told otherwise.

    Its default (mimalloc or jemalloc) reserves large arenas of address space: under a memory
    limit (``ulimit -v 1000000``) a 100 MB realloc then failed with a traceback while the process
    used a fraction of the limit. Read by pyarrow at first use, so set before pandas runs.
    """
    import os

    os.environ.setdefault("ARROW_DEFAULT_MEMORY_POOL", "system")


def _json_text(data) -> str:
    """JSON for the terminal: json escapes C0 controls but not C1 (U+009B is CSI on its own)
    nor the bidi overrides; those are written as \\u escapes too."""
    import re

    text = data if isinstance(data, str) else json.dumps(data, indent=2, ensure_ascii=False,
                                                          default=str)
    return re.sub("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]",
                  lambda m: f"\\u{ord(m.group()):04x}", text)


def _check_out_folder(out: Path, inputs, ties=(), exclude=None) -> None:
    """Refuse an --out that would overwrite an input or mix the report with an export.

    The report writes .csv, .json and .html files into ``out``: an input file of those kinds
    right inside it could be overwritten; an input folder as ``out`` would get the report's
    people.csv and ties.csv among its exports. A subfolder of an input folder is fine: the next
    run recognises it as a report and does not read it (see limits.is_report).
    """
    from weakties.importers.limits import is_report

    if out.exists() and not out.is_dir():
        raise WeaktiesError(f"{out}: expected a folder for the report, found a file; pass "
                            "another --out")
    target = out.resolve()
    given = [Path(p) for p in (*inputs, *ties, *([exclude] if exclude else []))]
    for path in given:
        real = path.resolve()
        if path.is_dir():
            if real == target:
                raise WeaktiesError(f"{out}: is the input folder {path}; the report would be "
                                    "written among the exports: pass a new folder for --out")
            if (target.is_relative_to(real) and out.is_dir() and not is_report(out)
                    and any(p.suffix.lower() in _REPORT_SUFFIXES for p in out.iterdir())):
                raise WeaktiesError(f"{out}: holds files of the input folder {path}, which the "
                                    "report could overwrite: pass a new folder for --out")
        elif real.parent == target and real.suffix.lower() in _REPORT_SUFFIXES:
            raise WeaktiesError(f"{path}: is an input in the --out folder {out}, where the "
                                "report writes its .csv, .json and .html files: pass another "
                                "--out")


#: What a report folder holds (files of these kinds only).
_REPORT_SUFFIXES = {".csv", ".json", ".html"}


def _check_out_file(output: Path, inputs, ties=(), exclude=None) -> None:
    """Refuse an -o that is a folder or an input (or a file inside an input folder)."""
    if output.is_dir():
        raise WeaktiesError(f"{output}: expected a file to write, found a folder; pass a file "
                            "name, e.g. -o report.html")
    if not output.exists():
        return
    target = output.resolve()
    for path in (Path(p) for p in (*inputs, *ties, *([exclude] if exclude else []))):
        real = path.resolve()
        if path.is_dir() and target.is_relative_to(real):
            raise WeaktiesError(f"{output}: is a file of the input folder {path}; writing it "
                                "would overwrite it: pass another -o")
        if real == target or (path.exists() and output.samefile(path)):
            raise WeaktiesError(f"{output}: is an input; writing it would overwrite it: pass "
                                "another -o")


@click.group(cls=_Cli, context_settings=CONTEXT)
@click.version_option(weakties.__version__, "--version", prog_name="weakties")
def cli() -> None:
    """Find the weak ties, bridges and brokers in the contact data you already own.

    \b
    Example:
      weakties analyze ~/Downloads/Basic_LinkedInDataExport_05-14-2024.zip
    """


@cli.command(context_settings=CONTEXT)
@click.argument("inputs", nargs=-1, required=True)
@click.option("--out", "-o", type=click.Path(path_type=Path),
              default=Path("weakties-report"), show_default=True,
              help="Folder for the report (created if needed; nothing is written elsewhere).")
@_graph_options
@_plan_options
@_engine_options
@click.option("--json", "as_json", is_flag=True, help="Print summary.json to stdout.")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors.")
def analyze(inputs, out, owners, ties, columns, anonymize, seed, target, exclude, engine,
            spark_master, as_json, quiet) -> None:
    """Read exports, analyse the network and write a report folder.

    INPUTS are LinkedIn archives (.zip or unzipped folder), single CSV files, or a folder with
    one export per team member; also address books (Google, Outlook, Thunderbird CSV, vCard),
    Facebook friends, Mastodon and X follows, edge lists and SNAP ego networks, and ties files
    (see 'weakties formats').

    With --engine spark the whole-network analyses run on Apache Spark; a Parquet edge list
    (file or folder) or a URL Spark reads (hdfs://, s3a://, file://…) is read and analysed in
    Spark alone, for networks too large for this machine: ties.csv, people.csv and
    summary.json with the per-tie figures, degree and component (e.g. 'weakties analyze
    edges.parquet --engine spark --spark-master spark://host:7077').

    \b
    Example:
      weakties analyze team/alice.zip team/bob/ team/carol_Connections.csv --out report/
    """
    _load_igraph_without_plotting()  # before anything imports weakties.analysis
    from weakties.outputs.files import staged_folder
    from weakties.outputs.report import summary, write_report

    stages = _Stages(quiet or as_json)
    inputs = _spark_inputs(inputs, engine, {
        "--owner": owners, "--ties": ties, "--columns": columns, "--anonymize": anonymize,
        "--target": target, "--exclude": exclude})
    spark_engine = _spark_engine(engine, spark_master)
    if isinstance(inputs, str):  # an edge list Spark reads itself: no graph on this machine
        from weakties.outputs.spark_report import edge_list_report

        with stages("Analysing the edge list in Spark…"):
            written = edge_list_report(spark_engine.spark, inputs, out)
        if as_json:
            click.echo((out / "summary.json").read_text(encoding="utf-8"))
        elif not quiet:
            click.echo(f"Report written to {out} ({', '.join(p.name for p in written)})")
        return
    _check_out_folder(out, inputs, ties, exclude)
    skip = _excluded(exclude)
    net, report = _load(inputs, owners, anonymize, stages, ties, columns)
    result = _analyse(net, seed, stages, spark_engine, target=target, exclude=skip)
    # Staged: a run that fails while writing leaves the folder as it was, never half a report.
    with stages("Writing the report…"), staged_folder(out) as stage:
        written = write_report(net.people, net.ties, net.meta, report, result, stage,
                               with_map=True)
    data = summary(net.people, net.ties, net.meta, report, result)
    if as_json:
        click.echo(_json_text(data))
    elif not quiet:
        from rich.console import Console

        from weakties.outputs.terminal import print_summary

        print_summary(data, Console(), out_dir=str(out), files=[p.name for p in written])


@cli.command(context_settings=CONTEXT)
@_inputs_argument
@click.option("-o", "--output", type=click.Path(path_type=Path),
              default=Path("report.html"), show_default=True, help="HTML file to write.")
@_graph_options
@_plan_options
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors.")
def report(inputs, output, owners, ties, columns, anonymize, seed, target, exclude,
           quiet) -> None:
    """Write the one-page report: figures, plots, this month's plan and the reciprocity ledger.

    One printable HTML file that works offline (the CSV files and the map come with 'analyze').

    \b
    Example:
      weakties report alice.zip -o report.html --target "Acme" --exclude last/plan.csv
    """
    _load_igraph_without_plotting()  # before anything imports weakties.analysis
    from weakties.outputs.onepage import write_onepage

    _check_out_file(output, inputs, ties, exclude)
    stages = _Stages(quiet)
    skip = _excluded(exclude)
    net, _ = _load(inputs, owners, anonymize, stages, ties, columns)
    result = _analyse(net, seed, stages, target=target, exclude=skip)
    with stages("Writing the report…"):
        _make_parent(output)
        write_onepage(*_pages_input(net, result), result, output, links=False)
    if not quiet:
        click.echo(f"Wrote {output}")


@cli.command(context_settings=CONTEXT)
@_inputs_argument
@click.option("-o", "--output", type=click.Path(path_type=Path),
              default=Path("network.html"), show_default=True, help="HTML file to write.")
@_graph_options
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors.")
def view(inputs, output, owners, ties, columns, anonymize, seed, quiet) -> None:
    """Write the interactive network map (one HTML file that works offline).

    \b
    Example:
      weakties view alice.zip -o alice.html
    """
    _load_igraph_without_plotting()  # before anything imports weakties.analysis
    from weakties.outputs.view import write_html

    _check_out_file(output, inputs, ties)
    stages = _Stages(quiet)
    net, _ = _load(inputs, owners, anonymize, stages, ties, columns)
    result = _analyse(net, seed, stages)
    _make_parent(output)
    write_html(*_pages_input(net, result), output)
    if not quiet:
        click.echo(f"Wrote {output}")


@cli.command(context_settings=CONTEXT)
@_inputs_argument
@click.option("--to", "target", required=True,
              help="A person (name, profile URL or email) or an organisation; the closest "
                   "organisation or name when none is spelled exactly so.")
@_owner_option
@_ties_option
@_columns_option
@click.option("--paths", "k", type=int, default=3, show_default=True,
              help="How many paths to show.")
@_anonymize_option
@_seed_option
@click.option("--json", "as_json", is_flag=True, help="Print the paths as JSON.")
def intro(inputs, target, owners, ties, columns, k, anonymize, seed, as_json) -> None:
    """Find the warmest introduction paths from an owner to a person or organisation.

    Prints what --to matched, then each owner's paths, warmest first, with the evidence for
    each hop. With several owners, --owner NAME chooses whose paths to show (default: all
    owners); on an edge list, --owner names the node to start from.

    \b
    Example:
      weakties intro sample_exports/team --to "Acme Robotics" --owner "Alice Lindqvist"
    """
    _load_igraph_without_plotting()  # before anything imports weakties.analysis
    from weakties.analysis import intro_paths
    from weakties.analysis.second_degree import STRENGTH_FLOOR, TargetMatch, match_target

    stages = _Stages(as_json)
    # --to and --owner are names as the user knows them: resolved before any pseudonym.
    G = _load(inputs, (), False, stages, ties, columns)[0].to_networkx()
    if owners and not G.graph["owners"]:
        # No input names an owner (an edge list): --owner names one, as for analyze.
        G = _load(inputs, owners, False, stages, ties, columns)[0].to_networkx()
    match = match_target(G, target)
    owner_ids = G.graph["owners"]
    if owners:
        wanted = {o.casefold() for o in owners}
        owner_ids = [o for o in owner_ids if G.nodes[o]["name"].casefold() in wanted
                     or o.casefold() in wanted]
        if not owner_ids:
            names = ", ".join(G.nodes[o]["name"] for o in G.graph["owners"])
            raise WeaktiesError(f"--owner: no owner named {owners[0]!r}; owners are: {names}")
    if not owner_ids:
        raise WeaktiesError("intro needs an owner: this input is a whole network without one")
    if anonymize:
        from weakties.graph.anonymize import anonymize as pseudonymise

        G = pseudonymise(G)
        alias = G.graph.pop("pseudonyms")
        owner_ids = [alias[o] for o in owner_ids]
        people = [alias[p] for p in match.people]
        described = ("the organisation" + match.matched.removeprefix("the organisation")
                     if match.kind == "organisation" else ", ".join(people))
        match = TargetMatch(match.kind, people, described, match.exact)
    _analyse(G, seed, stages)
    import pandas as pd

    frames, errors = [], []
    for o in owner_ids:
        try:
            frames.append(intro_paths(G, o, match, k=k).assign(owner=G.nodes[o]["name"]))
        except WeaktiesError as err:
            errors.append(err)
    if not frames:
        raise errors[0]  # says whether the target is out of every owner's reach
    paths = pd.concat(frames, ignore_index=True)
    if as_json:
        click.echo(_json_text(paths.to_json(orient="records", force_ascii=False, indent=2)))
        return
    from weakties.importers.limits import printable

    said = "--to" if anonymize else f"--to {target!r}"  # a shared output names nobody real
    closest = "" if match.exact else " (the closest: nothing in the data is spelled so)"
    click.echo(printable(f"{said} matched {match.matched}{closest}."))
    for (owner, rank), hops in paths.groupby(["owner", "path"], sort=False):
        # "warmest" is relative: a path through a tie at strength 0.00 is cold, and says so
        cold = hops["strength"].min() < STRENGTH_FLOOR
        how = ("cold: a tie on the way is at strength 0.00, no recent interaction" if cold
               else f"strength {hops['path_strength'].iloc[0]:.2f}")
        click.echo(printable(f"{owner}, path {rank} ({how}):"))
        for hop in hops.to_dict("records"):
            click.echo(printable(f"   {hop['hop']}. {hop['from_name']} -> {hop['to_name']} "
                                 f"(strength {hop['strength']:.2f}; {hop['evidence']})"))


@cli.command(context_settings=CONTEXT)
@_inputs_argument
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True,
              help="graph.graphml or graph.gexf")
@_graph_options
def export(inputs, output, owners, ties, columns, anonymize, seed) -> None:
    """Export the graph with every figure for Gephi (GraphML or GEXF, by the file suffix).

    \b
    Example:
      weakties export alice.zip -o alice.graphml
    """
    _load_igraph_without_plotting()  # before anything imports weakties.analysis
    from weakties.analysis import annotate
    from weakties.outputs.export import export_graph

    _check_out_file(output, inputs, ties)
    stages = _Stages(False)
    net, _ = _load(inputs, owners, anonymize, stages, ties, columns)
    result = _analyse(net, seed, stages)
    _make_parent(output)
    G = net.to_networkx()
    annotate(G, result)  # the figures travel on the exported graph's nodes and edges
    export_graph(G, output)
    click.echo(f"Wrote {output}")


@cli.command(context_settings=CONTEXT)
def formats() -> None:
    """List the input formats weakties recognises, with the header that identifies each.

    \b
    Example:
      weakties formats
    """
    from weakties.importers.base import no_header
    from weakties.importers.registry import FORMATS

    for fmt in FORMATS:
        how = "structure" if fmt.matches is no_header else "header"
        click.echo(f"{fmt.name:36} {fmt.description}\n{'':36} {how}: {fmt.signature}")


def main() -> None:
    """Entry point (the ``weakties`` console script and ``python -m weakties.cli``).

    The process ends as soon as the command has: exit handlers run (temporary folders go,
    output is flushed), but the interpreter is not torn down module by module, which with
    pandas, pyarrow, networkx and igraph loaded took a quarter of a second of every run
    (importing them and exiting: 1.05 s, ending with ``os._exit``: 0.80 s). Call :data:`cli`
    instead to stay in the process (it raises ``SystemExit``, as click does).
    """
    try:
        cli()
        code: object = 0
    except SystemExit as done:
        code = done.code
    _end(code)


def _end(code: object) -> None:
    """Exit with ``code`` as ``sys.exit`` would (None: 0, a number, else print it and 1)."""
    import atexit
    import os

    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:
        print(code, file=sys.stderr)
        status = 1
    atexit._run_exitfuncs()  # what a normal exit runs first (tempfile's finalizers, Spark's)
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe (weakties … | head) or stream
            pass
    os._exit(status)


def _load_igraph_without_plotting() -> None:
    """Import igraph with matplotlib and wcwidth hidden from it.

    igraph imports ``matplotlib.pyplot`` when it is imported and matplotlib is installed, for
    plots weakties never asks it for: 0.6-0.8 s of every run (weakties itself does not use
    matplotlib: the report's plots are :mod:`weakties.outputs.charts`). Its graph summaries
    import texttable, which imports wcwidth when it can (0.016 s, a sixtieth of a small run)
    and measures text by ``unicodedata`` without it; weakties prints no igraph summary. Only
    the command line does this, as it owns its process; both stay importable.
    """
    hidden = ("matplotlib", "wcwidth")
    if "igraph" in sys.modules or any(name in sys.modules for name in hidden):
        return
    for name in hidden:
        sys.modules[name] = None  # type: ignore[assignment]  # "import name" fails
    try:
        import igraph  # noqa: F401
    except ImportError:
        pass  # reported where igraph is used
    finally:
        for name in hidden:
            del sys.modules[name]


if __name__ == "__main__":
    main()
