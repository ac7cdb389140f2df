// Intentionally empty: SwiftPM needs a source file for the header-only driver declaration.
