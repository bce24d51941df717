package dev.strata.sql;

import dev.strata.engine.planner.PlanningContext;
import dev.strata.spi.error.SourceLocation;
import dev.strata.spi.error.StrataException;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.SqlExplain;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.fun.SqlLibrary;
import org.apache.calcite.sql.fun.SqlLibraryOperatorTableFactory;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.util.SqlOperatorTables;
import org.apache.calcite.sql.validate.SqlConformanceEnum;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorUtil;
import org.apache.calcite.sql2rel.SqlToRelConverter;
import org.apache.calcite.sql2rel.StandardConvertletTable;

/**
 * Calcite's SQL parser and validator configured for Strata: identifiers are quoted with double
 * quotes as in standard SQL, PostgreSQL and DuckDB ({@code "value"}), unquoted identifiers keep
 * their case and match case-insensitively, and the lenient conformance allows {@code GROUP BY}
 * aliases and ordinals and {@code LIMIT}. See docs/decisions/0007-sql-dialect.md. Thread-safe.
 */
public final class SqlFrontend {
    private static final SqlParser.Config PARSER = SqlParser.config()
            .withQuoting(Quoting.DOUBLE_QUOTE)
            .withUnquotedCasing(Casing.UNCHANGED)
            .withQuotedCasing(Casing.UNCHANGED)
            .withCaseSensitive(false)
            .withConformance(SqlConformanceEnum.LENIENT);

    private final SqlOperatorTable operators = SqlOperatorTables.chain(
            SqlLibraryOperatorTableFactory.INSTANCE.getOperatorTable(SqlLibrary.STANDARD, SqlLibrary.POSTGRESQL));

    /** A parsed statement: the query and whether EXPLAIN was asked for. */
    public record Statement(SqlNode query, boolean isExplain) {}

    public Statement parse(String sql) {
        SqlNode node;
        try {
            node = SqlParser.create(sql, PARSER).parseStmt();
        } catch (SqlParseException e) {
            SqlParserPos pos = e.getPos();
            throw new StrataException(SqlErrorCode.SQL_SYNTAX, location(pos == null ? 1 : pos.getLineNum(), pos == null ? 1 : pos.getColumnNum()),
                    firstLine(e.getMessage()), e);
        }
        boolean isExplain = false;
        if (node instanceof SqlExplain explain) {
            isExplain = true;
            node = explain.getExplicandum();
        }
        if (!node.getKind().belongsTo(SqlKind.QUERY)) {
            throw new StrataException(SqlErrorCode.SQL_UNSUPPORTED_STATEMENT, location(node.getParserPosition().getLineNum(), node.getParserPosition().getColumnNum()),
                    "only queries (SELECT, WITH, VALUES, UNION...) and EXPLAIN PLAN FOR are supported, not " + node.getKind());
        }
        return new Statement(node, isExplain);
    }

    /** Validates {@code query} against the context's catalog and converts it to a logical plan. */
    public RelRoot toRel(SqlNode query, PlanningContext context) {
        SqlValidator validator = SqlValidatorUtil.newValidator(
                SqlOperatorTables.chain(operators, context.catalogReader()),
                context.catalogReader(),
                context.typeFactory(),
                SqlValidator.Config.DEFAULT.withConformance(SqlConformanceEnum.LENIENT).withIdentifierExpansion(true));
        SqlToRelConverter converter = new SqlToRelConverter(
                null, validator, context.catalogReader(), context.cluster(), StandardConvertletTable.INSTANCE,
                SqlToRelConverter.config().withTrimUnusedFields(false).withExpand(false));
        try {
            return converter.convertQuery(query, true, true);
        } catch (CalciteContextException e) {
            String message = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage() : e.getMessage();
            throw new StrataException(SqlErrorCode.SQL_VALIDATION, location(e.getPosLine(), e.getPosColumn()), message, e);
        }
    }

    private static SourceLocation location(int line, int column) {
        return new SourceLocation(Math.max(1, line), Math.max(1, column));
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "syntax error";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
