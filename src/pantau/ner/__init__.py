"""Statistical name tagging: a CRF over word-type features, word clusters and gazetteers (docs/ner.md)."""
