"""Models for the stopsearch app."""
