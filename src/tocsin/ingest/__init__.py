"""Ingest: files and pages in, `Article`s out (chrome stripped, metadata found)."""

from .files import article_from_html, article_from_text, read_articles, read_path

__all__ = ["article_from_html", "article_from_text", "read_articles", "read_path"]
