"""Reading articles from files, folders, URLs, feeds, JSONL, WARC and stdin into `RawDocument`s."""
