package dev.strata.storage.head;

import org.apache.arrow.vector.FieldVector;

/** Writes the next rows of a head snapshot into the projected vectors of one batch. */
interface RowSource {
    /** Writes up to {@code maxRows} rows starting at row 0; returns how many (0 = exhausted). */
    int fill(FieldVector[] vectors, int maxRows);
}
