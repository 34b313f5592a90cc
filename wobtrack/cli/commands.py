"""The table of wobtrack's top-level commands: where each is defined, and its short help.

``wobtrack`` imports a command's module only when that command runs (see
:mod:`wobtrack.cli.lazy`), so a new command needs a row here as well as its module: the
name, the module and the attribute holding the click command, the first sentence of its help
(what ``wobtrack --help`` shows), and the modules that add subcommands to it, if any.
``tests/test_startup.py`` fails, naming the row, when this table and the commands disagree.
"""

from __future__ import annotations

from wobtrack.cli.lazy import LazyCommand

COMMANDS: dict[str, LazyCommand] = {
    "authority": LazyCommand(
        "wobtrack.cli.authorities",
        "authority_group",
        "List, rename and merge authorities (names match whatever their case or accents).",
    ),
    "calc": LazyCommand(
        "wobtrack.cli.calc",
        "calc",
        "Compute one statutory deadline from dates (no database; --today is not used).",
    ),
    "db": LazyCommand(
        "wobtrack.cli.tracker",
        "db_group",
        "Manage the database schema yourself (wobtrack also migrates on first use).",
    ),
    "deadlines": LazyCommand(
        "wobtrack.cli.deadlines",
        "deadlines",
        "List every open deadline, soonest first, with what to do.",
    ),
    "decision": LazyCommand(
        "wobtrack.cli.decisions",
        "decision_group",
        "Import, list, show and delete decision letters in the tracker.",
        extensions=("wobtrack.cli.corrections",),
    ),
    "demo": LazyCommand(
        "wobtrack.cli.demo",
        "demo",
        "Run the main job on the samples: log requests, import letters, show deadlines.",
    ),
    "draft": LazyCommand(
        "wobtrack.cli.drafts",
        "draft_group",
        "Draft letters to the authority (in Dutch), ready to complete and sign.",
    ),
    "event": LazyCommand(
        "wobtrack.cli.tracker",
        "event_group",
        "Record the dated steps of a request's timeline.",
    ),
    "export": LazyCommand(
        "wobtrack.cli.exchange",
        "export",
        "Export everything: authorities, requests, items, events, decisions, outcomes, "
        "corrections and the computed deadlines (see docs/export-format.md).",
    ),
    "import": LazyCommand(
        "wobtrack.cli.intake",
        "import_letters",
        "Import decision letters (PDFs, or folders of them): each letter becomes a request "
        "with its decision, or joins the request its kenmerk (or --request) names; an "
        "inventory list beside its letter (file name starting with the letter's) is attached "
        "to it.",
    ),
    "import-json": LazyCommand(
        "wobtrack.cli.exchange",
        "import_json",
        "Load a JSON export into an empty database, keeping every id and column.",
    ),
    "item": LazyCommand(
        "wobtrack.cli.tracker",
        "item_group",
        "Add, edit and delete the numbered items of a request.",
        extensions=("wobtrack.cli.corrections",),
    ),
    "outcome": LazyCommand(
        "wobtrack.cli.decisions",
        "outcome_group",
        "Correct the outcome the parser proposed for an item.",
        extensions=("wobtrack.cli.corrections",),
    ),
    "parse": LazyCommand(
        "wobtrack.cli.parse",
        "parse_cmd",
        "Read decision letters (PDF) and show what the authority did with each item.",
    ),
    "remind": LazyCommand(
        "wobtrack.cli.remind",
        "remind",
        "List the deadlines that need action soon, each with what to do (silent if none).",
    ),
    "report": LazyCommand(
        "wobtrack.cli.report",
        "report",
        "Write an HTML report: states, deadlines calendar, timeliness, outcomes, grounds.",
    ),
    "request": LazyCommand(
        "wobtrack.cli.tracker",
        "request_group",
        "Log, list, show, edit and delete requests.",
        extensions=("wobtrack.cli.organise",),
    ),
    "review": LazyCommand(
        "wobtrack.cli.decisions",
        "review",
        "List items whose outcome a person should check, and decisions imported with warnings.",
    ),
    "search": LazyCommand(
        "wobtrack.cli.organise",
        "search_command",
        "Find WORDS in requests' subjects and notes, item texts, the letter sentences behind "
        "each outcome and the decisions' dictum (every word must occur).",
    ),
    "summary": LazyCommand(
        "wobtrack.cli.decisions",
        "summary",
        "Summarise outcomes per request and timing and outcomes per authority.",
    ),
}
