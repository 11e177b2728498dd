"""Benchmark figures: one module per area, each registering its functions with `@benchmark`."""
