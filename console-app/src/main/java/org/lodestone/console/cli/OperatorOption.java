package org.lodestone.console.cli;

import picocli.CommandLine.Option;

/** The {@code --operator} option of the commands that act on the unit: who does it, for the records and the audit log. */
final class OperatorOption {
    @Option(names = "--operator", paramLabel = "NAME", defaultValue = "${sys:user.name}",
            description = "Who does this, stored with what it writes and in the audit log (default: the login name).")
    String name;
}
