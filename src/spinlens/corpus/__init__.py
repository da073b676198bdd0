"""Cross-article steps over the library: copies (syndication), later stories and sources."""
