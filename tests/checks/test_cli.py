"""python -m checks: runs every check, lists the findings and fails when there are any."""

from __future__ import annotations

from checks import Finding
from checks import __main__ as cli

CHECK_MODULES = ("links", "parity", "facts", "placeholders", "front_matter", "foreign_resources",
                 "html_validity", "spelling")


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
