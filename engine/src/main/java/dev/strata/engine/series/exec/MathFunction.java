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
            case LN -> Math.log(v);
            case LOG2 -> Math.log(v) / Math.log(2);
            case LOG10 -> Math.log10(v);
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
