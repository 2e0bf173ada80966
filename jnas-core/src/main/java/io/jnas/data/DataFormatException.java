package io.jnas.data;

import java.nio.file.Path;

/** A data file that is missing, truncated or corrupt. The message names the file and the fix. */
public final class DataFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public DataFormatException(String message) {
        super(message);
    }

    public DataFormatException(Path file, String problem) {
        super(file + ": " + problem);
    }
}
