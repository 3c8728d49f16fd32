"""Harmonic constituents."""
