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
           on_skip: Callable[[InputError], None] | None = None, detect_alerts: bool = True) -> IngestReport:
    from .ingest import read_articles

    rep = IngestReport()

    def todo():
        for item in read_articles(paths):
            if isinstance(item, InputError):
                rep.skipped.append(str(item))
                if on_skip:
                    on_skip(item)
                continue
            if store.status_of(item) == "unchanged":
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
    for art in coded:
        result = store.put_article(art)
        if result == "new":
            rep.new += 1
        elif result == "replaced":
            rep.replaced += 1
        else:
            rep.unchanged += 1
        rep.events += len(art.events) if result != "unchanged" else 0
        if on_article:
            on_article(art, result)
    if detect_alerts:
        from .signals import detect, save_alerts

        rep.alerts = save_alerts(store.con, detect(store.con))
    return rep
