"""Fixtures of the hardening suites: the hostile-content store, built once per session."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def injection_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from hardening.test_injection import _hostile_store

    return _hostile_store(tmp_path_factory.mktemp("injection"))
