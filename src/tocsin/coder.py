"""The event coder: articles in, events out. Loads the pipeline, knowledge base, lexicon and
codebook once, then streams units through `nlp.pipe` and the extractor, keeping one actor memory
per document so names, titles and pronouns resolve across sentences.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from .actors.kb import KnowledgeBase, load_kb
from .actors.resolve import DocMemory, Resolver
from .codebook import load_codebook
from .events.extract import Context, Extractor, SentenceResult
from .events.lexicon import Lexicon, load_lexicon
from .model import Article, Event, Unit
from .nlp import load_pipeline, model_name, tokenizer_of

BATCH_SIZE = 64
MAX_UNIT_CHARS = 20_000


def _pieces(text: str) -> list[str]:
    out, start = [], 0
    while len(text) - start > MAX_UNIT_CHARS:
        end = text.rfind(". ", start, start + MAX_UNIT_CHARS)
        end = end + 1 if end > start else start + MAX_UNIT_CHARS
        out.append(text[start:end].strip())
        start = end
    out.append(text[start:].strip())
    return [p for p in out if p]


@dataclass
class Explanation:
    """Everything `tocsin explain` shows for one text."""

    sentences: list[dict] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)


def _responses() -> frozenset[str]:
    text = (resources.files("tocsin") / "data" / "lexicon" / "responses.txt").read_text("utf-8")
    return frozenset(ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#"))


class Coder:
    def __init__(self, *, model: str | None = None, kb_dirs: Iterable[str | Path] = (),
                 lexicon_files: Iterable[str | Path] = (), goldstein_scheme: str = "gdelt") -> None:
        self.model = model_name(model)
        self.nlp = load_pipeline(self.model)
        self.codebook = load_codebook()
        self.kb: KnowledgeBase = load_kb(tokenizer_of(self.nlp), kb_dirs)
        self.lexicon: Lexicon = load_lexicon(self.codebook, [Path(p) for p in lexicon_files])
        self.resolver = Resolver(self.kb)
        self.extractor = Extractor(self.lexicon, self.resolver, self.codebook, _responses(),
                                   goldstein_scheme=goldstein_scheme)
        self._settings = dict(model=model, kb_dirs=[str(p) for p in kb_dirs],
                              lexicon_files=[str(p) for p in lexicon_files],
                              goldstein_scheme=goldstein_scheme)

    @staticmethod
    def default_settings() -> dict:
        return dict(model=None, kb_dirs=[], lexicon_files=[], goldstein_scheme="gdelt")

    # -- coding ----------------------------------------------------------------------------
    def _units(self, article: Article) -> list[Unit]:
        units = article.units or [Unit(None, article.text)]
        if any(len(u.text) > MAX_UNIT_CHARS for u in units):
            # a page with no paragraph breaks: cut it at sentence ends so the parser (and its
            # memory) never sees megabytes at once
            cut: list[Unit] = []
            for u in units:
                cut += [Unit(u.id, piece, u.date) for piece in _pieces(u.text)]
            article.units = units = cut
        return units

    def code_articles(self, articles: Iterable[Article]) -> Iterator[Article]:
        """Code articles in order, streaming units through nlp.pipe in batches. Units of one
        article are consecutive in the stream, so an article is done at its last unit."""

        def stream():
            for art in articles:
                units = self._units(art)
                for k, u in enumerate(units):
                    yield u.text, (art, u, k, len(units))

        memory, sent_index = DocMemory(), 0
        for doc, (art, unit, k, n) in self.nlp.pipe(stream(), as_tuples=True, batch_size=BATCH_SIZE):
            if k == 0:
                memory, sent_index = DocMemory(), 0
            ctx = Context(art.id, unit.id, unit.date or art.report_date, art.outlet, memory)
            for sent in doc.sents:
                art.events.extend(self.extractor.sentence(sent, sent_index, ctx).events)
                sent_index += 1
            if k == n - 1:
                yield art

    def code_article(self, article: Article) -> Article:
        return next(iter(self.code_articles([article])))

    def code_text(self, text: str, *, date=None, doc_id: str = "text", outlet: str | None = None
                  ) -> list[Event]:
        from datetime import datetime

        published = datetime(date.year, date.month, date.day) if date is not None else None
        paras = [p.strip() for p in text.split("\n\n") if p.strip()] or [text]
        art = Article(id=doc_id, text=text, outlet=outlet, published=published,
                      units=[Unit(None, p) for p in paras])
        return self.code_article(art).events

    # -- explaining ------------------------------------------------------------------------
    def explain(self, text: str, *, date=None) -> Explanation:
        out = Explanation()
        memory = DocMemory()
        ctx = Context("text", None, date, None, memory)
        doc = self.nlp(text)
        for i, sent in enumerate(doc.sents):
            res: SentenceResult = self.extractor.sentence(sent, i, ctx)
            seen = set()
            actors = []
            for m in res.matches.values():
                if id(m) in seen:
                    continue
                seen.add(id(m))
                e = m.best() or m.best(roles=True)
                actors.append({
                    "text": doc[m.start:m.end].text,
                    "kind": e.kind if e else "?",
                    "code": (e.actor_on(date).code if e and e.kind != "role" and e.actor_on(date)
                             else (e.role if e else None)),
                })
            out.sentences.append({
                "text": sent.text,
                "tokens": [(t.i - sent.start, t.text, t.lemma_, t.pos_, t.dep_, t.head.i - sent.start)
                           for t in sent],
                "actors": actors,
                "predicates": [{"text": c.tok.text, "rule": c.entry.id, "code": c.entry.code,
                                "embeds": c.entry.embeds} for c in res.candidates],
                "rejected": [r.__dict__ for r in res.rejected],
            })
            out.events.extend(res.events)
        return out


# -- parallel coding --------------------------------------------------------------------------
_WORKER: Coder | None = None


def _init_worker(settings: dict) -> None:
    global _WORKER
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    if _WORKER is None or _WORKER._settings != settings:
        _WORKER = Coder(**settings)


def _code_chunk(articles: list[Article]) -> list[Article]:
    assert _WORKER is not None
    return list(_WORKER.code_articles(articles))


def code_parallel(articles: Iterable[Article], *, workers: int, settings: dict | None = None,
                  chunk: int = 8, coder: Coder | None = None) -> Iterator[Article]:
    """Code articles in `workers` processes, each with its own pipeline; order is kept.

    Where processes fork (Linux), a coder already loaded in this process is inherited by the
    workers instead of being loaded again, which makes the pool start in a fraction of a second."""
    import multiprocessing as mp

    global _WORKER
    if coder is not None:
        settings = coder._settings
        _WORKER = coder
    settings = settings or Coder.default_settings()
    ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else None
    with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker,
                             initargs=(settings,), mp_context=ctx) as pool:
        futures = []
        batch: list[Article] = []
        for art in articles:
            batch.append(art)
            if len(batch) >= chunk:
                futures.append(pool.submit(_code_chunk, batch))
                batch = []
            while len(futures) > workers * 4:
                yield from futures.pop(0).result()
        if batch:
            futures.append(pool.submit(_code_chunk, batch))
        for f in futures:
            yield from f.result()
