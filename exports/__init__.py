"""What leaves the app as a file: the meeting brief (PDF, Excel) and rows as CSV."""
