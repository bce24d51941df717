package dev.strata.storage.compact;

import dev.strata.storage.part.PartMeta;
import java.nio.file.Path;
import java.util.List;

/** The store's part list as the jobs see it. Thread-safe. */
public interface PartCatalog {
    /** The live parts now, in commit order. */
    List<PartMeta> liveParts();

    /** The file of a part. */
    Path file(PartMeta part);

    /**
     * Commits {@code added} and the removal of {@code removedIds} in one manifest change.
     *
     * @throws IllegalStateException when a removed part is no longer live (nothing is committed then)
     */
    void replaceParts(List<PartMeta> added, List<String> removedIds);
}
