"""Models for the evidence app."""
