package dev.strata.promql.literal;

import java.math.BigInteger;
import java.util.Locale;

/**
 * Number literals as Prometheus reads them: first as a Go integer with base prefix (so {@code 0x1f}
 * is hex and, as in Prometheus, {@code 010} is octal 8), then as a float; {@code Inf} and
 * {@code NaN} in any case; digits may be grouped with underscores.
 */
public final class PromNumbers {
    private static final BigInteger MAX_LONG = BigInteger.valueOf(Long.MAX_VALUE);

    private PromNumbers() {}

    public static double parse(String text) throws LiteralSyntaxException {
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.equals("inf") || lower.equals("+inf")) {
            return Double.POSITIVE_INFINITY;
        }
        if (lower.equals("-inf")) {
            return Double.NEGATIVE_INFINITY;
        }
        if (lower.equals("nan")) {
            return Double.NaN;
        }
        String s = text.replace("_", "");
        if (lower.startsWith("0x")) {
            BigInteger value = new BigInteger(s.substring(2), 16);
            if (value.compareTo(MAX_LONG) > 0) {
                // Go's ParseFloat rejects hex mantissas without a 'p' exponent
                throw new LiteralSyntaxException("error parsing number: strconv.ParseFloat: parsing " + GoQuoting.quote(text) + ": invalid syntax");
            }
            return value.doubleValue();
        }
        if (isAllDigits(s)) {
            BigInteger value = null;
            if (s.length() > 1 && s.charAt(0) == '0' && isOctal(s)) {
                value = new BigInteger(s, 8);
            } else if (s.length() == 1 || s.charAt(0) != '0') {
                value = new BigInteger(s);
            }
            if (value != null && value.compareTo(MAX_LONG) <= 0) {
                return value.doubleValue();
            }
        }
        double d;
        try {
            d = Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new LiteralSyntaxException("error parsing number: strconv.ParseFloat: parsing " + GoQuoting.quote(text) + ": invalid syntax");
        }
        if (Double.isInfinite(d)) {
            throw new LiteralSyntaxException("error parsing number: strconv.ParseFloat: parsing " + GoQuoting.quote(text) + ": value out of range");
        }
        return d;
    }

    private static boolean isAllDigits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean isOctal(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > '7') {
                return false;
            }
        }
        return true;
    }

    /** Go's {@code strconv.FormatFloat(v, 'f', -1, 64)}: shortest round-trip digits, no exponent. */
    public static String format(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        if (value == 0) {
            return (Double.doubleToRawLongBits(value) < 0) ? "-0" : "0";
        }
        String plain = new java.math.BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
        return plain;
    }
}
