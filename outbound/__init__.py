"""Outbound messages: guarded sending that never texts an opted-out number."""
