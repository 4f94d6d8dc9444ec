"""The docs cover every command, and every documented command runs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from tacitus.cli import app

ROOT = Path(__file__).parent.parent
COMMANDS = sorted(get_command(app).commands)  # type: ignore[attr-defined]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_is_documented(command: str) -> None:
    assert f"## `tacitus {command}`" in (ROOT / "docs" / "cli.md").read_text()
    assert f"`tacitus {command}" in (ROOT / "README.md").read_text()


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command: str) -> None:
    result = CliRunner().invoke(app, [command, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage" in result.output


def test_documented_options_exist() -> None:
    """Every `--option` shown in docs/cli.md is accepted by its command."""
    text = (ROOT / "docs" / "cli.md").read_text()
    for section in re.split(r"^## ", text, flags=re.M)[1:]:
        command = re.match(r"`tacitus (\w+)`", section)
        assert command, section[:40]
        help_text = CliRunner().invoke(app, [command.group(1), "--help"], terminal_width=200)
        for option in set(re.findall(r"(--[a-z][a-z-]+)", section)):
            assert option in help_text.output, f"{command.group(1)} has no {option}"


def test_readme_quick_start_is_two_make_commands() -> None:
    readme = (ROOT / "README.md").read_text()
    block = readme.split("## Quick start", 1)[1].split("```bash", 1)[1].split("```", 1)[0]
    commands = [line.split("#")[0].strip() for line in block.strip().splitlines()]
    assert commands == ["make run", "make test"]
    makefile = (ROOT / "Makefile").read_text()
    for target in re.findall(r"^\| `make ([\w-]+)`", readme, flags=re.M):
        assert re.search(rf"^{target}:", makefile, flags=re.M), target


@pytest.mark.parametrize(
    "page", ["README.md", *sorted(str(p.relative_to(ROOT)) for p in (ROOT / "docs").glob("*.md"))]
)
def test_relative_links_resolve(page: str) -> None:
    """Every link to a file of the repository points at a file that exists."""
    path = ROOT / page
    for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", path.read_text()):
        if "://" in target:
            continue
        assert (path.parent / target).exists(), f"{page} links to missing {target}"
