"""The side panels: library browser, properties, references and problems."""
