package dev.mlops.runtime.json;

/** Malformed JSON, with the position of the first problem (line and column count from 1). */
public final class JsonParseException extends IllegalArgumentException {

    private final String problem;
    private final int offset;
    private final int line;
    private final int column;

    JsonParseException(String problem, int offset, int line, int column) {
        super(problem + " at line " + line + ", column " + column);
        this.problem = problem;
        this.offset = offset;
        this.line = line;
        this.column = column;
    }

    /** What is wrong, without the position. */
    public String problem() {
        return problem;
    }

    /** Index of the offending character in the parsed text. */
    public int offset() {
        return offset;
    }

    /** The line of the offending character, 1 for the first. */
    public int line() {
        return line;
    }

    /** The column of the offending character in its line, 1 for the first. */
    public int column() {
        return column;
    }
}
