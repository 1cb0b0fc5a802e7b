"""The `varde` subcommands, one module each; the build itself lives elsewhere."""
