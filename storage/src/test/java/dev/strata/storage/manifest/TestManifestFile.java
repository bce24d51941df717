package dev.strata.storage.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.spi.error.StrataException;
import dev.strata.storage.part.PartMeta;
import dev.strata.storage.testing.FixedClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class TestManifestFile {
    @TempDir
    Path dir;

    private static PartMeta part(String id, String tenant) {
        return new PartMeta(id, "samples", tenant, "parts/samples/tenant=" + tenant + "/day=2026-11-23/" + id + ".parquet", 10, 100, 1, 2,
                -5, 7, 0);
    }

    @Test
    void commitAndLoadRoundTrip() {
        ManifestFile file = new ManifestFile(dir);
        assertThat(file.load()).isEqualTo(Manifest.EMPTY);
        Manifest m = Manifest.EMPTY.next(List.of(part("A", "t1"), part("B", "team a/ü")), List.of(), 3);
        file.commit(m);
        assertThat(file.load()).isEqualTo(m);
        Manifest m2 = m.next(List.of(part("C", "t1")), List.of("A"), 2);
        file.commit(m2);
        Manifest loaded = file.load();
        assertThat(loaded.generation()).isEqualTo(2);
        assertThat(loaded.walCheckpoint()).isEqualTo(3); // never lowered
        assertThat(loaded.parts()).extracting(PartMeta::id).containsExactly("B", "C");
    }

    @Test
    void crashBeforeRenameKeepsTheOldStateAndDropsTheTempFile() throws IOException {
        ManifestFile file = new ManifestFile(dir);
        Manifest old = Manifest.EMPTY.next(List.of(part("A", "t1")), List.of(), 1);
        file.commit(old);
        // a crash after writing the temp file but before the rename: a complete or partial temp file remains
        String next = ManifestFile.render(old.next(List.of(part("B", "t1")), List.of(), 2));
        Files.writeString(dir.resolve(ManifestFile.TEMP_NAME), next.substring(0, next.length() / 2));
        assertThat(file.load()).isEqualTo(old);
        assertThat(dir.resolve(ManifestFile.TEMP_NAME)).doesNotExist();
    }

    @Test
    void aDamagedManifestIsRefusedNotGuessed() throws IOException {
        ManifestFile file = new ManifestFile(dir);
        file.commit(Manifest.EMPTY.next(List.of(part("A", "t1")), List.of(), 1));
        String text = Files.readString(file.path());
        Files.writeString(file.path(), text.replace(" 10 100 ", " 11 100 "));
        assertThatThrownBy(file::load).isInstanceOf(StrataException.class).hasMessageContaining("checksum");
    }

    @Test
    void partIdsAreUniqueSortableUlids() {
        FixedClock clock = new FixedClock(Instant.parse("2026-11-23T12:00:00Z"));
        PartIds ids = new PartIds(clock, new Random(1));
        Set<String> seen = new HashSet<>();
        String previous = "";
        for (int i = 0; i < 1000; i++) {
            if (i % 100 == 0) {
                clock.advance(java.time.Duration.ofMillis(1));
            }
            String id = ids.next();
            assertThat(id).hasSize(26).matches("[0-9A-HJKMNP-TV-Z]+");
            assertThat(id.compareTo(previous)).isPositive();
            previous = id;
            seen.add(id);
        }
        assertThat(seen).hasSize(1000);
        // the first 10 characters are the millisecond timestamp (ULID spec): 2026-11-23T12:00:00.010Z
        assertThat(previous).startsWith("01M844DZGA");
    }
}
