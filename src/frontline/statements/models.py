"""Models for the statements app."""
