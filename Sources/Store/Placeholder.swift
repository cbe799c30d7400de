// Placeholder: the Store module (SQLite). See docs/ARCHITECTURE.md.
