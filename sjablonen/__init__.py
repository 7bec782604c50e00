"""The Word templates (docxtpl) and the code that renders letters and overviews."""
