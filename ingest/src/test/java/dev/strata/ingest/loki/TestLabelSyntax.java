package dev.strata.ingest.loki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.spi.error.StrataException;
import org.junit.jupiter.api.Test;

class TestLabelSyntax {
    @Test
    void parsesPrometheusLabelSyntax() {
        assertThat(LabelSyntax.parse("{}")).isEmpty();
        assertThat(LabelSyntax.parse(" { a = \"1\" , b=\"two words\", } ")).containsExactly("a", "1", "b", "two words");
        assertThat(LabelSyntax.parse("{a=\"q\\\"\\\\\\n\\t\\u00e9\"}")).containsExactly("a", "q\"\\\n\té");
        assertThat(LabelSyntax.parse("{a=`raw\\n`, b='single'}")).containsExactly("a", "raw\\n", "b", "single");
        assertThat(LabelSyntax.parse("{a=\"ünï ✓\"}")).containsExactly("a", "ünï ✓");
    }

    @Test
    void refusesMalformedSyntax() {
        for (String bad : new String[] {"", "a=\"1\"", "{a=1}", "{a=\"1\"", "{=\"1\"}", "{a=\"1\" b=\"2\"}",
            "{a=\"1\"} trailing", "{a=\"\\q\"}", "{a=\"unterminated}"}) {
            assertThatThrownBy(() -> LabelSyntax.parse(bad)).as(bad).isInstanceOf(StrataException.class)
                    .hasMessageContaining("error parsing labels");
        }
    }
}
