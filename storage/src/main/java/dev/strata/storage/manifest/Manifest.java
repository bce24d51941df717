package dev.strata.storage.manifest;

import static java.util.Objects.requireNonNull;

import dev.strata.storage.part.PartMeta;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One committed state of the store.
 *
 * @param generation increases by one with every commit
 * @param walCheckpoint WAL segments below this number are sealed into {@code parts} and are not replayed
 * @param parts the live parts, in commit order
 */
public record Manifest(long generation, long walCheckpoint, List<PartMeta> parts) {
    public static final Manifest EMPTY = new Manifest(0, 0, List.of());

    public Manifest {
        requireNonNull(parts, "parts is null");
        parts = List.copyOf(parts);
    }

    /** The next state: {@code added} appended, {@code removed} (by id) dropped, checkpoint advanced (never lowered). */
    public Manifest next(Collection<PartMeta> added, Collection<String> removedIds, long checkpoint) {
        Set<String> removed = new HashSet<>(removedIds);
        List<PartMeta> result = new ArrayList<>(parts.size() + added.size());
        for (PartMeta p : parts) {
            if (!removed.contains(p.id())) {
                result.add(p);
            }
        }
        result.addAll(added);
        return new Manifest(generation + 1, Math.max(walCheckpoint, checkpoint), result);
    }
}
