"""Fixtures: one extractor for the session, and the command line."""

import pytest

import herald
from helpers import find_cli


@pytest.fixture(scope="session")
def extractor() -> herald.Extractor:
    return herald.Extractor()


@pytest.fixture(scope="session")
def cli():
    path = find_cli()
    if not path.exists():
        pytest.fail(f"the herald command line is not at {path} (set HERALD_BIN)")
    return path
