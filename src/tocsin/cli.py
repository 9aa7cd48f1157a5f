"""The `tocsin` command: thin typer wrappers over the library; the only place that prints.

Errors reach the user as one line on stderr naming the input; a batch goes on and reports what it
skipped at the end.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console

from .errors import InputError, TocsinError

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Tocsin: code news into political events and watch conflicts escalate.")
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)


class Format(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


def _fail(exc: TocsinError) -> None:
    err.print(f"tocsin: {exc}", markup=False)
    raise typer.Exit(2)


def _coder(model: str | None, kb: list[Path] | None, scheme: str = "gdelt"):
    from .coder import Coder

    try:
        return Coder(model=model, kb_dirs=kb or [], goldstein_scheme=scheme)
    except TocsinError as exc:
        _fail(exc)


ModelOpt = typer.Option(None, "--model", help="spaCy pipeline to use (installed package name).")
KbOpt = typer.Option(None, "--kb", help="Extra knowledge-base folder(s) with your own TSV files.")


@app.command()
def code(
    paths: list[Path] = typer.Argument(..., help="Files or folders: .txt, .html, .jsonl, .json"),
    format: Format = typer.Option(Format.table, "--format", "-f"),
    workers: int = typer.Option(1, "--workers", "-w", min=1, help="Coding processes."),
    min_confidence: float = typer.Option(0.0, "--min-confidence", min=0.0, max=1.0),
    model: Optional[str] = ModelOpt,
    kb: Optional[list[Path]] = KbOpt,
    goldstein: str = typer.Option("gdelt", "--goldstein", help="Goldstein scheme: gdelt|phoenix"),
) -> None:
    """Code articles into events."""
    from .coder import code_parallel
    from .ingest import read_articles
    from .output import to_csv, to_jsonl

    skipped: list[InputError] = []

    def articles():
        for item in read_articles(paths):
            if isinstance(item, InputError):
                skipped.append(item)
                err.print(f"tocsin: skipped {item}", markup=False)
            else:
                yield item

    coder = _coder(model, kb, goldstein)
    if workers > 1:
        coded = code_parallel(articles(), workers=workers, coder=coder)
    else:
        coded = coder.code_articles(articles())

    def filtered():
        for art in coded:
            art.events = [e for e in art.events if e.confidence >= min_confidence]
            yield art

    n_art = n_ev = 0
    try:
        if format is Format.jsonl:
            for art in filtered():
                n_art += 1
                n_ev += len(art.events)
                for line in to_jsonl([art]):
                    sys.stdout.write(line + "\n")
        elif format is Format.csv:
            first = True
            for art in filtered():
                n_art += 1
                n_ev += len(art.events)
                for chunk in to_csv([art], header=first):
                    sys.stdout.write(chunk)
                first = False
        elif format is Format.json:
            sys.stdout.write("[\n")
            for art in filtered():
                sys.stdout.write((",\n" if n_art else "") + json.dumps(art.to_dict(), ensure_ascii=False))
                n_art += 1
                n_ev += len(art.events)
            sys.stdout.write("\n]\n")
        else:
            for art in filtered():
                n_art += 1
                n_ev += len(art.events)
                _print_article(art)
    except TocsinError as exc:
        _fail(exc)
    sys.stdout.flush()
    err.print(f"tocsin: coded {n_art} article(s), {n_ev} event(s); skipped {len(skipped)} input(s)")


def _print_article(art) -> None:
    from rich.table import Table

    pub = art.published.strftime("%Y-%m-%d %H:%M") if art.published else "?"
    out.print(f"\n[bold]{art.title or art.id}[/bold]  [dim]{art.outlet or '?'} · {pub} · {art.id}[/dim]")
    if not art.events:
        out.print("  [dim](no events)[/dim]")
        return
    t = Table(show_lines=False, pad_edge=False, expand=False)
    for col in ("date", "source", "code", "event", "target", "status", "reporter", "evidence"):
        t.add_column(col, overflow="fold")
    colour = {"asserted": "green", "alleged": "yellow", "hypothetical": "cyan", "negated": "red"}
    for e in art.events:
        s = f"{e.source.actor.code or '?'} ({e.source.text})" if e.source else "-"
        g = f"{e.target.actor.code or '?'} ({e.target.text})" if e.target else "-"
        ev = e.sentence if len(e.sentence) < 140 else e.sentence[:137] + "..."
        t.add_row(e.event_date or "", s, e.code, e.name, g,
                  f"[{colour[e.status]}]{e.status}[/]", e.reporter or "", ev)
    out.print(t)


@app.command()
def explain(
    text: str = typer.Argument(..., help="A sentence or paragraph to explain."),
    report_date: Optional[str] = typer.Option(None, "--date", help="Report date YYYY-MM-DD."),
    model: Optional[str] = ModelOpt,
    kb: Optional[list[Path]] = KbOpt,
    as_json: bool = typer.Option(False, "--json", help="Machine-readable output."),
) -> None:
    """Show the parse, the actors, the predicates, the events and the rejected candidates."""
    coder = _coder(model, kb)
    when = date.fromisoformat(report_date) if report_date else None
    ex = coder.explain(text, date=when)
    if as_json:
        sys.stdout.write(json.dumps({"sentences": ex.sentences,
                                     "events": [e.to_dict() for e in ex.events]}, indent=1) + "\n")
        return
    for i, s in enumerate(ex.sentences):
        out.print(f"[bold]sentence {i}[/bold]: {s['text']}", markup=True)
        out.print("  parse: " + "  ".join(f"{tok}/{pos}/{dep}->{head}" for _, tok, _, pos, dep, head in s["tokens"]),
                  markup=False)
        for a in s["actors"]:
            out.print(f"  actor: {a['text']!r} = {a['code']} ({a['kind']})", markup=False)
        for p in s["predicates"]:
            out.print(f"  predicate: {p['text']!r} rule {p['rule']} code {p['code']} embeds {p['embeds']}",
                      markup=False)
        for r in s["rejected"]:
            out.print(f"  rejected: {r['trigger']!r} ({r['rule']}): {r['reason']}", markup=False)
        for e in [e for e in ex.events if e.sentence_index == i]:
            src = f"{e.source.actor.code or '?'} [{e.source.text}; {e.source.how}]" if e.source else "-"
            tgt = f"{e.target.actor.code or '?'} [{e.target.text}; {e.target.how}]" if e.target else "-"
            out.print(f"  EVENT {src} -> {tgt}: {e.code} {e.name} · {e.status} · reporter "
                      f"{e.reporter} · rule {e.rule} · date {e.event_date} ({e.date_precision}) · "
                      f"conf {e.confidence}", markup=False)
    if not ex.events:
        out.print("no events")


@app.command("eval")
def eval_(
    gold: list[Path] = typer.Argument(..., help="Gold files: *.jsonl, seed_gold.json, *.tsv (quad)"),
    model: Optional[str] = ModelOpt,
    kb: Optional[list[Path]] = KbOpt,
    misses: int = typer.Option(20, "--misses", help="How many misses to list."),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Score the coder on gold data (shared/eval/README.md rules)."""
    from .evaluate import evaluate

    coder = _coder(model, kb)
    for g in gold:
        if not g.is_file():
            _fail(InputError("no such gold file", subject=str(g)))
        rep = evaluate(g, coder)
        if as_json:
            sys.stdout.write(json.dumps(rep.as_dict(), indent=1) + "\n")
            continue
        _print_report(rep, misses)


