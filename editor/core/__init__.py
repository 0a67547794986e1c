"""Postwright's core library: no Qt, usable from the CLI, the GUI and the tests."""
