"""One module per ``pantau`` subcommand (see ``pantau.cli``)."""
