"""The ground every room stands on: errors fit for a person, atomic file writes, where things are."""
