-- Language filters count a language's documents and collect their rows.
CREATE INDEX IF NOT EXISTS documents_language ON documents(language);
