"""Every REST endpoint against the app's own OpenAPI spec (schemathesis, in-process over ASGI): no 5xx, and
every documented response matches its schema. Examples are bounded to keep the run short."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable

schemathesis = pytest.importorskip("schemathesis", reason="schemathesis is in the test extra")

import spinlens  # noqa: E402
from schemathesis import GenerationMode  # noqa: E402
from spinlens.store import Library  # noqa: E402

SPEC_PATH = "/api/v1/openapi.json"
MAX_EXAMPLES = 20
#: Invalid requests per operation (wrong types, out-of-range numbers, bad bodies): each must get a documented
#: error status with the documented ErrorResponse body, not FastAPI's {"detail": ...}.
NEGATIVE_EXAMPLES = 10
#: A server without a token answers only requests addressed to a loopback name.
LOCAL = {"host": "localhost"}
CHECKS_WANTED = ("not_a_server_error", "response_schema_conformance", "content_type_conformance",
                 "status_code_conformance")


@pytest.fixture(scope="module")
def demo_library_path(tmp_path_factory) -> Path:
    """A library holding the analysed demo corpus, so ids, stories and sources exist."""
    path = tmp_path_factory.mktemp("openapi") / "demo.sqlite"
    with Library(path) as library:
        outcomes = list(spinlens.analyze_sources([str(spinlens.demo_corpus_dir())], library=library))
    assert all(o.ok for o in outcomes)
    return path


@pytest.fixture(scope="module")
def web_app(demo_library_path):
    from spinlens.web.app import create_app

    app = create_app(demo_library_path)
    yield app
    app.state.jobs.shutdown()
    app.state.library.close()


@pytest.fixture(scope="module")
def api_schema(web_app):
    return schemathesis.openapi.from_asgi(SPEC_PATH, web_app, headers=LOCAL)


def _checks():
    from schemathesis import checks
    from schemathesis.specs.openapi import checks as openapi_checks

    return [getattr(checks, name, None) or getattr(openapi_checks, name) for name in CHECKS_WANTED]


def _exercise(operation, mode, examples: int) -> None:
    """Up to `examples` generated requests to one operation (valid ones, or invalid ones that must get a
    documented error), each response checked."""

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=examples, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    def run(case) -> None:
        case.call_and_validate(headers=LOCAL, checks=_checks())

    run()


def test_every_operation_conforms_to_its_openapi_spec(api_schema):
    """One test over all operations (schemathesis's lazy pytest loader does not work with pytest 9);
    every failing operation is reported, not only the first."""
    failures, tried = [], 0
    for result in api_schema.get_all_operations():
        operation = result.ok()
        tried += 1
        for mode, examples in ((GenerationMode.POSITIVE, MAX_EXAMPLES), (GenerationMode.NEGATIVE, NEGATIVE_EXAMPLES)):
            try:
                _exercise(operation, mode, examples)
            except Unsatisfiable:
                assert mode is GenerationMode.NEGATIVE, operation.label  # no input that can be made invalid
            except (Exception, BaseExceptionGroup) as exc:  # noqa: BLE001 - schemathesis groups its failures
                failures.append(f"{operation.label} ({mode.value}): {type(exc).__name__}: {str(exc)[:1500]}")
    assert tried >= 10
    assert not failures, "\n\n".join(failures)


def test_spec_documents_the_rest_api(web_app):
    from fastapi.testclient import TestClient

    spec = TestClient(web_app, base_url="http://localhost").get(SPEC_PATH).json()
    paths = spec["paths"]
    for path in ("/api/v1/articles", "/api/v1/articles/{article_id}", "/api/v1/search", "/api/v1/stories",
                 "/api/v1/sources", "/api/v1/analyse", "/api/v1/jobs/{job_id}"):
        assert path in paths, f"{path} missing from the OpenAPI spec"
    assert not [p for p in paths if not p.startswith("/api/v1/")], "pages must stay out of the API spec"
    undocumented = [f"{method.upper()} {path}" for path, ops in paths.items() for method, op in ops.items()
                    if not op.get("description")]
    assert not undocumented, f"operations without a description (docstring): {undocumented}"
