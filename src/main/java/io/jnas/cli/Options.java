package io.jnas.cli;

/** Checks of option values with messages that name the option and the fix. */
final class Options {
    private Options() {
    }

    static void positive(String name, long value) {
        if (value <= 0) {
            throw new UserError(name + " must be a positive number, got " + value);
        }
    }

    static void fraction(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new UserError(name + " must lie in [0, 1], got " + value);
        }
    }
}
