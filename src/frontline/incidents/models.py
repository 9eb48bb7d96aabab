"""Models for the incidents app."""
