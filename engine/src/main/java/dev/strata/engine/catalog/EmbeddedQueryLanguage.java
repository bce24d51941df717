package dev.strata.engine.catalog;

import dev.strata.engine.series.EvalGrid;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.tools.RelBuilder;

/**
 * A query language that SQL can call as a table function, e.g.
 * {@code SELECT * FROM TABLE(promql('sum by (job) (rate(x[5m]))', start, end, step))}. The
 * language translates its text into a series plan ({@link dev.strata.engine.series.rel}); the
 * engine runs it and yields its rows as {@code (ts, labels, value)}. The engine knows languages
 * only through this interface; the server registers the implementations.
 */
public interface EmbeddedQueryLanguage {
    /** The table function's name in SQL, e.g. {@code promql}. */
    String name();

    /**
     * The series plan of {@code query} evaluated on {@code grid}, built with {@code relBuilder}.
     *
     * @throws dev.strata.spi.error.StrataException when the text is not a valid query of the language
     */
    RelNode toRel(String query, EvalGrid grid, RelBuilder relBuilder);

    /** The most samples one evaluation may load (the language's query limit). */
    long maxSamples();
}
