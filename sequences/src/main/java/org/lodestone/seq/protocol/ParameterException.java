package org.lodestone.seq.protocol;

/** A parameter value the protocol refuses, with the reason a technician can act on. */
public class ParameterException extends Exception {
    private final String parameter;

    public ParameterException(String parameter, String reason) {
        super(reason);
        this.parameter = parameter;
    }

    /** The parameter at fault, or null when it is the combination. */
    public String parameter() {
        return parameter;
    }
}