def _print_report(rep, n_misses: int) -> None:
    from rich.table import Table

    out.print(f"\n[bold]{rep.name}[/bold]: {rep.units} units ({rep.dyad_units} with actors)")
    if rep.quad:
        q = rep.quad
        out.print(f"quad accuracy ({q['scheme']}): {q['accuracy']:.3f}")
        t = Table(title="confusion (rows gold, columns predicted)")
        t.add_column("gold")
        for lab in q["labels"]:
            t.add_column(lab.split()[0])
        for lab, row in zip(q["labels"], q["confusion"]):
            t.add_row(lab, *map(str, row))
        out.print(t)
    else:
        t = Table()
        for c in ("level", "P", "R", "F1", "matched", "predicted", "required"):
            t.add_column(c)
        for lv, s in rep.levels.items():
            t.add_row(lv, f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}", str(s.matched),
                      str(s.predicted), str(s.required))
        out.print(t)
        roots = Table(title="per root (root level)")
        for c in ("root", "P", "R", "matched", "predicted", "required"):
            roots.add_column(c)
        for r, s in sorted(rep.per_root.items()):
            roots.add_row(r, f"{s.precision:.2f}", f"{s.recall:.2f}", str(s.matched), str(s.predicted),
                          str(s.required))
        out.print(roots)
        for st, c in rep.per_status.items():
            out.print(f"status {st}: " + ", ".join(f"{k} {v}" for k, v in sorted(c.items())))
        out.print(f"negative hits: {len(rep.negative_hits)}")
        for h in rep.negative_hits:
            out.print(f"  NEG {h['unit']}: {h['predicted']}  (negative {h['negative']})", markup=False)
    if n_misses:
        for m in rep.misses[:n_misses]:
            out.print(f"  miss {m['unit']}: {json.dumps({k: v for k, v in m.items() if k not in {'unit', 'text'}})[:300]}",
                      markup=False)
            out.print(f"       {m['text']}", markup=False)


