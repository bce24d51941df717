package dev.strata.storage.head;

import org.apache.arrow.vector.FieldVector;

/** Writes the next rows of a head snapshot into the projected vectors of one batch. */
interface RowSource {
    /** Writes up to {@code maxRows} rows starting at row 0; returns how many (0 = exhausted). */
    int fill(FieldVector[] vectors, int maxRows);

    /** See {@link dev.strata.spi.scan.BatchReader#requestDictionary}: whether column {@code column} may come in dictionary form. */
    default boolean requestDictionary(int column) {
        return false;
    }

    /** For a column in dictionary form in the last {@link #fill}: each row's entry; null when plain. */
    default int[] dictionaryIds(int column) {
        return null;
    }

    /** For a column in dictionary form in the last {@link #fill}: how many entries its vector holds. */
    default int dictionaryEntries(int column) {
        return 0;
    }
}
