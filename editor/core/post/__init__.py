"""A post as text: its record, sections, front matter and slugs."""
