// Placeholder: the FixtureServer module (SwiftNIO). See docs/ARCHITECTURE.md.
