"""The `whoknows` command line: each command opens the workspace, calls the service, prints."""
