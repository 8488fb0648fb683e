"""The HTTP API: a thin FastAPI layer over ``scheduler``.

Each route validates its input, calls the library (the roster service, the
solve jobs, the explanations) and returns a typed schema. Every error is an
RFC 9457 problem document (:mod:`api.problems`).
"""
