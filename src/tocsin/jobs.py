"""Jobs that join the stages: `ingest` reads files, codes what is new or changed, stores each
article in its own transaction, then refreshes the alerts. Re-running is idempotent: unchanged
articles are recognised by their content hash before coding and skipped."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError
from .model import Article


@dataclass
class IngestReport:
    new: int = 0
    replaced: int = 0
    unchanged: int = 0
    events: int = 0
    alerts: int = 0
    skipped: list[str] = field(default_factory=list)


def ingest(paths: Iterable[str | Path], store, *, coder=None, workers: int = 1,
           on_article: Callable[[Article, str], None] | None = None,
           on_skip: Callable[[InputError], None] | None = None, detect_alerts: bool = True,
           batch_size: int = 16) -> IngestReport:
    from .ingest import read_articles

    rep = IngestReport()

    known = store.known_hashes()  # one query, so unchanged articles are skipped before coding

    def todo():
        from .store import article_key, content_hash

        for item in read_articles(paths):
            if isinstance(item, InputError):
                rep.skipped.append(str(item))
                if on_skip:
                    on_skip(item)
                continue
            if known.get(article_key(item)) == content_hash(item.text):
                rep.unchanged += 1
                if on_article:
                    on_article(item, "unchanged")
                continue
            yield item

    if coder is None:
        from .coder import Coder

        coder = Coder()
    if workers > 1:
        from .coder import code_parallel

        coded = code_parallel(todo(), workers=workers, coder=coder)
    else:
        coded = coder.code_articles(todo())
    def flush(batch: list[Article]) -> None:
        for art, result in zip(batch, store.put_articles(batch)):
            if result == "new":
                rep.new += 1
            elif result == "replaced":
                rep.replaced += 1
            else:
                rep.unchanged += 1
            rep.events += len(art.events) if result != "unchanged" else 0
            if on_article:
                on_article(art, result)

    # articles are committed in small batches: one transaction per batch, so a kill loses at most
    # the batch in flight and a re-run completes it
    batch: list[Article] = []
    for art in coded:
        batch.append(art)
        if len(batch) >= batch_size:
            flush(batch)
            batch = []
    flush(batch)
    if detect_alerts:
        from .signals import detect, save_alerts

        rep.alerts = save_alerts(store.con, detect(store.con))
    return rep


def load_batch(path: str | Path, store, *, batch_size: int = 16) -> IngestReport:
    """Store a `tocsin batch` result (Parquet) through the same path as coded articles, then
    refresh the alerts."""
    from .signals import detect, save_alerts
    from .store.export import read_batch

    rep = IngestReport()
    arts = read_batch(path)
    for i in range(0, len(arts), batch_size):
        chunk = arts[i:i + batch_size]
        for art, result in zip(chunk, store.put_articles(chunk)):
            setattr(rep, result, getattr(rep, result) + 1)
            rep.events += len(art.events) if result != "unchanged" else 0
    rep.alerts = save_alerts(store.con, detect(store.con))
    return rep
