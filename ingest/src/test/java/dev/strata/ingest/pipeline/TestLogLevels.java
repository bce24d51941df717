package dev.strata.ingest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.spi.model.Labels;
import org.junit.jupiter.api.Test;

class TestLogLevels {
    @Test
    void explicitLevelsWinOverTheLine() {
        assertThat(LogLevels.detect(Labels.of("level", "WARNING"), Labels.EMPTY, "ERROR boom")).isEqualTo("warn");
        assertThat(LogLevels.detect(Labels.of("app", "a"), Labels.of("severity", "crit"), "INFO x")).isEqualTo("fatal");
        assertThat(LogLevels.detect(Labels.of("level", "nonsense"), Labels.EMPTY, "DEBUG x")).isEqualTo("debug");
    }

    @Test
    void detectsFromStructuredLines() {
        assertThat(LogLevels.fromLine("{\"ts\":1,\"level\":\"error\",\"msg\":\"info about x\"}")).isEqualTo("error");
        assertThat(LogLevels.fromLine("ts=2024 lvl=dbg msg=\"warn later\"")).isEqualTo("debug");
        assertThat(LogLevels.fromLine("{\"severity\": \"WARNING\"}")).isEqualTo("warn");
    }

    @Test
    void detectsTheLeftmostLevelWord() {
        assertThat(LogLevels.fromLine("2024-01-01T00:00:00Z [ERROR] failed, will retry (info)")).isEqualTo("error");
        assertThat(LogLevels.fromLine("E0101 12:00 panic: runtime error")).isEqualTo("fatal");
        assertThat(LogLevels.fromLine("GET /information 200")).isEqualTo("unknown");
        assertThat(LogLevels.fromLine("ERR connection refused")).isEqualTo("error");
        assertThat(LogLevels.fromLine("no err here")).isEqualTo("unknown");
        assertThat(LogLevels.fromLine("")).isEqualTo("unknown");
    }

    @Test
    void mapsOtlpSeverityNumbers() {
        assertThat(LogLevels.fromSeverityNumber(0)).isNull();
        assertThat(LogLevels.fromSeverityNumber(1)).isEqualTo("trace");
        assertThat(LogLevels.fromSeverityNumber(5)).isEqualTo("debug");
        assertThat(LogLevels.fromSeverityNumber(9)).isEqualTo("info");
        assertThat(LogLevels.fromSeverityNumber(13)).isEqualTo("warn");
        assertThat(LogLevels.fromSeverityNumber(17)).isEqualTo("error");
        assertThat(LogLevels.fromSeverityNumber(24)).isEqualTo("fatal");
    }
}
