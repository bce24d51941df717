package dev.strata.engine.series.exec;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/** Element-wise functions of an instant vector; some take scalar arguments ({@code a}, {@code b}). */
public enum MathFunction {
    ABS("abs"), CEIL("ceil"), FLOOR("floor"), EXP("exp"), LN("ln"), LOG2("log2"), LOG10("log10"), SQRT("sqrt"),
    SGN("sgn"), ROUND("round"), CLAMP("clamp"), CLAMP_MIN("clamp_min"), CLAMP_MAX("clamp_max"), NEGATE("-"),
    SIN("sin"), COS("cos"), TAN("tan"), ASIN("asin"), ACOS("acos"), ATAN("atan"),
    SINH("sinh"), COSH("cosh"), TANH("tanh"), ASINH("asinh"), ACOSH("acosh"), ATANH("atanh"),
    DEG("deg"), RAD("rad"),
    DAY_OF_MONTH("day_of_month"), DAY_OF_WEEK("day_of_week"), DAY_OF_YEAR("day_of_year"),
    DAYS_IN_MONTH("days_in_month"), HOUR("hour"), MINUTE("minute"), MONTH("month"), YEAR("year"),
    /** {@code timestamp()} of a computed vector: the step's time (planned explicitly, not by name). */
    STEP_TIME("timestamp");

    /**
     * Go's {@code 1/Ln2} and {@code 1/Ln10}, constants Go computes exactly before rounding.
     * {@code ln} is {@link StrictMath#log} (fdlibm), which gives Go's {@code math.Log} bits where
     * {@link Math#log} can be one ulp off, and {@code log10}/{@code log2} are built from it the
     * way Go builds them, so results match Prometheus to the bit.
     */
    private static final double INV_LN2 = 1.442695040888963407359924681001892137426645954152985934135;
    private static final double INV_LN10 = 0.43429448190325182765112891891660508229439700580366656611445378;

    private final String promName;

    MathFunction(String promName) {
        this.promName = promName;
    }

    public String promName() {
        return promName;
    }

    public static MathFunction byName(String name) {
        for (MathFunction f : values()) {
            if (f != STEP_TIME && f.promName.equals(name)) {
                return f;
            }
        }
        return null;
    }

    public boolean isTimeFunction() {
        return ordinal() >= DAY_OF_MONTH.ordinal() && this != STEP_TIME;
    }

    public double apply(double v, double a, double b) {
        return switch (this) {
            case ABS -> Math.abs(v);
            case CEIL -> Math.ceil(v);
            case FLOOR -> Math.floor(v);
            case EXP -> Math.exp(v);
            case LN -> StrictMath.log(v);
            case LOG2 -> log2(v);
            case LOG10 -> StrictMath.log(v) * INV_LN10;
            case SQRT -> Math.sqrt(v);
            case SGN -> v < 0 ? -1 : v > 0 ? 1 : v;
            case ROUND -> {
                double inverse = 1.0 / a;
                yield Math.floor(v * inverse + 0.5) / inverse;
            }
            case CLAMP -> Math.max(a, Math.min(b, v));
            case CLAMP_MIN -> Math.max(a, v);
            case CLAMP_MAX -> Math.min(a, v);
            case NEGATE -> -v;
            case SIN -> Math.sin(v);
            case COS -> Math.cos(v);
            case TAN -> Math.tan(v);
            case ASIN -> Math.asin(v);
            case ACOS -> Math.acos(v);
            case ATAN -> Math.atan(v);
            case SINH -> Math.sinh(v);
            case COSH -> Math.cosh(v);
            case TANH -> Math.tanh(v);
            case ASINH -> Double.isInfinite(v) ? v : Math.log(v + Math.sqrt(v * v + 1));
            case ACOSH -> Math.log(v + Math.sqrt(v * v - 1));
            case ATANH -> 0.5 * Math.log((1 + v) / (1 - v));
            case DEG -> v * 180 / Math.PI;
            case RAD -> v * Math.PI / 180;
            default -> time(v);
        };
    }

    /** Go's {@code math.Log2}: exact for powers of two (via frexp), else {@code ln(frac)/ln 2 + exp}. */
    static double log2(double v) {
        if (v == 0 || Double.isNaN(v) || Double.isInfinite(v)) {
            return StrictMath.log(v) * INV_LN2;
        }
        int exponent = Math.getExponent(v);
        double scaled = v;
        int subnormalShift = 0;
        if (exponent == Double.MIN_EXPONENT - 1) {
            scaled = v * 0x1p52;
            subnormalShift = -52;
            exponent = Math.getExponent(scaled);
        }
        // frexp: v = frac * 2^exp with |frac| in [0.5, 1)
        exponent += 1;
        double frac = Math.scalb(scaled, -exponent);
        exponent += subnormalShift;
        if (frac == 0.5) {
            return exponent - 1;
        }
        return StrictMath.log(frac) * INV_LN2 + exponent;
    }

    private double time(double seconds) {
        if (Double.isNaN(seconds) || Double.isInfinite(seconds)) {
            return Double.NaN;
        }
        ZonedDateTime t = Instant.ofEpochSecond((long) seconds).atZone(ZoneOffset.UTC);
        return switch (this) {
            case DAY_OF_MONTH -> t.getDayOfMonth();
            case DAY_OF_WEEK -> t.getDayOfWeek().getValue() % 7;
            case DAY_OF_YEAR -> t.getDayOfYear();
            case DAYS_IN_MONTH -> t.toLocalDate().lengthOfMonth();
            case HOUR -> t.getHour();
            case MINUTE -> t.getMinute();
            case MONTH -> t.getMonthValue();
            case YEAR -> t.getYear();
            default -> throw new IllegalStateException(name());
        };
    }
}
