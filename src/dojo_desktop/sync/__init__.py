"""The sync client: protocol, HTTP transport, engine (push, pull, apply) and scheduler."""
