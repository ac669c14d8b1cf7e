"""Sync with the devices: pushes and their order, pulls, long-poll wake-ups, the epoch."""
