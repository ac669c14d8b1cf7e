"""Domain services: what the API and the CLI ask the server to do."""
