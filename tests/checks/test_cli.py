"""python -m checks: runs every check, lists the findings and fails when there are any."""

from __future__ import annotations

import subprocess
import sys

from checks import Finding
from checks import __main__ as cli
from support import PROJECT

CHECK_MODULES = ("links", "parity", "facts", "placeholders", "front_matter", "html_validity", "spelling")


def test_cli_runs_every_check():
    assert {check.__module__.split(".")[-1] for check in cli.CHECKS.values()} == set(CHECK_MODULES)


def test_cli_exit_status_follows_the_findings(site_dir, monkeypatch, capsys):
    monkeypatch.setattr(cli, "CHECKS", {"quiet": lambda site, project: []})
    assert cli.main(["--site", str(site_dir)]) == 0
    assert "quiet: ok (" in capsys.readouterr().out
    monkeypatch.setattr(cli, "CHECKS", {"loud": lambda site, project: [Finding("docs/a.de.md", "wrong. Fix: it.")]})
    assert cli.main(["--site", str(site_dir)]) == 1
    assert "  docs/a.de.md: wrong. Fix: it." in capsys.readouterr().out

    def broken(site, project):
        raise RuntimeError("cspell is missing")
    monkeypatch.setattr(cli, "CHECKS", {"broken": broken})
    assert cli.main(["--site", str(site_dir)]) == 2  # not 1: no findings were looked for
    assert "broken: could not run: cspell is missing" in capsys.readouterr().err


def test_cli_lists_the_findings_of_a_planted_site(planted):
    result = subprocess.run(
        [sys.executable, "-m", "checks", "--site", str(planted.site), "--project", str(planted.project)],
        cwd=PROJECT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 1, result.stdout + result.stderr
    for name in cli.CHECKS:  # every check has a planted defect
        assert f"{name}: ok" not in result.stdout, result.stdout
    assert "docs/install.de.md: link 'nirgends.html'" in result.stdout
    assert "docs/index.en.md: placeholder 'TODO'" in result.stdout
