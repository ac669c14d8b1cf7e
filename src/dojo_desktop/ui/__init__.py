"""Qt widgets: the big-screen roster, the skill picker and the teacher's dialogs."""
