"""roster: shift scheduling for customer-service teams on CP-SAT."""
