package dev.strata.sql.format;

import dev.strata.engine.exec.QueryResult;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Streams a query result to an output stream batch by batch, without holding the whole result.
 * The writer neither closes the result nor the stream. Errors raised while pulling batches
 * (limits, cancellation) propagate; the caller decides what a half-written response means.
 */
public interface ResultWriter {
    void write(QueryResult result, OutputStream out) throws IOException;
}
