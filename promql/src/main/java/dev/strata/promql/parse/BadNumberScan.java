package dev.strata.promql.parse;

import dev.strata.promql.literal.GoQuoting;
import dev.strata.promql.literal.LiteralSyntaxException;
import dev.strata.promql.literal.PromDurations;

/**
 * Re-scans malformed number text the way Prometheus's lexer does, so that the error quotes the same
 * prefix ({@code 100..4} fails as {@code "100.."}) or, when Prometheus would have lexed a duration,
 * reports the duration error instead.
 */
final class BadNumberScan {
    private final String input;
    private int pos;

    private BadNumberScan(String input, int start) {
        this.input = input;
        this.pos = start;
    }

    static String message(String input, int start) {
        BadNumberScan scan = new BadNumberScan(input, start);
        boolean number = scan.scanNumber();
        String text;
        if (!number && scan.acceptRemainingDuration()) {
            text = input.substring(start, scan.pos);
            try {
                PromDurations.parseMillis(text);
            } catch (LiteralSyntaxException e) {
                return e.getMessage();
            }
        }
        text = input.substring(start, Math.min(scan.pos, input.length()));
        return "bad number or duration syntax: " + GoQuoting.quote(text);
    }

    private boolean scanNumber() {
        int initial = pos;
        String digits = "0123456789";
        if (accept("0") && accept("xX")) {
            accept("_");
            digits = "0123456789abcdefABCDEF";
        }
        accept(".");
        accept(digits);
        boolean dotConsumed = false;
        boolean exponentConsumed = false;
        while (is(digits + "._eE")) {
            if (is(".") && dotConsumed) {
                accept(".");
                return false;
            }
            if (is("eE") && exponentConsumed) {
                accept("eE");
                return false;
            }
            if (accept(".")) {
                dotConsumed = true;
                if (accept("_.") || digits.length() > 10) {
                    return false;
                }
                continue;
            }
            if (accept("eE")) {
                exponentConsumed = true;
                accept("+-");
                if (accept("._eE") || pos >= input.length()) {
                    return false;
                }
                continue;
            }
            if (accept("_")) {
                if (accept("._eE") || pos >= input.length()) {
                    return false;
                }
                continue;
            }
            while (accept(digits)) {
                // digit run
            }
        }
        return pos != initial && !isAlphaNumeric(peek());
    }

    private boolean acceptRemainingDuration() {
        if (!accept("smhdwy")) {
            return false;
        }
        accept("s");
        while (accept("0123456789")) {
            while (accept("0123456789")) {
                // digit run
            }
            if (!accept("smhdw")) {
                return false;
            }
            accept("s");
        }
        // Prometheus consumes the following character before checking it
        int next = peek();
        pos++;
        if (!isAlphaNumeric(next)) {
            pos--;
            return true;
        }
        return false;
    }

    private boolean accept(String valid) {
        if (pos < input.length() && valid.indexOf(input.charAt(pos)) >= 0) {
            pos++;
            return true;
        }
        return false;
    }

    private boolean is(String valid) {
        return pos < input.length() && valid.indexOf(input.charAt(pos)) >= 0;
    }

    private int peek() {
        return pos < input.length() ? input.charAt(pos) : -1;
    }

    private static boolean isAlphaNumeric(int c) {
        return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
}
