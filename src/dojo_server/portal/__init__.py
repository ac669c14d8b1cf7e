"""The family portal: server-rendered pages under /portal, mobile first, in three languages."""
