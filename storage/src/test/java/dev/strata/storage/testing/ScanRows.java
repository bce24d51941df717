package dev.strata.storage.testing;

import dev.strata.spi.scan.BatchReader;
import dev.strata.spi.scan.ScanRequest;
import dev.strata.spi.scan.Split;
import dev.strata.spi.scan.TableSource;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/** Renders everything a scan returns as one text line per row ({@code col=value|...}), for assertions. */
public final class ScanRows {
    private ScanRows() {}

    public static List<String> scan(TableSource source, ScanRequest request, BufferAllocator allocator) {
        List<String> rows = new ArrayList<>();
        List<Split> splits = source.splits(request);
        try {
            for (Split split : splits) {
                try (BatchReader reader = source.open(request, split, allocator)) {
                    while (reader.loadNext()) {
                        VectorSchemaRoot root = reader.root();
                        for (int r = 0; r < root.getRowCount(); r++) {
                            StringBuilder line = new StringBuilder();
                            for (FieldVector v : root.getFieldVectors()) {
                                if (line.length() > 0) {
                                    line.append('|');
                                }
                                line.append(v.getName()).append('=').append(v.getObject(r));
                            }
                            rows.add(line.toString());
                        }
                    }
                }
            }
        } finally {
            source.release(splits);
        }
        return rows;
    }
}
