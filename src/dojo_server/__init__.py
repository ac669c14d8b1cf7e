"""The school server: sync, blobs and (later) the family portal."""
