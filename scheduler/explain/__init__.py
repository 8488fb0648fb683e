"""Explanations: coverage gaps, why the hard rules cannot all hold, what to relax,
the minimum head count, and the trade-offs of a feasible roster."""
