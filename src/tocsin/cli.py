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

    if workers > 1:
        coded = code_parallel(articles(), workers=workers,
                              settings=dict(model=model, kb_dirs=[str(k) for k in kb or []],
                                            goldstein_scheme=goldstein))
    else:
        coder = _coder(model, kb, goldstein)
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
