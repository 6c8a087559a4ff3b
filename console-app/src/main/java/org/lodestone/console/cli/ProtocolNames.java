package org.lodestone.console.cli;

import org.lodestone.seq.protocol.Protocol;
import org.lodestone.seq.protocol.ProtocolLibrary;

import java.util.Iterator;

/** The native protocols' names, from the library itself, for --help (${COMPLETION-CANDIDATES}) and shell completion. */
final class ProtocolNames implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
        return ProtocolLibrary.all().stream().map(Protocol::name).iterator();
    }
}
