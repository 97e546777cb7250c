"""SQLite's search backend with its relevance ranking done in one pass (cms.search picks it).

modelsearch 1.3 ranks SQLite matches with a correlated subquery, so SQLite runs the full-text
match again for every matching row: a word found in 1,000 products cost 0.27 s a search, in
10,000 several minutes (django-modelsearch#85 says as much). Here one full-text query returns
every match of the searched rows with its score, Python orders them, and only the page shown is
loaded. Searches that are not ordered by relevance keep upstream's query (one uncorrelated
query already). Importable only on SQLite: its full-text model exists only there.
"""

from __future__ import annotations

from typing import Any

from modelsearch.backends.database.sqlite import sqlite as upstream
from modelsearch.backends.database.sqlite.query import MatchExpression, normalize
from modelsearch.query import MatchAll, Not
from modelsearch.utils import get_descendants_content_types_pks


class RankedQueryCompiler(upstream.SQLiteSearchQueryCompiler):
    _ranked: list[tuple[int, float]] | None = None

    def ranked(self, config: Any) -> list[tuple[int, float]] | None:
        """Each matching row's pk and score, best first; None where upstream's query is kept.

        Kept on the compiler, which a search's count and its sliced pages share, so a
        paginated search runs the full-text query once.
        """
        query = normalize(self.query)
        if not self.order_by_relevance or isinstance(query, MatchAll | Not):
            return None
        if self._ranked is None:
            entries = (
                upstream.SQLiteFTSIndexEntry.objects.filter(
                    MatchExpression(
                        self.fields or self.FTS_TABLE_FIELDS,
                        self.build_search_query(query, config=config),
                    )
                )
                .filter(
                    index_entry__content_type__in=get_descendants_content_types_pks(
                        self.queryset.model
                    ),
                    # The index keeps ids as text; SQLite compares them as numbers here.
                    index_entry__object_id__in=self.queryset.order_by().values("pk"),
                )
                .annotate(score=self._build_rank_expression(self.get_search_vectors(), config))
                .values_list("index_entry__object_id", "score")
            )
            best: dict[int, float] = {}
            for object_id, score in entries:
                pk = int(object_id)
                best[pk] = min(score, best.get(pk, score))
            # bm25 is lower for a better match; upstream breaks ties by the newest row first.
            self._ranked = sorted(best.items(), key=lambda row: (row[1], -row[0]))
        return self._ranked


class RankedSearchResults(upstream.SQLiteSearchResults):
    def _ranked(self) -> list[tuple[int, float]] | None:
        compiler = self.query_compiler
        if not isinstance(compiler, RankedQueryCompiler):  # autocomplete keeps upstream's
            return None
        return compiler.ranked(compiler.get_config(self.backend))

    def _do_search(self) -> list:
        ranked = self._ranked()
        if ranked is None:
            return super()._do_search()
        shown = ranked[self.start : self.stop]
        rows = self.query_compiler.queryset.in_bulk([pk for pk, _ in shown])
        results = []
        for pk, score in shown:
            row = rows.get(pk)
            if row is None:  # deleted since it was ranked
                continue
            if self._score_field:
                setattr(row, self._score_field, score)
            results.append(row)
        return results

    def _do_count(self) -> int:
        ranked = self._ranked()
        return super()._do_count() if ranked is None else len(ranked)


class RankedSQLiteSearchBackend(upstream.SQLiteSearchBackend):
    query_compiler_class = RankedQueryCompiler
    results_class = RankedSearchResults
