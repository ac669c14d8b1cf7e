"""The staff console: server-rendered pages under /staff for leaders and the office."""
