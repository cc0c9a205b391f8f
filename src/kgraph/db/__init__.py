"""The database: the one module that opens sessions, the managed server, the schema, the writer."""
