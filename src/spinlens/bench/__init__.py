"""Benchmark commands that print the quality and speed figures the README quotes."""
