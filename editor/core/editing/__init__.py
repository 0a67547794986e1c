"""Text operations the editor needs: line edits, diffs, paste conversion, spelling."""
