"""The sync client: HTTP transport, engine (push, pull, apply), scheduler, and the sync half of
the store (the outbox, the cursor, pulled pages, a new device's first download)."""
