"""The README's CLI reference is generated from --help; this checks that it was regenerated after the last change."""

import importlib.util

from tests.conftest import ROOT


def test_readme_cli_reference_matches_help():
    spec = importlib.util.spec_from_file_location("readme_tool", ROOT / "scripts" / "readme.py")
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert tool.cli_help() in readme, "run `.venv/bin/python scripts/readme.py` to regenerate the README"


def test_readme_names_commands_that_exist():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "bash scripts/install.sh && .venv/bin/readout code examples/readout-helsinki-2024-05-16.txt" in readme
    assert (ROOT / "examples" / "readout-helsinki-2024-05-16.txt").exists()
    assert "bash scripts/install.sh && .venv/bin/python -m pytest -q" in readme
    ci = (ROOT / ".ci" / "run").read_text().splitlines()
    steps = ["bash scripts/install.sh", ".venv/bin/ruff check src tests benchmarks scripts",
             ".venv/bin/mypy src/readout", ".venv/bin/python -m pytest -q"]
    assert [line for line in ci if line in steps] == steps  # the checks after the install, before the tests
    assert all(f"`{step}`" in readme for step in steps[1:3])
