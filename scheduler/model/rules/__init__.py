"""One module per rule family; each exposes ``add(ctx) -> list[PenaltyTerm]``."""
