package dev.strata.engine.plan.physical;

import static java.util.Objects.requireNonNull;

import dev.strata.engine.exec.Operator;
import dev.strata.engine.exec.OperatorFactory;
import dev.strata.engine.exec.QueryContext;
import dev.strata.engine.exec.RowValues;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;

/**
 * Runs a columnar subtree for generated enumerable code: instantiates its operators in the
 * query's context and hands out its rows as {@code Object[]}. Public because generated code
 * calls it; stashed in the plan, one per converter.
 */
public final class EnumerableBridge {
    /** Key of the {@link QueryContext} in the {@link DataContext} of a query. */
    public static final String QUERY_CONTEXT = "strata.queryContext";

    /** Most rows of one run kept for replay. */
    private static final int MAX_CACHED_ROWS = 100_000;

    private final OperatorFactory factory;
    private final List<RelDataType> types;

    public EnumerableBridge(OperatorFactory factory, List<RelDataType> types) {
        this.factory = requireNonNull(factory, "factory is null");
        this.types = List.copyOf(requireNonNull(types, "types is null"));
    }

    public Enumerable<Object[]> enumerable(DataContext dataContext) {
        QueryContext context = (QueryContext) requireNonNull(dataContext.get(QUERY_CONTEXT), "no query context");
        return new ReplayableRows(context);
    }

    /**
     * Rows of one query's run of the subtree. Enumerable operators such as a nested-loop join
     * enumerate their inner input once per outer row; the first complete pass is therefore kept
     * (up to {@link #MAX_CACHED_ROWS}) and replayed instead of running the subtree again.
     */
    private final class ReplayableRows extends AbstractEnumerable<Object[]> {
        private final QueryContext context;
        private List<Object[]> cached = new ArrayList<>();
        private boolean isComplete;

        ReplayableRows(QueryContext context) {
            this.context = context;
        }

        @Override
        public Enumerator<Object[]> enumerator() {
            if (isComplete) {
                return Linq4j.enumerator(cached);
            }
            return new RowEnumerator(context.register(factory.create(context)), this);
        }

        void offer(Object[] row) {
            if (cached != null) {
                if (cached.size() >= MAX_CACHED_ROWS) {
                    cached = null;
                } else {
                    cached.add(row);
                }
            }
        }

        void finished() {
            isComplete = cached != null;
        }
    }

    private final class RowEnumerator implements Enumerator<Object[]> {
        private final Operator operator;
        private final ReplayableRows rows;
        private VectorSchemaRoot batch;
        private int row;
        private Object[] current;
        private boolean done;

        RowEnumerator(Operator operator, ReplayableRows rows) {
            this.operator = operator;
            this.rows = rows;
        }

        @Override
        public Object[] current() {
            return current;
        }

        @Override
        public boolean moveNext() {
            while (!done) {
                if (batch != null && row < batch.getRowCount()) {
                    Object[] values = new Object[types.size()];
                    for (int c = 0; c < values.length; c++) {
                        values[c] = RowValues.get(batch.getVector(c), row, types.get(c));
                    }
                    row++;
                    current = values;
                    rows.offer(values);
                    return true;
                }
                batch = operator.next();
                row = 0;
                if (batch == null) {
                    done = true;
                    rows.finished();
                }
            }
            return false;
        }

        @Override
        public void reset() {
            throw new UnsupportedOperationException("columnar scans cannot be rewound");
        }

        @Override
        public void close() {
            operator.close();
        }
    }
}
