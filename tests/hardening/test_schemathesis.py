"""The JSON API under schemathesis: cases generated from /openapi.json, with a bounded budget.

Every operation the schema declares is called with generated paths and queries (hostile
strings included, as hypothesis draws them); no response may be a server error, and every
2xx answer must be JSON. CI draws a few cases per operation; BYLINE_FULL_SUITES=1 draws many.
The store is the injection suite's hostile corpus, so the answers carry payloads too.
"""

from __future__ import annotations

import json
from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, given, settings

from byline.serve import create_app
from hardening.support import FULL

EXAMPLES = 150 if FULL else 12  # per operation


def test_api_operations_never_answer_with_a_server_error(injection_db: Path) -> None:
    schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(injection_db))
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 5
    calls, server_errors, not_json = 0, [], []
    for operation in operations:

        @settings(
            max_examples=EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck)
        )
        @given(case=operation.as_strategy())
        def call(case: schemathesis.Case) -> None:
            nonlocal calls
            response = case.call()
            calls += 1
            if response.status_code >= 500:
                server_errors.append(f"{case.method} {case.formatted_path} {case.query}")
            elif 200 <= response.status_code < 300:
                try:
                    json.loads(response.text)
                except ValueError:
                    not_json.append(f"{case.method} {case.formatted_path}")

        call()
    print(
        "schemathesis:",
        json.dumps({"operations": len(operations), "cases": calls, "server_errors": len(server_errors)}),
    )
    assert calls >= len(operations)
    assert not server_errors, server_errors[:5]
    assert not not_json, not_json[:5]
