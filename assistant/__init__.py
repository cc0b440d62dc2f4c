"""Adapters that run the same dialogue inside other frameworks: rasa-sdk actions."""
