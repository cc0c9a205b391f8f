"""Helpers only the tests use: the plan reader and the mention matcher's quality measure."""
