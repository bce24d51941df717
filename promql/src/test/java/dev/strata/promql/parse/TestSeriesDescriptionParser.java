package dev.strata.promql.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.strata.promql.analyze.FunctionRegistry;
import dev.strata.spi.error.StrataException;
import dev.strata.spi.model.Labels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Expansions follow the promqltest documentation of series values. */
final class TestSeriesDescriptionParser {
    private final SeriesDescriptionParser parser = new SeriesDescriptionParser(new PromQlParser(ParserOptions.DEFAULT, FunctionRegistry.standard(), 0));

    @Test
    void expandsRepetitionsAndIncrements() {
        SeriesDescription series = parser.parse("http_requests{job=\"api-server\", instance=\"0\"}\t0+10x3 _ 7 stale -1-1x2 _x2 2x1 Inf -NaN");
        assertThat(series.labels()).isEqualTo(Labels.of("__name__", "http_requests", "instance", "0", "job", "api-server"));
        List<String> rendered = new ArrayList<>();
        for (SeriesDescription.Value value : series.values()) {
            rendered.add(value.omitted() ? "_" : value.isStale() ? "stale" : Double.toString(value.value()));
        }
        assertThat(rendered).containsExactly("0.0", "10.0", "20.0", "30.0", "_", "7.0", "stale", "-1.0", "-2.0", "-3.0", "_", "_", "2.0", "2.0",
                "Infinity", "NaN");
        assertThat(parser.parse("m -30s-1mx2 1ms").values()).extracting(SeriesDescription.Value::value).containsExactly(-30.0, -90.0, -150.0, 0.001);
    }

    @Test
    void acceptsBareNamesQuotedNamesAndEmptyValues() {
        assertThat(parser.parse("metric").labels()).isEqualTo(Labels.of("__name__", "metric"));
        assertThat(parser.parse("{\"metric.with.dots\", \"a b\"=\"x y\"} 1").labels())
                .isEqualTo(Labels.of("__name__", "metric.with.dots", "a b", "x y"));
        assertThat(parser.parse("{a=\"}\"} 1 2").values()).hasSize(2);
    }

    @Test
    void rejectsMalformedValues() {
        assertThatThrownBy(() -> parser.parse("m 1+1")).isInstanceOf(StrataException.class).hasMessageContaining("repetition count");
        assertThatThrownBy(() -> parser.parse("m foo")).isInstanceOf(StrataException.class).hasMessageContaining("expected number or \"stale\"");
        assertThatThrownBy(() -> parser.parse("m{a=~\"x\"} 1")).isInstanceOf(StrataException.class);
    }

    @Test
    void readsEveryFloatSeriesOfThePromqlTestScripts() throws IOException {
        List<Path> files = ConformanceFiles.promqlTestFiles();
        assumeTrue(!files.isEmpty(), "shared conformance files not present");
        int parsed = 0;
        int histograms = 0;
        List<String> failures = new ArrayList<>();
        for (Path file : files) {
            boolean inLoad = false;
            for (String raw : Files.readAllLines(file)) {
                String line = raw.strip();
                if (line.startsWith("load")) {
                    inLoad = true;
                    continue;
                }
                if (!inLoad || raw.isEmpty() || !Character.isWhitespace(raw.charAt(0)) || line.startsWith("#")) {
                    inLoad = inLoad && !raw.isEmpty() && Character.isWhitespace(raw.charAt(0));
                    continue;
                }
                if (line.isEmpty()) {
                    continue;
                }
                // start-timestamp lines: the runner strips the "@st" marker before parsing
                line = line.replaceFirst("@st(?=[ \t])", "");
                if (line.contains("{{")) {
                    histograms++;
                    continue;
                }
                try {
                    parser.parse(line);
                    parsed++;
                } catch (StrataException e) {
                    failures.add(file.getFileName() + ": " + line + " -> " + e.getMessage());
                }
            }
        }
        System.out.println("promqltest series lines: " + parsed + " float series parsed, " + histograms + " native histogram series skipped");
        assertThat(failures).isEmpty();
        assertThat(parsed).isGreaterThan(500);
    }
}
