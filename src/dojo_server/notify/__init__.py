"""Notifications to families by email."""