def main() -> None:  # pragma: no cover
    app()


# -- the store and the signals ------------------------------------------------------------------
DbOpt = typer.Option(None, "--db", help="DuckDB file (default ./tocsin.duckdb or $TOCSIN_DB).")


def _store(db: Path | None, *, read_only: bool = False):
    from .store import Store, db_path

    path = db_path(db)
    if read_only and not Path(path).exists():
        _fail(InputError("no database here yet; run `tocsin ingest PATH` first", subject=path))
    try:
        return Store(path, read_only=read_only)
    except Exception as exc:  # duckdb raises its own types (locked file, corrupt file)
        _fail(TocsinError(str(exc).splitlines()[0], subject=path))


def _emit_rows(rows: list[dict], format: Format, *, title: str = "", columns: list[str] | None = None) -> None:
    import csv as _csv

    columns = columns or (list(rows[0]) if rows else [])
    if format is Format.json:
        sys.stdout.write(json.dumps(rows, indent=1, default=str) + "\n")
    elif format is Format.jsonl:
        for r in rows:
            sys.stdout.write(json.dumps(r, default=str) + "\n")
    elif format is Format.csv:
        w = _csv.DictWriter(sys.stdout, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
        w.writeheader()
        for r in rows:
            w.writerow({k: (json.dumps(v, default=str) if isinstance(v, (list, dict)) else v)
                        for k, v in r.items()})
    else:
        from rich.table import Table

        t = Table(title=title or None)
        for c in columns:
            t.add_column(c.replace("_", " "), overflow="fold")
        for r in rows:
            t.add_row(*["" if r.get(c) is None else str(r.get(c)) for c in columns])
        out.print(t)


@app.command()
def ingest(
    paths: list[Path] = typer.Argument(..., help="Files or folders to code and store."),
    db: Optional[Path] = DbOpt,
    workers: int = typer.Option(1, "--workers", "-w", min=1),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="One line per article stored."),
    batch: int = typer.Option(16, "--batch", min=1, max=10000,
                              help="Articles committed per transaction."),
) -> None:
    """Code and store articles (idempotent), then refresh the alerts."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from .ingest.files import iter_files
    from .jobs import ingest as run

    if len(paths) == 1 and paths[0].is_dir() and _is_batch_result(paths[0]):
        from .jobs import load_batch

        store = _store(db)
        rep = load_batch(paths[0], store, batch_size=batch)
        counts = store.counts()
        store.close()
        err.print(f"tocsin: loaded a batch result: {rep.new} new, {rep.replaced} replaced, "
                  f"{rep.unchanged} unchanged article(s); {rep.events} event(s) stored; database now "
                  f"holds {counts['articles']} articles, {counts['events']} events, "
                  f"{counts['clusters']} clusters, {counts['alerts']} alerts")
        return
    n_files = sum(1 for _ in iter_files(paths))
    store = _store(db)
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), console=err, transient=True, disable=not err.is_terminal) as bar:
        task = bar.add_task("ingesting", total=n_files)
        seen_paths: set[str] = set()

        def on_article(art, result):
            if verbose:
                err.print(f"tocsin: {result} {art.id} ({len(art.events)} events)", markup=False)
                err.file.flush()
            if art.path and art.path not in seen_paths:
                seen_paths.add(art.path)
                bar.advance(task)

        def on_skip(e):
            err.print(f"tocsin: skipped {e}", markup=False)
            bar.advance(task)

        try:
            rep = run(paths, store, workers=workers, on_article=on_article, on_skip=on_skip,
                      batch_size=batch)
        except TocsinError as exc:
            _fail(exc)
    counts = store.counts()
    store.close()
    err.print(f"tocsin: {rep.new} new, {rep.replaced} replaced, {rep.unchanged} unchanged article(s); "
              f"{rep.events} event(s) stored; skipped {len(rep.skipped)} input(s); "
              f"database now holds {counts['articles']} articles, {counts['events']} events, "
              f"{counts['clusters']} clusters, {counts['alerts']} alerts")


def _is_batch_result(path: Path) -> bool:
    """A `tocsin batch` output folder (or its events/ subfolder)."""
    root = path if (path / "articles").is_dir() else path.parent
    return (root / "articles").is_dir() and (root / "events").is_dir() and any(
        (root / "events").glob("part-*.parquet"))


def _dyad_arg(value: str) -> tuple[str, str]:
    parts = value.replace("->", "-").split("-")
    if len(parts) != 2 or not all(p.isalpha() and len(p) == 3 for p in parts):
        raise typer.BadParameter("dyad is SOURCE-TARGET with 3-letter primary codes, e.g. RUS-UKR")
    return parts[0].upper(), parts[1].upper()


def _sparkline(values: list[float]) -> str:
    bars = "▁▂▃▄▅▆▇█"
    top = max(values, default=0) or 1
    return "".join(bars[min(7, int(v / top * 7.999))] for v in values)


@app.command()
def dyad(
    source: str = typer.Argument(..., help="Source primary code, e.g. RUS"),
    target: str = typer.Argument(..., help="Target primary code, e.g. UKR"),
    by: str = typer.Option("week", "--by", help="day | week | month"),
    plot: Optional[Path] = typer.Option(None, "--plot", help="Write a PNG of the series here."),
    state_only: bool = typer.Option(False, "--state-only",
                                    help="Only events between states and their organs (GOV, MIL...)."),
    format: Format = typer.Option(Format.table, "--format", "-f"),
    db: Optional[Path] = DbOpt,
) -> None:
    """The tension series of a directed dyad."""
    from .signals import PERIODS, Settings, detect, dyad_series

    if by not in PERIODS:
        raise typer.BadParameter(f"--by must be one of {', '.join(PERIODS)}")
    src, tgt = source.upper(), target.upper()
    store = _store(db, read_only=True)
    rows = dyad_series(store.con, src, tgt, by=by, state_only=state_only)
    alerts = detect(store.con, settings=Settings(by=by), dyads=[(src, tgt)])
    store.close()
    cols = ["period", "volume", "clusters", "verbal_coop", "material_coop", "verbal_conflict",
            "material_conflict", "alleged", "hypothetical", "negated", "goldstein_sum",
            "goldstein_mean", "conflict_share", "tension"]
    if plot:
        from .plot import plot_series

        plot_series(rows, alerts, plot, title=f"{src} → {tgt} tension ({by})")
        err.print(f"tocsin: wrote {plot}")
    if format is Format.table:
        short = ["period", "volume", "clusters", "verbal_conflict", "material_conflict", "alleged",
                 "hypothetical", "negated", "goldstein_sum", "tension"]
        _emit_rows([r for r in rows if r["clusters"] or r["alleged"] or r["hypothetical"] or r["negated"]],
                   format, title=f"{src} → {tgt} by {by} (periods with events)", columns=short)
        out.print(f"tension {_sparkline([r['tension'] for r in rows])}  "
                  f"({rows[0]['period'] if rows else ''} … {rows[-1]['period'] if rows else ''})")
        for a in alerts:
            out.print(f"  alert {a.start} {a.kind} {a.level} score {a.score}")
    else:
        _emit_rows(rows, format, columns=cols)


@app.command()
def alerts(
    since: Optional[str] = typer.Option(None, "--since", help="YYYY-MM-DD"),
    dyad_: Optional[str] = typer.Option(None, "--dyad", help="SOURCE-TARGET"),
    format: Format = typer.Option(Format.table, "--format", "-f"),
    db: Optional[Path] = DbOpt,
) -> None:
    """Escalation alerts, with the event clusters that drove them."""
    store = _store(db, read_only=True)
    sql = "SELECT * FROM alerts WHERE 1=1"
    params: list = []
    if since:
        try:
            params.append(date.fromisoformat(since))
        except ValueError:
            raise typer.BadParameter("--since must be YYYY-MM-DD")
        sql += " AND start >= ?"
    if dyad_:
        s, t = _dyad_arg(dyad_)
        sql += " AND source = ? AND target = ?"
        params += [s, t]
    rows = store.query(sql + " ORDER BY start, source, target", params)
    store.close()
    for r in rows:
        r["start"] = str(r["start"])
        r["events"] = json.loads(r.pop("clusters") or "[]")
    if format is Format.table:
        for r in rows:
            out.print(f"[bold]{r['start']}[/bold] {r['source']} → {r['target']}  {r['kind']} "
                      f"[{'red' if r['level'] in ('high', 'severe') else 'yellow'}]{r['level']}[/] "
                      f"score {r['score']:.2f}")
            for ev in r["events"][:3]:
                out.print(f"    {ev['day']} {ev['code']} {ev['status']} · {ev.get('outlets') or ''} · "
                          f"{(ev['evidence'] or '')[:140]}", markup=False)
        if not rows:
            out.print("no alerts")
    else:
        _emit_rows(rows, format, columns=["source", "target", "start", "period", "level", "score",
                                          "kind", "value", "baseline", "events"])


@app.command()
def events(
    dyad_: Optional[str] = typer.Option(None, "--dyad", help="SOURCE-TARGET"),
    status: Optional[str] = typer.Option(None, "--status"),
    root: Optional[str] = typer.Option(None, "--root"),
    from_: Optional[str] = typer.Option(None, "--from", help="YYYY-MM-DD"),
    to: Optional[str] = typer.Option(None, "--to", help="YYYY-MM-DD"),
    limit: int = typer.Option(100, "--limit", min=1, max=100000),
    format: Format = typer.Option(Format.table, "--format", "-f"),
    db: Optional[Path] = DbOpt,
) -> None:
    """Stored events, filtered; each with its evidence and outlet."""
    from .model import STATUSES

    sql = ("SELECT e.day, e.source_code AS source, e.code, e.name, e.target_code AS target, e.status, "
           "e.reporter, a.outlet, o.category AS outlet_category, e.evidence, e.article_id, e.cluster_id "
           "FROM events e JOIN articles a ON a.id = e.article_id LEFT JOIN outlets o ON o.name = a.outlet "
           "WHERE 1=1")
    params: list = []
    if dyad_:
        s, t = _dyad_arg(dyad_)
        sql += " AND e.source_primary = ? AND e.target_primary = ?"
        params += [s, t]
    if status:
        if status not in STATUSES:
            raise typer.BadParameter(f"--status must be one of {', '.join(STATUSES)}")
        sql += " AND e.status = ?"
        params.append(status)
    if root:
        sql += " AND e.root = ?"
        params.append(root.zfill(2))
    for opt, op in ((from_, ">="), (to, "<=")):
        if opt:
            try:
                params.append(date.fromisoformat(opt))
            except ValueError:
                raise typer.BadParameter("dates are YYYY-MM-DD")
            sql += f" AND e.day {op} ?"
    store = _store(db, read_only=True)
    rows = store.query(sql + f" ORDER BY e.day, e.article_id, e.sentence_index LIMIT {int(limit)}", params)
    store.close()
    _emit_rows(rows, format, columns=["day", "source", "code", "name", "target", "status", "reporter",
                                      "outlet", "outlet_category", "evidence"] if format is Format.table else None)


@app.command()
def top(
    by: str = typer.Option("week", "--by", help="day | week | month"),
    n: int = typer.Option(10, "--n", min=1, max=1000),
    format: Format = typer.Option(Format.table, "--format", "-f"),
    db: Optional[Path] = DbOpt,
) -> None:
    """Dyads with the largest change in tension between the last two periods with data."""
    from .signals import PERIODS
    from .signals.top import top_dyads

    if by not in PERIODS:
        raise typer.BadParameter(f"--by must be one of {', '.join(PERIODS)}")
    store = _store(db, read_only=True)
    rows = top_dyads(store.con, by=by, n=n)
    store.close()
    _emit_rows(rows, format, title=f"top dyads by change ({by})")


@app.command()
def export(
    out_dir: Path = typer.Argument(..., help="Folder to write into."),
    format: str = typer.Option("csv", "--format", "-f", help="gdelt | polecat | csv | parquet"),
    db: Optional[Path] = DbOpt,
) -> None:
    """Export events with GDELT- or POLECAT-like column names (CSV/TSV/Parquet)."""
    from .store.export import EXPORTS, export_events

    if format not in EXPORTS:
        raise typer.BadParameter(f"--format must be one of {', '.join(EXPORTS)}")
    store = _store(db, read_only=True)
    paths = export_events(store.con, out_dir, format)
    store.close()
    for p in paths:
        err.print(f"tocsin: wrote {p}")



@app.command()
def batch(
    inputs: list[str] = typer.Argument(..., help="Files, folders or globs, then the output folder last."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help="Dask scheduler address (tcp://host:8786)."),
    local_workers: int = typer.Option(2, "--local-workers", min=1, help="Workers of a LocalCluster here."),
    partition_size: int = typer.Option(200, "--partition-size", min=1, help="Files or records per partition."),
    model: Optional[str] = ModelOpt,
    verbose: bool = typer.Option(False, "--verbose", "-v", help="One line per partition written."),
) -> None:
    """Code an archive on a Dask cluster into partitioned Parquet (resumable)."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from .batch import run_batch

    if len(inputs) < 2:
        raise typer.BadParameter("give at least one input and the output folder")
    *sources, out_dir = inputs
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), console=err, transient=True, disable=not err.is_terminal) as bar:
        task = bar.add_task("coding partitions", total=None)

        def on_start(n, dashboard):
            bar.update(task, total=n)
            err.print(f"tocsin: {n} partition(s) to code; Dask dashboard: {dashboard}", markup=False)

        def on_done(res):
            bar.advance(task)
            if verbose:
                err.print(f"tocsin: partition {res['id']} written ({res['articles']} articles, "
                          f"{res['events']} events, {res['failures']} failures)", markup=False)
                err.file.flush()

        rep = run_batch(sources, out_dir, scheduler=scheduler, local_workers=local_workers,
                        partition_size=partition_size, settings={"model": model} if model else {},
                        on_done=on_done, on_start=on_start)
    for e in rep.input_errors:
        err.print(f"tocsin: skipped {e}", markup=False)
    err.print(f"tocsin: {rep.done} partition(s) written, {rep.skipped} already done; {rep.articles} "
              f"articles, {rep.events} events, {rep.failures} failure(s) (see {out_dir}/failures); "
              f"{rep.seconds:.1f} s; manifest {out_dir}/manifest.json")


if __name__ == "__main__":  # python -m tocsin.cli
    app()
