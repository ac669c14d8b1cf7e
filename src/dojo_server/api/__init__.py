"""HTTP API under /v1: thin routes over the domain services."""
