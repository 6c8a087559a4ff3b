package org.lodestone.dicom.net;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.TransferSyntax;
import com.pixelmed.network.Association;
import com.pixelmed.network.AssociationFactory;
import com.pixelmed.network.DicomNetworkException;
import com.pixelmed.network.PresentationContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedList;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Opens associations to a {@link DicomNode} as our AE title and turns every way that can fail into a
 * {@link NetworkFailure} with a plain sentence. Every network step runs under a deadline, since PixelMed sockets
 * have no read timeout: a peer that accepts the connection and then says nothing is a timeout, not a hang.
 */
public final class DicomClient {
    public static final String DEFAULT_AE_TITLE = "LODESTONE";
    public static final String VERIFICATION = "1.2.840.10008.1.1";
    private static final Logger log = LoggerFactory.getLogger(DicomClient.class);
    static {
        PixelmedLogging.toSlf4j();
    }

    private final String ourAeTitle;
    private final Duration timeout;

    public DicomClient(String ourAeTitle, Duration timeout) {
        this.ourAeTitle = DicomNode.requireAeTitle(ourAeTitle);
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    public String ourAeTitle() {
        return ourAeTitle;
    }

    /** C-ECHO: returns normally when the node answers; otherwise the failure says why. */
    public void echo(DicomNode node) throws NetworkFailure {
        try (Session s = open(node, java.util.List.of(VERIFICATION))) {
            AttributeList cmd = new AttributeList();
            s.call(() -> {
                Dimse.putUid(cmd, Dimse.AFFECTED_SOP_CLASS, VERIFICATION);
                Dimse.put(cmd, Dimse.COMMAND_FIELD, Dimse.C_ECHO_RQ);
                Dimse.put(cmd, Dimse.MESSAGE_ID, 1);
                Dimse.Response r = Dimse.exchange(s.association, s.contextFor(VERIFICATION), cmd, null);
                if (!r.success()) throw new NetworkFailure(NetworkFailure.Kind.REFUSED,
                        node.name() + " answered the echo with status " + hex(r.status()), null);
                return null;
            });
        }
    }

    /** Opens an association proposing each abstract syntax in explicit and implicit VR little endian. */
    public Session open(DicomNode node, Collection<String> abstractSyntaxes) throws NetworkFailure {
        LinkedList<PresentationContext> contexts = new LinkedList<>();
        byte id = 1;
        for (String as : abstractSyntaxes) {
            LinkedList<String> ts = new LinkedList<>();
            ts.add(TransferSyntax.ExplicitVRLittleEndian);
            ts.add(TransferSyntax.ImplicitVRLittleEndian);
            contexts.add(new PresentationContext(id, as, ts));
            id += 2;
        }
        Association a = deadline(node, () -> (Association) AssociationFactory.createNewAssociation(node.host(), node.port(),
                node.aeTitle(), ourAeTitle, AssociationFactory.getDefaultMaximumLengthReceived(),
                AssociationFactory.getDefaultReceiveBufferSize(), AssociationFactory.getDefaultSendBufferSize(),
                contexts, null, node.tls(), null, null, 0), null);
        return new Session(node, a);
    }

    /** An open association; close releases it (or aborts it if release fails). */
    public final class Session implements AutoCloseable {
        private final DicomNode node;
        final Association association;

        private Session(DicomNode node, Association association) {
            this.node = node;
            this.association = association;
        }

        public Association association() {
            return association;
        }

        /** The accepted presentation context for an abstract syntax, or NOT_SUPPORTED naming it. */
        public byte contextFor(String abstractSyntax) throws NetworkFailure {
            try {
                return association.getSuitablePresentationContextID(abstractSyntax);
            } catch (DicomNetworkException e) {
                throw new NetworkFailure(NetworkFailure.Kind.NOT_SUPPORTED, node.name() + " does not accept "
                        + SopClassNames.describe(abstractSyntax) + " from us (presentation context refused)", e);
            }
        }

        /** Runs one network step on this association under the client's deadline. */
        public <T> T call(NetworkStep<T> step) throws NetworkFailure {
            return deadline(node, step::run, association);
        }

        @Override
        public void close() {
            try {
                deadline(node, () -> {
                    association.release();
                    return null;
                }, association);
            } catch (NetworkFailure e) {
                log.debug("release of association to {} failed: {}", node.address(), e.getMessage());
            }
        }
    }

    /** One step of a DICOM exchange. */
    @FunctionalInterface
    public interface NetworkStep<T> {
        T run() throws Exception;
    }

    private <T> T deadline(DicomNode node, Callable<T> work, Association toAbort) throws NetworkFailure {
        ExecutorService ex = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "dicom-" + node.name());
            t.setDaemon(true);
            return t;
        });
        Future<T> f = ex.submit(work);
        try {
            return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            abortQuietly(toAbort);
            throw new NetworkFailure(NetworkFailure.Kind.TIMEOUT, node.name() + " (" + node.address()
                    + ") did not answer within " + timeout.toSeconds() + " s; check that the DICOM service is running there", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abortQuietly(toAbort);
            throw new NetworkFailure(NetworkFailure.Kind.ABORTED, "interrupted while talking to " + node.name(), e);
        } catch (ExecutionException e) {
            throw classify(node, e.getCause());
        } finally {
            ex.shutdownNow();
        }
    }

    private static void abortQuietly(Association a) {
        if (a == null) return;
        try {
            a.abort();
        } catch (Exception e) {
            log.debug("abort failed", e);
        }
    }

    /** Maps what PixelMed or the socket threw to a failure an operator can act on; the detail goes to the log. */
    static NetworkFailure classify(DicomNode node, Throwable t) {
        if (t instanceof NetworkFailure nf) return nf;
        log.debug("DICOM exchange with {} failed", node.address(), t);
        String where = node.name() + " (" + node.address() + ")";
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof UnknownHostException) {
                return new NetworkFailure(NetworkFailure.Kind.UNREACHABLE, "host unreachable: the name '" + node.host()
                        + "' of " + node.name() + " is not known; check the address with 'pacs list'", t);
            }
            if (c instanceof ConnectException || c instanceof NoRouteToHostException) {
                return new NetworkFailure(NetworkFailure.Kind.UNREACHABLE, "host unreachable: nothing accepts connections at "
                        + node.host() + ":" + node.port() + " (" + node.name() + "); check that the PACS is on and the address is right", t);
            }
            if (c instanceof SocketTimeoutException) {
                return new NetworkFailure(NetworkFailure.Kind.TIMEOUT, where + " did not answer in time", t);
            }
        }
        String msg = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
        if (msg.contains("connection refused") || msg.contains("no route to host")) {
            return new NetworkFailure(NetworkFailure.Kind.UNREACHABLE, "host unreachable: nothing accepts connections at "
                    + node.host() + ":" + node.port() + " (" + node.name() + "); check that the PACS is on and the address is right", t);
        }
        if (msg.contains("reject")) {
            if (msg.contains("called ae") || msg.contains("calling ae")) {
                return new NetworkFailure(NetworkFailure.Kind.AE_TITLE_REFUSED, "AE title refused: " + where
                        + " does not accept " + (msg.contains("calling ae") ? "our AE title" : "the called AE title "
                        + node.aeTitle()) + "; check the AE titles configured on both sides", t);
            }
            return new NetworkFailure(NetworkFailure.Kind.REFUSED, where + " refused the association"
                    + (msg.contains("transient") ? " for now (busy)" : "") + "; it may not know our AE title", t);
        }
        if (msg.contains("abort") || msg.contains("closed") || msg.contains("reset") || msg.contains("broken pipe")
                || t instanceof java.io.EOFException || t instanceof IOException) {
            return new NetworkFailure(NetworkFailure.Kind.ABORTED, "the connection to " + where + " was lost", t);
        }
        if (t instanceof DicomException) {
            return new NetworkFailure(NetworkFailure.Kind.ABORTED, where + " sent something we could not read", t);
        }
        return new NetworkFailure(NetworkFailure.Kind.ABORTED, "the exchange with " + where + " failed", t);
    }

    static String hex(int status) {
        return String.format("0x%04X", status);
    }
}
