"""Events: who did what, when and where."""
