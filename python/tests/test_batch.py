"""Batches equal one-by-one extraction, in order; threads are safe."""

import threading

import pytest

from texts import DATED, STORIES

TEXTS = STORIES * 5  # enough documents to spread over threads


@pytest.mark.parametrize("threads", [None, 1, 2, 3])
def test_batch_equals_one_by_one(extractor, threads):
    one_by_one = [extractor.extract(text) for text in TEXTS]
    assert extractor.extract_batch(TEXTS, threads=threads) == one_by_one


def test_batch_with_dates_equals_one_by_one(extractor):
    texts = [text for text, _ in DATED]
    dates = [date for _, date in DATED]
    one_by_one = [extractor.extract(text, date) for text, date in DATED]
    assert extractor.extract_batch(texts, dates) == one_by_one
    assert extractor.extract_batch(texts, dates=None) == [extractor.extract(t) for t in texts]


def test_batch_takes_any_iterable_and_empty(extractor):
    assert extractor.extract_batch([]) == []
    assert extractor.extract_batch(t for t in STORIES[:2]) == extractor.extract_batch(STORIES[:2])
    assert extractor.extract_batch(tuple(STORIES[:2]), dates=iter([None, None])) == (
        extractor.extract_batch(STORIES[:2])
    )


def test_batch_json_matches_batch(extractor):
    import json

    assert [json.loads(j) for j in extractor.extract_batch_json(TEXTS)] == (
        extractor.extract_batch(TEXTS)
    )


def test_python_threads_share_one_extractor(extractor):
    expected = [extractor.extract(text) for text in TEXTS]
    results = {}
    errors = []
    start = threading.Barrier(8)

    def work(n):
        try:
            start.wait()
            if n % 2:
                results[n] = [extractor.extract(text) for text in TEXTS]
            else:
                results[n] = extractor.extract_batch(TEXTS, threads=2)
        except Exception as error:  # reported below, not lost in the thread
            errors.append(error)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(results) == 8
    for n, result in results.items():
        assert result == expected, f"thread {n}"
