package dev.strata.storage.scan;

import static java.util.Objects.requireNonNull;

import dev.strata.spi.scan.Split;

/** The {@code series} table of one tenant, served from its registry (which holds every series ever written). */
record SeriesSplit(String tenant, int[] ordinals) implements Split {
    SeriesSplit {
        requireNonNull(tenant, "tenant is null");
        requireNonNull(ordinals, "ordinals is null");
    }

    @Override
    public String describe() {
        return "series registry tenant=" + tenant;
    }

    @Override
    public long estimatedRows() {
        return ordinals.length;
    }
}
