// Reports: diffs between stored runs and export formats. See docs/ARCHITECTURE.md.
