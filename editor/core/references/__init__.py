"""The reference library: one store of sources shared by every post (``lib.references``),
readers and writers for RIS, MEDLINE, BibTeX and CSL-JSON, identifiers and online lookup."""
