package dev.strata.sql.format;

import dev.strata.engine.exec.QueryResult;
import dev.strata.engine.exec.ResultColumn;
import dev.strata.engine.exec.ResultVectors;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.ParquetProperties.WriterVersion;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * A Parquet file (media type {@code application/vnd.apache.parquet}): one row group per
 * {@value #ROW_GROUP_BYTES} bytes of buffered rows, uncompressed pages with dictionary encoding
 * (HTTP compression can do the rest). The schema comes from the first batch's vectors (or the
 * result's columns when there is none), named after the result's columns. Written through
 * parquet-java without Hadoop: our own codec factory and {@link PlainParquetConfiguration}.
 */
public final class ParquetResultWriter implements ResultWriter {
    private static final long ROW_GROUP_BYTES = 16L << 20;

    @Override
    public void write(QueryResult result, OutputStream out) throws IOException {
        List<ResultColumn> columns = result.columns();
        VectorSchemaRoot batch = result.next();
        List<Field> fields = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (int c = 0; c < columns.size(); c++) {
            String name = uniqueName(columns.get(c).name(), used);
            Field field = batch == null ? ResultVectors.field(name, columns.get(c).type()) : batch.getVector(c).getField();
            fields.add(new Field(name, field.getFieldType(), field.getChildren()));
        }
        ParquetResultSupport support = new ParquetResultSupport(fields);
        try (ParquetWriter<VectorSchemaRoot> writer = new Builder(new StreamOutputFile(out), support)
                .withConf(new PlainParquetConfiguration())
                .withCodecFactory(UncompressedCodecFactory.INSTANCE)
                .withCompressionCodec(CompressionCodecName.UNCOMPRESSED)
                .withWriterVersion(WriterVersion.PARQUET_1_0)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .withRowGroupSize(ROW_GROUP_BYTES)
                .withDictionaryEncoding(true)
                .build()) {
            for (; batch != null; batch = result.next()) {
                support.bind(batch);
                int rows = batch.getRowCount();
                for (int row = 0; row < rows; row++) {
                    support.row(row);
                    writer.write(batch);
                }
            }
        }
        out.flush();
    }

    /** Parquet wants distinct field names; SQL allows {@code SELECT a, a}. */
    private static String uniqueName(String name, Set<String> used) {
        String candidate = name.isEmpty() ? "_" : name;
        for (int n = 1; !used.add(candidate); n++) {
            candidate = name + "_" + n;
        }
        return candidate;
    }

    private static final class Builder extends ParquetWriter.Builder<VectorSchemaRoot, Builder> {
        private final ParquetResultSupport support;

        Builder(StreamOutputFile file, ParquetResultSupport support) {
            super(file);
            this.support = support;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<VectorSchemaRoot> getWriteSupport(Configuration configuration) {
            return support;
        }

        @Override
        protected WriteSupport<VectorSchemaRoot> getWriteSupport(ParquetConfiguration configuration) {
            return support;
        }
    }
}
