package org.lodestone.workflow;

/** Bad operator input: the message names the field and what is wrong; nothing was written. */
public final class InvalidInputException extends RuntimeException {
    private final String field;

    public InvalidInputException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
