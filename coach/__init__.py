"""Hip & Core Coach."""
