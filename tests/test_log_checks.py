"""The test-wide check that a warning or error from our own loggers fails its test."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest_plugins = ["pytester"]

CONFTEST = Path(__file__).with_name("conftest.py")


@pytest.fixture
def suite(pytester: pytest.Pytester) -> pytest.Pytester:
    pytester.makeconftest(CONFTEST.read_text(encoding="utf-8"))
    pytester.makepyfile(test_logging='''
        import logging
        import pytest

        def test_logs_a_warning():
            logging.getLogger("dojo_desktop.sync.engine").warning("blob abc is missing here")

        @pytest.mark.expected_log("blob .* is missing")
        def test_logs_the_warning_it_expects():
            logging.getLogger("dojo_desktop.sync.engine").warning("blob abc is missing here")

        def test_logs_an_error_in_the_server():
            logging.getLogger("dojo_server.sync.notifier").error("checking failed")

        def test_logs_info_and_others_warnings():
            logging.getLogger("dojo_desktop.sync.scheduler").info("retrying in 1 s")
            logging.getLogger("uvicorn.error").warning("not ours")
    ''')
    return pytester


def test_only_unexpected_warnings_and_errors_of_our_loggers_fail(suite: pytest.Pytester) -> None:
    result = suite.runpytest_subprocess("-p", "no:cacheprovider", "-ra")  # its logs its own
    result.assert_outcomes(passed=4, errors=2)
    result.stdout.fnmatch_lines(["*unexpected log lines*", "*WARNING dojo_desktop.sync.engine: "
                                 "blob abc is missing here*"])
    failed = {line.split()[1] for line in result.stdout.lines
              if line.startswith("ERROR test_logging.py::")}
    assert failed == {"test_logging.py::test_logs_a_warning",
                      "test_logging.py::test_logs_an_error_in_the_server"}
