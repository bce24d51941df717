package dev.strata.promql.ast;

/** The type a PromQL expression evaluates to. */
public enum ValueType {
    NONE("none", "none"),
    SCALAR("scalar", "scalar"),
    VECTOR("vector", "instant vector"),
    MATRIX("matrix", "range vector"),
    STRING("string", "string");

    private final String shortName;
    private final String documentedName;

    ValueType(String shortName, String documentedName) {
        this.shortName = shortName;
        this.documentedName = documentedName;
    }

    /** The name Prometheus uses in the API {@code resultType} and in some messages ("matrix"). */
    public String shortName() {
        return shortName;
    }

    /** The name the documentation and most type errors use ("range vector"). */
    public String documentedName() {
        return documentedName;
    }
}
