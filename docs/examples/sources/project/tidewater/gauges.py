"""Harbour gauge readings."""
