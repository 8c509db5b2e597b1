"""A Chinese or Japanese character asked alone found nothing in texts that hold it inside a
word: the index reads such runs as character pairs."""

from __future__ import annotations

from pathlib import Path

import pytest

from whoknows.index.analysis import tokenize
from whoknows.index.lexical_vocabulary import SortedVocabulary
from whoknows.index.lone_characters import lone_character_bridges

TEXTS = ["数据库死锁排查", "分布式锁的实现", "锁定超时", "死锁", "前端构建", "kafka"]


def vocabularies(tmp_path: Path) -> list[dict[str, int] | SortedVocabulary]:
    terms = {term: 0 for text in TEXTS for term in tokenize(text)}
    columns = {term: at for at, term in enumerate(sorted(terms))}
    SortedVocabulary.write(tmp_path, columns)
    return [columns, SortedVocabulary.read(tmp_path)]


@pytest.mark.parametrize("sorted_on_disk", [False, True])
def test_a_lone_character_is_asked_as_the_pairs_holding_it(tmp_path, sorted_on_disk) -> None:
    vocabulary = vocabularies(tmp_path)[sorted_on_disk]
    holding = {term: sum(term in tokenize(text) for text in TEXTS) for term in vocabulary}
    found = lone_character_bridges("锁", holding.__contains__, holding.__getitem__, vocabulary)
    assert len(found) == 1 and found[0].word == "锁"
    pairs = found[0].to.split()
    assert pairs[0] == "死锁"  # (held by two texts: first)
    assert {"锁定", "式锁", "锁的", "锁排"} <= set(pairs) and "前端" not in pairs
    # a character held alone, a word of two characters and a Latin word are not bridged
    alone = dict(holding, 锁=1)
    assert lone_character_bridges("锁", alone.__contains__, alone.__getitem__, vocabulary) == []
    assert lone_character_bridges("死锁 kafka", holding.__contains__, holding.get, vocabulary) == []


def test_a_character_no_pair_holds_is_not_bridged(tmp_path) -> None:
    vocabulary = vocabularies(tmp_path)[1]
    assert lone_character_bridges("猫", vocabulary.__contains__, lambda _: 1, vocabulary) == []
