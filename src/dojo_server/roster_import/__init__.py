"""Reading a school information system's roster export (OneRoster 1.1 and 1.2 CSV)."""
