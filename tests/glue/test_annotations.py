"""macros/glue/annotations.py: one-line messages become GitHub workflow commands, escaped, with their place."""
import io
import logging

from macros.glue.annotations import WorkflowCommands, enabled, place, workflow_command


def test_only_inside_github_actions():
    assert enabled({"GITHUB_ACTIONS": "true"})
    assert not enabled({})
    assert not enabled({"GITHUB_ACTIONS": "false"})


def test_place_is_read_from_the_start_of_the_message():
    assert place("data/editions/2024-02/strategies/strategy-1.yaml:18: 1-1-1-1.actual: x") == ("data/editions/2024-02/strategies/strategy-1.yaml", 18)
    assert place("docs/index.md:11: link: x") == ("docs/index.md", 11)
    assert place("data/editions/2024-02/report.yaml: columns: x") == ("data/editions/2024-02/report.yaml", None)
    assert place("Aborted with a BuildError!") == (None, None)
    assert place("Error: data/x.yaml:3: inside") == (None, None)


def test_workflow_command_escapes_data_and_properties():
    line = workflow_command("error", "50% done\nnext", "docs/a,b.md", 3, title="t: x")
    assert line == "::error file=docs/a%2Cb.md,line=3,title=t%3A x::50%25 done%0Anext"
    assert workflow_command("notice", "n").startswith("::notice title=")


def _emit(name, level, msg, **extra):
    out = io.StringIO()
    handler = WorkflowCommands(out)
    logger = logging.getLogger(name)
    record = logger.makeRecord(name, level, __file__, 1, msg, (), None, extra=extra or None)
    handler.emit(record)
    return out.getvalue()


def test_levels_and_whose_notices():
    assert _emit("mkdocs.commands.build", logging.ERROR, "docs/x.md:2: macro: bad").startswith(
        "::error file=docs/x.md,line=2,")
    assert _emit("mkdocs", logging.WARNING, "w").startswith("::warning title=")
    # MkDocs' routine INFO lines are not annotations; the project's notices are.
    assert _emit("mkdocs", logging.INFO, "Building documentation") == ""
    assert _emit("minereport", logging.INFO, "data note: 1-1-1-1: n",
                 location=("data/editions/2024-02/strategies/strategy-1.yaml", 9)).startswith(
        "::notice file=data/editions/2024-02/strategies/strategy-1.yaml,line=9,")
