"""The ``pantau`` command: a thin shell over the library.

Each subcommand lives in ``pantau.commands.<name>`` and exposes ``register(subparsers)``, which adds
its parser and sets ``func(args) -> int``.  Errors that Pantau raises on purpose become one line
on stderr; exit status 0 on success, 1 when some input failed, 2 for a usage error.
"""
from __future__ import annotations

import argparse
import importlib
import sys

from . import __version__
from .errors import PantauError

#: subcommand modules, in the order ``pantau --help`` lists them
COMMANDS = ("analyze", "demo", "evaluate", "train", "ingest", "search", "quotes", "entities", "relations", "stats", "export",
            "serve", "reanalyze", "delete")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pantau",
        description="Pantau: entities, quotes, CAMEO events and dates from Indonesian news.",
    )
    parser.add_argument("--version", action="version", version=f"pantau {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        try:
            mod = importlib.import_module(f"pantau.commands.{name}")
        except ModuleNotFoundError as exc:
            # a command whose optional extra is not installed is simply absent from the menu
            if exc.name and exc.name.startswith("pantau"):
                raise
            continue
        mod.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except PantauError as exc:
        print(f"pantau: {exc.line()}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("pantau: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
