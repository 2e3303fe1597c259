-- +goose Up
-- Search at 100,000 documents (BenchmarkSearch): the date range's own
-- documents (issued here, no sender's date) by their issue, and every
-- document by the search's order (newest first), so that a page of a
-- broad search stops after its 50 rows instead of sorting them all.
CREATE INDEX documents_issued_on ON documents (issued_at) WHERE original_date = '';
CREATE INDEX documents_by_date ON documents ((COALESCE(issued_at, created_at)), id);

-- +goose Down
DROP INDEX documents_by_date;
DROP INDEX documents_issued_on;
