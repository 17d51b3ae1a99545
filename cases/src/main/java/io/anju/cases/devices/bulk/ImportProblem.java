package io.anju.cases.devices.bulk;

/**
 * One problem of an import, where the user finds it: the 1-based line of the file, the 1-based column of the header
 * (0 when it concerns the whole line, or a column the header lacks) and the column's name (null for the whole line).
 */
public record ImportProblem(int line, int column, String field, String message) {

    public static ImportProblem ofLine(int line, String message) {
        return new ImportProblem(line, 0, null, message);
    }

    /** {@code line 7, column 3 (compound): unknown compound 'c-999'}. */
    @Override
    public String toString() {
        if (column > 0) {
            return "line " + line + ", column " + column + " (" + field + "): " + message;
        }
        return field == null ? "line " + line + ": " + message
                : "line " + line + " (" + field + ", not in the header): " + message;
    }
}
