"""Tests of the gauge readings."""
