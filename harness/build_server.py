"""Runs `mkdocs ARGS` requests in forked children of one process that imported MkDocs once.

A test session builds the site dozens of times; a new `mkdocs` process spends a quarter of a
build importing MkDocs, Material, the plugins and the project's package. This process imports
them once and forks a child per build: each child starts from the same untouched state a new
process would (what differs between builds, such as SITE_URL, is read when mkdocs.yml is
loaded, after the fork) and runs MkDocs' own command line. harness/building.py starts it
(BuildServer: python -m harness.build_server) and talks to it.

Protocol, one JSON object per line: on stdin {"args", "cwd", "env", "output"}, on stdout
{"returncode"}; the build's output goes to the file `output`.
"""

import json
import os
import sys
from importlib.metadata import entry_points


def preload() -> None:
    """Import every installed MkDocs plugin, theme and Markdown extension (the installed ones
    are the ones mkdocs.yml uses); one that fails to import fails in the build, visibly."""
    import mkdocs.__main__  # noqa: F401
    import mkdocs.commands.build  # noqa: F401

    for group in ("mkdocs.plugins", "mkdocs.themes", "markdown.extensions"):
        for entry in entry_points(group=group):
            try:
                entry.load()
            except Exception:  # noqa: BLE001  (the build reports it, with its own message)
                pass
    # Material's icon index for :material-...: icons (mkdocs.yml, pymdownx.emoji), which every
    # build reads from thousands of files; the children inherit it.
    from material.extensions.emoji import twemoji

    twemoji({}, None)
    # The project's package, which the hooks import, and what it reads of Material's templates
    # (the same for every project built); nothing of a project is read here.
    import helpsite.generator  # noqa: F401
    import helpsite.pipeline  # noqa: F401
    from helpsite.page_security import material_scripts

    material_scripts()


def run_in_child(request: dict) -> None:
    """In the forked child: become `cd CWD && env ENV mkdocs ARGS > OUTPUT 2>&1`; never returns."""
    code = 1
    try:
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(request["env"])
        output = os.open(request["output"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        stdin = os.open(os.devnull, os.O_RDONLY)
        os.dup2(stdin, 0)
        os.dup2(output, 1)
        os.dup2(output, 2)
        from mkdocs.__main__ import cli

        sys.argv = ["mkdocs", *request["args"]]
        try:
            cli.main(args=request["args"], prog_name="mkdocs")
            code = 0
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
    except BaseException:  # noqa: BLE001  (reported in the output, as a crashed process would)
        import traceback

        traceback.print_exc()
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def main() -> None:
    preload()
    replies = os.fdopen(os.dup(1), "w")
    for line in sys.stdin:
        request = json.loads(line)
        child = os.fork()
        if child == 0:
            run_in_child(request)
        _, status = os.waitpid(child, 0)
        replies.write(json.dumps({"returncode": os.waitstatus_to_exitcode(status)}) + "\n")
        replies.flush()


if __name__ == "__main__":
    main()
