"""The use cases the UI calls. Each write is one transaction and returns what it changed."""
